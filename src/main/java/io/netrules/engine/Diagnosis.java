package io.netrules.engine;

import io.netrules.capture.CaptureMetadata;
import io.netrules.model.ParseWarning;

import java.util.List;

/** The result of evaluating one capture, sorted so the same capture always gives the same report. */
public record Diagnosis(String capture, CaptureMetadata metadata, Summary summary, List<ReportFinding> findings,
                        List<NotEvaluated> notEvaluated, List<ParseWarning> warnings) {
}
