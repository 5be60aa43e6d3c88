package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node table the HTML report draws: one row per node, from the cluster objects and each node's interfaces. */
class NodeRowsTest {

    @Test
    void brokenMtuSampleShowsNode3sSmallerPrimaryMtu() throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(TestPaths.sample("broken-mtu")), "t");
        assertEquals(List.of(
                sdn("node-1", "10.0.0.1", "10.128.0.0/23", "eth0", "1500", "1450"),
                sdn("node-2", "10.0.0.2", "10.129.0.0/23", "eth0", "1500", "1450"),
                sdn("node-3", "10.0.0.3", "10.130.0.0/23", "eth0", "1450", "1450")), d.nodes());
        assertEquals(List.of("subnet", "primary interface", "MTU", "tun0 MTU"),
                List.copyOf(d.nodes().get(0).columns().keySet()), "openshift-sdn's columns, in order");
    }

    /**
     * A capture that does not say its network plugin: the address from the HostSubnet, and only
     * the columns every plugin has (the core names no plugin's columns).
     */
    @Test
    void aNodeKnownOnlyFromItsHostSubnetHasItsHostIpAndNoMtu(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), EvaluatorTest.HOSTSUBNETS);
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(tmp), "t");
        assertEquals(null, d.summary().plugin());
        Map<String, String> none = new LinkedHashMap<>();
        none.put("primary interface", null);
        none.put("MTU", null);
        assertEquals(List.of(new NodeRow("node-1", "10.0.0.1", none), new NodeRow("node-2", "10.0.0.2", none)),
                d.nodes());
    }

    /** An OVN capture's table has OVN's columns: no HostSubnet or tun0, but the node's subnet, zone, gateway mode, ovn-k8s-mp0. */
    @Test
    void anOvnCaptureHasOvnsColumns() throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(
                Capture.open(TestPaths.rules().resolve("ovn-kubernetes/cases-base/ic-3node")), "t");
        assertEquals("ovn-kubernetes", d.summary().plugin());
        assertEquals(List.of("subnet", "zone", "gateway mode", "primary interface", "MTU", "ovn-k8s-mp0 MTU"),
                List.copyOf(d.nodes().get(0).columns().keySet()));
        NodeRow w1 = d.nodes().stream().filter(r -> r.node().equals("worker-1")).findFirst().orElseThrow();
        assertEquals("worker-1", w1.columns().get("zone"), "interconnect: each node is its own zone");
        assertTrue(w1.columns().get("subnet").startsWith("10.1"), w1.toString());
        assertTrue(List.of("shared", "local").contains(w1.columns().get("gateway mode")), w1.toString());
        assertEquals("br-ex", w1.columns().get("primary interface"), w1.toString());
    }

    private static NodeRow sdn(String node, String ip, String subnet, String primary, String mtu, String tun0) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("subnet", subnet);
        columns.put("primary interface", primary);
        columns.put("MTU", mtu);
        columns.put("tun0 MTU", tun0);
        return new NodeRow(node, ip, columns);
    }
}
