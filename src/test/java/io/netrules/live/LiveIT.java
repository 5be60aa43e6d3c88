package io.netrules.live;

import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, in its own process, against the mock API server on 127.0.0.1, as an admin runs it. */
class LiveIT {
    record Run(int status, String out, String err) {
    }

    static Run jar(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/netrules.jar"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("netrules-out", ".txt");
        Path err = Files.createTempFile("netrules-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestPaths.project().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("KUBECONFIG");
            Process p = pb.start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "netrules did not finish: " + cmd);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theAdminsCommandReportsTheBrokenServiceFromTheLiveObjects(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(LiveClusterTest.SAMPLE)) {
            mock.markSetupDone();
            Run r = jar("diagnose", "--cluster", "--kubeconfig", mock.kubeconfig().toString(), "--node-captures",
                    "facts-samples/broken-service-endpoints");
            assertEquals(1, r.status(), r.err());
            assertTrue(r.out().startsWith("netrules diagnosis of " + mock.url() + "/ (context mock)\n"), r.out());
            assertTrue(r.out().contains("ERROR NR-SVC-001  service/myproj/web"), r.out());
            assertTrue(r.out().contains("cluster/endpoints.json:"), "evidence names the listed file:\n" + r.out());
            assertEquals("", r.err(), "nothing on stderr, no library logging");
            assertTrue(mock.requests().stream().allMatch(q -> q.startsWith("GET ")));
        }
    }

    @Test
    void anUnreachableServerIsOneLineAndExit3(@TempDir Path tmp) throws Exception {
        int port = io.netrules.probe.LoopbackServers.closedPort();
        Path kubeconfig = LiveClusterTest.kubeconfig(tmp, "https://127.0.0.1:" + port);
        Run r = jar("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString());
        assertEquals(3, r.status(), r.err());
        assertEquals("netrules: cannot reach the API server https://127.0.0.1:" + port + "/: connection refused\n",
                r.err());
        assertEquals("", r.out());
    }
}
