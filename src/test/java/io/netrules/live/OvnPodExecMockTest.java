package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.TestPaths;
import io.netrules.deploy.DeployManifests;
import io.netrules.plugin.LiveNodePod;
import io.netrules.plugins.ovnkubernetes.OvnKubernetesPlugin;
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

import static io.netrules.live.LiveClusterTest.live;
import static io.netrules.live.LiveClusterTest.run;
import static io.netrules.live.LiveClusterTest.withoutClusterLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --cluster --exec-collect} on an OVN-Kubernetes cluster (interconnect mode)
 * without netrules' DaemonSet: the mock server holds the cluster objects of the healthy case base
 * {@code rules/ovn-kubernetes/cases-base/ic-3node}, and each node's ovnkube-node pod answers the
 * exec in each container (nbdb, sbdb, northd, ovn-controller) with that container's files of the
 * base's node folder as tar; a command whose file the base does not have answers as a tool the
 * image lacks (exit 127). The report equals {@code diagnose --capture} of the saved capture.
 */
class OvnPodExecMockTest {
    static final Path BASE = TestPaths.project().resolve("rules/ovn-kubernetes/cases-base/ic-3node");
    static final Map<String, String> PODS = Map.of("worker-0", "ovnkube-node-fpxrw", "worker-1", "ovnkube-node-g79b9",
            "worker-2", "ovnkube-node-dnld4");

    static String execPath(String pod, String container, List<String> command) {
        StringBuilder p = new StringBuilder("/api/v1/namespaces/openshift-ovn-kubernetes/pods/" + pod + "/exec?");
        for (String arg : command) {
            p.append("command=").append(URLEncoder.encode(arg, StandardCharsets.UTF_8).replace("+", "%20")).append('&');
        }
        return p + "container=" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "&stdout=true&stderr=true";
    }

    static Path cluster(Path tmp) throws Exception {
        return cluster(tmp, BASE);
    }

    /**
     * A case base as a live cluster serves it: with the core Endpoints the API server keeps beside
     * the base's EndpointSlices (the base has only the slices; an API server without Endpoints
     * would make NR-SVC-001 fire).
     */
    static Path cluster(Path tmp, Path base) throws Exception {
        Path copy = tmp.resolve(base.getFileName().toString());
        LiveCapture.copyTree(base, copy);
        var mapper = LiveClusterTest.MAPPER;
        var endpoints = mapper.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        var items = endpoints.putArray("items");
        for (JsonNode slice : mapper.readTree(copy.resolve("cluster/endpointslices.json").toFile()).path("items")) {
            var e = items.addObject().put("apiVersion", "v1").put("kind", "Endpoints");
            e.putObject("metadata").put("namespace", slice.at("/metadata/namespace").asText())
                    .put("name", slice.at("/metadata/labels/kubernetes.io~1service-name").asText());
            var subset = e.putArray("subsets").addObject();
            var addresses = subset.putArray("addresses");
            var notReady = subset.putArray("notReadyAddresses");
            for (JsonNode ep : slice.path("endpoints")) {
                for (JsonNode ip : ep.path("addresses")) {
                    var a = (ep.at("/conditions/ready").asBoolean(true) ? addresses : notReady).addObject()
                            .put("ip", ip.asText());
                    if (ep.hasNonNull("nodeName")) {
                        a.put("nodeName", ep.get("nodeName").asText());
                    }
                    if (ep.has("targetRef")) {
                        a.set("targetRef", ep.get("targetRef"));
                    }
                }
            }
            var ports = subset.putArray("ports");
            for (JsonNode port : slice.path("ports")) {
                ports.add(port.deepCopy());
            }
        }
        mapper.writeValue(copy.resolve("cluster/endpoints.json").toFile(), endpoints);
        return copy;
    }

    /**
     * The requests live mode sent for OVN-Kubernetes (its namespaces, kinds and the cluster-wide
     * objects it reads), after checking that every request was a GET (reads, execs and logs are
     * WebSocket or plain GETs): what docs/deploy/rbac-ovn-kubernetes.yaml must grant, exactly.
     */
    static List<String> ovnRequests(List<String> requests) {
        List<String> ovn = new ArrayList<>();
        for (String req : requests) {
            assertTrue(req.startsWith("GET "), "only reads, execs and logs (GETs): " + req);
            if (req.contains("/namespaces/openshift-ovn-kubernetes/") || req.contains("/namespaces/kube-system/")
                    || req.contains("k8s.ovn.org") || req.contains("discovery.k8s.io") || req.contains("/events")
                    || req.contains("cloud.network") || req.contains("controlplane.operator")
                    || req.contains("clusteroperators") || req.contains("clusterversions")
                    || req.contains("operator.openshift.io/v1/networks")) {
                ovn.add(req);
            }
        }
        return ovn;
    }

