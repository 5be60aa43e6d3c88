package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.model.IptablesRule;
import io.netrules.model.OvsFlow;
import io.netrules.model.Source;
import io.netrules.report.JsonReport;
import io.netrules.rules.IptablesTable;
import io.netrules.synth.Fault;
import io.netrules.synth.SyntheticCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only facts some rule can match are inserted, as the compiled rules' own constraints decide
 * ({@link FactFilter}), and the iptables rules reach the built-in rules as one
 * {@link IptablesTable} per node and table. Neither may change a report: the same JSON, byte for
 * byte, with and without the filter, and with the rules in their earlier accumulate form (a
 * user's rule on a table or chain no built-in rule reads gets those facts: UserRuleFactsTest).
 */
class FactFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(RuleBase rules, Path capture, boolean filter) throws Exception {
        Diagnosis d = new Evaluator(rules, 2, filter).evaluate(Capture.open(capture), "capture");
        return JsonReport.render(d);
    }

    @Test
    void theBuiltInRulesSelectTheirFactsByTheirOwnConstraints() {
        RuleBase rules = Rules.builtin();
        FactFilter node = FactFilter.of(rules.nodeKieBase());
        var session = rules.nodeKieBase().newKieSession();
        try {
            Source src = Source.of("nodes/n1/iptables-save", 5, "-A KUBE-SEP-X -j DNAT");
            IptablesRule nat = new IptablesRule("n1", "nat", "KUBE-SEP-X", 1, "tcp", null, null, null, null, "DNAT",
                    false, null, List.of("-j", "DNAT"), src);
            assertFalse(node.accepts(nat, session), "no rule reads nat rules one by one: they come as a table");
            assertTrue(node.accepts(IptablesTable.of("n1", "nat", List.of(nat)), session));
            OvsFlow br0 = flow("br0", 10, "10.0.0.2");
            OvsFlow other = flow("br-ex", 0, null);
            assertTrue(node.accepts(br0, session), "NR-OVS-005 reads table 10 of br0");
            assertFalse(node.accepts(other, session), "no rule reads a flow of br-ex's table 0 without a tunnel");
            assertTrue(FactFilter.none().accepts(nat, session));
        } finally {
            session.dispose();
        }
    }

    private static OvsFlow flow(String bridge, int table, String tunSrc) {
        return new OvsFlow("n1", bridge, table, 100, "0x0", tunSrc == null ? Map.of() : Map.of("tun_src", tunSrc),
                "goto_table:30", null, tunSrc, null, List.of(), null, null, null, null, List.of(),
                Source.of("nodes/n1/ovs-ofctl_dump-flows_br0", 2, "x"));
    }

    @Test
    void aServiceHeavyCaptureWithEveryFaultGivesTheSameJsonWithAndWithoutTheFilter(@TempDir Path tmp)
            throws Exception {
        int nodes = 20;
        // Every pod backs a service (S = N·P/3): kube-proxy's rules dominate each node, as in large clusters.
        int services = nodes * 30 / SyntheticCapture.REPLICAS;
        SyntheticCapture gen = new SyntheticCapture(nodes, 30, services, 3, List.of(
                Fault.ipForwardOff(1), Fault.tunSrcFlowDeleted(3, 16), Fault.podFlowsDeleted(8, 29),
                Fault.primaryMtuLowered(12), Fault.routeViaDocker0(16, 3), Fault.staleServiceNat(18, services * 6 / 10),
                Fault.serviceNotReady(services / 10)));
        assertEquals(7, gen.expectedFindings().size());
        Path capture = tmp.resolve("c");
        gen.write(capture, 2);
        String filtered = json(Rules.builtin(), capture, true);
        assertEquals(json(Rules.builtin(), capture, false), filtered);
        assertEquals(json(accumulateForm(), capture, false), filtered,
                "the rules in their accumulate form, every fact inserted: the report before this change");
        JsonNode report = JSON.readTree(filtered);
        Set<String> keys = new TreeSet<>();
        report.get("findings").forEach(f -> keys.add(f.get("id").asText() + "|" + f.get("node").asText("") + "|"
                + f.get("subject").asText("")));
        assertEquals(gen.expectedFindings(), keys(report), keys.toString());
        assertEquals(0, report.get("warnings").size());
    }

    private static Set<String> keys(JsonNode report) {
        Set<String> keys = new TreeSet<>();
        report.get("findings").forEach(f -> keys.add(ReportFinding.key(f.get("id").asText(),
                f.get("node").isNull() ? null : f.get("node").asText(),
                f.get("subject").isNull() ? null : f.get("subject").asText())));
        return keys;
    }

    @Test
    void everySampleGivesTheSameJsonWithAndWithoutTheFilter() throws Exception {
        RuleBase old = accumulateForm();
        try (Stream<Path> samples = Files.list(TestPaths.project().resolve("facts-samples"))) {
            for (Path sample : samples.filter(Files::isDirectory).sorted().toList()) {
                String filtered = json(Rules.builtin(), sample, true);
                assertEquals(json(Rules.builtin(), sample, false), filtered, sample.toString());
                assertEquals(json(old, sample, false), filtered, sample + ", accumulate form");
            }
        }
    }

    /**
     * The built-in rules as they were before the iptables tables became facts: each rule gathered
     * its table with the {@code iptablesTable} accumulate over IptablesRule facts (same lines, so
     * the same rule positions in the report).
     */
    static RuleBase accumulateForm() throws Exception {
        List<RuleFile> files = new ArrayList<>();
        int changed = 0;
        for (RuleFile f : RuleLoader.builtin()) {
            String drl = f.drl();
            for (String table : List.of("nat", "filter")) {
                drl = drl.replace("    $t : IptablesTable(node == $n, name == \"" + table + "\")",
                        "    accumulate( $r : IptablesRule(node == $n, table == \"" + table
                                + "\"); $t : iptablesTable($r) )");
            }
            if (!drl.equals(f.drl())) {
                changed++;
            }
            // keeps the rule's plugin: on an OVN-Kubernetes capture the openshift-sdn rules are not applicable
            files.add(new RuleFile(f.display(), drl, f.remediationDisplay(), f.remediation(), f.plugin()));
        }
        assertEquals(2, changed, "NR-SVC-005 and NR-IPT-001 read the tables");
        return RuleBase.build(files);
    }
}
