package io.netrules.plugins.openshiftsdn.rules;

import io.netrules.model.JournalLine;
import io.netrules.model.PodLogLine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the SDN's logs of one node the way the guide's "Reading the Logs" does, in one pass per
 * log in line order (a log can be a long journal: a node that restarts in a loop writes a setup
 * script's output thousands of times, which joins of lines by line number in DRL cannot take).
 * The logs are the node service journals ({@link JournalLine}, one log per file) and the
 * {@code sdn} pods' container logs ({@link PodLogLine}, one log per pod); {@link SdnLogAccumulate}
 * gathers them, and the NR-LOG rules take the {@link SdnLogHit}s.
 *
 * <p><b>Setup script (NR-LOG-001).</b> Its output runs from an {@code Output of setup script:}
 * entry to the next log entry, at most {@link SdnLog#SCRIPT_WINDOW} lines. An error is an output
 * line that reads like a failure ({@link SdnLog#scriptError}), except the failures the script
 * tolerates: those whose next step (after any {@code + return N}) is {@code + true} (it ran
 * {@code cmd || true}), and those after a traced {@code + set +e} that no {@code + set -e}
 * followed. The {@code Error executing setup script} entry that ends an output counts too. The
 * evidence of a run is its marker, each error with the step before it, and that entry.
 *
 * <p><b>OVS rules (NR-LOG-002).</b> An {@code Output of adding table=...} entry failed when the
 * text after its rule is no {@code (<nil>)} ({@link SdnLog#flowAddFailed}) or one of its next
 * lines, up to the next entry and at most {@link SdnLog#FLOW_ADD_WINDOW}, shows an error
 * ({@link SdnLog#flowAddError}).
 *
 * <p>Each log gives at most one hit per rule, naming the latest error and counting the failures;
 * its evidence is that of the latest {@link #MAX_RUNS} failing runs, or the latest
 * {@link #MAX_FLOW_ADDS} failed rules (a node that restarts in a loop fails thousands of times
 * the same way). Logs are in subject order.
 */
public final class SdnLogScan {
    /** How many failing setup script runs a hit shows as evidence (the latest). */
    public static final int MAX_RUNS = 3;
    /** How many failed {@code Output of adding} entries a hit shows as evidence (the latest). */
    public static final int MAX_FLOW_ADDS = 10;

    private final List<LogLines> logs;
    private List<SdnLogHit> setupScriptErrors;
    private List<SdnLogHit> flowAddFailures;

    private SdnLogScan(List<LogLines> logs) {
        this.logs = logs;
    }

    /** One line of a log: its number, its text, and the fact it came from (the evidence). */
    private record Line(int lineNo, String text, Object fact) {
    }

    /** The lines of one log, in line order. */
    private record LogLines(String subject, String log, List<Line> lines) {
    }

    /** Groups JournalLine (by file) and PodLogLine (by pod) facts into logs; other objects are ignored. */
    public static SdnLogScan of(Collection<?> facts) {
        Map<String, LogLines> byKey = new TreeMap<>();
        for (Object o : facts) {
            if (o instanceof JournalLine j) {
                String file = j.source() == null ? "" : j.source().file();
                String unit = SdnLog.journalUnit(file);
                byKey.computeIfAbsent("unit/" + unit + "\u0000" + file,
                        k -> new LogLines("unit/" + unit, "the " + unit + " journal", new ArrayList<>()))
                        .lines().add(new Line(j.lineNo(), j.message(), j));
            } else if (o instanceof PodLogLine p) {
                String pod = p.namespace() + "/" + p.pod();
                byKey.computeIfAbsent("pod/" + pod,
                        k -> new LogLines("pod/" + pod, "the log of pod " + pod, new ArrayList<>()))
                        .lines().add(new Line(p.lineNo(), p.text(), p));
            }
        }
        List<LogLines> logs = new ArrayList<>(byKey.values());
        for (LogLines l : logs) {
            l.lines().sort(Comparator.comparingInt(Line::lineNo));
        }
        return new SdnLogScan(logs);
    }

    /** NR-LOG-001: per log, the setup script runs whose output shows an error the script did not tolerate. */
    public List<SdnLogHit> setupScriptErrors() {
        if (setupScriptErrors == null) {
            List<SdnLogHit> hits = new ArrayList<>();
            for (LogLines log : logs) {
                SdnLogHit h = setupScript(log);
                if (h != null) {
                    hits.add(h);
                }
            }
            setupScriptErrors = List.copyOf(hits);
        }
        return setupScriptErrors;
    }

    /** NR-LOG-002: per log, the {@code Output of adding table=...} entries that show an error. */
    public List<SdnLogHit> flowAddFailures() {
        if (flowAddFailures == null) {
            List<SdnLogHit> hits = new ArrayList<>();
            for (LogLines log : logs) {
                SdnLogHit h = flowAdds(log);
                if (h != null) {
                    hits.add(h);
                }
            }
            flowAddFailures = List.copyOf(hits);
        }
        return flowAddFailures;
    }

    /** One run of the setup script: its marker, the errors found so far, the step each followed. */
    private static final class Run {
        final Line marker;
        final List<Line> evidence = new ArrayList<>();
        final List<Line[]> pending = new ArrayList<>();
        Line lastStep;
        Line lastError;
        Line failedEntry;
        boolean errexitOff;

        Run(Line marker) {
            this.marker = marker;
        }

        /** The pending errors were not tolerated: they are the run's errors. */
        void keepPending() {
            for (Line[] stepAndError : pending) {
                if (stepAndError[0] != null) {
                    evidence.add(stepAndError[0]);
                }
                evidence.add(stepAndError[1]);
                lastError = stepAndError[1];
            }
            pending.clear();
        }

        boolean failed() {
            return lastError != null || failedEntry != null;
        }
    }

    private static SdnLogHit setupScript(LogLines log) {
        List<Run> failed = new ArrayList<>();
        Run run = null;
        for (Line line : log.lines()) {
            String t = line.text();
            if (run != null && line.lineNo() > run.marker.lineNo() + SdnLog.SCRIPT_WINDOW) {
                close(run, failed);
                run = null;
            }
            if (SdnLog.entryStart(t)) {
                if (run != null) {
                    if (SdnLog.setupScriptFailed(t)) {
                        run.failedEntry = line;
                    }
                    close(run, failed);
                    run = null;
                }
                if (SdnLog.setupScriptOutput(t)) {
                    run = new Run(line);
                }
                continue;
            }
            if (run == null) {
                continue;
            }
            if (SdnLog.scriptStep(t)) {
                if (!run.pending.isEmpty()) {
                    if (SdnLog.ignoredStep(t)) {
                        run.pending.clear(); // "cmd || true"
                    } else if (SdnLog.nextStepOrEntry(t)) {
                        run.keepPending();
                    } // a "+ return 1" passes the failure on to the caller's step
                }
                if (SdnLog.errexitStep(t)) {
                    run.errexitOff = SdnLog.errexitOff(t);
                }
                if (SdnLog.nextStepOrEntry(t)) {
                    run.lastStep = line; // the step that failed, not the "+ return 1" after it
                }
            } else if (SdnLog.scriptError(t) && !run.errexitOff) {
                run.pending.add(new Line[] {run.lastStep, line});
            }
        }
        if (run != null) {
            close(run, failed);
        }
        if (failed.isEmpty()) {
            return null;
        }
        Set<Line> evidence = new LinkedHashSet<>();
        for (Run r : failed.subList(Math.max(0, failed.size() - MAX_RUNS), failed.size())) {
            evidence.add(r.marker);
            evidence.addAll(r.evidence);
            if (r.failedEntry != null) {
                evidence.add(r.failedEntry);
            }
        }
        Run latest = failed.get(failed.size() - 1);
        String error = latest.lastError != null ? SdnLog.body(latest.lastError.text())
                : SdnLog.entryMessage(latest.failedEntry.text());
        return new SdnLogHit(log.subject(), log.log(), error, "", failed.size(), facts(evidence));
    }

    /** Ends a run: errors still pending were not tolerated. A run that failed joins {@code failed}. */
    private static void close(Run run, List<Run> failed) {
        run.keepPending();
        if (run.failed()) {
            failed.add(run);
        }
    }

    private static SdnLogHit flowAdds(LogLines log) {
        List<List<Line>> failed = new ArrayList<>();
        List<Line> current = null; // the lines of the current entry that show its failure
        Line entry = null;
        String entryError = null;
        String flow = null;
        String error = null;
        for (Line line : log.lines()) {
            String t = line.text();
            if (SdnLog.entryStart(t)) {
                entry = SdnLog.flowAdd(t) ? line : null;
                entryError = null;
                current = null;
                if (entry != null && SdnLog.flowAddFailed(t)) {
                    current = new ArrayList<>(List.of(line));
                    failed.add(current);
                    entryError = SdnLog.flowAddOutput(t);
                    flow = SdnLog.flowAddRule(t);
                    error = entryError;
                }
                continue;
            }
            if (entry != null && line.lineNo() <= entry.lineNo() + SdnLog.FLOW_ADD_WINDOW && SdnLog.flowAddError(t)) {
                if (current == null) {
                    current = new ArrayList<>(List.of(entry));
                    failed.add(current);
                }
                current.add(line);
                if (entryError == null) {
                    entryError = SdnLog.body(t);
                }
                flow = SdnLog.flowAddRule(entry.text());
                error = entryError;
            }
        }
        if (failed.isEmpty()) {
            return null;
        }
        Set<Line> evidence = new LinkedHashSet<>();
        for (List<Line> f : failed.subList(Math.max(0, failed.size() - MAX_FLOW_ADDS), failed.size())) {
            evidence.addAll(f);
        }
        return new SdnLogHit(log.subject(), log.log(), error, flow, failed.size(), facts(evidence));
    }

    private static List<Object> facts(Set<Line> lines) {
        List<Object> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(l.fact());
        }
        return out;
    }
}
