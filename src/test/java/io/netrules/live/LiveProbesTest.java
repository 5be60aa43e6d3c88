package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.netrules.probe.LoopbackServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.live;
import static io.netrules.live.LiveClusterTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --url} and {@code --service} from the client, recorded in probes/probes.jsonl. The only
 * addresses probed are on 127.0.0.0/8: a server this test starts, and closed ports.
 */
class LiveProbesTest {

    /** A service whose cluster IP and endpoints are loopback addresses: one port served, one closed. */
    static void loopbackService(MockCluster mock, int served, int closed) throws Exception {
        mock.create(MAPPER.readTree("""
                {"apiVersion": "v1", "kind": "Service",
                 "metadata": {"name": "web", "namespace": "probe"},
                 "spec": {"clusterIP": "127.0.0.1", "selector": {"app": "web"},
                          "ports": [{"name": "http", "port": %d, "protocol": "TCP"},
                                    {"name": "other", "port": %d, "protocol": "TCP"},
                                    {"name": "dns", "port": 53, "protocol": "UDP"}]}}
                """.formatted(served, closed)));
        mock.create(MAPPER.readTree("""
                {"apiVersion": "v1", "kind": "Endpoints",
                 "metadata": {"name": "web", "namespace": "probe"},
                 "subsets": [{"addresses": [{"ip": "127.0.0.1"}],
                              "notReadyAddresses": [{"ip": "127.0.0.2"}],
                              "ports": [{"name": "http", "port": %d, "protocol": "TCP"}]}]}
                """.formatted(served)));
    }

    @Test
    void urlAndServiceProbesAreRecordedAsClientProbes(@TempDir Path tmp) throws Exception {
        HttpServer server = LoopbackServers.http(503);
        int port = server.getAddress().getPort();
        int closed = LoopbackServers.closedPort();
        try (MockCluster mock = new MockCluster(tmp)) {
            loopbackService(mock, port, closed);
            Path saved = tmp.resolve("saved");
            String url = "http://localhost:" + port + "/bar";
            LiveClusterTest.Run r = live(mock, "--url", url, "--service", "probe/web", "--save-capture",
                    saved.toString());
            // This mock cluster has no router and no route: the rules say so, from the URL's 503.
            assertEquals(1, r.status(), r.err());
            List<String> ids = new ArrayList<>();
            r.json().get("findings").forEach(f -> ids.add(f.get("id").asText()));
            assertEquals(List.of("NR-RTR-001", "NR-RTR-002"), ids, r.out());
            List<String> lines = Files.readAllLines(saved.resolve("probes/probes.jsonl"));
            assertTrue(lines.get(0).startsWith("{\"from\":\"client\",\"kind\":\"dns\",\"name\":\"localhost\""), lines.get(0));
            assertTrue(lines.contains("{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                    + ",\"result\":\"ok\"}"), lines.toString());
            assertTrue(lines.contains("{\"from\":\"client\",\"kind\":\"http\",\"url\":\"" + url
                    + "\",\"result\":\"ok\",\"status\":503}"), lines.toString());
            List<String> service = lines.subList(lines.size() - 4, lines.size());
            assertEquals(List.of(
                    "{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                            + ",\"service\":\"probe/web\",\"result\":\"ok\"}",
                    "{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + closed
                            + ",\"service\":\"probe/web\",\"result\":\"refused\"}",
                    "{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                            + ",\"endpointOf\":\"probe/web\",\"result\":\"ok\"}",
                    "{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"127.0.0.2\",\"port\":" + port
                            + ",\"endpointOf\":\"probe/web\",\"result\":\"refused\"}"), service,
                    "UDP ports are not connected to");
            JsonNode meta = MAPPER.readTree(saved.resolve("capture.json").toFile());
            assertEquals(url, meta.at("/target/url").asText());

            // The probes are facts of the saved capture like any other: the report reads them back the same.
            LiveClusterTest.Run again = run("diagnose", "--capture", saved.toString(), "--format", "json");
            assertEquals(r.out(), again.out());
            assertFalse(again.out().contains("probes/probes.jsonl\", \"line\""), "no warning on our own lines");
            assertEquals(0, again.json().get("warnings").size(), again.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatDoesNotExistIsExit2(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp)) {
            LiveClusterTest.Run r = live(mock, "--service", "probe/nope");
            assertEquals(2, r.status());
            assertEquals("netrules: --service probe/nope: no such service in the cluster\n", r.err());
            LiveClusterTest.Run form = live(mock, "--service", "just-a-name");
            assertEquals(2, form.status());
            assertEquals("netrules: --service just-a-name: expected NAMESPACE/NAME\n", form.err());
            LiveClusterTest.Run url = live(mock, "--url", "ftp://127.0.0.1/");
            assertEquals(2, url.status());
            assertEquals("netrules: --url ftp://127.0.0.1/: not an http:// or https:// URL\n", url.err());
        }
    }

    @Test
    void aServiceWhoseObjectsWereNotCollectedIsNotProbed(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp)) {
            mock.expect().get().withPath("/api/v1/services?limit=500")
                    .andReturn(403, LiveClusterTest.forbidden("services")).always();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = live(mock, "--service", "probe/web", "--save-capture", saved.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("netrules: --service probe/web not probed: cluster/services.json was not "
                    + "collected\n"), r.err());
            assertFalse(Files.exists(saved.resolve("probes/probes.jsonl")));
        }
    }
}
