package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.SAMPLE;
import static io.netrules.live.LiveClusterTest.live;
import static io.netrules.live.LiveClusterTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --cluster --exec-collect} through fabric8's exec against the mock server: the
 * mock answers the exec of node-1's and node-3's collector pods with what a pod sends (the
 * sample node folder as tar on stdout, then exit status 0); node-2 has no collector pod. The
 * report comes out with node-1 and node-3 evaluated and node-2 not collected, and only GETs
 * reached the server.
 */
class ExecCollectMockTest {

    static String collectorPod(String node) {
        return """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "netrules-collector-%1$s", "namespace": "netrules",
                              "labels": {"app": "netrules-collector"}},
                 "spec": {"nodeName": "%1$s", "hostNetwork": true,
                          "containers": [{"name": "collector", "image": "netrules:0.1.0"}]},
                 "status": {"phase": "Running",
                            "conditions": [{"type": "Ready", "status": "True"}]}}
                """.formatted(node);
    }

    /** The exec URL fabric8 asks for: one command= per argument, then the container and the streams. */
    static String execPath(String pod, List<String> command) {
        StringBuilder p = new StringBuilder("/api/v1/namespaces/netrules/pods/" + pod + "/exec?");
        for (String arg : command) {
            p.append("command=").append(URLEncoder.encode(arg, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
        }
        return p + "container=collector&stdout=true&stderr=true";
    }

    @Test
    void eachCollectorPodIsExecdAndANodeWithoutOneIsNotCollected(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.create(MAPPER.readTree(collectorPod("node-1")));
            mock.create(MAPPER.readTree(collectorPod("node-3")));
            Map<String, String> addresses = new TreeMap<>(Map.of("node-1", "10.0.0.1", "node-2", "10.0.0.2",
                    "node-3", "10.0.0.3"));
            ExecCollector plan = new ExecCollector(null, "netrules", 8, Duration.ofMinutes(3), Duration.ofSeconds(30),
                    null);
            for (String node : List.of("node-1", "node-3")) {
                Path podOut = tmp.resolve("pod-" + node);
                LiveCapture.copyTree(SAMPLE.resolve("nodes/" + node), podOut.resolve("nodes/" + node));
                byte[] tar = TarReaderTest.tar(podOut);
                                List<String> command = plan.command(new ExecCollector.Target(node, "netrules-collector-" + node,
                        ExecCollector.peers(node, addresses)));
                mock.expect().get().withPath(execPath("netrules-collector-" + node, command))
                        .andUpgradeToWebSocket().open(ExecReply.frame(1, tar),
                                ExecReply.status(0)).done().always();
            }
            // --service: the probes run in node-1's collector pod (the first by name); the mock answers with
            // what `netrules probe` prints there. Nothing is connected to from this machine.
            java.io.StringWriter none = new java.io.StringWriter();
            List<io.netrules.probe.TcpTarget> targets = ServiceProbes.targets(SAMPLE, "myproj/web",
                    new java.io.PrintWriter(none));
            StringBuilder printed = new StringBuilder();
            for (io.netrules.probe.TcpTarget t : targets) {
                printed.append("{\"from\":\"node/node-1\",\"kind\":\"tcp\",\"host\":\"").append(t.host())
                        .append("\",\"port\":").append(t.port()).append(t.service() != null
                                ? ",\"service\":\"myproj/web\"" : ",\"endpointOf\":\"myproj/web\"")
                        .append(",\"result\":\"timeout\"}\n");
            }
            mock.expect().get().withPath(execPath("netrules-collector-node-1",
                            PodProbes.command("node-1", Duration.ofSeconds(5), targets)))
                    .andUpgradeToWebSocket().open(ExecReply.frame(1,
                            printed.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), ExecReply.status(0)).done().always();
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s", "--explain", "--service", "myproj/web");
            List<String> requests = mock.requests();
            assertEquals(1, r.status(), r.err() + requests);
            assertEquals("netrules: node node-2 not collected: no ready netrules-collector pod on this node in "
                    + "namespace netrules (is the DaemonSet of docs/deploy/ deployed, and scheduled there?)\n", r.err());
            assertEquals(Files.readString(SAMPLE.resolve("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")),
                    Files.readString(saved.resolve("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")));
            assertTrue(Files.isDirectory(saved.resolve("nodes/node-1")));
            assertEquals(4, targets.size(), "the service's cluster IP and its three endpoints: " + targets);
            assertEquals(printed.toString(), Files.readString(saved.resolve("probes/probes.jsonl")));
            assertTrue(!Files.exists(saved.resolve("nodes/node-2")));

            for (JsonNode n : r.json().get("notEvaluated")) {
                String node = n.path("node").asText();
                assertTrue(node.equals("node-2") || n.get("id").asText().startsWith("NR-"), n.toString());
                if (n.get("id").asText().equals("NR-OVS-005")) {
                    assertEquals("node-2", node, "node-1 and node-3 were collected: " + n);
                    assertTrue(n.get("reason").asText().contains("no ready netrules-collector pod"), n.toString());
                }
            }
            for (String req : requests) {
                assertTrue(req.startsWith("GET "), "only reads and execs (a WebSocket GET): " + requests);
            }
            assertTrue(requests.contains("GET /api/v1/namespaces/netrules/pods?labelSelector=app%3Dnetrules-collector"),
                    requests.toString());
            assertTrue(requests.stream().anyMatch(q -> q.startsWith("GET /api/v1/namespaces/netrules/pods/"
                    + "netrules-collector-node-3/exec?")), requests.toString());

            // What the shipped RBAC grants is exactly what these requests needed (every kind listed, exec).
            io.netrules.deploy.DeployManifests.assertGrantsExactly(requests);

            LiveClusterTest.Run again = run("diagnose", "--capture", saved.toString(), "--format", "json", "--explain");
            assertEquals(r.out(), again.out());
        }
    }
}
