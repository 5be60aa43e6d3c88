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
        return jar(java.util.Map.of(), args);
    }

    /** Runs the jar with these environment variables set, and KUBECONFIG unset unless given. */
    static Run jar(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/netrules.jar"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("netrules-out", ".txt");
        Path err = Files.createTempFile("netrules-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestPaths.project().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("KUBECONFIG");
            pb.environment().putAll(env);
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

    /** Without --kubeconfig, the kubeconfig is found as oc finds it: KUBECONFIG, else ~/.kube/config. */
    @Test
    void theKubeconfigIsFoundAsOcFindsItAndContextPicksTheCluster(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(LiveClusterTest.SAMPLE)) {
            int closed = io.netrules.probe.LoopbackServers.closedPort();
            // Two contexts: the current one points at a closed port, "mock" at the mock server.
            String two = """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - {name: dead, cluster: {server: "http://127.0.0.1:%d"}}
                    - {name: mock, cluster: {server: "%s"}}
                    contexts:
                    - {name: dead, context: {cluster: dead, user: u}}
                    - {name: mock, context: {cluster: mock, user: u}}
                    current-context: dead
                    users:
                    - {name: u, user: {token: t}}
                    """.formatted(closed, mock.url());
            Path viaEnv = tmp.resolve("env-kubeconfig");
            Files.writeString(viaEnv, two);
            Run env = jar(java.util.Map.of("KUBECONFIG", viaEnv.toString(), "HOME", tmp.toString()),
                    "diagnose", "--cluster", "--context", "mock", "--format", "json");
            assertEquals(1, env.status(), env.err());
            assertTrue(env.out().contains("\"NR-SVC-001\""), env.out());

            Path home = tmp.resolve("home");
            Files.createDirectories(home.resolve(".kube"));
            Files.writeString(home.resolve(".kube/config"), two);
            Run current = jar(java.util.Map.of("HOME", home.toString()), "diagnose", "--cluster");
            assertEquals(3, current.status(), current.err());
            assertEquals("netrules: cannot reach the API server http://127.0.0.1:" + closed
                    + "/: connection refused\n", current.err(), "the current context of ~/.kube/config is used");
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
