package io.netrules.report;

import io.netrules.engine.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capture with nothing in it: every format still renders, and says that nothing could be evaluated. */
class EmptyCaptureReportsTest {

    @Test
    void everyFormatRendersAnEmptyCapture(@TempDir Path tmp) throws Exception {
        Diagnosis d = ReportSamples.diagnose(tmp, "empty");
        assertTrue(d.findings().isEmpty() && d.nodes().isEmpty() && !d.notEvaluated().isEmpty());

        String html = new HtmlReport(ReportSamples.rules(), "0.1.0").render(d);
        assertTrue(html.contains("<p>The capture has no node.</p>"), html);
        assertFalse(html.contains("data-state=\"fine\""), "nothing was evaluated, so nothing is fine");
        assertEquals(null, HtmlReportTest.fetchIn(html));

        assertEquals(java.util.List.of(), SarifReportTest.validate(SarifReportTest.sarif(d)));

        var doc = JunitReportTest.parse(JunitReport.render(d, ReportSamples.rules()));
        assertEquals(String.valueOf(d.notEvaluated().size()), doc.getDocumentElement().getAttribute("skipped"));

        assertTrue(MarkdownReport.render(d).contains("## Not evaluated (" + d.notEvaluated().size() + ")"));
    }
}
