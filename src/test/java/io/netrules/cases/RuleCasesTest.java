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

/** Runs every test case kept beside the built-in rules (rules/**&#47;cases/*.yaml). */
class RuleCasesTest {

    @TestFactory
    List<DynamicTest> everyRuleCase() throws Exception {
        RuleCaseRunner runner = new RuleCaseRunner(Rules.builtin(), List.of(TestPaths.samples()));
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = RuleCaseFile.find(TestPaths.rules());
        assertFalse(files.isEmpty(), "no cases found under rules/");
        for (Path file : files) {
            String display = TestPaths.project().relativize(file).toString();
            for (RuleCase c : RuleCaseFile.read(file, display)) {
                tests.add(DynamicTest.dynamicTest(c.rule() + ": " + c.name(), () -> {
                    RuleCaseRunner.Outcome o = runner.run(c, file);
                    assertTrue(o.passed(), display + ": " + c.name() + ": " + String.join("; ", o.problems()));
                }));
            }
        }
        return tests;
    }
}
