package io.netrules.report;

import io.netrules.capture.CaptureMetadata;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NodeRow;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.Summary;
import io.netrules.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML page as text: self-contained and escaped. What it looks like and how it behaves is
 * checked in a real browser by HtmlReportChromiumIT.
 */
class HtmlReportTest {
    /**
     * Anything that would make a browser fetch: a tag attribute pointing outside the page, a
     * stylesheet link, a CSS url() or import that is not a fragment, a script request.
     */
    static final Pattern FETCH = Pattern.compile("(?i)<link\\b|<iframe|<object|<embed"
            + "|<[^>]*\\s(src|href|xlink:href|srcset|poster|data|action)\\s*=\\s*[\"']?+(?!#)"
            + "|url\\(\\s*[\"']?+(?!#)|@import|fetch\\(|XMLHttpRequest|WebSocket|sendBeacon");

    static String fetchIn(String html) {
        var m = FETCH.matcher(html);
        return m.find() ? html.substring(Math.max(0, m.start() - 60), Math.min(html.length(), m.end() + 60)) : null;
    }

    static String html(String sample) {
        return new HtmlReport(ReportSamples.rules(), "0.1.0").render(ReportSamples.diagnose(sample));
    }

    @Test
    void everySamplesPageFetchesNothing() {
        for (String sample : ReportSamples.names()) {
            String h = html(sample);
            assertEquals(null, fetchIn(h), sample);
            assertTrue(h.contains("<svg id=\"path-svg\""), sample);
            assertTrue(h.contains("<style>") && h.contains("<script>"), sample);
            assertTrue(h.trim().endsWith("</html>"), sample);
        }
    }

    @Test
    void thePageHasTheNodeTableNotEvaluatedListAndCaptureMetadata() {
        String h = html("broken-vxlan-flows");
        assertTrue(h.contains("<tr data-node=\"node-3\" class=\"sev-error\"><td>node-3</td><td>10.0.0.3</td>"
                + "<td>10.130.0.0/23</td><td>eth0</td><td>1500</td><td>1450</td><td>ERROR NR-OVS-005</td>"), h);
        assertTrue(h.contains("<section id=\"not-evaluated\">"), h);
        assertTrue(h.contains("<dt>collected at</dt><dd>2019-03-14T10:00:00Z</dd>"), h);
        assertTrue(h.contains("data-hop=\"vxlan0\" data-lane=\"node-3\" data-state=\"error\" data-root-cause=\"true\""), h);
    }

    @Test
    void theFetchCheckCatchesWhatWouldFetch() {
        assertTrue(fetchIn("<img src=\"https://x/y.png\">") != null);
        assertTrue(fetchIn("<p style=\"background:url(x.png)\">") != null);
        assertTrue(fetchIn("<link rel=stylesheet href=a.css>") != null);
        assertEquals(null, fetchIn("<line marker-end=\"url(#arrow)\"/><a href=\"#nodes\">x</a> src=x in text"));
    }

    @Test
    void textFromTheCaptureIsEscaped() {
        ReportFinding f = new ReportFinding("NR-LOCAL-001", Severity.ERROR, "local-sdn", "n<1>", "x\"y",
                "<script>alert(1)</script>", "run `a && b`", "g", List.of(new Evidence("nodes/n<1>/f", 3,
                "<img src=x onerror=alert(1)>", "Sysctl")), List.of(), List.of(), Map.of(), List.of());
        Diagnosis d = new Diagnosis("c&d", CaptureMetadata.NONE, new Summary("local-sdn", 1, 0, 0, null, "openshift-sdn", 0), List.of(f),
                List.of(), List.of(), List.of(new NodeRow("n<1>", null, Map.of("sub<net>", "10.0.0.0/8 & more"))));
        String h = new HtmlReport(ReportSamples.rules(), "0.1.0").render(d);
        assertFalse(h.contains("<script>alert"), h);
        assertFalse(h.contains("<img"), h);
        assertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), h);
        assertTrue(h.contains("run `a &amp;&amp; b`"), h);
        assertTrue(h.contains("<th>sub&lt;net&gt;</th>") && h.contains("<td>10.0.0.0/8 &amp; more</td>"), h);
        assertEquals(null, fetchIn(h));
    }

    /** The node table's columns are the network plugin's: OVN's nodes have a zone and no tun0. */
    @Test
    void anOvnCapturesNodeTableHasOvnsColumns() {
        String h = new HtmlReport(ReportSamples.rules(), "0.1.0").render(ReportSamples.diagnose(OvnReportsTest.icBase(),
                "rules/ovn-kubernetes/cases-base/ic-3node"));
        assertTrue(h.contains("<thead><tr><th>node</th><th>IP</th><th>subnet</th><th>zone</th><th>gateway mode</th>"
                + "<th>primary interface</th><th>MTU</th><th>ovn-k8s-mp0 MTU</th><th>findings</th>"), h);
        assertTrue(h.contains("<tr data-node=\"worker-1\"><td>worker-1</td>"), h);
        assertFalse(h.contains("tun0"), "no openshift-sdn column on an OVN capture");
        String sdn = html("broken-vxlan-flows");
        assertTrue(sdn.contains("<th>subnet</th><th>primary interface</th><th>MTU</th><th>tun0 MTU</th>"), sdn);
        assertFalse(sdn.contains("<th>zone</th>"), sdn);
    }
}
