package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.capture.CaptureException;
import io.netrules.cases.RuleCase;
import io.netrules.cases.RuleCaseFile;
import io.netrules.cases.RuleCaseRunner;
import io.netrules.engine.RuleBase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netrules rules test DIR}: run the cases kept beside a user's rules
 * ({@code DIR/**}{@code /cases/*.yaml}), in the same format as the built-in ones.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the test cases (cases/*.yaml) kept beside the rules of DIR.")
final class RulesTestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A folder of rules with cases/ folders.")
    Path dir;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Where a case's 'base' capture is looked up after the cases file's own folder "
                    + "(default: facts-samples, if it exists).")
    Path samples;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleOptions options = new RuleOptions();
        options.ruleDirs.add(dir);
        RuleBase base = options.loadOrReport(err);
        if (base == null) {
            return ExitCodes.BAD_INPUT;
        }
        List<Path> roots = new ArrayList<>();
        if (samples != null) {
            roots.add(samples);
        } else if (Files.isDirectory(Path.of("facts-samples"))) {
            roots.add(Path.of("facts-samples"));
        }
        RuleCaseRunner runner = new RuleCaseRunner(base, roots);
        List<Path> files = RuleCaseFile.find(dir);
        if (files.isEmpty()) {
            err.println("netrules: " + dir + ": no cases (cases/*.yaml) under this folder");
            return ExitCodes.BAD_INPUT;
        }
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            String display = file.toString();
            List<RuleCase> cases;
            try {
                cases = RuleCaseFile.read(file, display);
            } catch (CaptureException e) {
                err.println("netrules: " + e.getMessage());
                failed++;
                continue;
            }
            for (RuleCase c : cases) {
                RuleCaseRunner.Outcome o;
                try {
                    o = runner.run(c, file);
                } catch (CaptureException e) {
                    out.printf("FAIL %s: %s: %s%n", c.rule(), c.name(), e.getMessage());
                    failed++;
                    continue;
                }
                if (o.passed()) {
                    out.printf("PASS %s: %s%n", c.rule(), c.name());
                    passed++;
                } else {
                    out.printf("FAIL %s: %s: %s%n", c.rule(), c.name(), String.join("; ", o.problems()));
                    failed++;
                }
            }
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
