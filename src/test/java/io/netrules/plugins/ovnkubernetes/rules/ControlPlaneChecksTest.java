package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.model.Pod;
import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import io.netrules.plugins.ovnkubernetes.model.OvnkubeMaster;
import io.netrules.plugins.ovnkubernetes.model.PodContainer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evidence and arithmetic of NR-OVNCP-001..003 and NR-OVNDB-002. */
class ControlPlaneChecksTest {
    private static final Source SRC = new Source("cluster/pods.json", 1, "x");

    private static OvnNode node(String name, boolean ready, Instant created, List<String> subnets, String chassis,
                                boolean l3, Integer nodeId) {
        return new OvnNode(name, true, ready, null, created, chassis, name, false, subnets, !subnets.isEmpty(), nodeId,
                List.of(), List.of(), "shared", null, null, null, List.of(), List.of(), l3, List.of(), List.of(), null,
                List.of(), false, List.of(), SRC);
    }

    @Test
    void unreadyContainersWithRestartsAndLastTermination() {
        List<PodContainer> cs = List.of(
                new PodContainer("openshift-ovn-kubernetes", "ovnkube-node-g79b9", "worker-1", "ovnkube-node",
                        "ovnkube-controller", false, 14, "Error", "failed to start\nsecond line", SRC),
                new PodContainer("openshift-ovn-kubernetes", "ovnkube-node-g79b9", "worker-1", "ovnkube-node",
                        "nbdb", false, 1, null, null, SRC),
                new PodContainer("openshift-ovn-kubernetes", "ovnkube-node-g79b9", "worker-1", "ovnkube-node",
                        "northd", true, 0, null, null, SRC));
        assertEquals("nbdb (not ready, 1 restart); ovnkube-controller (not ready, 14 restarts, last terminated Error:"
                + " failed to start)", ControlPlaneChecks.unready(cs));
        assertEquals("nbdb, ovnkube-controller", ControlPlaneChecks.unreadyNames(cs));
        assertEquals("none", ControlPlaneChecks.unready(List.of(cs.get(2))));
    }

    @Test
    void podStatesAndAppLabels() {
        Pod a = new Pod("openshift-ovn-kubernetes", "ovnkube-control-plane-b", "master-1", "Pending", null, null, true,
                false, Map.of("app", "ovnkube-control-plane"), SRC);
        Pod b = new Pod("openshift-ovn-kubernetes", "ovnkube-control-plane-a", null, null, null, null, true, false,
                Map.of(), SRC);
        assertEquals("ovnkube-control-plane-a (phase unknown), ovnkube-control-plane-b (Pending, on master-1)",
                ControlPlaneChecks.podStates(List.of(a, b)));
        assertTrue(ControlPlaneChecks.hasApp(a.labels(), "ovnkube-control-plane"));
        assertFalse(ControlPlaneChecks.hasApp(b.labels(), "ovnkube-control-plane"));
    }

