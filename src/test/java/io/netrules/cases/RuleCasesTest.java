package io.netrules.cases;

import io.netrules.TestPaths;
import io.netrules.engine.Rules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every test case kept beside the built-in rules (rules/**&#47;cases/*.yaml). While working on
 * some rules, {@code -Dnetrules.cases=NR-OVNPOD,NR-OVNLB-001} runs only the cases of the rule IDs
 * that start with one of those prefixes.
 */
class RuleCasesTest {

    @TestFactory
    List<DynamicTest> everyRuleCase() throws Exception {
        RuleCaseRunner runner = new RuleCaseRunner(Rules.builtin(), List.of(TestPaths.samples()));
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = RuleCaseFile.find(TestPaths.rules());
        List<String> only = List.of(System.getProperty("netrules.cases", "").split(",")).stream()
                .map(String::strip).filter(p -> !p.isEmpty()).toList();
        assertFalse(files.isEmpty(), "no cases found under rules/");
        for (Path file : files) {
            String display = TestPaths.project().relativize(file).toString();
            for (RuleCase c : RuleCaseFile.read(file, display)) {
                if (!only.isEmpty() && only.stream().noneMatch(c.rule()::startsWith)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.rule() + ": " + c.name(), () -> {
                    RuleCaseRunner.Outcome o = runner.run(c, file);
                    assertTrue(o.passed(), display + ": " + c.name() + ": " + String.join("; ", o.problems()));
                }));
            }
        }
        return tests;
    }
}
