package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.TestPaths;
import io.netrules.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --cluster} against a fabric8 mock API server (CRUD mode, 127.0.0.1 only) loaded
 * with a sample's cluster objects: the same findings as the sample capture, the API failures
 * recorded as "not collected" and their rules "not evaluated", an unreachable server exit 3.
 */
class LiveClusterTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path SAMPLE = TestPaths.sample("broken-service-endpoints");

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        Cli r = Cli.run(args);
        return new Run(r.status(), r.out(), r.err());
    }

    static Run live(MockCluster mock, String... more) {
        List<String> args = new ArrayList<>(List.of("diagnose", "--cluster", "--kubeconfig",
                mock.kubeconfig().toString(), "--format", "json"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** The report with the line numbers of cluster/ evidence taken out: the mock adds metadata, which moves lines. */
    static JsonNode withoutClusterLines(JsonNode report) {
        JsonNode copy = report.deepCopy();
        for (JsonNode f : copy.path("findings")) {
            for (JsonNode e : f.path("evidence")) {
                if (e.path("source").asText().startsWith("cluster/")) {
                    ((ObjectNode) e).remove("line");
                }
            }
        }
        return copy;
    }

    static String forbidden(String resource) {
        return MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", "Forbidden").put("code", 403)
                .put("message", resource + " is forbidden: User \"tester\" cannot list " + resource
                        + " at the cluster scope").toString();
    }

    static String notFound() {
        return MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", "NotFound").put("code", 404).put("message", "the server could not find the requested resource")
                .toString();
    }

    @Test
    void theSampleClusterLoadedInTheMockGivesTheSameReportAsItsCapture(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            Run live = live(mock, "--node-captures", SAMPLE.toString());
            // The sample's probes/ are the client's own: a live run without --url/--service has none.
            Path withoutProbes = tmp.resolve("sample-without-probes");
            LiveCapture.copyTree(SAMPLE, withoutProbes);
            LiveCapture.deleteTree(withoutProbes.resolve("probes"));
            Run capture = run("diagnose", "--capture", withoutProbes.toString(), "--format", "json");
            assertEquals(1, live.status(), live.err());
            assertEquals("", live.err());
            JsonNode findings = live.json().get("findings");
            assertEquals(1, findings.size(), live.out());
            assertEquals("NR-SVC-001", findings.get(0).get("id").asText());
            assertEquals("service/myproj/web", findings.get(0).get("subject").asText());
            assertEquals(withoutClusterLines(capture.json()), withoutClusterLines(live.json()));
        }
    }

    @Test
    void onlyListRequestsReachTheServer(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.markSetupDone();
            Run live = live(mock);
            assertEquals(1, live.status(), live.err());
            List<String> requests = mock.requests();
            Set<String> paths = new TreeSet<>();
            for (String r : requests) {
                assertTrue(r.startsWith("GET "), "only reads: " + requests);
                paths.add(r.substring(4).replaceFirst("\\?.*", ""));
            }
            assertEquals(Set.of("/api/v1/nodes", "/api/v1/pods", "/api/v1/services", "/api/v1/endpoints",
                    "/apis/network.openshift.io/v1/hostsubnets", "/apis/network.openshift.io/v1/netnamespaces",
                    "/apis/network.openshift.io/v1/clusternetworks", "/apis/route.openshift.io/v1/routes",
                    "/apis/config.openshift.io/v1/networks"), paths);
        }
    }

    @Test
    void aForbiddenKindIsNotCollectedAndItsRulesAreNotEvaluated(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.expect().get().withPath("/apis/network.openshift.io/v1/hostsubnets?limit=500")
                    .andReturn(403, forbidden("hostsubnets.network.openshift.io")).always();
            Path saved = tmp.resolve("saved");
            Run live = live(mock, "--node-captures", SAMPLE.toString(), "--save-capture", saved.toString());
            assertEquals(1, live.status(), live.err());
            assertEquals("netrules: cluster/hostsubnets.json not collected: forbidden (403): needs \"list\" on "
                    + "hostsubnets.network.openshift.io (cluster-scoped)\n", live.err());

            JsonNode meta = MAPPER.readTree(saved.resolve("capture.json").toFile());
            assertEquals("netrules-capture/1", meta.get("format").asText());
            JsonNode entry = meta.get("notCollected").get(0);
            assertEquals("cluster/hostsubnets.json", entry.get("what").asText());
            assertTrue(entry.get("why").asText().contains("\"list\" on hostsubnets.network.openshift.io"), entry.toString());
            assertFalse(entry.has("node"));
            assertFalse(Files.exists(saved.resolve("cluster/hostsubnets.json")));
            assertTrue(Files.exists(saved.resolve("cluster/nodes.json")), "the other kinds go on");

            // NR-OVS-005 needs the flows and the HostSubnets: every node has flows, none has HostSubnets.
            Set<String> ovs005 = new TreeSet<>();
            for (JsonNode n : live.json().get("notEvaluated")) {
                if (n.get("id").asText().equals("NR-OVS-005")) {
                    assertEquals("cluster/hostsubnets.json", n.get("missing").asText());
                    ovs005.add(n.get("node").asText());
                }
            }
            assertEquals(Set.of("node-1", "node-2", "node-3"), ovs005);
            assertEquals("NR-SVC-001", live.json().get("findings").get(0).get("id").asText(),
                    "rules that do not need HostSubnets still fire");

            Run explained = run("diagnose", "--capture", saved.toString(), "--format", "json", "--explain");
            boolean reasonShown = false;
            for (JsonNode n : explained.json().get("notEvaluated")) {
                if (n.get("id").asText().equals("NR-OVS-005")) {
                    assertTrue(n.get("reason").asText().contains("forbidden (403): needs \"list\" on "
                            + "hostsubnets.network.openshift.io"), n.toString());
                    reasonShown = true;
                }
            }
            assertTrue(reasonShown);
        }
    }

    @Test
    void aPlainKubernetesClusterWithoutTheOpenShiftApisIsNotAnError(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp)) {
            for (String p : List.of("network.openshift.io/v1/hostsubnets", "network.openshift.io/v1/netnamespaces",
                    "network.openshift.io/v1/clusternetworks", "route.openshift.io/v1/routes")) {
                mock.expect().get().withPath("/apis/" + p + "?limit=500").andReturn(404, notFound()).always();
            }
            for (JsonNode item : MAPPER.readTree(SAMPLE.resolve("cluster/nodes.json").toFile()).get("items")) {
                mock.create(item);
            }
            Path saved = tmp.resolve("saved");
            Run live = live(mock, "--save-capture", saved.toString());
            assertEquals(0, live.status(), live.err());
            assertTrue(live.err().contains("netrules: cluster/hostsubnets.json not collected: the API server does not "
                    + "serve network.openshift.io/v1 hostsubnets (not OpenShift, or not openshift-sdn)"), live.err());
            assertTrue(live.err().contains("cluster/routes.json not collected: the API server does not serve "
                    + "route.openshift.io/v1 routes"), live.err());
            Set<String> what = new TreeSet<>();
            MAPPER.readTree(saved.resolve("capture.json").toFile()).get("notCollected")
                    .forEach(n -> what.add(n.get("what").asText()));
            assertEquals(Set.of("cluster/hostsubnets.json", "cluster/netnamespaces.json",
                    "cluster/clusternetworks.json", "cluster/routes.json"), what);
            Set<String> notEvaluated = new TreeSet<>();
            for (JsonNode n : live.json().get("notEvaluated")) {
                notEvaluated.add(n.get("id").asText());
            }
            assertTrue(notEvaluated.contains("NR-NODE-002"), "needs nodes and hostsubnets: " + notEvaluated);
            assertEquals(0, live.json().get("findings").size(), live.out());
        }
    }

    @Test
    void theSavedCaptureGivesTheSameReportAsTheLiveRun(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            Path saved = tmp.resolve("saved");
            Run withSave = live(mock, "--node-captures", SAMPLE.toString(), "--save-capture", saved.toString());
            Run withoutSave = live(mock, "--node-captures", SAMPLE.toString());
            Run fromSaved = run("diagnose", "--capture", saved.toString(), "--format", "json");
            assertEquals(1, withSave.status(), withSave.err());
            assertEquals(withSave.out(), fromSaved.out());
            assertEquals(withSave.out(), withoutSave.out());
            assertEquals(withSave.status(), fromSaved.status());
            for (String kind : List.of("nodes", "hostsubnets", "netnamespaces", "clusternetworks", "pods", "services",
                    "endpoints", "routes")) {
                assertTrue(Files.isRegularFile(saved.resolve("cluster/" + kind + ".json")), kind);
            }
            assertTrue(Files.isRegularFile(saved.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")));
            assertFalse(Files.isSymbolicLink(saved.resolve("nodes/node-2")), "a saved capture holds copies");
        }
    }

    @Test
    void anUnreachableApiServerIsExit3WithOneLine(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path kubeconfig = kubeconfig(tmp, "http://127.0.0.1:" + port);
        Path saved = tmp.resolve("saved");
        Run r = run("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString(), "--save-capture", saved.toString());
        assertEquals(3, r.status(), r.err());
        assertEquals("netrules: cannot reach the API server http://127.0.0.1:" + port + "/: connection refused\n",
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(saved), "no half capture is left behind");
    }

    @Test
    @Timeout(120)
    void anApiServerThatNeverAnswersTimesOut(@TempDir Path tmp) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path kubeconfig = kubeconfig(tmp, "http://127.0.0.1:" + silent.getLocalPort());
            Run r = run("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString(), "--api-timeout", "1s");
            assertEquals(3, r.status(), r.err());
            assertEquals("netrules: cannot reach the API server http://127.0.0.1:" + silent.getLocalPort()
                    + "/: no answer within 1 s\n", r.err());
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void badConnectionOptionsAreExit2WithOneLine(@TempDir Path tmp) throws Exception {
        Run missing = run("diagnose", "--cluster", "--kubeconfig", tmp.resolve("nope").toString());
        assertEquals(2, missing.status());
        assertEquals("netrules: " + tmp.resolve("nope") + ": kubeconfig file does not exist\n", missing.err());

        Path kubeconfig = kubeconfig(tmp, "http://127.0.0.1:1");
        Run context = run("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString(), "--context", "elsewhere");
        assertEquals(2, context.status());
        assertEquals(1, context.err().lines().count(), context.err());
        assertTrue(context.err().contains("no context named elsewhere"), context.err());

        Run both = run("diagnose", "--cluster", "--capture", tmp.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().startsWith("netrules: give either --capture DIR or --cluster"), both.err());

        Run liveOnly = run("diagnose", "--capture", tmp.toString(), "--save-capture", tmp.resolve("s").toString());
        assertEquals(2, liveOnly.status());
        assertTrue(liveOnly.err().startsWith("netrules: --save-capture need --cluster"), liveOnly.err());
    }

    @Test
    void saveCaptureRefusesAFolderThatIsNotEmpty(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            Path saved = Files.createDirectories(tmp.resolve("saved"));
            Files.writeString(saved.resolve("mine.txt"), "keep me");
            mock.markSetupDone();
            Run r = live(mock, "--save-capture", saved.toString());
            assertEquals(2, r.status());
            assertEquals("netrules: " + saved + ": --save-capture folder is not empty (netrules writes a whole "
                    + "capture there)\n", r.err());
            assertEquals("keep me", Files.readString(saved.resolve("mine.txt")));
            assertEquals(List.of(), mock.requests(), "nothing asked of the cluster");
        }
    }

    @Test
    void namespaceLimitsTheNamespacedKindsAndNamesItInTheMissingPermission(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.expect().get().withPath("/api/v1/namespaces/myproj/endpoints?limit=500")
                    .andReturn(403, forbidden("endpoints")).always();
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            Run r = live(mock, "--namespace", "myproj", "--save-capture", saved.toString());
            assertEquals("netrules: cluster/endpoints.json not collected: forbidden (403): needs \"list\" on endpoints "
                    + "in namespace myproj\n", r.err());
            for (JsonNode pod : MAPPER.readTree(saved.resolve("cluster/pods.json").toFile()).get("items")) {
                assertEquals("myproj", pod.at("/metadata/namespace").asText());
            }
            assertTrue(mock.requests().contains("GET /api/v1/namespaces/myproj/pods?limit=500"));
        }
    }

    static Path kubeconfig(Path tmp, String server) throws Exception {
        Path f = tmp.resolve("kubeconfig-" + Math.abs(server.hashCode()));
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                contexts:
                - name: c
                  context:
                    cluster: c
                    user: u
                current-context: c
                users:
                - name: u
                  user:
                    token: t
                """.formatted(server));
        return f;
    }

}
