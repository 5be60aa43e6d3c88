package io.netrules.cases;

import io.netrules.TestPaths;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.Rules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meta-test: every rule ID is a catalogue ID, and every rule has its three parts — DRL with
 * metadata, remediation text, and cases with at least one firing case and one near miss.
 */
class RuleCatalogueTest {

    /** The openshift-sdn catalogue's IDs (rule-catalogue.md, v1). */
    static Set<String> catalogue() throws IOException {
        return ids("/catalogue-ids.txt");
    }

    /** The OVN-Kubernetes catalogue's IDs (ovn-rule-catalogue.md, v0). */
    static Set<String> ovnCatalogue() throws IOException {
        return ids("/ovn-catalogue-ids.txt");
    }

    private static Set<String> ids(String resource) throws IOException {
        try (var in = RuleCatalogueTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes()).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void catalogueListHasNoDuplicates() throws IOException {
        try (var in = RuleCatalogueTest.class.getResourceAsStream("/catalogue-ids.txt")) {
            List<String> ids = new String(in.readAllBytes()).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertEquals(ids.size(), new TreeSet<>(ids).size(), "duplicate IDs in catalogue-ids.txt");
            assertEquals(43, ids.size(), "the v1 catalogue has 43 IDs");
        }
        try (var in = RuleCatalogueTest.class.getResourceAsStream("/ovn-catalogue-ids.txt")) {
            List<String> ids = new String(in.readAllBytes()).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertEquals(ids.size(), new TreeSet<>(ids).size(), "duplicate IDs in ovn-catalogue-ids.txt");
            assertEquals(45, ids.size(), "the OVN-Kubernetes catalogue has 45 IDs");
        }
    }

    @Test
    void everyOvnRuleIsTheOvnPluginsAndEveryOtherRuleIsNot() throws IOException {
        Set<String> ovn = ovnCatalogue();
        for (RuleDoc doc : Rules.builtin().docs().values()) {
            assertEquals(ovn.contains(doc.id()), "ovn-kubernetes".equals(doc.plugin()),
                    doc.id() + " belongs to plugin " + doc.plugin());
        }
    }

    @Test
    void everyCatalogueIdHasARule() throws IOException {
        java.util.TreeSet<String> missing = new java.util.TreeSet<>(catalogue());
        missing.addAll(ovnCatalogue());
        missing.removeAll(Rules.builtin().docs().keySet());
        assertEquals(new java.util.TreeSet<String>(), missing, "catalogue IDs without a rule");
    }

    @Test
    void everyRuleIdIsInTheCatalogue() throws IOException {
        Set<String> catalogue = new TreeSet<>(catalogue());
        catalogue.addAll(ovnCatalogue());
        for (String id : Rules.builtin().docs().keySet()) {
            assertTrue(catalogue.contains(id), id + " is not a catalogue ID");
        }
    }

    @Test
    void everyRuleHasTextAndCasesThatFireAndStayQuiet() throws Exception {
        Map<String, List<RuleCase>> casesById = new HashMap<>();
        for (Path file : RuleCaseFile.find(TestPaths.rules())) {
            String display = TestPaths.project().relativize(file).toString();
            List<RuleCase> cases = RuleCaseFile.read(file, display);
            String expectedName = cases.isEmpty() ? "" : cases.get(0).rule() + ".yaml";
            assertEquals(expectedName, file.getFileName().toString(), display + ": a cases file is named after its rule");
            for (RuleCase c : cases) {
                casesById.computeIfAbsent(c.rule(), k -> new ArrayList<>()).add(c);
            }
        }
        List<String> problems = new ArrayList<>();
        for (RuleDoc doc : Rules.builtin().docs().values()) {
            if (doc.text() == null) {
                problems.add(doc.id() + ": no remediation text");
            } else if (!doc.id().equals(doc.text().id())) {
                problems.add(doc.id() + ": remediation text names " + doc.text().id());
            }
            List<RuleCase> cases = casesById.getOrDefault(doc.id(), List.of());
            if (cases.stream().noneMatch(RuleCase::fires)) {
                problems.add(doc.id() + ": no case where it fires");
            }
            if (cases.stream().noneMatch(c -> !c.fires())) {
                problems.add(doc.id() + ": no near-miss case where it stays quiet");
            }
            Path drl = TestPaths.project().resolve(doc.rules().get(0).file());
            if (!Files.isRegularFile(drl) || !drl.getFileName().toString().equals(doc.id() + ".drl")) {
                problems.add(doc.id() + ": its DRL should be rules/<group>/" + doc.id() + ".drl, is " + doc.rules().get(0).file());
            }
        }
        for (String id : casesById.keySet()) {
            if (Rules.builtin().doc(id) == null) {
                problems.add(id + ": cases for a rule that does not exist");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
