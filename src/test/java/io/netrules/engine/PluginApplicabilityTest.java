package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.report.JsonReport;
import io.netrules.report.TextReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule of another network plugin is not applicable: not fired, not listed as not evaluated,
 * counted once. A user's rule is that plugin's when it sits in the plugin's folder of
 * {@code --rules DIR}.
 */
class PluginApplicabilityTest {
    @TempDir
    static Path tmp;

    static RuleBase withOvnRule;
    static Path ovnCapture;

    static final String OVN_RULE = """
            package userrules;
            import io.netrules.model.ClusterScope;
            import io.netrules.model.Finding;
            import io.netrules.model.NetworkConfig;

            rule "OVN network type declared"
                @id("NR-OVNX-001") @severity(INFO) @layer("gateway") @scope(cluster) @guide("test")
            when
                ClusterScope()
                $c : NetworkConfig()
            then
                insert(Finding.of("NR-OVNX-001").subject("network/" + $c.name()));
            end
            """;

    static final String OVN_TEXT = """
            ---
            id: NR-OVNX-001
            title: "{subject} is OVN-Kubernetes"
            ---
            ## Summary
            A test rule of the OVN-Kubernetes plugin.

            ## Why it breaks traffic
            It does not.

            ## How to fix
            Nothing to fix.
            """;

    @BeforeAll
    static void setUp() throws Exception {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules.resolve("ovn-kubernetes/gateway"));
        Files.writeString(rules.resolve("ovn-kubernetes/gateway/NR-OVNX-001.drl"), OVN_RULE);
        Files.writeString(rules.resolve("ovn-kubernetes/gateway/NR-OVNX-001.md"), OVN_TEXT);
        List<RuleFile> files = new ArrayList<>(RuleLoader.builtin());
        files.addAll(RuleLoader.fromUserDir(rules));
        withOvnRule = RuleBase.build(files);

