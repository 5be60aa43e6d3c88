package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.model.Collected;
import io.netrules.model.HostSubnet;
import io.netrules.model.Source;
import io.netrules.model.Sysctl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions get only facts some rule can match: what no rule names is left out, and a rule that
 * names a type (a user's rule too) gets every fact of it.
 */
class FactFilterTest {
    static RuleFile rule(String id, String when) {
        String drl = """
                package test.filter;
                import io.netrules.model.*;
                rule "%s"
                    @id("%s") @severity("WARN") @layer("node-to-node") @scope("node")
                    @guide("Debugging Node to Node Networking") @requires("")
                when
                    NodeScope($n : name)
                    %s
                then
                    insert(Finding.of("%s").node($n));
                end
                """.formatted(id, id, when, id);
        String md = """
                ---
                id: %s
                title: "test rule on {node}"
                ---
                ## Summary
                A test.

                ## Why it breaks traffic
                It does not.

                ## How to fix
                Nothing to do.
                """.formatted(id);
        return new RuleFile("test/" + id + ".drl", drl, "test/" + id + ".md", md);
    }

    @Test
    void onlyTypesSomePatternNamesPass() throws Exception {
        RuleBase rb = RuleBase.build(List.of(rule("NR-TST-001", "Sysctl(node == $n, key == \"x\")")));
        FactFilter f = FactFilter.of(rb.nodeKieBase());
        Source src = Source.file("f");
        assertTrue(f.accepts(new Sysctl("n", "x", "1", src)));
        assertFalse(f.accepts(new HostSubnet("n", "n", "10.0.0.1", "10.128.0.0/23", src)));
        assertFalse(f.accepts(new Collected("n", "sysctl", null, src)));
    }

    @Test
    void aPatternOnAnInterfaceLetsEveryImplementationPass() throws Exception {
        RuleBase rb = RuleBase.build(List.of(rule("NR-TST-002", "io.netrules.model.Sourced(source != null)")));
        FactFilter f = FactFilter.of(rb.nodeKieBase());
        assertTrue(f.accepts(new HostSubnet("n", "n", "10.0.0.1", "10.128.0.0/23", Source.file("f"))));
    }

    /** No built-in node rule reads Node objects; a user's node rule that does must still see them. */
    @Test
    void aUserNodeRuleOnANewTypeGetsThoseFacts() throws Exception {
        List<RuleFile> files = new ArrayList<>(RuleLoader.builtin());
        files.add(rule("NR-TST-003", "Node(name == $n, internalIP != null)"));
        Diagnosis d = new Evaluator(RuleBase.build(files), 2).evaluate(
                Capture.open(TestPaths.sample("healthy-3node")), "t");
        assertEquals(List.of("NR-TST-003@node-1/", "NR-TST-003@node-2/", "NR-TST-003@node-3/"),
                d.findings().stream().map(ReportFinding::key).sorted().toList());
    }
}
