package io.netrules.cli;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.engine.Diagnosis;
import io.netrules.live.LiveCapture;
import io.netrules.live.LiveException;
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
        description = "Diagnose a capture, or the live cluster: findings with evidence and what to do, by layer.")
public final class DiagnoseCommand implements Callable<Integer> {

    enum Format { text, json }

    enum FailOn { error, warn, info, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--capture", paramLabel = "DIR",
            description = "A capture directory (see capture-layout): cluster/, nodes/<node>/, probes/.")
    Path capture;

    @Mixin
    LiveOptions live;

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
            description = "Nodes evaluated at once (default: the number of cores); with --exec-collect, also nodes "
                    + "collected at once (default there: 8).")
    int parallel;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((capture == null) != live.cluster) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --capture DIR or --cluster");
        }
        live.check(spec.commandLine());
        Diagnosis diagnosis;
        LiveCapture liveCapture = null;
        // Live collection waits on the network: compile the rules meanwhile.
        java.util.concurrent.FutureTask<RuleBase> ruleBaseTask = new java.util.concurrent.FutureTask<>(rules::load);
        Thread loader = new Thread(ruleBaseTask, "netrules-rules");
        loader.setDaemon(true);
        loader.start();
        try {
            Path dir = capture;
            String name = capture == null ? null : capture.toString();
            if (live.cluster) {
                liveCapture = live.collect(err, new Main.Version().version(), parallel);
                dir = liveCapture.dir();
                name = liveCapture.title();
            }
            RuleBase ruleBase = RuleOptions.await(ruleBaseTask);
            Capture c = Capture.open(dir);
            int threads = parallel > 0 ? parallel : Runtime.getRuntime().availableProcessors();
            diagnosis = new Evaluator(ruleBase, threads).evaluate(c, name);
        } catch (CaptureException e) {
            err.println("netrules: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (RuleBuildException e) {
            e.messages().forEach(err::println);
            return ExitCodes.BAD_INPUT;
        } catch (LiveException e) {
            err.println("netrules: " + e.getMessage());
            return e.exitStatus();
        } finally {
            if (liveCapture != null) {
                liveCapture.close();
            }
        }
        if (format == Format.json) {
            out.print(JsonReport.render(diagnosis, explain));
        } else {
            boolean color = !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
            out.print(new TextReport(color, explain).render(diagnosis));
        }
        out.flush();
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
