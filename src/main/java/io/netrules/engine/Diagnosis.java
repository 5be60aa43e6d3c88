package io.netrules.engine;

import io.netrules.capture.CaptureMetadata;
import io.netrules.model.ParseWarning;

import java.util.List;

/**
 * The result of evaluating one capture, sorted so the same capture always gives the same report.
 * {@code nodes} is one row per node the capture knows of, by name, for reports that draw a table
 * of nodes; the JSON report leaves it out.
 */
public record Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                        List<NotEvaluated> notEvaluated, List<ParseWarning> warnings, List<NodeRow> nodes) {
    public Diagnosis {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A diagnosis without a node table. */
    public Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                     List<NotEvaluated> notEvaluated, List<ParseWarning> warnings) {
        this(capture, metadata, summary, findings, notEvaluated, warnings, List.of());
    }
}
