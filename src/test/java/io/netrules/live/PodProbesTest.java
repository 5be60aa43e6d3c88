package io.netrules.live;

import com.sun.net.httpserver.HttpServer;
import io.netrules.cli.Cli;
import io.netrules.probe.LoopbackServers;
import io.netrules.probe.TcpTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netrules probe}, and the command live mode execs in a collector pod to run it, here run
 * with sh against a server on 127.0.0.1 and a closed loopback port (nothing else is probed).
 */
class PodProbesTest {

    static String[] cli(String... args) {
        Cli r = Cli.run(args);
        return new String[] {String.valueOf(r.status()), r.out(), r.err()};
    }

    @Test
    void probePrintsProbesJsonlLines() throws Exception {
        HttpServer server = LoopbackServers.http(200);
        int port = server.getAddress().getPort();
        int closed = LoopbackServers.closedPort();
        try {
            String[] r = cli("probe", "--from", "node/node-1", "--timeout", "5s", "--tcp",
                    "127.0.0.1:" + port + ",service=probe/web", "--tcp", "127.0.0.1:" + closed + ",endpointOf=probe/web");
            assertEquals("0", r[0], r[2]);
            assertEquals("{\"from\":\"node/node-1\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                    + ",\"service\":\"probe/web\",\"result\":\"ok\"}\n"
                    + "{\"from\":\"node/node-1\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + closed
                    + ",\"endpointOf\":\"probe/web\",\"result\":\"refused\"}\n", r[1]);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void probeRefusesWhatItCannotProbe() {
        for (String[] args : List.of(new String[] {"probe"}, new String[] {"probe", "--tcp", "nope"},
                new String[] {"probe", "--tcp", "127.0.0.1:99999"}, new String[] {"probe", "--url", "ftp://127.0.0.1/"},
                new String[] {"probe", "--from", "elsewhere", "--tcp", "127.0.0.1:1"})) {
            String[] r = cli(args);
            assertEquals("2", r[0], String.join(" ", args));
            assertTrue(r[2].startsWith("netrules: "), r[2]);
        }
    }

    @Test
    void thePodCommandRunsProbeAndItsLinesAreKept(@TempDir Path tmp) throws Exception {
        HttpServer server = LoopbackServers.http(200);
        int port = server.getAddress().getPort();
        Path shim = tmp.resolve("netrules");
        Files.writeString(shim, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' io.netrules.cli.Main \"$@\"\n");
        assertTrue(shim.toFile().setExecutable(true));
        NodeExec local = (ns, pod, container, command, stdout, timeout) -> {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("NETRULES", shim.toString());
            pb.redirectError(tmp.resolve("stderr").toFile());
            Process p = pb.start();
            p.getInputStream().transferTo(stdout);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TimeoutException();
            }
            return new NodeExec.Result(p.exitValue(), Files.readString(tmp.resolve("stderr")));
        };
        try {
            StringWriter err = new StringWriter();
            List<String> lines = PodProbes.run(local, "netrules", new TreeMap<>(Map.of("node-1", "pod-1",
                    "node-2", "pod-2")), "probe/web", List.of(new TcpTarget("127.0.0.1", port, "probe/web", null)),
                    Duration.ofSeconds(5), new PrintWriter(err, true));
            assertEquals(List.of("{\"from\":\"node/node-1\",\"kind\":\"tcp\",\"host\":\"127.0.0.1\",\"port\":" + port
                    + ",\"service\":\"probe/web\",\"result\":\"ok\"}"), lines, err.toString());
            assertEquals("", err.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutACollectorPodTheServiceIsNotProbed() {
        StringWriter err = new StringWriter();
        List<String> lines = PodProbes.run((a, b, c, d, e, f) -> {
            throw new AssertionError("no exec without a pod");
        }, "netrules", Map.of(), "probe/web", List.of(new TcpTarget("127.0.0.1", 1, "probe/web", null)),
                Duration.ofSeconds(1), new PrintWriter(err, true));
        assertEquals(List.of(), lines);
        assertEquals("netrules: --service probe/web not probed: no ready netrules-collector pod to probe from\n",
                err.toString());
    }
}
