package io.netrules.report;

import io.netrules.TestPaths;
import io.netrules.capture.CaptureMetadata;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.NodeRow;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.Summary;
import io.netrules.model.Severity;
import io.netrules.report.TrafficPath.Hop;
import io.netrules.report.TrafficPath.HopView;
import io.netrules.report.TrafficPath.Lane;
import io.netrules.report.TrafficPath.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the samples' faults land on the traffic path, and what a hop shows when data is missing. */
class TrafficPathTest {

    static HopView hop(List<Lane> lanes, String node, Hop hop) {
        return lanes.stream().filter(l -> node == null ? l.overview() : node.equals(l.node())).findFirst()
                .orElseThrow(() -> new AssertionError("no lane " + node)).hops().stream()
                .filter(v -> v.hop().equals(hop)).findFirst().orElseThrow(() -> new AssertionError("no hop " + hop));
    }

    /** A hop of openshift-sdn's path (the samples' plugin). */
    static Hop sdn(String id) {
        Hop h = TrafficPath.path("openshift-sdn").hop(id);
        if (h == null) {
            throw new AssertionError("openshift-sdn's path has no hop " + id);
        }
        return h;
    }

    static List<Lane> lanes(String sample) {
        return TrafficPath.lanes(ReportSamples.diagnose(sample), ReportSamples.rules());
    }

    @Test
    void missingVxlanFlowsOnNode3AreTheRootCauseAtVxlan0InNode3sLane() {
        List<Lane> lanes = lanes("broken-vxlan-flows");
        assertEquals(List.of("node-1", "node-2", "node-3"),
                lanes.stream().filter(l -> !l.overview()).map(Lane::node).toList());
        HopView overview = hop(lanes, null, sdn("vxlan0"));
        assertEquals(State.ERROR, overview.state());
        assertTrue(overview.rootCause());
        HopView node3 = hop(lanes, "node-3", sdn("vxlan0"));
        assertEquals(State.ERROR, node3.state());
        assertTrue(node3.rootCause());
        assertEquals("NR-OVS-005@node-3/hostsubnet/node-1", node3.findings().get(0).key());
        for (String other : List.of("node-1", "node-2")) {
            assertEquals(State.FINE, hop(lanes, other, sdn("vxlan0")).state(), other);
            assertFalse(hop(lanes, other, sdn("vxlan0")).rootCause(), other);
        }
        for (Hop h : List.of(sdn("node-to-node"), sdn("br0"), sdn("tun0"), Hop.POD)) {
            assertEquals(State.FINE, hop(lanes, "node-3", h).state(), h.id());
        }
        assertEquals(State.ORIGIN, hop(lanes, null, Hop.CLIENT).state());
    }

    @Test
    void eachBrokenSampleIsRedWhereItsFaultIs() {
        assertEquals(State.ERROR, hop(lanes("broken-ip-forward"), "node-2", sdn("tun0")).state());
        assertTrue(hop(lanes("broken-ip-forward"), "node-2", sdn("tun0")).rootCause());
        assertEquals(State.FINE, hop(lanes("broken-ip-forward"), "node-1", sdn("tun0")).state());
        assertEquals(State.ERROR, hop(lanes("broken-mtu"), "node-3", sdn("vxlan0")).state());
        List<Lane> svc = lanes("broken-service-endpoints");
        assertEquals(State.ERROR, hop(svc, null, Hop.ENDPOINTS).state());
        assertTrue(hop(svc, null, Hop.ENDPOINTS).rootCause());
        assertTrue(svc.stream().flatMap(l -> l.hops().stream()).filter(v -> v.hop().perNode())
                .noneMatch(v -> v.state() == State.ERROR), "the service fault is not on any node");
    }

    @Test
    void healthySamplesHaveNoRedOrAmberHop() {
        for (String sample : List.of("healthy-3node", "healthy-3node-sosreport")) {
            for (Lane lane : lanes(sample)) {
                for (HopView v : lane.hops()) {
                    assertTrue(v.state() != State.ERROR && v.state() != State.WARNING && !v.rootCause(),
                            sample + " " + lane.node() + " " + v.hop());
                }
            }
        }
    }

