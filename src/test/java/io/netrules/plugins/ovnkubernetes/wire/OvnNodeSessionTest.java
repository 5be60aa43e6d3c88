package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the engine: a rule of a node session sees that node's own NB rows (and no other
 * node's) once the capture's plugin is OVN-Kubernetes; on a capture whose plugin is
 * openshift-sdn the plugin's node extras are not read at all.
 */
class OvnNodeSessionTest {
    static final String DRL = """
            package netrules.test;

            import io.netrules.model.Finding;
            import io.netrules.model.NodeScope;
            import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;

            rule "NR-TEST-901 a node switch is in the node's session"
                @id("NR-TEST-901")
                @severity("INFO")
                @layer("node-to-node")
                @scope("node")
                @guide("test")
                @requires("ovn-nb")
            when
                NodeScope($n : name)
                $s : LogicalSwitch(ports.size() > 0, name != "join", name != "transit_switch", !name.startsWith("ext_"))
            then
                insert(Finding.of("NR-TEST-901").node($n).subject($s.name()));
            end
            """;
    static final String MD = """
            ---
            id: NR-TEST-901
            title: "{node} holds switch {subject}"
            ---
            ## Summary
            Test rule.

            ## Why it breaks traffic
            It does not.

            ## How to fix
            Nothing.
            """;

    static RuleBase rules;

    @BeforeAll
    static void rules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("NR-TEST-901.drl"), DRL);
        Files.writeString(dir.resolve("NR-TEST-901.md"), MD);
        rules = RuleBase.build(RuleLoader.fromUserDir(dir));
    }

    static Path capture(Path root, String networkType) throws Exception {
        Files.createDirectories(root.resolve("cluster"));
        Files.writeString(root.resolve("cluster/networkconfigs.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                 {"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                  "spec": {"networkType": "%s"}, "status": {"networkType": "%s", "clusterNetworkMTU": 1400}}]}
                """.formatted(networkType, networkType));
        OvnNodeDataTest.nodeFolder(root, "node-a", true, "10.0.0.10");
        OvnNodeDataTest.nodeFolder(root, "node-b", true, "10.0.0.11");
        Files.createDirectories(root.resolve("nodes/node-c"));
        Files.writeString(root.resolve("nodes/node-c/sysctl_-a"), "net.ipv4.ip_forward = 1\n");
        return root;
    }

    @Test
    void eachNodeSessionHoldsItsOwnSwitchOnly(@TempDir Path root) throws Exception {
        Diagnosis d = new Evaluator(rules, 2, true).evaluate(Capture.open(capture(root, "OVNKubernetes")), "t");
        assertEquals(List.of(), d.warnings());
        assertEquals(List.of("node-a node-a", "node-b node-b"),
                d.findings().stream().map(f -> f.node() + " " + f.subject()).sorted().toList());
        // node-c has no database of its zone: the rule is not evaluated there, and the reason says so.
        List<NotEvaluated> ne = d.notEvaluated();
        assertEquals(1, ne.size(), ne.toString());
        assertEquals("node-c", ne.get(0).node());
        assertTrue(ne.get(0).reason().contains("none of the capture's OVN databases is this node's NB"),
                ne.get(0).reason());
        ReportFinding a = d.findings().stream().filter(f -> "node-a".equals(f.node())).findFirst().orElseThrow();
        assertTrue(a.evidence().stream().anyMatch(e -> e.source().equals("nodes/node-a/" + OvnNodeData.NB_DUMP_FILE)
                && e.text().startsWith("Logical_Switch ")), a.evidence().toString());
    }

    @Test
    void onAnOpenShiftSdnCaptureThePluginsExtrasAreNotRead(@TempDir Path root) throws Exception {
        Diagnosis d = new Evaluator(rules, 1, true).evaluate(Capture.open(capture(root, "OpenShiftSDN")), "t");
        assertEquals(List.of(), d.findings(), "no OVN row reached any session");
        // ovn-nb is then simply not collected on every node (no database was looked for).
        assertEquals(List.of("node-a", "node-b", "node-c"), d.notEvaluated().stream().map(NotEvaluated::node).sorted()
                .toList());
    }
}
