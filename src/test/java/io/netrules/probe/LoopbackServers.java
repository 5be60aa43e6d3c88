package io.netrules.probe;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Servers tests probe: on 127.0.0.1 only, started and stopped by the test. */
public final class LoopbackServers {
    private LoopbackServers() {
    }

    public static InetAddress loopback() throws IOException {
        return InetAddress.getByName("127.0.0.1");
    }

    /** An HTTP server on 127.0.0.1 that answers every path with this status. */
    public static HttpServer http(int status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(loopback(), 0), 10);
        s.createContext("/", ex -> {
            if (status / 100 == 3) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    /** An HTTPS server on 127.0.0.1 with a self-signed certificate made for the test (no one trusts it). */
    public static HttpsServer https(Path tmp, int status) throws Exception {
        Path ks = tmp.resolve("selfsigned.p12");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=netrules-test", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(loopback(), 0), 10);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    /** A port on 127.0.0.1 that nothing listens on: a connect there is refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
            return s.getLocalPort();
        }
    }
}
