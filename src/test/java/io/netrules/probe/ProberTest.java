package io.netrules.probe;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes against servers the test starts on 127.0.0.1, and a closed loopback port; nothing else. */
class ProberTest {
    static Prober prober() {
        return new Prober("client", Duration.ofSeconds(5), "netrules-test");
    }

    @Test
    void aNameIsLookedUpEachAddressConnectedAndOneRequestSent() throws Exception {
        HttpServer server = LoopbackServers.http(503);
        try (Prober p = prober()) {
            int port = server.getAddress().getPort();
            String url = "http://localhost:" + port + "/bar";
            List<ProbeLine> lines = p.url(url);
            ProbeLine dns = lines.get(0);
            assertEquals("{\"from\":\"client\",\"kind\":\"dns\",\"name\":\"localhost\",\"answers\":" , dns.json()
                    .substring(0, dns.json().indexOf("[")));
            assertTrue(dns.answers().contains("127.0.0.1"), dns.json());
            ProbeLine v4 = lines.stream().filter(l -> "tcp".equals(l.kind()) && "127.0.0.1".equals(l.host()))
                    .findFirst().orElseThrow();
            assertEquals("{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                    + ",\"result\":\"ok\"}", v4.json());
            assertEquals(dns.answers().size(), lines.stream().filter(l -> "tcp".equals(l.kind())).count(),
                    "one connect per address: " + lines);
            ProbeLine http = lines.get(lines.size() - 1);
            assertEquals("{\"from\":\"client\",\"kind\":\"http\",\"url\":\"" + url
                    + "\",\"result\":\"ok\",\"status\":503}", http.json());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClosedPortIsRefusedForTcpAndHttp() throws Exception {
        int port = LoopbackServers.closedPort();
        try (Prober p = prober()) {
            List<ProbeLine> lines = p.url("http://127.0.0.1:" + port + "/");
            assertEquals(2, lines.size(), "an address is not looked up: " + lines);
            assertEquals("refused", lines.get(0).result());
            assertEquals("tcp", lines.get(0).kind());
            assertEquals("http", lines.get(1).kind());
            assertEquals("refused", lines.get(1).result());
            assertNull(lines.get(1).status());
        }
    }

    @Test
    void httpsIsAskedWithoutCheckingTheCertificateLikeCurlK(@TempDir Path tmp) throws Exception {
        HttpsServer server = LoopbackServers.https(tmp, 200);
        try (Prober p = prober()) {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            ProbeLine http = p.url(url).get(1);
            assertEquals("ok", http.result(), http.json());
            assertEquals(200, http.status());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRedirectIsReportedNotFollowed() throws Exception {
        HttpServer server = LoopbackServers.http(302);
        try (Prober p = prober()) {
            ProbeLine http = p.url("http://127.0.0.1:" + server.getAddress().getPort() + "/").get(1);
            assertEquals(302, http.status());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onlyHttpAndHttpsUrlsAreTaken() {
        assertThrows(IllegalArgumentException.class, () -> Prober.checkUrl("ftp://127.0.0.1/"));
        assertThrows(IllegalArgumentException.class, () -> Prober.checkUrl("not a url"));
        assertThrows(IllegalArgumentException.class, () -> Prober.checkUrl("http:///path"));
    }
}
