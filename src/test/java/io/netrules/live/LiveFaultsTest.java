package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.SAMPLE;
import static io.netrules.live.LiveClusterTest.live;
import static io.netrules.live.LiveClusterTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An API server that fails part of the way: a 500 on one kind, every kind forbidden, one kind
 * answered only after the per-call time limit, a connection closed in the middle of a
 * response. Each gives a report of what could be read, with the reason for what could not in
 * notCollected and on stderr; exit 3 only when nothing at all could be collected.
 */
class LiveFaultsTest {

    static String serverError() {
        return MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", "InternalError").put("code", 500)
                .put("message", "Internal error occurred: etcdserver: request timed out").toString();
    }

    /** Which rules are not evaluated, and why, in the --explain report of a saved capture. */
    static Set<String> notEvaluatedFor(JsonNode report, String reasonPart) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode n : report.path("notEvaluated")) {
            if (n.path("reason").asText().contains(reasonPart)) {
                ids.add(n.path("id").asText());
            }
        }
        return ids;
    }

    @Test
    void aServerErrorOnOneKindLeavesItOutWithTheServersMessage(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.expect().get().withPath("/api/v1/pods?limit=500").andReturn(500, serverError()).always();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = live(mock, "--node-captures", SAMPLE.toString(), "--save-capture",
                    saved.toString(), "--explain");
            assertEquals(0, r.status(), r.err());
            assertEquals("netrules: cluster/pods.json not collected: HTTP 500: Internal error occurred: etcdserver: "
                    + "request timed out\n", r.err());
            assertFalse(Files.exists(saved.resolve("cluster/pods.json")));
            assertTrue(Files.exists(saved.resolve("cluster/services.json")));
            // NR-SVC-001 (the sample's finding) needs pods: not evaluated, with the server's reason.
            assertEquals(0, r.json().get("findings").size(), r.out());
            assertTrue(notEvaluatedFor(r.json(), "cluster/pods.json: not collected: HTTP 500").contains("NR-SVC-001"),
                    r.json().get("notEvaluated").toString());
            JsonNode entry = MAPPER.readTree(saved.resolve("capture.json").toFile()).get("notCollected").get(0);
            assertEquals("cluster/pods.json", entry.get("what").asText());
        }
    }

    @Test
    void everyKindForbiddenIsExit3WithoutNodeCapturesAndAPartialReportWithThem(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            for (ClusterKind k : ClusterKind.ALL) {
                String path = (k.group().isEmpty() ? "/api/v1/" : "/apis/" + k.apiVersion() + "/") + k.plural()
                        + "?limit=500";
                mock.expect().get().withPath(path).andReturn(403, LiveClusterTest.forbidden(k.resource())).always();
            }
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run nothing = live(mock, "--save-capture", saved.toString());
            assertEquals(3, nothing.status(), nothing.err());
            assertEquals(1, nothing.err().lines().count(), nothing.err());
            assertTrue(nothing.err().startsWith("netrules: nothing could be read from the API server "), nothing.err());
            assertTrue(nothing.err().contains("forbidden (403)"), nothing.err());
            assertEquals("", nothing.out());
            assertFalse(Files.exists(saved), "no half capture is left behind");

            LiveClusterTest.Run partial = live(mock, "--node-captures", SAMPLE.toString(), "--save-capture",
                    saved.toString(), "--explain");
            assertEquals(0, partial.status(), partial.err());
            assertTrue(partial.err().startsWith("netrules: nothing could be read from the API server "),
                    partial.err());
            assertTrue(partial.err().contains("the report is from --node-captures alone"), partial.err());
            Set<String> what = new TreeSet<>();
            MAPPER.readTree(saved.resolve("capture.json").toFile()).get("notCollected")
                    .forEach(n -> what.add(n.get("what").asText()));
            Set<String> every = new TreeSet<>();
            ClusterKind.ALL.forEach(k -> every.add(k.fileName()));
            assertEquals(every, what);
            // Node rules that need no cluster object still ran on the node captures.
            Set<String> evaluatedOnNodes = new TreeSet<>();
            Set<String> notEvaluatedOnNode1 = new TreeSet<>();
            for (JsonNode n : partial.json().get("notEvaluated")) {
                if ("node-1".equals(n.path("node").asText())) {
                    notEvaluatedOnNode1.add(n.path("id").asText());
                }
            }
            for (var id : List.of("NR-LOCAL-001")) {
                if (!notEvaluatedOnNode1.contains(id)) {
                    evaluatedOnNodes.add(id);
                }
            }
            assertEquals(Set.of("NR-LOCAL-001"), evaluatedOnNodes, "ip_forward needs only sysctl");
            assertTrue(notEvaluatedOnNode1.contains("NR-OVS-005"), "needs the HostSubnets");
        }
    }

    @Test
    @Timeout(120)
    void aKindAnsweredAfterTheTimeLimitIsLeftOutAndTheOthersAreRead(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            String empty = "{\"apiVersion\":\"network.openshift.io/v1\",\"kind\":\"HostSubnetList\",\"metadata\":{},"
                    + "\"items\":[]}";
            mock.expect().get().delay(20, TimeUnit.SECONDS).withPath("/apis/network.openshift.io/v1/hostsubnets?limit=500")
                    .andReturn(200, empty).always();
            Path saved = tmp.resolve("saved");
            long start = System.nanoTime();
            LiveClusterTest.Run r = live(mock, "--node-captures", SAMPLE.toString(), "--save-capture",
                    saved.toString(), "--api-timeout", "3s");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(1, r.status(), r.err());
            assertEquals("netrules: cluster/hostsubnets.json not collected: no answer within 3 s\n", r.err());
            assertTrue(seconds < 20, "did not wait for the slow answer: " + seconds + " s");
            assertFalse(Files.exists(saved.resolve("cluster/hostsubnets.json")));
            assertTrue(Files.exists(saved.resolve("cluster/pods.json")));
            assertEquals("NR-SVC-001", r.json().get("findings").get(0).get("id").asText(), "the others were read");
        }
    }

    @Test
    @Timeout(120)
    void aConnectionClosedMidResponseLeavesThatKindOutAndNoHalfFile(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE);
             CuttingProxy proxy = new CuttingProxy(Integer.parseInt(mock.url().replaceFirst(".*:", "")),
                     path -> path.startsWith("/api/v1/endpoints"))) {
            Path kubeconfig = LiveClusterTest.kubeconfig(tmp, proxy.url());
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = run("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString(), "--format",
                    "json", "--node-captures", SAMPLE.toString(), "--save-capture", saved.toString(), "--explain",
                    "--api-timeout", "10s");
            assertFalse(proxy.cutPaths().isEmpty(), "the proxy cut the endpoints list");
            assertEquals(0, r.status(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netrules: cluster/endpoints.json not collected: the connection was closed "
                    + "before the whole answer came ("), r.err());
            assertFalse(Files.exists(saved.resolve("cluster/endpoints.json")), "no half list is kept");
            try (var files = Files.list(saved.resolve("cluster"))) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))
                        .toList());
            }
            assertTrue(Files.exists(saved.resolve("cluster/pods.json")), "the other kinds went through the proxy");
            assertTrue(notEvaluatedFor(r.json(), "cluster/endpoints.json: not collected").contains("NR-SVC-001"),
                    r.out());
        }
    }
}