    /**
     * What one container's node script leaves in {@code out}: the base's file of each of its
     * commands under nodes/NODE/, and for a file the base lacks the shell's "not found" and an
     * exit status 127 in the script's list of failed commands.
     */
    static Path podOutput(Path base, String node, LiveNodePod.Run run, Path out) throws java.io.IOException {
        Path folder = Files.createDirectories(out.resolve("nodes/" + node));
        StringBuilder failed = new StringBuilder();
        for (LiveNodePod.Command c : run.commands()) {
            Path f = base.resolve("nodes/" + node + "/" + c.file());
            if (c.copied()) {
                continue;
            }
            if (Files.isRegularFile(f)) {
                Files.copy(f, folder.resolve(c.file()));
            } else {
                Files.writeString(folder.resolve(c.file()), "sh: " + c.argv().get(0) + ": not found\n");
                failed.append(c.file()).append("\t127\n");
            }
        }
        if (failed.length() > 0) {
            Files.writeString(out.resolve(ExecCollector.FAILED_LIST), failed);
        }
        return out;
    }

    /** Each container of each node's pod answers with its files of the base; {@code failing}: node/container that exits 1. */
    static void answerExecs(MockCluster mock, Path base, Path tmp, String failing) throws Exception {
        LiveNodePod pod = new OvnKubernetesPlugin().liveNodePod();
        ExecCollector plan = new ExecCollector(null, "netrules", 8, Duration.ofMinutes(3), Duration.ofSeconds(30), null);
        for (Map.Entry<String, String> e : PODS.entrySet()) {
            String node = e.getKey();
            for (LiveNodePod.Run run : pod.runs()) {
                List<String> command = plan.command(new ExecCollector.Target(node, e.getValue(), pod, null), run);
                String path = execPath(e.getValue(), run.container(), command);
                if ((node + "/" + run.container()).equals(failing)) {
                    mock.expect().get().withPath(path).andUpgradeToWebSocket().open(
                            ExecReply.frame(2, "no socket\n".getBytes(StandardCharsets.UTF_8)), ExecReply.status(1)).done().always();
                    continue;
                }
                Path out = podOutput(base, node, run, tmp.resolve("pod-" + node + "-" + run.container()));
                byte[] tar = TarReaderTest.tar(out);
                                mock.expect().get().withPath(path).andUpgradeToWebSocket().open(
                        ExecReply.frame(1, tar), ExecReply.status(0)).done().always();
            }
        }
    }

    @Test
    void eachNodeIsCollectedInItsOvnkubeNodePodAndDiagnosedAsTheSavedCapture(@TempDir Path tmp) throws Exception {
        Path base = cluster(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(base)) {
            answerExecs(mock, base, tmp, null);
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s");
            List<String> requests = mock.requests();
            assertFalse(live.err().contains("not collected: the API server does not serve"), live.err());
            assertFalse(live.err().contains("hostsubnets"), "no openshift-sdn kind on OVN: " + live.err());
            for (String node : PODS.keySet()) {
                assertEquals(Files.readString(base.resolve("nodes/" + node + "/"
                                + "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound")),
                        Files.readString(saved.resolve("nodes/" + node + "/"
                                + "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound")));
            }
            assertTrue(Files.isRegularFile(saved.resolve("cluster/configmaps.json")));
            JsonNode report = live.json();
            assertEquals("ovn-kubernetes", report.at("/summary/plugin").asText(), live.out());
            assertEquals(0, report.at("/summary/errors").asInt(), live.out());
            for (JsonNode f : report.path("findings")) {
                assertFalse(f.path("severity").asText().equalsIgnoreCase("ERROR"), "healthy base: " + f);
            }
            LiveClusterTest.Run capture = run("diagnose", "--capture", saved.toString(), "--format", "json");
            assertEquals(withoutClusterLines(capture.json()), withoutClusterLines(report));

            List<String> ovn = ovnRequests(requests);
            // docs/deploy/rbac-ovn-kubernetes.yaml grants exactly what was used for OVN-Kubernetes.
            DeployManifests.assertGrantsExactly(ovn, DeployManifests.objects("rbac-ovn-kubernetes.yaml"));
        }
    }

    @Test
    void aFailingNbdbExecLeavesOnlyThatNodesNorthboundNotEvaluated(@TempDir Path tmp) throws Exception {
        Path base = cluster(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(base)) {
            answerExecs(mock, base, tmp, "worker-1/nbdb");
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s");
            String captureJson = Files.readString(saved.resolve("capture.json"));
            assertTrue(captureJson.contains("container nbdb of pod ovnkube-node-g79b9 exited with status 1: no socket"),
                    captureJson);
            assertFalse(Files.exists(saved.resolve("nodes/worker-1/"
                    + "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound")));
            assertTrue(Files.exists(saved.resolve("nodes/worker-1/"
                    + "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnsb_db.sock_OVN_Southbound")));
            // capture.json says it for worker-1's NB file only: a rule requiring ovn-nb is not
            // evaluated there, with this reason (no OVN rule is on this branch yet to show it).
            List<String> notCollectedNb = new ArrayList<>();
            for (JsonNode n : LiveClusterTest.MAPPER.readTree(captureJson).path("notCollected")) {
                if (n.toString().contains("ovnnb_db")) {
                    notCollectedNb.add(n.path("node").asText() + ": " + n.path("why").asText());
                }
            }
            assertEquals(List.of("worker-1: the node commands in container nbdb of pod ovnkube-node-g79b9 exited "
                    + "with status 1: no socket"), notCollectedNb);
            assertEquals(0, live.status() == 2 ? 1 : 0, live.err());
        }
    }
}
