package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.batch.BatchRunner;
import io.netrules.batch.CaptureList;
import io.netrules.capture.CaptureException;
import io.netrules.parse.InputLimits;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleBuildException;
import io.netrules.model.Severity;
import io.netrules.report.BatchReport;
import io.netrules.report.JsonReport;
import io.netrules.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** {@code netrules batch}: diagnose many captures with one rule base. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Diagnose many captures: the rules are built once and the captures evaluated several at a time.",
                "Each subfolder of DIR, and each .tar.gz, .tgz, .tar.xz or .zip archive in it, is a capture (DIR"
                        + " itself, when it is one); a LIST file names capture folders or archives, one a line. A capture that cannot be read is reported and skipped. Exit status: the"
                        + " worst of all captures (0 no finding at or above --fail-on, 1 findings, 2 bad input,"
                        + " 4 internal error)."})
public final class BatchCommand implements Callable<Integer> {

    enum Format { table, jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR|LIST", arity = "1..*",
            description = "A folder of captures, a capture (folder or archive), or a file listing captures.")
    List<Path> sources;

    @Mixin
    RuleOptions rules;

    @Mixin
    InputLimitOptions limitOptions;

    @Option(names = "--parallel", defaultValue = "0", paramLabel = "N",
            description = "Captures evaluated at once (default: the number of cores).")
    int parallel;

    @Option(names = "--format", defaultValue = "table",
            description = "table (one row per capture) or jsonl (one diagnose JSON per capture and line)"
                    + " (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write each capture's own report there: NAME.json (as diagnose --format json) and"
                    + " NAME.txt (the text report).")
    Path out;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Evaluate only shard I (0..N-1) of N: the captures whose folder name hashes to I"
                    + " (see docs/scale.md), so N machines or Job pods can split a fleet's captures.")
    String shard;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "A capture's status is 1 when it has a finding at or above: error, warn, info or never"
                    + " (default: ${DEFAULT-VALUE}).")
    DiagnoseCommand.FailOn failOn;

    // For tests: progress is otherwise shown only when stderr is a terminal.
    @Option(names = "--progress", hidden = true)
    boolean forceProgress;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputLimits limits = limitOptions.resolve(spec.commandLine());
        int[] shardOf;
        try {
            shardOf = shard == null ? null : parseShard(shard);
        } catch (IllegalArgumentException e) {
            err.println("netrules: --shard: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        List<CaptureList.Entry> entries;
        RuleBase ruleBase;
        try {
            entries = CaptureList.of(sources);
            if (entries.isEmpty()) {
                err.println("netrules: no capture in " + String.join(", ", sources.stream().map(Path::toString).toList()));
                return ExitCodes.BAD_INPUT;
            }
            if (out != null) {
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    err.println("netrules: " + out + ": cannot create the report folder: " + e.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
            }
            if (shardOf != null) {
                entries = CaptureList.shard(entries, shardOf[0], shardOf[1]);
            }
            ruleBase = rules.load();
        } catch (CaptureException e) {
            err.println("netrules: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (RuleBuildException e) {
            e.messages().forEach(err::println);
            return ExitCodes.BAD_INPUT;
        }

        int threads = DiagnoseCommand.threads(parallel);
        Severity threshold = failOn.threshold();
        Progress progress = new Progress(err, entries.size(), forceProgress || Terminal.stderrIsTerminal());
        BatchReport.Table table = new BatchReport.Table(entries.stream().map(CaptureList.Entry::shown).toList());
        if (format == Format.table) {
            stdout.println(table.header());
            stdout.flush();
        }
        AtomicInteger reportFailures = new AtomicInteger();
        int worst = new BatchRunner(ruleBase, threads, threshold, limits).run(entries,
                done -> {
                    if (out != null && !writeReports(done, err)) {
                        reportFailures.incrementAndGet();
                    }
                    progress.done(done);
                },
                next -> {
                    stdout.println(format == Format.table ? table.row(next) : BatchReport.jsonLine(next));
                    stdout.flush();
                });
        progress.finish();
        if (format == Format.table) {
            stdout.println(progress.summary());
            stdout.flush();
        }
        return reportFailures.get() > 0 ? Math.max(worst, ExitCodes.BAD_INPUT) : worst;
    }

    /** {@code I/N} with 0 <= I < N. */
    static int[] parseShard(String text) {
        String[] parts = text.strip().split("/", -1);
        int index;
        int count;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            index = Integer.parseInt(parts[0].strip());
            count = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not I/N (for example 0/4)");
        }
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("'" + text + "': I must be 0.." + (Math.max(count, 1) - 1)
                    + " and N at least 1");
        }
        return new int[] {index, count};
    }

    /** NAME.json and NAME.txt for a diagnosed capture, NAME.txt with the error for one that was not. */
    private boolean writeReports(BatchRunner.Outcome o, PrintWriter err) {
        Path txt = out.resolve(o.entry().report() + ".txt");
        try {
            if (o.diagnosis() == null) {
                Files.writeString(txt, "netrules: " + o.error() + "\n", StandardCharsets.UTF_8);
            } else {
                Files.writeString(out.resolve(o.entry().report() + ".json"), JsonReport.render(o.diagnosis()),
                        StandardCharsets.UTF_8);
                Files.writeString(txt, new TextReport(false).render(o.diagnosis()), StandardCharsets.UTF_8);
            }
            return true;
        } catch (IOException e) {
            synchronized (err) {
                err.println("netrules: " + txt.getParent() + ": cannot write the report of " + o.entry().shown()
                        + ": " + e.getMessage());
                err.flush();
            }
            return false;
        }
    }

    /** Counts outcomes; on a terminal, one line on stderr rewritten as captures finish. */
    static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final boolean show;
        private final long start = System.nanoTime();
        private final AtomicLong lastShown = new AtomicLong();
        private final int[] byStatus = new int[5];
        private int count;

        Progress(PrintWriter err, int total, boolean show) {
            this.err = err;
            this.total = total;
            this.show = show;
        }

        synchronized void done(BatchRunner.Outcome o) {
            count++;
            byStatus[Math.min(o.status(), 4)]++;
            long now = System.nanoTime();
            if (show && (now - lastShown.get() > 100_000_000L || count == total)) {
                lastShown.set(now);
                err.print("\rbatch: " + count + "/" + total + " captures, " + (byStatus[2] + byStatus[4])
                        + " failed, " + String.format(Locale.ROOT, "%.1f", rate()) + " captures/s ");
                err.flush();
            }
        }

        synchronized void finish() {
            if (show) {
                err.print("\r\u001b[K" + summary() + "\n");
                err.flush();
            }
        }

        private double rate() {
            double secs = (System.nanoTime() - start) / 1e9;
            return secs <= 0 ? 0 : count / secs;
        }

        synchronized String summary() {
            return String.format(Locale.ROOT, "%d capture%s: %d ok, %d with findings, %d bad input, %d internal"
                            + " error%s; %.1f s, %.1f captures/s", count, count == 1 ? "" : "s", byStatus[0],
                    byStatus[1], byStatus[2], byStatus[4], byStatus[4] == 1 ? "" : "s",
                    (System.nanoTime() - start) / 1e9, rate());
        }
    }
}
