package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.model.CaptureClock;
import io.netrules.model.ParseWarning;
import io.netrules.plugins.ovnkubernetes.model.EgressIP;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.ExpectedVip;
import io.netrules.plugins.ovnkubernetes.model.KubeEvent;
import io.netrules.plugins.ovnkubernetes.model.NetworkClusterOperator;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnDeployment;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import io.netrules.plugins.ovnkubernetes.model.OvnPod;
import io.netrules.plugins.ovnkubernetes.model.PodContainer;
import io.netrules.plugins.ovnkubernetes.model.PodNetworkConnectivityCheck;
import io.netrules.plugins.ovnkubernetes.model.RaftStatus;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core side of the plugin cluster-facts hook: which session gets which fact, the derived
 * inputs' states, and the must-gather locations of the new kinds.
 */
class PluginClusterFactsTest {
    static final Path IC = TestPaths.project().resolve("src/test/resources/ovn-cluster/ic");

    private static ClusterFacts read(Path dir, List<ParseWarning> warnings) throws Exception {
        Capture capture = Capture.open(dir);
        warnings.addAll(capture.warnings());
        ClusterFacts cluster = ClusterFacts.read(capture, warnings);
        cluster.applyPlugin(NetworkDetection.detect(cluster, capture).plugin(), capture, warnings);
        return cluster;
    }