    @Test
    void subnetCapacityOfTheIpv4ClusterNetworks() {
        NetworkConfig nc = new NetworkConfig("cluster", null, "OVNKubernetes", 1400,
                List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23), new NetworkConfig.CidrBlock("10.132.0.0/22", 24),
                        new NetworkConfig.CidrBlock("fd01::/48", 64)), List.of(), SRC);
        assertEquals(512 + 4, ControlPlaneChecks.subnetCapacity(nc));
        // the catalogue's default when the config lists none
        assertEquals(512, ControlPlaneChecks.subnetCapacity(null));
        assertEquals(0, ControlPlaneChecks.subnetCapacity(new NetworkConfig("cluster", null, null, null,
                List.of(new NetworkConfig.CidrBlock("10.128.0.0/23", 22)), List.of(), SRC)));
        assertEquals(3, ControlPlaneChecks.ipv4SubnetsHandedOut(List.of(
                node("a", true, null, List.of("10.128.0.0/23", "fd01:0:0:1::/64"), "c", true, 2),
                node("b", true, null, List.of("10.128.2.0/23"), "c", true, 3),
                node("c", true, null, List.of("10.128.4.0/23"), "c", true, 4))));
    }

    @Test
    void missingAnnotationsAndTheJoiningGrace() {
        Instant at = Instant.parse("2026-12-07T12:00:00Z");
        OvnNode bare = node("w", false, Instant.parse("2026-12-07T11:57:00Z"), List.of(), null, false, null);
        assertEquals("k8s.ovn.org/node-chassis-id, k8s.ovn.org/l3-gateway-config, k8s.ovn.org/node-id",
                ControlPlaneChecks.missingAnnotations(bare, true));
        assertEquals("k8s.ovn.org/node-chassis-id, k8s.ovn.org/l3-gateway-config",
                ControlPlaneChecks.missingAnnotations(bare, false));
        assertFalse(ControlPlaneChecks.settled(bare, at));
        assertTrue(ControlPlaneChecks.settled(node("w", false, Instant.parse("2026-12-07T11:50:00Z"), List.of(), null,
                false, null), at));
        assertTrue(ControlPlaneChecks.settled(node("w", true, null, List.of(), null, false, null), at));
        assertFalse(ControlPlaneChecks.settled(node("w", false, null, List.of(), null, false, null), at));
        assertEquals("3m", ControlPlaneChecks.age(bare.created(), at));
        assertEquals("35d2h45m", ControlPlaneChecks.age(Instant.parse("2026-11-02T09:15:00Z"), at));
        assertEquals("unknown", ControlPlaneChecks.age(null, at));
    }

    @Test
    void e2eTimestamps() {
        assertEquals(1796644788L, ControlPlaneChecks.e2eTimestamp(Map.of("e2e_timestamp", "1796644788")));
        assertNull(ControlPlaneChecks.e2eTimestamp(Map.of("mac_prefix", "86:9f:e1")));
        assertNull(ControlPlaneChecks.e2eTimestamp(Map.of("e2e_timestamp", "soon")));
        assertNull(ControlPlaneChecks.e2eTimestamp(null));
        assertEquals("2026-12-07T11:59:48Z", ControlPlaneChecks.utc(1796644788L));
    }

    @Test
    void legacyNorthdIsStalledOnlyWhenEveryMastersStatusIsKnownAndNoneIsActive() {
        List<OvnkubeMaster> masters = List.of(new OvnkubeMaster("m-1", "ovnkube-master-a", SRC),
                new OvnkubeMaster("m-2", "ovnkube-master-b", SRC), new OvnkubeMaster("m-3", "ovnkube-master-c", SRC));
        List<NorthdStatus> standby = List.of(northd("m-1", "standby"), northd("m-2", "paused"), northd("m-3", "standby"));
        assertTrue(ControlPlaneChecks.noNorthdActive(masters, standby));
        assertEquals(List.of("m-1=standby", "m-2=paused", "m-3=standby"), ControlPlaneChecks.northdStates(masters, standby));
        assertFalse(ControlPlaneChecks.noNorthdActive(masters,
                List.of(northd("m-1", "standby"), northd("m-2", "active"), northd("m-3", "standby"))), "one active is normal");
        assertFalse(ControlPlaneChecks.noNorthdActive(masters, standby.subList(0, 2)), "m-3 unknown: it may be the active one");
        assertEquals(List.of("m-1=standby", "m-2=paused", "m-3=unknown"),
                ControlPlaneChecks.northdStates(masters, standby.subList(0, 2)));
        assertFalse(ControlPlaneChecks.noNorthdActive(List.of(), standby), "no master known: nothing to say");
        // Only the masters' northd count: a status on a node with no ovnkube-master pod is not the central DB's.
        assertTrue(ControlPlaneChecks.noNorthdActive(masters.subList(0, 1), List.of(northd("m-1", "standby"),
                northd("worker-9", "active"))));
    }

    private static NorthdStatus northd(String node, String status) {
        return new NorthdStatus(node, status, SRC);
    }
}
