package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.capture.CaptureException;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleBuildException;
import io.netrules.engine.RuleFile;
import io.netrules.engine.RuleLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netrules rules validate DIR}: compile a rules folder with the built-in rules, nothing else. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile the rules of DIR together with the built-in rules; report errors as file:line: message.")
final class RulesValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A folder of .drl rules with their .md texts.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        List<RuleFile> files = new ArrayList<>(RuleLoader.builtin());
        List<RuleFile> user;
        try {
            user = RuleLoader.fromUserDir(dir);
        } catch (CaptureException e) {
            err.println("netrules: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (user.isEmpty()) {
            err.println("netrules: " + dir + ": no .drl file in this folder");
            return ExitCodes.BAD_INPUT;
        }
        files.addAll(user);
        RuleBase base;
        try {
            base = RuleBase.build(files);
        } catch (RuleBuildException e) {
            e.messages().forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        long ids = base.docs().values().stream()
                .filter(d -> d.rules().stream().anyMatch(m -> m.file().startsWith(RuleLoader.displayPrefix(dir))))
                .count();
        spec.commandLine().getOut().printf("%s: %d rule file(s), %d rule ID(s): OK%n", dir, user.size(), ids);
        return ExitCodes.OK;
    }
}