    private static <T> List<T> of(List<Object> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void eachSessionGetsItsOwnNodesFactsAndEverySessionTheSharedOnes() throws Exception {
        ClusterFacts cluster = read(IC, new ArrayList<>());
        List<Object> w0 = new ArrayList<>();
        cluster.forNode("worker-0", w0::add);
        List<Object> all = new ArrayList<>();
        cluster.all(all::add);

        assertEquals(7, of(w0, ExpectedVip.class).size());
        assertTrue(of(w0, ExpectedVip.class).stream().allMatch(v -> v.node().equals("worker-0")));
        assertTrue(of(all, ExpectedVip.class).isEmpty(), "N x S VIPs never reach the cluster session");
        assertTrue(of(w0, OvnPod.class).stream().allMatch(p -> p.node().equals("worker-0")));
        assertEquals(8, of(all, OvnPod.class).size());
        assertTrue(of(w0, PodContainer.class).stream().allMatch(c -> c.node().equals("worker-0")));
        assertEquals(3, of(w0, OvnNode.class).size());
        assertEquals(1, of(w0, OvnClusterConfig.class).size());
        assertEquals(1, of(w0, OvnDeployment.class).size());
        assertEquals(1, of(w0, CaptureClock.class).size());
        assertTrue(of(w0, EndpointSlice.class).isEmpty() && of(w0, KubeEvent.class).isEmpty()
                && of(w0, EgressIP.class).isEmpty(), "cluster-only facts stay out of node sessions");
        assertEquals(7, of(all, EndpointSlice.class).size());
        assertEquals(1, of(all, KubeEvent.class).size());
    }

    @Test
    void aNetrulesCaptureKeepsRaftStatusInClusterOvn() throws Exception {
        Path legacy = io.netrules.TestPaths.project().resolve("rules/ovn-kubernetes/cases-base/legacy-3node");
        ClusterFacts cluster = read(legacy, new ArrayList<>());
        InputStates s = cluster.states();
        assertTrue(s.ok("raft-status"), s.reason("raft-status"));
        assertEquals("cluster/ovn/leader_ovnnb_status", s.file("raft-status"));
        List<Object> all = new ArrayList<>();
        cluster.all(all::add);
        List<RaftStatus> raft = of(all, RaftStatus.class);
        assertEquals(List.of(OvnDb.NB, OvnDb.SB), raft.stream().map(RaftStatus::db).toList());
        assertTrue(raft.stream().allMatch(r -> r.role().equals("leader")), raft.toString());
    }

    @Test
    void derivedInputsAreCollectedOrSayWhyNot() throws Exception {
        ClusterFacts cluster = read(IC, new ArrayList<>());
        InputStates s = cluster.states();
        for (String input : List.of("endpointslices", "events", "egressips", "egressfirewalls", "cloudprivateipconfigs",
                "podnetworkconnectivitychecks", "clusteroperators", "install-config", "ovnkube-config", "ovn-pods",
                "deployment-mode", "capture-time")) {
            assertTrue(s.ok(input), input + ": " + s.reason(input));
        }
        assertEquals("capture.json", s.file("capture-time"));
        assertFalse(s.ok("raft-status"));
        InputStates node = new InputStates(s);
        cluster.nodeInputStates("worker-1", node);
        assertTrue(node.ok("gateway-mode"));
        CaptureClock clock = cluster.ofType(CaptureClock.class).get(0);
        assertEquals(Instant.parse("2026-03-02T10:15:00Z"), clock.collectedAt());
        assertTrue(RuleBase.knownInput("deployment-mode") && RuleBase.knownInput("gateway-mode")
                && RuleBase.knownInput("capture-time"));
    }

    @Test
    void anOpenShiftSdnCaptureGetsNoOvnFacts() throws Exception {
        ClusterFacts cluster = read(TestPaths.sample("ocp4-sdn-healthy"), new ArrayList<>());
        List<Object> all = new ArrayList<>();
        cluster.all(all::add);
        assertTrue(all.stream().noneMatch(f -> f.getClass().getPackageName().contains("ovnkubernetes")), all.stream()
                .filter(f -> f.getClass().getPackageName().contains("ovnkubernetes")).findFirst().orElse("").toString());
    }

    /** A 4.16 must-gather of an OVN cluster in legacy mode, as oc adm must-gather lays it out. */
    private static Path mustGather(Path tmp) throws Exception {
        Path top = tmp.resolve("must-gather.local.5121790937254409157");
        Path img = top.resolve("quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-0123abcd");
        Files.createDirectories(img);
        Files.writeString(top.resolve("timestamp"), "2026-03-02 11:15:02.731233981 +0100 CET m=+0.034518801\n"
                + "2026-03-02 11:21:40.118734202 +0100 CET m=+397.422019022\n");
        String nodes = Files.readString(IC.resolve("cluster/nodes.json"))
                .replaceAll("\"k8s.ovn.org/zone-name\": \"[^\"]+\"", "\"k8s.ovn.org/zone-name\": \"global\"");
        Path csr = img.resolve("cluster-scoped-resources");
        write(csr.resolve("core/nodes.yaml"), toYaml(nodes));
        write(csr.resolve("config.openshift.io/networks.yaml"), "apiVersion: v1\nitems:\n" + indentItem(
                toYaml(Files.readString(IC.resolve("cluster/networkconfigs.json")))) + "kind: List\nmetadata:\n"
                + "  resourceVersion: \"\"\n");
        write(csr.resolve("config.openshift.io/clusteroperators/network.yaml"),
                toYaml(Files.readString(IC.resolve("cluster/clusteroperators.json"))));
        write(csr.resolve("k8s.ovn.org/egressips/egressip-shop.yaml"), YAML.writer()
                .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(items(IC.resolve("cluster/egressips.json"), "").get(0)));
        Path ns = img.resolve("namespaces/openshift-ovn-kubernetes");
        write(ns.resolve("openshift-ovn-kubernetes.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n"
                + "  name: openshift-ovn-kubernetes\n");
        write(ns.resolve("core/pods.yaml"), listYaml(items(IC.resolve("cluster/pods.json"), "openshift-ovn-kubernetes")));
        write(ns.resolve("core/configmaps.yaml"), toYaml(Files.readString(IC.resolve("cluster/configmaps.json"))
                .replace("\"namespace\": \"kube-system\"", "\"namespace\": \"openshift-ovn-kubernetes\"")
                .replace("cluster-config-v1", "not-read")));
        // A bad events file: the other kinds are read, the warning names its line.
        write(ns.resolve("core/events.yaml"), "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Event\n"
                + "  metadata: {name: x, namespace: openshift-ovn-kubernetes\n  reason: Bad\nkind: List\n");
        Path ks = img.resolve("namespaces/kube-system");
        write(ks.resolve("kube-system.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n");
        write(ks.resolve("core/configmaps.yaml"), toYaml(Files.readString(IC.resolve("cluster/configmaps.json"))));
        write(img.resolve("pod_network_connectivity_check/podnetworkconnectivitychecks.yaml"),
                toYaml(Files.readString(IC.resolve("cluster/podnetworkconnectivitychecks.json"))));
        write(img.resolve("network_logs/leader_ovnnb_status"), """
                5f2c
                Name: OVN_Northbound
                Cluster ID: 9a1e (9a1e7c2b-4d3f-4a5e-8b6c-7d8e9f0a1b2c)
                Server ID: 5f2c (5f2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e)
                Address: ssl:192.168.126.10:9643
                Status: cluster member
                Role: leader
                Term: 7
                Leader: self
                Vote: self

                Last Election started 1843212 ms ago, reason: leadership_transfer
                Last Election won: 1843208 ms ago
                Election timer: 10000
                Log: [2, 4711]
                Entries not yet committed: 0
                Entries not yet applied: 0
                Connections: ->0000 ->7a1b <-7a1b <-3c9d
                Disconnections: 0
                Servers:
                    5f2c (5f2c at ssl:192.168.126.10:9643) (self) next_index=4700 match_index=4710
                    7a1b (7a1b at ssl:192.168.126.11:9643) next_index=4711 match_index=4710 last msg 120 ms ago
                    3c9d (3c9d at ssl:192.168.126.12:9643) next_index=4711 match_index=4710 last msg 120 ms ago
                """);
        return top;
    }

    @Test
    void aMustGatherGivesTheNewKindsFromTheirPlaces(@TempDir Path tmp) throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        ClusterFacts cluster = read(mustGather(tmp), warnings);
        // The capture is the must-gather's top folder: evidence names files from there.
        String img = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-0123abcd/";
        List<Object> all = new ArrayList<>();
        cluster.all(all::add);
        InputStates s = cluster.states();

        assertEquals(OvnDeployment.Mode.LEGACY, of(all, OvnDeployment.class).get(0).mode());
        assertTrue(s.ok("deployment-mode"));
        RaftStatus raft = of(all, RaftStatus.class).get(0);
        assertEquals(OvnDb.NB, raft.db());
        assertEquals("leader", raft.role());
        assertEquals("5f2c", raft.server());
        assertEquals(img + "network_logs/leader_ovnnb_status", raft.source().file());
        assertEquals(7, raft.source().line());
        assertTrue(s.ok("raft-status"));

        assertEquals(1, of(all, EgressIP.class).size());
        assertEquals(img + "cluster-scoped-resources/k8s.ovn.org/egressips/egressip-shop.yaml",
                of(all, EgressIP.class).get(0).source().file());
        assertEquals(Boolean.TRUE, of(all, NetworkClusterOperator.class).get(0).degraded());
        assertEquals(img + "pod_network_connectivity_check/podnetworkconnectivitychecks.yaml",
                of(all, PodNetworkConnectivityCheck.class).get(0).source().file());
        assertTrue(s.ok("podnetworkconnectivitychecks"));

        // openshift-ovn-kubernetes was inspected: its pods are collected although `pods` is not.
        assertFalse(s.ok("pods"));
        assertTrue(s.ok("ovn-pods"), s.reason("ovn-pods"));
        assertEquals(img + "namespaces/openshift-ovn-kubernetes/", s.file("ovn-pods"));
        assertEquals(3, of(all, PodContainer.class).stream().map(PodContainer::pod).distinct().count());

        // The install config from kube-system, ovnkube.conf from openshift-ovn-kubernetes.
        assertTrue(s.ok("install-config") && s.ok("ovnkube-config"));
        OvnClusterConfig config = of(all, OvnClusterConfig.class).get(0);
        assertEquals(List.of("192.168.126.0/24"), config.machineNetworks());
        assertEquals("shared", config.gatewayModeConfig());

        // User-namespace kinds stay "not collected" on a must-gather (trap 18).
        assertFalse(s.ok("endpointslices"));
        assertTrue(s.reason("endpointslices").contains("namespaces it inspected"), s.reason("endpointslices"));
        assertFalse(s.ok("events"));
        ParseWarning bad = warnings.stream().filter(w -> w.source().endsWith("core/events.yaml")).findFirst()
                .orElseThrow(() -> new AssertionError(warnings.toString()));
        assertEquals(img + "namespaces/openshift-ovn-kubernetes/core/events.yaml", bad.source());
        assertTrue(bad.line() >= 5, bad.toString());

        // The must-gather's own clock (its top timestamp file, the start line, in UTC).
        CaptureClock clock = cluster.ofType(CaptureClock.class).get(0);
        assertEquals(Instant.parse("2026-03-02T10:15:02.731233981Z"), clock.collectedAt());
        assertEquals("timestamp", clock.source().file());
        assertTrue(s.ok("capture-time"));
    }

    private static void write(Path f, String text) throws Exception {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML = new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                    .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The same objects as oc writes them with -o yaml (keys sorted, so a List's kind follows its items). */
    private static String toYaml(String json) throws Exception {
        return YAML.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(JSON.readValue(json, java.util.TreeMap.class));
    }

    /** The items of a List file, of one namespace ("" = all). */
    @SuppressWarnings("unchecked")
    private static List<Object> items(Path json, String namespace) throws Exception {
        java.util.Map<String, Object> list = JSON.readValue(json.toFile(), java.util.Map.class);
        return ((List<Object>) list.get("items")).stream().filter(i -> namespace.isEmpty() || namespace.equals(
                ((java.util.Map<String, Object>) ((java.util.Map<String, Object>) i).get("metadata")).get("namespace")))
                .toList();
    }

    private static String listYaml(List<Object> items) throws Exception {
        java.util.Map<String, Object> list = new java.util.TreeMap<>();
        list.put("apiVersion", "v1");
        list.put("items", items);
        list.put("kind", "List");
        list.put("metadata", java.util.Map.of("resourceVersion", ""));
        return YAML.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(list);
    }

    private static String indentItem(String yaml) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (String line : yaml.split("\n")) {
            b.append(first ? "- " : "  ").append(line).append('\n');
            first = false;
        }
        return b.toString();
    }
}