        // A tiny 4.x OVN-Kubernetes capture: its network.config, its version, one node.
        ovnCapture = tmp.resolve("ovn-capture");
        Files.createDirectories(ovnCapture.resolve("cluster"));
        Files.writeString(ovnCapture.resolve("cluster/networkconfigs.json"),
                NetworkDetectionTest.networkConfig("OVNKubernetes", "OVNKubernetes"));
        Files.writeString(ovnCapture.resolve("cluster/clusterversions.json"), """
                {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
                 "status": {"history": [{"state": "Completed", "version": "4.14.8",
                                         "completionTime": "2024-01-10T10:00:00Z"}]}}
                """);
        Files.writeString(ovnCapture.resolve("cluster/nodes.json"), NetworkDetectionTest.nodes("v1.27.8+4fab27b"));
    }

    static Diagnosis diagnose(RuleBase rules, Path capture) throws Exception {
        return new Evaluator(rules, 1).evaluate(Capture.open(capture), capture.getFileName().toString());
    }

    static long idsOf(RuleBase rules, String plugin) {
        return rules.docs().values().stream().filter(d -> plugin.equals(d.plugin())).count();
    }

    @Test
    void aUserRuleInTheOvnFolderIsOvnKubernetessAndTheBuiltInFoldersSayTheirs() {
        assertEquals("ovn-kubernetes", withOvnRule.doc("NR-OVNX-001").plugin());
        assertEquals("openshift-sdn", withOvnRule.doc("NR-OVS-005").plugin());
        assertNull(withOvnRule.doc("NR-EXT-001").plugin(), "rules/common/ is every plugin's");
    }

    @Test
    void onAnOpenShiftSdnCaptureTheOvnRuleIsNotApplicableNotNotEvaluated() throws Exception {
        Diagnosis d = diagnose(withOvnRule, TestPaths.sample("broken-vxlan-flows"));
        assertEquals("openshift-sdn", d.summary().plugin());
        // The user's OVN rule and every built-in OVN-Kubernetes rule.
        int ovnRules = (int) withOvnRule.docs().values().stream().filter(r -> "ovn-kubernetes".equals(r.plugin())).count();
        assertEquals(46, ovnRules, "the OVN catalogue's 45 and the user's rule");
        assertEquals(ovnRules, d.summary().notApplicable());
        assertTrue(d.notEvaluated().stream().noneMatch(n -> n.id().equals("NR-OVNX-001")));
        assertTrue(d.findings().stream().noneMatch(f -> f.id().equals("NR-OVNX-001")));
        // The sample's own finding is still there.
        assertTrue(d.findings().stream().anyMatch(f -> f.id().equals("NR-OVS-005")));
        String text = new TextReport(false).render(d);
        assertTrue(text.contains("\n" + ovnRules + " rules of other network plugins not applicable (plugin: openshift-sdn)\n"),
                text);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) JsonReport.toMap(d).get("summary");
        assertEquals(ovnRules, summary.get("notApplicable"));
        assertEquals("openshift-sdn", summary.get("plugin"));
        assertEquals("OKD 3.11", summary.get("platform"));
    }

    @Test
    void onAnOvnCaptureTheOvnRuleAppliesAndOpenShiftSdnsRulesAreNotApplicable() throws Exception {
        Diagnosis d = diagnose(withOvnRule, ovnCapture);
        assertEquals("ovn-kubernetes", d.summary().plugin());
        assertEquals("OpenShift 4.14.8", d.summary().platform());
        assertTrue(d.findings().stream().anyMatch(f -> f.id().equals("NR-OVNX-001")
                && "network/cluster".equals(f.subject())), d.findings().toString());
        long sdn = idsOf(withOvnRule, "openshift-sdn");
        assertTrue(sdn >= 20, "openshift-sdn has its rule IDs: " + sdn);
        assertEquals(sdn, d.summary().notApplicable());
        assertTrue(d.notEvaluated().stream().noneMatch(n -> "openshift-sdn".equals(withOvnRule.doc(n.id()).plugin())),
                d.notEvaluated().toString());
        assertTrue(d.findings().stream().noneMatch(f -> "openshift-sdn".equals(withOvnRule.doc(f.id()).plugin())));
        String text = new TextReport(false).render(d);
        assertTrue(text.contains("Platform: OpenShift 4.14.8; network plugin: ovn-kubernetes\n"), text);
        assertTrue(text.contains(sdn + " rules of other network plugins not applicable (plugin: ovn-kubernetes)"), text);
    }

    @Test
    void withThePluginNotKnownPluginRulesAreNotEvaluatedWithTheReasonAndCommonRulesRun() throws Exception {
        Path capture = tmp.resolve("no-plugin");
        Files.createDirectories(capture.resolve("cluster"));
        Files.writeString(capture.resolve("cluster/nodes.json"), NetworkDetectionTest.nodes("v1.11.0+d4cacc0"));
        Diagnosis d = diagnose(withOvnRule, capture);
        assertNull(d.summary().plugin());
        assertEquals(0, d.summary().notApplicable());
        for (String id : List.of("NR-OVNX-001", "NR-OVS-005", "NR-MTU-001")) {
            List<NotEvaluated> ne = d.notEvaluated().stream().filter(n -> n.id().equals(id)).toList();
            assertFalse(ne.isEmpty(), id);
            for (NotEvaluated n : ne) {
                assertEquals("cluster/networkconfigs.json or cluster/clusternetworks.json", n.missing());
                assertTrue(n.reason().startsWith("network plugin not known: "), n.reason());
            }
        }
        assertTrue(d.notEvaluated().stream().noneMatch(n -> n.reason() != null
                && n.reason().startsWith("network plugin not known") && withOvnRule.doc(n.id()).plugin() == null),
                "a rule of every plugin is never held back by the plugin");
        assertTrue(new TextReport(false).render(d).contains("Platform: OpenShift/OKD 3.11; network plugin: not known\n"));
    }
}
