package io.netrules.batch;

import io.netrules.capture.CaptureArchive;
import io.netrules.parse.InputLimits;
import io.netrules.capture.CaptureException;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleBase;
import io.netrules.model.Severity;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Evaluates many captures with one rule base, several at once. Each capture is evaluated as
 * {@code diagnose} would (its own Evaluator, node by node); one that cannot be read is an outcome
 * with its error, and the others carry on. Outcomes are handed out twice: as soon as each is done
 * (on the worker, for work that may run in parallel, such as writing its report), and in the
 * order of the list (one at a time, for output that must not interleave). Only a bounded number
 * of finished captures wait for a slow one ahead of them, so memory does not grow with the batch.
 */
public final class BatchRunner {
    /** Exit statuses, as capture-layout.md gives them for {@code diagnose}. */
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 4;

    /**
     * What one capture gave: its diagnosis, or the one-line error that stopped it.
     *
     * @param status the exit status {@code diagnose} would have given for it
     */
    public record Outcome(int index, CaptureList.Entry entry, Diagnosis diagnosis, String error, int status,
                          long nanos) {
    }

    private final RuleBase rules;
    private final int parallel;
    private final Severity failOn;
    private final InputLimits limits;

    /**
     * @param parallel captures evaluated at once
     * @param failOn   the severity at which a finding makes the status 1; null: never
     */
    public BatchRunner(RuleBase rules, int parallel, Severity failOn) {
        this(rules, parallel, failOn, InputLimits.DEFAULTS);
    }

    /** A runner that reads each capture (and extracts each archive) within these limits. */
    public BatchRunner(RuleBase rules, int parallel, Severity failOn, InputLimits limits) {
        this.rules = rules;
        this.parallel = Math.max(1, parallel);
        this.failOn = failOn;
        this.limits = limits;
    }

    /**
     * Evaluates every entry; returns the worst status (0 when there is none).
     *
     * @param whenDone called once per capture as it finishes, on the worker thread
     * @param inOrder  called once per capture in list order, never concurrently
     */
    public int run(List<CaptureList.Entry> entries, Consumer<Outcome> whenDone, Consumer<Outcome> inOrder)
            throws InterruptedException {
        if (entries.isEmpty()) {
            return OK;
        }
        int workers = Math.min(parallel, entries.size());
        // Fewer captures than workers (one big capture, say): the spare threads go to its nodes.
        int nodeThreads = Math.max(1, parallel / workers);
        // One Evaluator for every capture: it holds only the rule base and what it derived from
        // it once (which facts each KieBase can match), and is safe to share between workers.
        Evaluator evaluator = new Evaluator(rules, nodeThreads);
        Outcome[] done = new Outcome[entries.size()];
        int window = Math.max(16, workers * 8);
        Semaphore ahead = new Semaphore(window);
        Object order = new Object();
        int[] next = {0};
        int[] worst = {OK};
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "netrules-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < entries.size(); i++) {
                ahead.acquire();
                int index = i;
                pool.execute(() -> {
                    CaptureList.Entry entry = entries.get(index);
                    long start = System.nanoTime();
                    Outcome o;
                    try {
                        o = evaluate(index, entry, evaluator);
                        whenDone.accept(o);
                    } catch (RuntimeException | Error e) {
                        // Whatever happens to one capture, the ones after it must still be handed out.
                        o = new Outcome(index, entry, null, entry.shown() + ": internal error: " + e, INTERNAL,
                                System.nanoTime() - start);
                    }
                    synchronized (order) {
                        done[index] = o;
                        while (next[0] < done.length && done[next[0]] != null) {
                            Outcome ready = done[next[0]];
                            worst[0] = Math.max(worst[0], ready.status());
                            try {
                                inOrder.accept(ready);
                            } catch (RuntimeException e) {
                                worst[0] = INTERNAL;
                            }
                            done[next[0]] = null;
                            next[0]++;
                            ahead.release();
                        }
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting; a huge capture can take minutes
            }
        } finally {
            pool.shutdownNow();
        }
        synchronized (order) {
            if (next[0] != done.length) {
                throw new IllegalStateException("a capture's evaluation ended without an outcome");
            }
            return worst[0];
        }
    }

    private Outcome evaluate(int index, CaptureList.Entry entry, Evaluator evaluator) {
        long start = System.nanoTime();
        try {
            if (java.nio.file.Files.isDirectory(entry.path()) && !CaptureList.isCapture(entry.path())) {
                // An empty or foreign folder among the captures would otherwise pass as healthy.
                throw new CaptureException(entry.shown() + ": not a capture (no capture.json, cluster/, nodes/,"
                        + " probes/ or logs/)");
            }
            Diagnosis d;
            // An archive is extracted for its evaluation only, and its temp folder removed right after.
            try (CaptureArchive.Opened opened = CaptureArchive.open(entry.path(), limits, java.util.List.of())) {
                d = evaluator.evaluate(opened.capture(), entry.shown());
            }
            return new Outcome(index, entry, d, null, status(d), System.nanoTime() - start);
        } catch (CaptureException e) {
            return new Outcome(index, entry, null, e.getMessage(), BAD_INPUT, System.nanoTime() - start);
        } catch (RuntimeException | StackOverflowError e) {
            // netrules' own bug on this capture: say so for this one, carry on with the rest.
            return new Outcome(index, entry, null, entry.shown() + ": internal error: " + e, INTERNAL,
                    System.nanoTime() - start);
        }
    }

    private int status(Diagnosis d) {
        if (failOn == null) {
            return OK;
        }
        for (ReportFinding f : d.findings()) {
            if (f.severity().atLeast(failOn)) {
                return FINDINGS;
            }
        }
        return OK;
    }
}
