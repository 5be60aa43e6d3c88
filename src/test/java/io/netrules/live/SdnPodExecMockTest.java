package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.deploy.DeployManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.SAMPLE;
import static io.netrules.live.LiveClusterTest.live;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --cluster --exec-collect} on OpenShift 4 with openshift-sdn and without
 * netrules' own DaemonSet: the node commands run in each node's existing {@code sdn} pod
 * (openshift-sdn, app=sdn, container sdn) through fabric8's exec against the mock server. The
 * sample's cluster (its kubelets made 4.10's) has sdn pods on node-1 and node-3 (node-2's is
 * taken out); they answer with their node folder as tar (node-3's pod also lists a failed
 * command). Only GETs reach the server, and docs/deploy/rbac-openshift-sdn.yaml
 * grants exactly what was used in openshift-sdn.
 */
class SdnPodExecMockTest {
    static final String KUBELET_3_11 = "v1.11.0+d4cacc0";
    static final String KUBELET_4_10 = "v1.23.5+3afdacb";

    static String execPath(String pod, List<String> command) {
        StringBuilder p = new StringBuilder("/api/v1/namespaces/openshift-sdn/pods/" + pod + "/exec?");
        for (String arg : command) {
            p.append("command=").append(URLEncoder.encode(arg, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
        }
        return p + "container=sdn&stdout=true&stderr=true";
    }

    /** openshift-sdn's script in its sdn container: every host command of the registry. */
    static final String SDN_SCRIPT = ExecCollector.script(
            new io.netrules.plugins.openshiftsdn.OpenShiftSdnPlugin().liveNodePod().runs().get(0).commands());

    /** The sdn pods of the sample's pods.json. */
    static final Map<String, String> SDN_PODS = Map.of("node-1", "sdn-7hq2d", "node-3", "sdn-tw8zb");

    /** The sample capture with OpenShift 4.10 kubelets and without node-2's sdn pod. */
    static Path openShift4Sample(Path tmp) throws Exception {
        Path copy = tmp.resolve("ocp4-sample");
        LiveCapture.copyTree(SAMPLE, copy);
        Path nodes = copy.resolve("cluster/nodes.json");
        String text = Files.readString(nodes);
        assertTrue(text.contains(KUBELET_3_11), "the sample's kubelets are 3.11's");
        Files.writeString(nodes, text.replace(KUBELET_3_11, KUBELET_4_10));
        Path podsFile = copy.resolve("cluster/pods.json");
        com.fasterxml.jackson.databind.node.ObjectNode pods = (com.fasterxml.jackson.databind.node.ObjectNode)
                MAPPER.readTree(podsFile.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode kept = MAPPER.createArrayNode();
        for (JsonNode p : pods.get("items")) {
            if (!p.at("/metadata/name").asText().equals("sdn-m2kcv")) {
                kept.add(p);
            }
        }
        assertEquals(pods.get("items").size() - 1, kept.size(), "node-2's sdn pod is in the sample");
        pods.set("items", kept);
        MAPPER.writeValue(podsFile.toFile(), pods);
        return copy;
    }

    @Test
    void eachNodeIsCollectedInItsSdnPodAndANodeWithoutOneIsNotCollected(@TempDir Path tmp) throws Exception {
        Path sample = openShift4Sample(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(sample)) {
            Map<String, String> addresses = new TreeMap<>(Map.of("node-1", "10.0.0.1", "node-2", "10.0.0.2",
                    "node-3", "10.0.0.3"));
            ExecCollector plan = new ExecCollector(null, "netrules", 8, Duration.ofMinutes(3), Duration.ofSeconds(30),
                    null);
            for (String node : List.of("node-1", "node-3")) {
                String podName = SDN_PODS.get(node);
                Path podOut = tmp.resolve("pod-" + node);
                LiveCapture.copyTree(sample.resolve("nodes/" + node), podOut.resolve("nodes/" + node));
                if (node.equals("node-3")) {
                    // The script's list of failed commands: ethtool-less images answer 127.
                    Files.writeString(podOut.resolve(ExecCollector.FAILED_LIST), "sysctl_-a\t127\n");
                }
                byte[] tar = TarReaderTest.tar(podOut);
                                io.netrules.plugin.LiveNodePod sdn = new io.netrules.plugins.openshiftsdn.OpenShiftSdnPlugin().liveNodePod();
                List<String> command = plan.command(new ExecCollector.Target(node, podName, sdn, null),
                        sdn.runs().get(0));
                assertEquals(List.of("sh", "-c", SDN_SCRIPT, "netrules-collect", node, "30"), command);
                mock.expect().get().withPath(execPath(podName, command))
                        .andUpgradeToWebSocket().open(ExecReply.frame(1, tar),
                                ExecReply.status(0)).done().always();
            }
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s");
            List<String> requests = mock.requests();
            assertEquals("netrules: node node-2 not collected: no ready netrules-collector pod on this node in "
                    + "namespace netrules (is the DaemonSet of docs/deploy/ deployed, and scheduled there?)\n", r.err());
            assertTrue(Files.isDirectory(saved.resolve("nodes/node-3")));
            assertEquals(Files.readString(sample.resolve("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")),
                    Files.readString(saved.resolve("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")));
            assertTrue(Files.isDirectory(saved.resolve("nodes/node-1")));
            assertTrue(!Files.exists(saved.resolve("nodes/node-2")));
            String captureJson = Files.readString(saved.resolve("capture.json"));
            assertTrue(captureJson.contains("exit status 127 (not installed in the sdn image) in sdn pod sdn-tw8zb"),
                    captureJson);
            for (JsonNode n : r.json().get("notEvaluated")) {
                if (n.get("id").asText().equals("NR-OVS-005")) {
                    assertEquals("node-2", n.path("node").asText(), "node-1 and node-3 were collected: " + n);
                }
                if (n.get("id").asText().equals("NR-LOCAL-001")) {
                    assertTrue(List.of("node-2", "node-3").contains(n.path("node").asText()),
                            "node-3's sysctl failed, node-2 was not collected: " + n);
                }
            }
            for (String req : requests) {
                assertTrue(req.startsWith("GET "), "only reads and execs (a WebSocket GET): " + requests);
            }
            assertTrue(requests.contains("GET /api/v1/namespaces/openshift-sdn/pods?labelSelector=app%3Dsdn"),
                    requests.toString());
            assertTrue(requests.stream().anyMatch(q -> q.startsWith("GET /api/v1/namespaces/openshift-sdn/pods/"
                    + "sdn-7hq2d/exec?")), requests.toString());

            // docs/deploy/rbac-openshift-sdn.yaml grants exactly what was used in openshift-sdn.
            List<String> inSdn = new ArrayList<>();
            for (String req : requests) {
                if (req.contains("/namespaces/openshift-sdn/")) {
                    inSdn.add(req);
                }
            }
            DeployManifests.assertGrantsExactly(inSdn, DeployManifests.objects("rbac-openshift-sdn.yaml"));
        }
    }

    @Test
    void onOkd311TheSdnPodsAreNotUsed(@TempDir Path tmp) throws Exception {
        // The sample (3.11 kubelets) has running sdn pods on every node.
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            mock.markSetupDone();
            LiveClusterTest.Run r = live(mock, "--exec-collect", "--api-timeout", "10s");
            assertTrue(r.err().contains("node node-1 not collected: no ready netrules-collector pod"), r.err());
            for (String req : mock.requests()) {
                assertTrue(!req.contains("/namespaces/openshift-sdn/"), "3.11 keeps OVS in the ovs pod: " + req);
            }
        }
    }
}
