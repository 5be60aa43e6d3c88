package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.capture.CaptureArchive;
import io.netrules.capture.CaptureException;
import io.netrules.parse.InputLimits;
import io.netrules.engine.Diagnosis;
import io.netrules.live.LiveCapture;
import io.netrules.live.LiveException;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleBuildException;
import io.netrules.model.Severity;
import io.netrules.report.HtmlReport;
import io.netrules.report.JsonReport;
import io.netrules.report.JunitReport;
import io.netrules.report.MarkdownReport;
import io.netrules.report.NetrulesVersion;
import io.netrules.report.SarifReport;
import io.netrules.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code netrules diagnose}: evaluate a capture and report. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose a capture, or the live cluster: findings with evidence and what to do, by layer.")
public final class DiagnoseCommand implements Callable<Integer> {

    enum Format { text, json, html, sarif, junit, markdown }

    /** {@code --fail-on} of diagnose and batch: the least severity that makes the exit status 1. */
    enum FailOn {
        error, warn, info, never;

        /** The least severity that counts, or null for {@code never}. */
        Severity threshold() {
            return this == never ? null : Severity.valueOf(name().toUpperCase(Locale.ROOT));
        }
    }

    /** {@code --parallel N}: N, or the number of cores when N is 0 (the default). */
    static int threads(int parallel) {
        return parallel > 0 ? parallel : Runtime.getRuntime().availableProcessors();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--capture", paramLabel = "DIR",
            description = "A capture directory (see capture-layout): cluster/, nodes/<node>/, probes/; or an archive"
                    + " of one (.tar.gz, .tgz, .tar.xz, .zip), or a sosreport's .tar.xz (read as one node).")
    Path capture;

    @Option(names = "--sosreport", paramLabel = "FILE|DIR",
            description = "A node sosreport (sosreport-<host>-....tar.xz, or its extracted folder) to read with the"
                    + " capture, as the node folder of the Node whose InternalIP it has (repeatable).")
    List<Path> sosreports = new ArrayList<>();

    @Mixin
    InputLimitOptions limitOptions;

    @Mixin
    LiveOptions live;

    @Mixin
    RuleOptions rules;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json, html, sarif, junit or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = {"-q", "--quiet"},
            description = "Print no report on standard output (one written with --out still is), only errors: "
                    + "the exit status tells.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Also say on standard error what was read and how long each step took.")
    boolean verbose;

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

    // For the benchmarks (docs/performance.md), not for users: read and parse only, no rules;
    // and the time of each phase on stderr.
    @Option(names = "--parse-only", hidden = true)
    boolean parseOnly;

    @Option(names = "--timings", hidden = true)
    boolean timings;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (quiet && verbose) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quiet and --verbose exclude each other");
        }
        if ((capture == null) != live.cluster) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --capture DIR or --cluster");
        }
        if (!sosreports.isEmpty() && capture == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sosreport is read with a capture (--capture DIR: its cluster files name the nodes)");
        }
        live.check(spec.commandLine());
        InputLimits limits = limitOptions.resolve(spec.commandLine());
        Diagnosis diagnosis;
        RuleBase ruleBase;
        LiveCapture liveCapture = null;
        long t0 = System.nanoTime();
        long t1;
        if (parseOnly && capture != null) {
            try (CaptureArchive.Opened opened = CaptureArchive.open(capture, limits, sosreports)) {
                int threads = threads(parallel);
                Evaluator.ParseCount n = Evaluator.parseOnly(opened.capture(), threads);
                stdout.printf("parse-only: %d nodes, %d files, %d facts, %d warnings in %.3f s%n", n.nodes(), n.files(),
                        n.facts(), n.warnings(), (System.nanoTime() - t0) / 1e9);
                stdout.flush();
                return ExitCodes.OK;
            } catch (CaptureException e) {
                err.println("netrules: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
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
            ruleBase = RuleOptions.await(ruleBaseTask);
            verbose(err, "rule base: %d rule IDs in %.1f s", ruleBase.docs().size(), seconds(t0));
            t1 = System.nanoTime();
            int threads = threads(parallel);
            // An archive is extracted to a private temp folder, removed as soon as it is evaluated.
            try (CaptureArchive.Opened opened = CaptureArchive.open(dir, limits, sosreports)) {
                diagnosis = new Evaluator(ruleBase, threads).evaluate(opened.capture(), name);
            }
            verbose(err, "capture %s: %d node(s) evaluated in %.1f s: %d finding(s), %d not evaluated, %d warning(s)",
                    name, diagnosis.nodes().size(), seconds(t1), diagnosis.findings().size(),
                    diagnosis.notEvaluated().size(), diagnosis.warnings().size());
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
        String report = render(diagnosis, ruleBase);
        if (out != null) {
            try {
                Files.writeString(out, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("netrules: " + out + ": cannot write the report: " + ioReason(e));
                return ExitCodes.BAD_INPUT;
            }
            verbose(err, "wrote %s (%s, %d bytes)", out, format, report.getBytes(StandardCharsets.UTF_8).length);
        } else if (!quiet) {
            stdout.print(report);
            stdout.flush();
        }
        if (timings) {
            long t3 = System.nanoTime();
            err.printf("timings: rules %.3f s, evaluate+report %.3f s%n", (t1 - t0) / 1e9, (t3 - t1) / 1e9);
            err.flush();
        }
        return exitStatus(diagnosis);
    }

    private String render(Diagnosis d, RuleBase ruleBase) {
        var docs = ruleBase.docs().values();
        return switch (format) {
            case json -> JsonReport.render(d, explain);
            case html -> new HtmlReport(docs, NetrulesVersion.get()).render(d);
            case sarif -> SarifReport.render(d, docs, NetrulesVersion.get(),
                    capture.toAbsolutePath().normalize().toUri().toString().replaceFirst("/?$", "/"));
            case junit -> JunitReport.render(d, docs);
            case markdown -> MarkdownReport.render(d);
            case text -> {
                boolean color = out == null && !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
                yield new TextReport(color, explain).render(d);
            }
        };
    }

    private void verbose(PrintWriter err, String format, Object... args) {
        if (verbose) {
            err.println("netrules: " + String.format(Locale.ROOT, format, args));
            err.flush();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String ioReason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage();
    }

    private int exitStatus(Diagnosis d) {
        Severity threshold = failOn.threshold();
        if (threshold == null) {
            return ExitCodes.OK;
        }
        for (ReportFinding f : d.findings()) {
            if (f.severity().atLeast(threshold)) {
                return ExitCodes.FINDINGS;
            }
        }
        return ExitCodes.OK;
    }
}
