package io.netrules.fuzz;

import io.netrules.capture.CaptureException;
import io.netrules.model.ParseWarning;
import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.Collection;
import java.util.Map;

/**
 * What the fuzz tests accept as the outcome of reading any input: the documented one. A parser
 * or reader reports what it cannot use as a {@link ParseWarning} that names the file (and a
 * line within it, 0 standing for the whole file); a capture it cannot read at all is a
 * {@link CaptureException} of one line that names the file. Anything else (another throwable,
 * a warning about a file that is not there or a line past the end) is a finding.
 */
final class FuzzOracle {
    private FuzzOracle() {
    }

    /**
     * @param lineCounts the files the input was made of (capture-relative names, as warnings
     *                   name them) and how many lines each has; a folder counts 0 lines
     */
    static void checkWarnings(Collection<ParseWarning> warnings, Map<String, Integer> lineCounts) {
        for (ParseWarning w : warnings) {
            if (w.source() == null || w.source().isEmpty()) {
                throw new AssertionError("warning names no file: " + w);
            }
            Integer lines = lineCounts.get(w.source());
            if (lines == null) {
                throw new AssertionError("warning names a file that is not in the input: " + w
                        + " (files: " + lineCounts.keySet() + ")");
            }
            if (w.line() < 0 || w.line() > lines) {
                throw new AssertionError("warning line " + w.line() + " is outside " + w.source() + " ("
                        + lines + " lines): " + w);
            }
            if (w.text() == null || w.text().isBlank() || w.text().indexOf('\n') >= 0 || w.text().indexOf('\r') >= 0) {
                throw new AssertionError("warning text is not one line: " + w);
            }
            // The evaluator's safety net turns a parser's exception into a warning so that one
            // bad file does not take the report down; for the fuzzer it is a parser bug.
            if (w.text().startsWith("parser failed:")) {
                throw new AssertionError("a parser threw: " + w);
            }
        }
    }

    /** Every fact that says where it came from names a file of the input and a line within it. */
    static void checkSources(Collection<?> facts, Map<String, Integer> lineCounts) {
        for (Object fact : facts) {
            if (!(fact instanceof Sourced sourced)) {
                continue;
            }
            Source s = sourced.source();
            if (s == null) {
                throw new AssertionError("fact without a source: " + fact);
            }
            Integer lines = lineCounts.get(s.file());
            if (lines == null) {
                throw new AssertionError("fact's source names a file that is not in the input: " + s
                        + " (files: " + lineCounts.keySet() + ")");
            }
            if (s.line() < 0 || s.line() > lines) {
                throw new AssertionError("fact's source line " + s.line() + " is outside " + s.file() + " ("
                        + lines + " lines): " + fact);
            }
        }
    }

    /** A capture-level error: one line, naming one of the input's files (or the capture folder). */
    static void checkCaptureException(CaptureException e, Collection<String> names) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("capture error is not one line: " + m, e);
        }
        for (String name : names) {
            if (m.startsWith(name + ":") || m.startsWith(name + " ")) {
                return;
            }
        }
        throw new AssertionError("capture error names none of " + names + ": " + m, e);
    }
}
