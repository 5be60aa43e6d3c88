package io.netrules.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.netrules.report.JunitReportTest.elements;
import static io.netrules.report.JunitReportTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every report format on an OVN-Kubernetes capture (the interconnect case base
 * rules/ovn-kubernetes/cases-base/ic-3node): the platform and network plugin where the format has
 * a place for them, the OVN rules with their texts from their RuleDoc, the openshift-sdn rules left
 * out where the format lists the rules that ran.
 */
class OvnReportsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OVN = "ovn-kubernetes";

    static Path icBase() {
        return TestPaths.project().resolve("rules/ovn-kubernetes/cases-base/ic-3node");
    }

    private static Diagnosis ic() {
        return ReportSamples.diagnose(icBase(), "rules/ovn-kubernetes/cases-base/ic-3node");
    }

    private static List<RuleDoc> ovnRules() {
        return ReportSamples.rules().stream().filter(r -> OVN.equals(r.plugin())).toList();
    }

    @Test
    void theIcBaseIsDiagnosedAsOvnKubernetesOnOpenShift() {
        Diagnosis d = ic();
        assertEquals(OVN, d.summary().plugin());
        assertEquals(List.of("worker-0", "worker-1", "worker-2"), d.nodes().stream().map(r -> r.node()).toList());
        assertTrue(new TextReport(false, false).render(d).contains("network plugin: " + OVN));
        String md = MarkdownReport.render(d);
        assertTrue(md.contains("; network plugin: " + OVN + "."), md);
        assertTrue(md.contains("Platform: " + (d.summary().platform() == null ? "not known" : d.summary().platform())),
                md);
    }

    @Test
    void sarifNamesThePluginOfTheRunAndOfEachRuleAndDescribesTheOvnRulesFromTheirText() throws Exception {
        Diagnosis d = ic();
        String sarif = SarifReport.render(d, ReportSamples.rules(), "test", null);
        assertEquals(List.of(), SarifReportTest.validate(sarif), "valid SARIF 2.1.0");
        JsonNode run = MAPPER.readTree(sarif).get("runs").get(0);
        assertEquals(OVN, run.get("properties").get("plugin").asText());
        JsonNode descriptors = run.get("tool").get("driver").get("rules");
        Set<String> seen = new HashSet<>();
        for (JsonNode rule : descriptors) {
            String id = rule.get("id").asText();
            RuleDoc doc = ReportSamples.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            JsonNode props = rule.get("properties");
            if (doc.plugin() == null) {
                assertFalse(props.has("plugin"), id + " is a rule of every plugin");
            } else {
                assertEquals(doc.plugin(), props.get("plugin").asText(), id);
                assertEquals(doc.plugin(), props.get("tags").get(0).asText(), id);
            }
            seen.add(id);
        }
        // openshift-sdn's rules are described as openshift-sdn's (not as the only plugin there is).
        JsonNode ovs5 = find(descriptors, "NR-OVS-005");
        assertEquals("openshift-sdn", ovs5.get("properties").get("plugin").asText());
        for (RuleDoc r : ovnRules()) {
            assertTrue(seen.contains(r.id()), r.id());
            JsonNode rule = find(descriptors, r.id());
            assertFalse(rule.get("shortDescription").get("text").asText().isBlank(), r.id());
            assertTrue(rule.get("fullDescription").get("text").asText().contains(r.text().summary().strip()
                    .split("\\{")[0].strip()), r.id());
            assertEquals(r.layer(), rule.get("properties").get("layer").asText(), r.id());
        }
    }

    private static JsonNode find(JsonNode descriptors, String id) {
        for (JsonNode r : descriptors) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no descriptor " + id);
    }

    @Test
    void junitHasTheOvnRulesAndNoOpenshiftSdnRuleAndSaysThePlugin() throws Exception {
        Diagnosis d = ic();
        Document doc = parse(JunitReport.render(d, ReportSamples.rules()));
        List<Element> suites = elements(doc.getDocumentElement(), "testsuite");
        assertEquals(List.of("cluster", "worker-0", "worker-1", "worker-2"),
                suites.stream().map(s -> s.getAttribute("name")).toList());
        for (Element suite : suites) {
            boolean plugin = elements(suite, "property").stream()
                    .anyMatch(p -> p.getAttribute("name").equals("plugin") && p.getAttribute("value").equals(OVN));
            assertTrue(plugin, "suite " + suite.getAttribute("name") + " names the plugin");
        }
        Set<String> names = new HashSet<>();
        elements(doc.getDocumentElement(), "testcase").forEach(t -> names.add(t.getAttribute("classname") + " "
                + t.getAttribute("name").split(" ")[0]));
        assertFalse(names.contains("worker-0 NR-OVS-005"), "openshift-sdn's br0 rules do not run on OVN");
        assertFalse(names.contains("cluster NR-NODE-001"), "nor its HostSubnet rules");
        assertTrue(names.contains("cluster NR-SVC-001"), "the plugin-agnostic rules do");
        for (RuleDoc r : ovnRules()) {
            for (String scope : r.scope() == RuleMeta.Scope.NODE ? List.of("worker-0", "worker-1", "worker-2")
                    : List.of("cluster")) {
                assertTrue(names.contains(scope + " " + r.id()), scope + " " + r.id());
            }
        }
    }

    /**
     * The base with one fault a rule of the OVN catalogue finds: worker-2's OVS lost
     * {@code ovn-is-interconn=true} (in interconnect mode ovn-controller then builds no tunnel to
     * the other zones: NR-OVNTUN-003, layer node-to-node). Once that rule is in the rule base its
     * finding is in every format, on worker-2, with its text; the rest of the capture is unchanged.
     */
    @Test
    void anOvnFindingIsInEveryFormatWithItsRuleText(@TempDir Path tmp) throws Exception {
        Path capture = brokenInterconn(tmp);
        Diagnosis d = ReportSamples.diagnose(capture, "ic-3node-no-interconn");
        RuleDoc tun3 = ReportSamples.rules().stream().filter(r -> r.id().equals("NR-OVNTUN-003")).findFirst()
                .orElse(null);
        if (tun3 == null) {
            // The rule is not in this rule base yet: the fault changes nothing any format shows.
            assertTrue(d.findings().stream().noneMatch(f -> f.id().startsWith("NR-OVN")), d.findings().toString());
            return;
        }
        var f = d.findings().stream().filter(x -> x.id().equals("NR-OVNTUN-003")).findFirst()
                .orElseThrow(() -> new AssertionError("NR-OVNTUN-003 not found: " + d.findings()));
        assertEquals("worker-2", f.node());
        assertEquals("node-to-node", d.summary().layer());
        JsonNode run = MAPPER.readTree(SarifReport.render(d, ReportSamples.rules(), "test", null)).get("runs").get(0);
        JsonNode result = null;
        for (JsonNode r : run.get("results")) {
            if (r.get("ruleId").asText().equals("NR-OVNTUN-003")) {
                result = r;
            }
        }
        assertTrue(result != null, "SARIF result");
        assertEquals(f.title(), result.get("message").get("text").asText());
        Document doc = parse(JunitReport.render(d, ReportSamples.rules()));
        Element failing = elements(doc.getDocumentElement(), "testcase").stream()
                .filter(t -> t.getAttribute("classname").equals("worker-2")
                        && t.getAttribute("name").startsWith("NR-OVNTUN-003"))
                .findFirst().orElseThrow();
        assertEquals(f.title(), elements(failing, "failure").get(0).getAttribute("message"));
        String md = MarkdownReport.render(d);
        // Markdown escapes what would start markup in prose (Open\_vSwitch).
        String mdTitle = f.title().replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
                .replace("`", "\\`").replace("<", "&lt;").replace("[", "\\[");
        assertTrue(md.contains("ERROR NR-OVNTUN-003: " + mdTitle), md);
        JsonNode json = MAPPER.readTree(JsonReport.render(d, false));
        assertEquals(OVN, json.get("summary").get("plugin").asText());
    }

    /** The IC base with worker-2's {@code ovn-is-interconn="true"} removed from its Open_vSwitch row. */
    static Path brokenInterconn(Path tmp) throws Exception {
        Path capture = TestPaths.copyTree(icBase(), tmp.resolve("ic-3node-no-interconn"));
        Path ovs = capture.resolve("nodes/worker-2/ovs-vsctl_-t_5_list_Open_vSwitch");
        String text = Files.readString(ovs);
        assertTrue(text.contains("ovn-is-interconn=\"true\", "), "the base sets ovn-is-interconn");
        Files.writeString(ovs, text.replace("ovn-is-interconn=\"true\", ", ""));
        return capture;
    }
}
