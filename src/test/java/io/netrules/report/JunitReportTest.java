package io.netrules.report;

import io.netrules.TestPaths;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format junit}: well-formed JUnit XML, a test case per rule and scope, failures and skips where they belong. */
class JunitReportTest {

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Element parent, String tag) {
        NodeList nl = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    static Element testcase(Document doc, String suite, String name) {
        return elements(doc.getDocumentElement(), "testcase").stream()
                .filter(t -> t.getAttribute("classname").equals(suite) && t.getAttribute("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no testcase " + suite + " " + name));
    }

    @Test
    void everySampleGivesOneTestCasePerRuleAndScopeWithConsistentCounts() throws Exception {
        List<RuleDoc> rules = List.copyOf(ReportSamples.rules());
        for (String sample : ReportSamples.names()) {
            Diagnosis d = ReportSamples.diagnose(sample);
            // Rules of another network plugin are not applicable: no test case of theirs.
            List<RuleDoc> applicable = rules.stream().filter(r -> r.appliesTo(d.summary().plugin())).toList();
            long nodeRules = applicable.stream().filter(r -> r.scope() == RuleMeta.Scope.NODE).count();
            long clusterRules = applicable.size() - nodeRules;
            Document doc = parse(JunitReport.render(d, rules));
            Element root = doc.getDocumentElement();
            assertEquals("testsuites", root.getTagName());
            List<Element> cases = elements(root, "testcase");
            int findings = d.findings().size();
            // A finding replaces its rule's passing case in its scope; one case per finding.
            assertEquals(clusterRules + nodeRules * d.nodes().size(), cases.size() - countExtraCases(d), sample);
            assertEquals(findings, elements(root, "failure").size(), sample);
            assertEquals(d.notEvaluated().size(), elements(root, "skipped").size(), sample);
            assertEquals(String.valueOf(cases.size()), root.getAttribute("tests"), sample);
            assertEquals(String.valueOf(findings), root.getAttribute("failures"), sample);
            for (Element suite : elements(root, "testsuite")) {
                assertEquals(String.valueOf(elements(suite, "testcase").size()), suite.getAttribute("tests"));
            }
        }
    }

    /** Test cases beyond one per rule and scope: a rule with n findings in a scope has n cases. */
    private static long countExtraCases(Diagnosis d) {
        var perRuleScope = new java.util.HashMap<String, Integer>();
        d.findings().forEach(f -> perRuleScope.merge(f.id() + "@" + f.node(), 1, Integer::sum));
        return perRuleScope.values().stream().mapToInt(n -> n - 1).sum();
    }

    @Test
    void aFindingFailsItsRulesCaseInItsNodesSuiteWithEvidenceAndRemediation() throws Exception {
        Document doc = parse(JunitReport.render(ReportSamples.diagnose("broken-vxlan-flows"), ReportSamples.rules()));
        Element failing = testcase(doc, "node-3", "NR-OVS-005 hostsubnet/node-1");
        Element failure = elements(failing, "failure").get(0);
        assertEquals("ERROR", failure.getAttribute("type"));
        assertEquals("node-3 has no VXLAN flows for node-1 (10.0.0.1, subnet 10.128.0.0/23)",
                failure.getAttribute("message"));
        String text = failure.getTextContent();
        assertTrue(text.contains("cluster/hostsubnets.json:4: hostsubnet/node-1"), text);
        assertTrue(text.contains("ovs-ofctl -O OpenFlow13 dump-flows br0 | grep 10.0.0.1"), text);
        assertTrue(text.contains("Guide: Debugging Local Networking"), text);
        assertTrue(elements(testcase(doc, "node-1", "NR-OVS-005"), "failure").isEmpty(), "node-1 passes");
        assertTrue(elements(testcase(doc, "cluster", "NR-SVC-001"), "failure").isEmpty());
    }

    @Test
    void aRuleNotEvaluatedOnANodeIsSkippedThereWithWhatWasMissing(@TempDir Path tmp) throws Exception {
        Path capture = TestPaths.copyTree(TestPaths.sample("healthy-3node"), tmp.resolve("c"));
        Files.delete(capture.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"));
        Document doc = parse(JunitReport.render(ReportSamples.diagnose(capture, "c"), ReportSamples.rules()));
        Element skipped = elements(testcase(doc, "node-2", "NR-OVS-005"), "skipped").get(0);
        assertTrue(skipped.getAttribute("message").startsWith(
                "not evaluated: missing ovs-ofctl_-O_OpenFlow13_dump-flows_br0"), skipped.getAttribute("message"));
        assertTrue(elements(testcase(doc, "node-1", "NR-OVS-005"), "skipped").isEmpty());
    }

    @Test
    void markupAndControlCharactersCannotBreakTheXml() throws Exception {
        assertEquals("a &lt;b&gt; &amp; c", JunitReport.text("a <b> & c\u0001"));
        Document doc = parse("<x a=\"" + JunitReport.attr("say \"hi\"\nthere") + "\"/>");
        assertEquals("say \"hi\"\nthere", doc.getDocumentElement().getAttribute("a"));
    }
}
