package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.Rules;
import io.netrules.model.Severity;
import io.netrules.model.ParseWarning;
import io.netrules.plugin.PluginCapture;
import io.netrules.plugins.ovnkubernetes.OvnKubernetesPlugin;
import io.netrules.plugins.ovnkubernetes.model.Encap;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancer;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitchPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale bench's synthetic interconnect must-gather at test size (20 nodes, 5 pods a node,
 * 40 services): every zone of the store reaches its node's session (zone from the content, the
 * store parsed on the workers), and each injected fault is there as data in the right node's
 * session and nowhere else.
 */
class OvnScaleTest {
    static Map<String, OvnNodeDataTest.Session> sessions(SyntheticOvnMustGather g, Path root, List<ParseWarning> warnings)
            throws Exception {
        g.write(root);
        return read(g, root, warnings);
    }

    /** Each node's session of the capture under {@code root}, as the evaluator gives them. */
    static Map<String, OvnNodeDataTest.Session> read(SyntheticOvnMustGather g, Path root, List<ParseWarning> warnings)
            throws Exception {
        Capture capture = Capture.open(root);
        PluginCapture pc = new PluginCapture(capture, new TreeSet<>(g.nodes),
                (ns, pod) -> ns.equals("openshift-ovn-kubernetes") && pod.startsWith("ovnkube-node-")
                        ? pod.substring("ovnkube-node-".length()) : null, warnings);
        OvnNodeData data = (OvnNodeData) new OvnKubernetesPlugin().nodeExtras(pc);
        assertEquals(2 * g.nodes.size(), data.databasesRead());
        Map<String, OvnNodeDataTest.Session> out = new TreeMap<>();
        for (String n : g.nodes) {
            OvnNodeDataTest.Session s = new OvnNodeDataTest.Session();
            data.addTo(n, s);
            out.put(n, s);
        }
        return out;
    }

