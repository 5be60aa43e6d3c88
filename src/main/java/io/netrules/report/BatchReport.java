package io.netrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.batch.BatchRunner;
import io.netrules.engine.Diagnosis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code netrules batch} prints: a table with one row per capture (status, errors,
 * warnings, likely layer, time), or JSON Lines with one {@code diagnose --format json} object per
 * capture, on one line, with the capture and its exit status first.
 */
public final class BatchReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchReport() {
    }

    /** The status of a capture in words. */
    public static String status(int status) {
        return switch (status) {
            case BatchRunner.OK -> "ok";
            case BatchRunner.FINDINGS -> "findings";
            case BatchRunner.BAD_INPUT -> "bad input";
            default -> "internal error";
        };
    }

    /** A table for people; the width of the first column fits the longest capture path. */
    public static final class Table {
        private final String format;

        public Table(List<String> captures) {
            int width = Math.max("CAPTURE".length(), captures.stream().mapToInt(String::length).max().orElse(0));
            this.format = "%-" + width + "s  %-14s %6s %8s  %-13s %8s%s";
        }

        public String header() {
            return String.format(Locale.ROOT, format, "CAPTURE", "STATUS", "ERRORS", "WARNINGS", "LAYER", "TIME", "")
                    .stripTrailing();
        }

        public String row(BatchRunner.Outcome o) {
            double secs = o.nanos() / 1e9;
            String time = String.format(Locale.ROOT, "%.2f s", secs);
            Diagnosis d = o.diagnosis();
            if (d == null) {
                return String.format(Locale.ROOT, format, o.entry().shown(), status(o.status()), "-", "-", "-", time,
                        "  " + o.error());
            }
            String layer = d.summary().layer() == null ? "-" : d.summary().layer();
            return String.format(Locale.ROOT, format, o.entry().shown(), status(o.status()), d.summary().errors(),
                    d.summary().warnings(), layer, time, "").stripTrailing();
        }
    }

    /**
     * One JSON line: {@code capture} and {@code exitStatus}, then the diagnosis exactly as
     * {@code diagnose --format json} has it, or {@code error} for a capture that could not be
     * read. No time, so the same captures always give the same lines.
     */
    public static String jsonLine(BatchRunner.Outcome o) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("capture", o.entry().shown());
        root.put("exitStatus", o.status());
        if (o.diagnosis() == null) {
            root.put("error", o.error());
        } else {
            root.putAll(JsonReport.toMap(o.diagnosis()));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