    @Test
    void aNodeWithoutItsFlowDumpHasItsPodHopNotEvaluatedAndItsVxlan0FineOnlyPartly(@TempDir Path tmp)
            throws Exception {
        Path capture = TestPaths.copyTree(TestPaths.sample("healthy-3node"), tmp.resolve("c"));
        Files.delete(capture.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"));
        List<Lane> lanes = TrafficPath.lanes(ReportSamples.diagnose(capture, "c"), ReportSamples.rules());
        // Every rule at the pod hop reads the flows: nothing is known there.
        HopView pod = hop(lanes, "node-2", Hop.POD);
        assertEquals(State.NOT_EVALUATED, pod.state());
        assertTrue(pod.notEvaluated().stream().anyMatch(n -> n.id().equals("NR-OVS-006")), pod.toString());
        assertEquals(State.FINE, hop(lanes, "node-1", Hop.POD).state());
        // The MTU rules at vxlan0 ran; the VXLAN flow rules could not: fine, but only partly checked.
        HopView vx = hop(lanes, "node-2", sdn("vxlan0"));
        assertEquals(State.FINE, vx.state());
        assertTrue(vx.partial());
        assertTrue(vx.notEvaluated().stream().anyMatch(n -> n.id().equals("NR-OVS-005")), vx.toString());
        assertTrue(hop(lanes, "node-1", sdn("vxlan0")).notEvaluated().stream().noneMatch(n -> n.id().equals("NR-OVS-005")));
        HopView overview = hop(lanes, null, sdn("vxlan0"));
        assertTrue(overview.partial() && overview.notEvaluated().stream().anyMatch(n -> "node-2".equals(n.node())),
                "the whole path says what could not run");
    }

    @Test
    void aHopNoRuleChecksIsNotEvaluatedNeverFine() {
        List<RuleDoc> onlyForwarding = ReportSamples.rules().stream().filter(r -> r.id().equals("NR-LOCAL-001"))
                .toList();
        List<Lane> lanes = TrafficPath.lanes(ReportSamples.diagnose("healthy-3node"), onlyForwarding);
        HopView service = hop(lanes, null, Hop.SERVICE);
        assertEquals(State.NOT_EVALUATED, service.state());
        assertFalse(service.checkedByAnyRule());
        assertEquals(State.FINE, hop(lanes, "node-1", sdn("tun0")).state());
    }

    @Test
    void aBigClusterGetsLanesOnlyForNodesWithSomethingToShow() {
        List<NodeRow> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rows.add(new NodeRow("node-" + i, "10.0.0." + i, Map.of("primary interface", "eth0", "MTU", "1500")));
        }
        ReportFinding f = new ReportFinding("NR-LOCAL-001", Severity.ERROR, "local-sdn", "node-7", null,
                "IP forwarding is off on node-7", "fix", "guide", List.of(), List.of(), List.of(), Map.of(), List.of());
        Diagnosis d = new Diagnosis("big", CaptureMetadata.NONE, new Summary("local-sdn", 1, 0, 0, null, "openshift-sdn", 0), List.of(f),
                List.of(), List.of(), rows);
        List<Lane> lanes = TrafficPath.lanes(d, ReportSamples.rules());
        assertEquals(List.of("node-7"), lanes.stream().filter(l -> !l.overview()).map(Lane::node).toList());
        assertEquals(19, TrafficPath.nodesWithoutLane(d, lanes));
        assertTrue(hop(lanes, "node-7", sdn("tun0")).rootCause());
    }

    @Test
    void everyLayerOfEachPluginHasAHopOfItsOwnOnThatPluginsPath() {
        for (io.netrules.plugin.NetworkPlugin plugin : io.netrules.plugin.NetworkPlugins.all()) {
            TrafficPath.Path path = TrafficPath.path(plugin.id());
            for (String layer : plugin.layers()) {
                assertTrue(path.layerHops().containsKey(layer), plugin.id() + ": " + layer);
            }
        }
    }

    @Test
    void openshiftSdnsPathIsBr0Vxlan0Tun0AndOvnKubernetesHasNoneOfThem() {
        assertEquals(List.of("client", "dns", "router", "route", "service", "endpoints", "node-to-node", "br0",
                "vxlan0", "tun0", "pod"), TrafficPath.path("openshift-sdn").hops().stream().map(Hop::id).toList());
        List<String> ovn = TrafficPath.path("ovn-kubernetes").hops().stream().map(Hop::id).toList();
        assertTrue(ovn.contains("br-int"), ovn.toString());
        assertFalse(ovn.contains("br0") || ovn.contains("vxlan0") || ovn.contains("tun0"), ovn.toString());
    }
}