    static <T> List<T> of(OvnNodeDataTest.Session s, Class<T> type) {
        return s.facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void everyZoneReachesItsNodeAndTheFaultsAreReadWhereTheyWereInjected(@TempDir Path root) throws Exception {
        SyntheticOvnMustGather g = new SyntheticOvnMustGather(20, 5, 40);
        List<ParseWarning> warnings = Collections.synchronizedList(new ArrayList<>());
        Map<String, OvnNodeDataTest.Session> sessions = sessions(g, root, warnings);
        assertEquals(List.of(), warnings);
        for (String n : g.nodes) {
            OvnNodeDataTest.Session s = sessions.get(n);
            assertTrue(s.collected.get(OvnKubernetesPlugin.OVN_NB).endsWith("ovnkube-node-" + n + "_nbdb"), n + " " + s.collected);
            assertTrue(s.collected.get(OvnKubernetesPlugin.OVN_SB).endsWith("ovnkube-node-" + n + "_sbdb"), n + " " + s.collected);
            // Its own zone only: its switch, no other node's.
            assertEquals(List.of(n), of(s, LogicalSwitch.class).stream().map(LogicalSwitch::name)
                    .filter(name -> name.startsWith("worker-")).toList());
            assertTrue(of(s, LogicalSwitch.class).stream().allMatch(sw -> n.equals(sw.zone())));
            // Every service's load balancer, and the node's pod ports (less the injected missing one).
            assertEquals(40, of(s, LoadBalancer.class).stream().filter(lb -> lb.name().endsWith("_TCP_cluster")).count());
            long podPorts = of(s, LogicalSwitchPort.class).stream().filter(p -> p.name().startsWith("demo_web-" + n + "-"))
                    .count();
            assertEquals(n.equals("worker-001") ? 4 : 5, podPorts, n);
        }
        // The transit port of worker-003 is missing from worker-002's transit switch only.
        for (String n : g.nodes) {
            LogicalSwitch transit = of(sessions.get(n), LogicalSwitch.class).stream()
                    .filter(sw -> sw.name().equals("transit_switch")).findFirst().orElseThrow();
            assertEquals(!n.equals("worker-002"), transit.ports().contains("tstor-worker-003"), n + " " + transit.ports());
            assertEquals(n.equals("worker-002") ? 19 : 20, transit.ports().size(), n);
        }
        // The stale backend is in worker-004's copy of svc-0's load balancer only.
        for (String n : g.nodes) {
            LoadBalancer svc0 = of(sessions.get(n), LoadBalancer.class).stream()
                    .filter(lb -> lb.name().equals("Service_demo/svc-0_TCP_cluster")).findFirst().orElseThrow();
            assertEquals(n.equals("worker-004") ? "10.131.255.99:8080" : g.backend(0), svc0.vips().get("172.30.0.2:80"), n);
        }
        // worker-005's SB holds a wrong encap IP for worker-006's chassis; every other zone the right one.
        for (String n : g.nodes) {
            Encap e = of(sessions.get(n), Encap.class).stream()
                    .filter(x -> x.chassisName().equals(OvnTopology.systemId("worker-006"))).findFirst().orElseThrow();
            assertEquals(n.equals("worker-005") ? "10.99.0.1" : SyntheticOvnMustGather.hostIp(6), e.ip(), n);
        }
        assertFalse(g.faults.isEmpty());
    }

    /**
     * The peers' encap IPs NR-OVNTUN-002 compares with come from node folders only: with the two
     * attached, every session has them; the must-gather alone gives none, and the input says so
     * (the comparison is then not evaluated rather than evaluated with nothing to compare).
     */
    @Test
    void thePeersEncapIpsAreKnownOnlyFromNodeFolders(@TempDir Path root) throws Exception {
        SyntheticOvnMustGather g = new SyntheticOvnMustGather(8, 2, 4);
        List<ParseWarning> warnings = new ArrayList<>();
        Map<String, OvnNodeDataTest.Session> with = sessions(g, root.resolve("with"), warnings);
        for (OvnNodeDataTest.Session s : with.values()) {
            assertEquals("nodes/worker-005/ovs-vsctl_-t_5_list_Open_vSwitch",
                    s.collected.get(OvnKubernetesPlugin.PEER_ENCAP_IPS));
        }
        Path alone = root.resolve("alone");
        g.write(alone);
        try (var files = java.nio.file.Files.walk(alone.resolve("nodes"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Map<String, OvnNodeDataTest.Session> without = read(g, alone, warnings);
        for (OvnNodeDataTest.Session s : without.values()) {
            assertFalse(s.collected.containsKey(OvnKubernetesPlugin.PEER_ENCAP_IPS));
            assertTrue(s.notCollected.get(OvnKubernetesPlugin.PEER_ENCAP_IPS).startsWith("no node's ovn-encap-ip"),
                    s.notCollected.toString());
        }
    }

    /**
     * The diagnosis a user runs on it: each injected fault is found by its rule on the node and
     * subject where it was put, and nothing else is an error or a warning (the rest of the
     * synthetic cluster is as healthy as a real one: its addresses, transit ports, routes and
     * bindings agree with the nodes' annotations).
     */
    @Test
    void theDiagnosisFindsTheFourFaultsAndNothingElse(@TempDir Path root) throws Exception {
        SyntheticOvnMustGather g = new SyntheticOvnMustGather(20, 5, 40);
        g.write(root);
        Diagnosis d = new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(root), "t");
        List<String> found = d.findings().stream().filter(f -> f.severity() != Severity.INFO)
                .map(f -> f.severity() + " " + f.id() + " " + f.node() + " " + f.subject()).sorted().toList();
        assertEquals(List.of(
                "ERROR NR-OVNLB-002 worker-004 service/demo/svc-0/tcp/172.30.0.2:80",
                "ERROR NR-OVNPOD-002 worker-001 pod/demo/web-worker-001-3",
                "ERROR NR-OVNTOPO-004 worker-002 tstor-worker-003",
                "ERROR NR-OVNTUN-002 worker-005 encap/worker-006"), found);
        assertEquals(List.of(), d.warnings());
        // The wrong encap IP is told against worker-006's own ovn-encap-ip, from its node folder.
        ReportFinding encap = d.findings().stream().filter(f -> f.id().equals("NR-OVNTUN-002")).findFirst().orElseThrow();
        assertTrue(encap.evidence().stream().anyMatch(e -> e.source().equals("nodes/worker-006/ovs-vsctl_-t_5_list_Open_vSwitch")),
                encap.evidence().toString());
    }

    /**
     * Not a check: writes the 500-node capture for the bench ({@code docs/performance.md}, "OVN-Kubernetes,
     * 500-node interconnect"): {@code mvn -q -B -o test -Dtest=OvnScaleTest -Dnetrules.bench=true
     * -Dnetrules.bench.dir=/tmp/ovn500 [-Dnetrules.bench.nodes=500 -Dnetrules.bench.pods=30
     * -Dnetrules.bench.services=2000]}, then {@code ./netrules diagnose --capture /tmp/ovn500 --timings}.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "netrules.bench", matches = "true")
    void writeBenchCapture() throws Exception {
        SyntheticOvnMustGather g = new SyntheticOvnMustGather(Integer.getInteger("netrules.bench.nodes", 500),
                Integer.getInteger("netrules.bench.pods", 30), Integer.getInteger("netrules.bench.services", 2000));
        Path dir = Path.of(System.getProperty("netrules.bench.dir", "/tmp/ovn-scale"));
        long t = System.nanoTime();
        g.write(dir);
        System.out.printf("ovn scale capture %s: %d nodes, %d pods a node, %d services; store %d members, %.1f MB"
                        + " uncompressed, %.1f MB gz; written in %.1f s; faults %s%n", dir, g.nodes.size(), g.pods,
                g.services, 2 * g.nodes.size(), g.storeBytes / 1e6, java.nio.file.Files.size(dir.resolve(
                        "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b/"
                                + OvnNodeData.STORE)) / 1e6, (System.nanoTime() - t) / 1e9, g.faults);
    }
}
