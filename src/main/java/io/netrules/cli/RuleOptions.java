package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.capture.CaptureException;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleBuildException;
import io.netrules.engine.RuleFile;
import io.netrules.engine.RuleLoader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --rules DIR}: user rule folders added to the built-in rules. Shared by subcommands. */
public final class RuleOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Also load the rules (.drl + .md beside it) of this folder; repeatable.")
    List<Path> ruleDirs = new ArrayList<>();

    /** Builds the KieBase of the built-in rules plus the user's; errors are file:line: lines. */
    RuleBase load() throws CaptureException, RuleBuildException {
        List<RuleFile> files = new ArrayList<>();
        try {
            files.addAll(RuleLoader.builtin());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (ruleDirs.isEmpty()) {
            // The built-in rules alone: from the model pre-built with the jar when it matches them.
            return RuleBase.builtin(files);
        }
        for (Path dir : ruleDirs) {
            files.addAll(RuleLoader.fromUserDir(dir));
        }
        return RuleBase.build(files);
    }

    /**
     * Loads the rules, or prints why it cannot (one line per problem, {@code file:line: message})
     * and returns null: the caller then exits with {@link ExitCodes#BAD_INPUT}.
     */
    RuleBase loadOrReport(java.io.PrintWriter err) {
        try {
            return load();
        } catch (CaptureException e) {
            err.println("netrules: " + e.getMessage());
        } catch (RuleBuildException e) {
            e.messages().forEach(err::println);
        }
        err.flush();
        return null;
    }

    /** The rule base a background {@link #load()} built, with its own exceptions. */
    static RuleBase await(java.util.concurrent.Future<RuleBase> task) throws CaptureException, RuleBuildException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rules were compiled", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CaptureException ce) {
                throw ce;
            }
            if (e.getCause() instanceof RuleBuildException rbe) {
                throw rbe;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
