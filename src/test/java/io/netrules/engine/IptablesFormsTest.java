package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One broken node (a FORWARD REJECT after KUBE-FORWARD, and a service whose DNAT still points
 * at an old pod IP), given in each form a node may hold its iptables rules in: iptables-save
 * (netrules' collector), the {@code iptables -t filter|nat -nvL} listings (a sosreport of sos
 * 4.0 or older, in {@code networking/}) and {@code nft -a list ruleset} (an RHCOS sosreport of
 * sos 4.6.1+, in {@code firewall_tables/}). NR-IPT-001 and NR-SVC-005 must say the same thing
 * whatever the form.
 */
class IptablesFormsTest {
    private static final Path FORMS = TestPaths.project().resolve("src/test/resources/forms/broken-node-3");

    @Test
    void theSameBrokenRulesGiveTheSameFindingsInEveryForm(@TempDir Path dir) throws Exception {
        Map<String, String> save = findings(capture(dir.resolve("save"), Map.of("iptables-save", "iptables-save")));
        Map<String, String> listing = findings(capture(dir.resolve("listing"), Map.of(
                "sos_commands/networking/iptables_-t_filter_-nvL", "iptables_-t_filter_-nvL",
                "sos_commands/networking/iptables_-t_nat_-nvL", "iptables_-t_nat_-nvL")));
        Map<String, String> nft = findings(capture(dir.resolve("nft"), Map.of(
                "sos_commands/firewall_tables/nft_-a_list_ruleset", "nft_-a_list_ruleset")));

        assertTrue(save.keySet().stream().anyMatch(k -> k.startsWith("NR-IPT-001 node-3")), save.toString());
        assertTrue(save.containsKey("NR-SVC-005 node-3 service/myproj/api"), save.toString());
        assertTrue(save.get("NR-SVC-005 node-3 service/myproj/api").contains("10.130.0.99:8080"),
                save.get("NR-SVC-005 node-3 service/myproj/api"));
        assertEquals(save, listing);
        assertEquals(save, nft);
    }

    /** A capture of the healthy sample's cluster files and one node-3 folder holding these files. */
    private static Capture capture(Path root, Map<String, String> files) throws Exception {
        Path cluster = Files.createDirectories(root.resolve("cluster"));
        try (Stream<Path> s = Files.list(TestPaths.sample("healthy-3node-sosreport").resolve("cluster"))) {
            for (Path p : s.toList()) {
                Files.copy(p, cluster.resolve(p.getFileName().toString()));
            }
        }
        Path node = Files.createDirectories(root.resolve("nodes/node-3"));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path to = node.resolve(e.getKey());
            Files.createDirectories(to.getParent());
            Files.copy(FORMS.resolve(e.getValue()), to);
        }
        return Capture.open(root);
    }

    /** NR-IPT-001 and NR-SVC-005 findings: "ID node subject" to their parameters. */
    private static Map<String, String> findings(Capture capture) throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(capture, "forms");
        Map<String, String> out = new TreeMap<>();
        for (ReportFinding f : d.findings()) {
            if (f.id().equals("NR-IPT-001") || f.id().equals("NR-SVC-005")) {
                out.put(f.id() + " " + f.node() + " " + f.subject(), new TreeMap<>(f.params()).toString());
            }
        }
        return out;
    }

}
