package io.netrules.cli;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleBuildException;
import io.netrules.model.Severity;
import io.netrules.report.JsonReport;
import io.netrules.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code netrules diagnose}: evaluate a capture and report. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose a capture: findings with evidence and what to do, by layer.")
public final class DiagnoseCommand implements Callable<Integer> {

    enum Format { text, json }

    enum FailOn { error, warn, info, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--capture", paramLabel = "DIR", required = true,
            description = "A capture directory (see capture-layout): cluster/, nodes/<node>/, probes/.")
    Path capture;

    @Mixin
    RuleOptions rules;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at or above: error, warn, info or never (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--no-color", description = "No colour, even on a terminal.")
    boolean noColor;

    @Option(names = "--explain",
            description = "For each finding, also show the rules that fired and the facts they matched; for each "
                    + "rule not evaluated, what was missing and why.")
    boolean explain;

    @Option(names = "--parallel", defaultValue = "0", paramLabel = "N",
            description = "Nodes evaluated at once (default: the number of cores).")
    int parallel;

    // For the benchmarks (docs/performance.md), not for users: read and parse only, no rules;
    // and the time of each phase on stderr.
    @Option(names = "--parse-only", hidden = true)
    boolean parseOnly;

    @Option(names = "--timings", hidden = true)
    boolean timings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnosis diagnosis;
        int threads = parallel > 0 ? parallel : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        long t1;
        try {
            if (parseOnly) {
                Evaluator.ParseCount n = Evaluator.parseOnly(Capture.open(capture), threads);
                out.printf("parse-only: %d nodes, %d files, %d facts, %d warnings in %.3f s%n", n.nodes(), n.files(),
                        n.facts(), n.warnings(), (System.nanoTime() - t0) / 1e9);
                out.flush();
                return ExitCodes.OK;
            }
            RuleBase ruleBase = rules.load();
            t1 = System.nanoTime();
            Capture c = Capture.open(capture);
            diagnosis = new Evaluator(ruleBase, threads).evaluate(c, capture.toString());
        } catch (CaptureException e) {
            err.println("netrules: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (RuleBuildException e) {
            e.messages().forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }
        if (format == Format.json) {
            out.print(JsonReport.render(diagnosis, explain));
        } else {
            boolean color = !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
            out.print(new TextReport(color, explain).render(diagnosis));
        }
        out.flush();
        if (timings) {
            long t3 = System.nanoTime();
            err.printf("timings: rules %.3f s, evaluate+report %.3f s%n", (t1 - t0) / 1e9, (t3 - t1) / 1e9);
            err.flush();
        }
        return exitStatus(diagnosis);
    }

    private int exitStatus(Diagnosis d) {
        if (failOn == FailOn.never) {
            return ExitCodes.OK;
        }
        Severity threshold = Severity.valueOf(failOn.name().toUpperCase());
        for (ReportFinding f : d.findings()) {
            if (f.severity().atLeast(threshold)) {
                return ExitCodes.FINDINGS;
            }
        }
        return ExitCodes.OK;
    }
}
