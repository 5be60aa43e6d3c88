package io.netrules.engine;

import io.netrules.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the engine treats missing and failed inputs, sosreport folders and capture.json. */
class EvaluatorTest {
    /** Says the capture's network plugin: the flow rules are openshift-sdn's. */
    static final String CLUSTER_NETWORK = """
            {"apiVersion": "network.openshift.io/v1", "kind": "ClusterNetwork", "metadata": {"name": "default"},
             "network": "10.128.0.0/14", "hostsubnetlength": 9, "serviceNetwork": "172.30.0.0/16",
             "pluginName": "redhat/openshift-ovs-subnet"}
            """;

    static final String HOSTSUBNETS = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"kind": "HostSubnet", "metadata": {"name": "node-1"}, "host": "node-1", "hostIP": "10.0.0.1", "subnet": "10.128.0.0/23"},
              {"kind": "HostSubnet", "metadata": {"name": "node-2"}, "host": "node-2", "hostIP": "10.0.0.2", "subnet": "10.129.0.0/23"}
            ]}
            """;
    static final String FLOWS_FOR_NODE_2 = """
            OFPST_FLOW reply (OF1.3) (xid=0x2):
             cookie=0x0, duration=100.1s, table=10, n_packets=0, n_bytes=0, priority=100,tun_src=10.0.0.2 actions=goto_table:30
             cookie=0x0, duration=100.1s, table=50, n_packets=0, n_bytes=0, priority=100,arp,arp_tpa=10.129.0.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.2->tun_dst,output:1
             cookie=0x0, duration=100.1s, table=90, n_packets=0, n_bytes=0, priority=100,ip,nw_dst=10.129.0.0/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.2->tun_dst,output:1
            """;
    static final String VERSION_MISMATCH = """
            2026-11-26T10:00:00Z|00001|vconn|WARN|unix:/var/run/openvswitch/br0.mgmt: version negotiation failed (we support version 0x01, peer supports version 0x04)
            ovs-ofctl: br0: failed to connect to socket (Broken pipe)
            """;

    static Diagnosis diagnose(Path capture) throws Exception {
        return new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(capture), "t");
    }

    static List<NotEvaluated> notEvaluated(Diagnosis d, String id) {
        return d.notEvaluated().stream().filter(n -> n.id().equals(id)).toList();
    }

    @Test
    void aNodeWithoutFlowsIsNotEvaluatedAndGivesNoFlowFinding(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), HOSTSUBNETS);
        Files.writeString(tmp.resolve("cluster/clusternetworks.json"), CLUSTER_NETWORK);
        Files.createDirectories(tmp.resolve("nodes/node-1"));
        Files.writeString(tmp.resolve("nodes/node-1/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"), FLOWS_FOR_NODE_2);
        Diagnosis d = diagnose(tmp);
        assertEquals(List.of(), d.findings());
        List<NotEvaluated> ne = notEvaluated(d, "NR-OVS-005");
        assertEquals(1, ne.size(), ne.toString());
        assertEquals("node-2", ne.get(0).node());
        assertEquals("ovs-ofctl_-O_OpenFlow13_dump-flows_br0", ne.get(0).missing());
    }

    @Test
    void aMissingFlowIsAFindingWithTheAbsenceAndTheHostSubnetAsEvidence(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), HOSTSUBNETS);
        Files.writeString(tmp.resolve("cluster/clusternetworks.json"), CLUSTER_NETWORK);
        Files.createDirectories(tmp.resolve("nodes/node-1"));
        Files.writeString(tmp.resolve("nodes/node-1/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"),
                FLOWS_FOR_NODE_2.lines().filter(l -> !l.contains("table=10")).reduce("", (a, b) -> a + b + "\n"));
        Diagnosis d = diagnose(tmp);
        assertEquals(1, d.findings().size(), d.findings().toString());
        ReportFinding f = d.findings().get(0);
        assertEquals("NR-OVS-005@node-1/hostsubnet/node-2", f.key());
        assertTrue(f.evidence().contains(new Evidence("nodes/node-1/ovs-ofctl_-O_OpenFlow13_dump-flows_br0", 0,
                "not found: table=10,tun_src=10.0.0.2", Evidence.ABSENT)), f.evidence().toString());
        assertTrue(f.evidence().stream().anyMatch(e -> e.source().equals("cluster/hostsubnets.json") && e.line() == 3),
                f.evidence().toString());
        assertEquals("ovs", d.summary().layer());
    }

    @Test
    void sosreportPlainDumpWithVersionErrorIsNotEvaluatedNotNoFlows(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), HOSTSUBNETS);
        Files.writeString(tmp.resolve("cluster/clusternetworks.json"), CLUSTER_NETWORK);
        Path sos = Files.createDirectories(tmp.resolve("nodes/node-1/sos_commands/openvswitch"));
        Files.writeString(sos.resolve("ovs-ofctl_dump-flows_br0"), VERSION_MISMATCH);
        Files.writeString(sos.resolve("ovs-vsctl_-t_5_show"),
                "    Bridge \"br0\"\n        fail_mode: secure\n    ovs_version: \"2.9.0\"\n");
        Files.writeString(tmp.resolve("nodes/node-1/version.txt"), "sosreport: 3.6\n");
        Diagnosis d = diagnose(tmp);
        assertEquals(List.of(), d.findings());
        NotEvaluated ne = notEvaluated(d, "NR-OVS-005").stream().filter(n -> "node-1".equals(n.node())).findFirst()
                .orElseThrow();
        assertTrue(ne.reason().contains("the tool failed"), ne.reason());
        assertTrue(d.warnings().stream().noneMatch(w -> w.source().contains("version.txt")),
                "sosreport's own files are not warned about: " + d.warnings());
    }

    @Test
    void sosreportOpenFlow13DumpIsPreferredOverThePlainOne(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), HOSTSUBNETS);
        Files.writeString(tmp.resolve("cluster/clusternetworks.json"), CLUSTER_NETWORK);
        Path sos = Files.createDirectories(tmp.resolve("nodes/node-1/sos_commands/openvswitch"));
        Files.writeString(sos.resolve("ovs-ofctl_dump-flows_br0"), VERSION_MISMATCH);
        Files.writeString(sos.resolve("ovs-ofctl_-O_OpenFlow13_dump-flows_br0"), FLOWS_FOR_NODE_2);
        Diagnosis d = diagnose(tmp);
        assertEquals(List.of(), d.findings());
        assertTrue(notEvaluated(d, "NR-OVS-005").stream().noneMatch(n -> "node-1".equals(n.node())));
    }

    @Test
    void captureJsonReasonIsKeptForNotEvaluated(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), HOSTSUBNETS);
        Files.writeString(tmp.resolve("cluster/clusternetworks.json"), CLUSTER_NETWORK);
        Files.createDirectories(tmp.resolve("nodes/node-1"));
        Files.writeString(tmp.resolve("capture.json"), """
                {"format": "netrules-capture/1", "notCollected": [
                  {"node": "node-1", "what": "ovs-ofctl_-O_OpenFlow13_dump-flows_br0", "why": "timed out after 30 s"}]}
                """);
        Diagnosis d = diagnose(tmp);
        NotEvaluated ne = notEvaluated(d, "NR-OVS-005").stream().filter(n -> "node-1".equals(n.node())).findFirst()
                .orElseThrow();
        assertTrue(ne.reason().contains("timed out after 30 s"), ne.reason());
    }

    @Test
    void healthyCaptureWithOneNodesFlowsMissingGivesNotEvaluatedNotFindings(@TempDir Path tmp) throws Exception {
        Path source = io.netrules.TestPaths.sample("healthy-3node");
        try (var walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path t = tmp.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Files.delete(tmp.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"));
        Diagnosis d = diagnose(tmp);
        assertEquals(List.of(), d.findings(), "no finding from a missing flow dump");
        java.util.Set<String> flowRules = new java.util.TreeSet<>();
        for (RuleDoc doc : Rules.builtin().docs().values()) {
            if (doc.rules().stream().allMatch(m -> m.requires().stream().anyMatch(alt -> alt.equals(List.of("ovs-flows"))))) {
                flowRules.add(doc.id());
            }
        }
        assertTrue(flowRules.contains("NR-OVS-005") && flowRules.contains("NR-OVS-006"), flowRules.toString());
        for (String id : flowRules) {
            NotEvaluated ne = notEvaluated(d, id).stream().filter(n -> "node-2".equals(n.node())).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " should be not evaluated on node-2"));
            assertTrue(ne.missing().contains("ovs-ofctl_-O_OpenFlow13_dump-flows_br0"), ne.toString());
        }
        assertTrue(d.notEvaluated().stream().noneMatch(n -> "node-1".equals(n.node()) && flowRules.contains(n.id())));
    }
}
