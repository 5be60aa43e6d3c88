package io.netrules.engine;

import io.netrules.capture.CaptureMetadata;
import io.netrules.model.ParseWarning;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating one capture, sorted so the same capture always gives the same report.
 * {@code nodes} is one row per node the capture knows of, by name, for reports that draw a table
 * of nodes; the JSON report leaves it out. {@code sources} says where each cluster kind came from
 * ({@code "nodes": "must-gather"}, {@code "services": "cluster/services.json"}) when the capture
 * holds a must-gather; it is empty otherwise. {@code evaluatedInPart}: the rules that ran on the
 * namespaces a must-gather inspected whole only (one entry per rule ID, or per node where the
 * nodes differ), by ID.
 */
public record Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                        List<NotEvaluated> notEvaluated, List<ParseWarning> warnings, List<NodeRow> nodes,
                        Map<String, String> sources, List<EvaluatedInPart> evaluatedInPart) {
    public Diagnosis {
        evaluatedInPart = evaluatedInPart == null ? List.of() : List.copyOf(evaluatedInPart);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(sources));
    }

    /** A diagnosis where every rule that ran had its inputs whole. */
    public Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                     List<NotEvaluated> notEvaluated, List<ParseWarning> warnings, List<NodeRow> nodes,
                     Map<String, String> sources) {
        this(capture, metadata, summary, findings, notEvaluated, warnings, nodes, sources, List.of());
    }

    /** A diagnosis of a capture without a must-gather. */
    public Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                     List<NotEvaluated> notEvaluated, List<ParseWarning> warnings, List<NodeRow> nodes) {
        this(capture, metadata, summary, findings, notEvaluated, warnings, nodes, Map.of());
    }

    /** A diagnosis without a node table. */
    public Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                     List<NotEvaluated> notEvaluated, List<ParseWarning> warnings) {
        this(capture, metadata, summary, findings, notEvaluated, warnings, List.of());
    }
}
