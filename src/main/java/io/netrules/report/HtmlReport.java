package io.netrules.report;

import io.netrules.capture.CaptureMetadata;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NodeRow;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.model.ParseWarning;
import io.netrules.model.Severity;
import io.netrules.report.TrafficPath.Hop;
import io.netrules.report.TrafficPath.HopView;
import io.netrules.report.TrafficPath.Lane;
import io.netrules.report.TrafficPath.State;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code diagnose --format html}: one self-contained page (inline CSS, a few lines of inline
 * JavaScript, inline SVG; nothing is fetched) with a picture of the guide's traffic path. Each
 * hop is coloured by the worst finding at it; the root cause is marked; each node gets its own
 * lane for the per-node hops. Clicking a hop shows its findings with their evidence, what to do
 * and the guide's section. Below: the node table, what was not evaluated, parse warnings and
 * the capture's metadata.
 *
 * <p>Every hop carries {@code data-hop}, {@code data-lane}, {@code data-state} and
 * {@code data-root-cause}, so tests (and scripts) can read the picture from the DOM.
 */
public final class HtmlReport {
    private static final int COL_W = 112;
    private static final int HOP_W = 100;
    private static final int HOP_H = 46;
    private static final int LEFT = 12;
    private static final int OVERVIEW_Y = 34;
    private static final int LANES_Y = 150;
    private static final int LANE_H = 70;

    private final Collection<RuleDoc> rules;
    private final String version;

    /** {@code rules} are the rule base's IDs: which hops some rule checks, and each rule's layer. */
    public HtmlReport(Collection<RuleDoc> rules, String version) {
        this.rules = rules;
        this.version = version;
    }

    public String render(Diagnosis d) {
        List<Lane> lanes = TrafficPath.lanes(d, rules);
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>netrules: ").append(esc(d.capture())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, d, lanes);
        h.append("<section id=\"path\">\n<h2>Traffic path</h2>\n");
        legend(h);
        svg(h, d, lanes);
        details(h, lanes);
        h.append("</section>\n");
        nodeTable(h, d);
        notEvaluated(h, d);
        evaluatedInPart(h, d);
        warnings(h, d);
        metadata(h, d);
        h.append("<footer>netrules ").append(esc(version)).append(" · ").append(rules.size())
                .append(" rule IDs</footer>\n");
        h.append("<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private void header(StringBuilder h, Diagnosis d, List<Lane> lanes) {
        var s = d.summary();
        h.append("<header>\n<h1>netrules diagnosis</h1>\n<p class=\"capture\">capture <code>")
                .append(esc(d.capture())).append("</code> · platform ")
                .append(esc(s.platform() == null ? "not known" : s.platform())).append(" · network plugin ")
                .append(esc(s.plugin() == null ? "not known" : s.plugin()));
        if (s.notApplicable() > 0) {
            h.append(" (").append(s.notApplicable()).append(" rules of other plugins not applicable)");
        }
        h.append("</p>\n<p id=\"headline\" class=\"headline\">");
        if (s.layer() == null) {
            h.append("No finding: nothing in this capture points at a broken layer.");
        } else {
            h.append("Likely layer: <b>").append(esc(s.layer())).append("</b>");
            String rootHops = lanes.get(0).hops().stream().filter(HopView::rootCause).map(v -> v.hop().label())
                    .reduce((a, b) -> a + ", " + b).orElse(null);
            if (rootHops != null) {
                h.append(" · root cause at <b>").append(esc(rootHops)).append("</b>");
            }
        }
        // Counts are coloured only when there is something to count.
        h.append("</p>\n<p class=\"counts\"><span").append(s.errors() > 0 ? " class=\"n-error\"" : "").append('>')
                .append(s.errors()).append(" error(s)</span> · <span")
                .append(s.warnings() > 0 ? " class=\"n-warning\"" : "").append('>')
                .append(s.warnings()).append(" warning(s)</span> · ")
                .append(s.info()).append(" info · ").append(d.notEvaluated().size()).append(" not evaluated</p>\n")
                .append("</header>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<p class=\"legend\">");
        for (State st : new State[] {State.ERROR, State.WARNING, State.FINE, State.NOT_EVALUATED}) {
            h.append("<span class=\"key ").append(st.id).append("\"></span>").append(stateWord(st)).append(' ');
        }
        h.append("<span class=\"key root\"></span>root cause · \"fine · N not run\": N rules that check the hop "
                + "could not run (input missing) · click a hop for its findings</p>\n");
    }

    private void svg(StringBuilder h, Diagnosis d, List<Lane> lanes) {
        int nodeLanes = lanes.size() - 1;
        List<Hop> pathHops = lanes.get(0).hops().stream().map(HopView::hop).toList();
        int width = LEFT * 2 + pathHops.size() * COL_W;
        int height = nodeLanes == 0 ? OVERVIEW_Y + HOP_H + 40 : LANES_Y + nodeLanes * LANE_H + 10;
        h.append("<svg id=\"path-svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"traffic path, each hop coloured by its worst finding\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" ")
                .append("fill=\"#5f6368\"/></marker></defs>\n");
        h.append("<text class=\"lane-title\" x=\"").append(LEFT).append("\" y=\"18\">whole path (every node)</text>\n");
        Lane overview = lanes.get(0);
        for (int i = 0; i < overview.hops().size(); i++) {
            if (i > 0) {
                arrow(h, x(i - 1) + HOP_W, OVERVIEW_Y + HOP_H / 2, x(i), OVERVIEW_Y + HOP_H / 2);
            }
            hop(h, overview.hops().get(i), 0, null, x(i), OVERVIEW_Y);
        }
        if (nodeLanes > 0) {
            int firstNodeCol = 0;
            while (firstNodeCol < pathHops.size() && !pathHops.get(firstNodeCol).perNode()) {
                firstNodeCol++;
            }
            h.append("<text class=\"lane-title\" x=\"").append(LEFT).append("\" y=\"").append(LANES_Y - 16)
                    .append("\">per node</text>\n");
            // Endpoints live on nodes: a line from the endpoints hop down into every node's lane.
            int ex = x(pathHops.indexOf(Hop.ENDPOINTS)) + HOP_W / 2;
            int lastY = LANES_Y + (nodeLanes - 1) * LANE_H + HOP_H / 2;
            h.append("<path class=\"wire\" d=\"M ").append(ex).append(' ').append(OVERVIEW_Y + HOP_H).append(" L ")
                    .append(ex).append(' ').append(lastY).append("\"/>\n");
            Map<String, NodeRow> rows = new LinkedHashMap<>();
            d.nodes().forEach(r -> rows.put(r.node(), r));
            for (int l = 1; l < lanes.size(); l++) {
                Lane lane = lanes.get(l);
                int y = LANES_Y + (l - 1) * LANE_H;
                NodeRow row = rows.get(lane.node());
                int labelX = x(firstNodeCol) - 26;
                h.append("<text class=\"lane-label\" x=\"").append(labelX - 40).append("\" y=\"").append(y + 20)
                        .append("\" text-anchor=\"end\">").append(esc(lane.node())).append("</text>\n");
                if (row != null && row.ip() != null) {
                    h.append("<text class=\"lane-sub\" x=\"").append(labelX - 40).append("\" y=\"").append(y + 36)
                            .append("\" text-anchor=\"end\">").append(esc(row.ip())).append("</text>\n");
                }
                arrow(h, ex, y + HOP_H / 2, x(firstNodeCol), y + HOP_H / 2);
                for (int i = 0; i < lane.hops().size(); i++) {
                    if (i > 0) {
                        arrow(h, x(firstNodeCol + i - 1) + HOP_W, y + HOP_H / 2, x(firstNodeCol + i), y + HOP_H / 2);
                    }
                    hop(h, lane.hops().get(i), l, lane.node(), x(firstNodeCol + i), y);
                }
            }
        }
        h.append("</svg>\n");
        int hidden = TrafficPath.nodesWithoutLane(d, lanes);
        if (hidden > 0) {
            h.append("<p class=\"note\">").append(hidden).append(" other node(s) have nothing to show and no lane of "
                    + "their own; the whole-path lane and the node table include them.</p>\n");
        }
    }

    private static int x(int col) {
        return LEFT + col * COL_W + (COL_W - HOP_W) / 2;
    }

    private static void arrow(StringBuilder h, int x1, int y1, int x2, int y2) {
        h.append("<line class=\"arrow\" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"")
                .append(x2 - 2).append("\" y2=\"").append(y2).append("\" marker-end=\"url(#arrow)\"/>\n");
    }

    private static void hop(StringBuilder h, HopView v, int laneIndex, String node, int x, int y) {
        String where = node == null ? "" : " on " + node;
        h.append("<g class=\"hop ").append(v.state().id).append(v.rootCause() ? " root" : "")
                .append("\" data-hop=\"").append(v.hop().id()).append("\" data-lane=\"").append(esc(node == null ? "" : node))
                .append("\" data-state=\"").append(v.state().id).append("\" data-root-cause=\"").append(v.rootCause())
                .append('"').append(v.partial() ? " data-partial=\"true\"" : "");
        if (v.state() != State.ORIGIN) {
            h.append(" data-detail=\"").append(detailId(laneIndex, v.hop())).append("\" tabindex=\"0\" role=\"button\"")
                    .append(" aria-pressed=\"false\" aria-label=\"").append(esc(v.hop().label() + where + ": "
                            + stateWord(v.state()) + (v.partial() ? ", " + notRun(v) + " rule(s) not run" : "")
                            + (v.rootCause() ? ", root cause" : ""))).append('"');
        }
        h.append(">\n<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(HOP_W)
                .append("\" height=\"").append(HOP_H).append("\" rx=\"9\"/>\n")
                .append("<text class=\"hop-label\" x=\"").append(x + HOP_W / 2).append("\" y=\"").append(y + 19)
                .append("\" text-anchor=\"middle\">").append(esc(v.hop().label())).append("</text>\n")
                .append("<text class=\"hop-count\" x=\"").append(x + HOP_W / 2).append("\" y=\"").append(y + 36)
                .append("\" text-anchor=\"middle\">").append(esc(countText(v))).append("</text>\n");
        if (v.rootCause()) {
            h.append("<text class=\"rc-tag\" x=\"").append(x + HOP_W / 2).append("\" y=\"").append(y - 6)
                    .append("\" text-anchor=\"middle\">ROOT CAUSE</text>\n");
        }
        h.append("</g>\n");
    }

    private static String countText(HopView v) {
        if (v.state() == State.ORIGIN) {
            return "start";
        }
        long errors = v.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warns = v.findings().stream().filter(f -> f.severity() == Severity.WARN).count();
        if (errors > 0) {
            return errors + (errors == 1 ? " error" : " errors") + (warns > 0 ? " +" + warns : "");
        }
        if (warns > 0) {
            return warns + (warns == 1 ? " warning" : " warnings");
        }
        if (v.partial()) {
            return "fine · " + notRun(v) + " not run";
        }
        return stateWord(v.state());
    }

    /** How many rules that check this hop could not run (a rule not run on several nodes counts once). */
    private static long notRun(HopView v) {
        return v.notEvaluated().stream().map(NotEvaluated::id).distinct().count();
    }

    private static String stateWord(State s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case FINE -> "fine";
            case NOT_EVALUATED -> "not evaluated";
            case ORIGIN -> "start";
        };
    }

    private static String detailId(int laneIndex, Hop hop) {
        return "detail-" + laneIndex + "-" + hop.id();
    }

    private void details(StringBuilder h, List<Lane> lanes) {
        h.append("<div id=\"hop-details\">\n<p id=\"hop-hint\">Click a hop to see its findings.</p>\n");
        for (int l = 0; l < lanes.size(); l++) {
            Lane lane = lanes.get(l);
            for (HopView v : lane.hops()) {
                if (v.state() == State.ORIGIN) {
                    continue;
                }
                h.append("<section class=\"hop-detail\" id=\"").append(detailId(l, v.hop())).append("\" data-hop=\"")
                        .append(v.hop().id()).append("\" data-lane=\"").append(esc(lane.node() == null ? "" : lane.node()))
                        .append("\" hidden>\n<h3>").append(esc(v.hop().label())).append(" <span class=\"where\">")
                        .append(lane.node() == null ? "whole path" : "on " + esc(lane.node())).append("</span>")
                        .append(" <span class=\"badge ").append(v.state().id).append("\">").append(stateWord(v.state()))
                        .append("</span>").append(v.rootCause() ? " <span class=\"badge root\">root cause</span>" : "")
                        .append("</h3>\n");
                for (ReportFinding f : v.findings()) {
                    finding(h, f);
                }
                if (!v.checkedByAnyRule()) {
                    h.append("<p class=\"unchecked\">No rule of this rule base checks this hop, so nothing is known "
                            + "about it.</p>\n");
                } else if (v.state() == State.NOT_EVALUATED) {
                    h.append("<p class=\"unchecked\">None of the rules that check this hop could run here, so "
                            + "nothing is known about it.</p>\n");
                } else if (v.findings().isEmpty() && v.notEvaluated().isEmpty()) {
                    h.append("<p class=\"fine\">Nothing found here: every rule that checks this hop ran and none "
                            + "fired.</p>\n");
                } else if (v.findings().isEmpty()) {
                    h.append("<p class=\"fine\">Nothing found by the rules that ran here. The rules below could not "
                            + "run, so this hop is fine only as far as the others can tell.</p>\n");
                }
                if (!v.notEvaluated().isEmpty()) {
                    h.append("<h4>Not evaluated here</h4>\n<ul class=\"not-evaluated\">\n");
                    for (NotEvaluated n : v.notEvaluated()) {
                        h.append("<li><b>").append(esc(n.id())).append("</b>")
                                .append(n.node() == null ? "" : " on " + esc(n.node())).append(": missing <code>")
                                .append(esc(n.missing())).append("</code>")
                                .append(n.reason() == null ? "" : " — " + esc(n.reason())).append("</li>\n");
                    }
                    h.append("</ul>\n");
                }
                h.append("</section>\n");
            }
        }
        h.append("</div>\n");
    }

    private static void finding(StringBuilder h, ReportFinding f) {
        String sev = f.severity().name().toLowerCase();
        h.append("<article class=\"finding sev-").append(sev).append("\" data-id=\"").append(esc(f.id()))
                .append("\">\n<h4><span class=\"sev\">").append(f.severity().name()).append("</span> ")
                .append(esc(f.id())).append(" <span class=\"where\">")
                .append(f.node() == null ? "cluster" : "node " + esc(f.node()))
                .append(f.subject() == null ? "" : " · " + esc(f.subject())).append("</span></h4>\n")
                .append("<p class=\"title\">").append(esc(f.title())).append("</p>\n");
        if (!f.evidence().isEmpty()) {
            h.append("<h5>Evidence</h5>\n<ul class=\"evidence\">\n");
            for (Evidence e : f.evidence()) {
                h.append("<li><code class=\"loc\">").append(esc(e.source())).append(e.line() > 0 ? ":" + e.line() : "")
                        .append("</code> ").append(esc(e.text() == null ? "" : e.text())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!f.explainedBy().isEmpty()) {
            h.append("<p class=\"links\">Explained by: ").append(esc(String.join(", ", f.explainedBy()))).append("</p>\n");
        }
        if (!f.explains().isEmpty()) {
            h.append("<p class=\"links\">Explains: ").append(esc(String.join(", ", f.explains()))).append("</p>\n");
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            h.append("<h5>What to do</h5>\n<pre class=\"remediation\">").append(esc(f.remediation().strip()))
                    .append("</pre>\n");
        }
        h.append("<p class=\"guide\">Guide: <cite>").append(esc(f.guide())).append("</cite></p>\n</article>\n");
    }

    private static void nodeTable(StringBuilder h, Diagnosis d) {
        h.append("<section id=\"nodes\">\n<h2>Nodes (").append(d.nodes().size()).append(")</h2>\n");
        if (d.nodes().isEmpty()) {
            h.append("<p>The capture has no node.</p>\n</section>\n");
            return;
        }
        // The columns between the address and the findings are the network plugin's (the same for every row).
        List<String> columns = List.copyOf(d.nodes().get(0).columns().keySet());
        h.append("<table>\n<thead><tr><th>node</th><th>IP</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("<th>findings</th><th>not evaluated</th></tr></thead>\n<tbody>\n");
        for (NodeRow r : d.nodes()) {
            List<ReportFinding> fs = d.findings().stream().filter(f -> r.node().equals(f.node())).toList();
            long ne = d.notEvaluated().stream().filter(n -> r.node().equals(n.node())).count();
            Severity worst = fs.stream().map(ReportFinding::severity).min(Enum::compareTo).orElse(null);
            h.append("<tr data-node=\"").append(esc(r.node())).append("\"").append(worst == null ? "" : " class=\"sev-"
                    + worst.name().toLowerCase() + "\"").append("><td>").append(esc(r.node())).append("</td><td>")
                    .append(orDash(r.ip())).append("</td><td>");
            for (String c : columns) {
                h.append(orDash(r.columns().get(c))).append("</td><td>");
            }
            if (fs.isEmpty()) {
                h.append("none");
            } else {
                h.append(esc(String.join(", ", fs.stream().map(f -> f.severity().name() + " " + f.id()).toList())));
            }
            h.append("</td><td>").append(ne).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void notEvaluated(StringBuilder h, Diagnosis d) {
        h.append("<section id=\"not-evaluated\">\n<h2>Not evaluated (").append(d.notEvaluated().size()).append(")</h2>\n");
        if (d.notEvaluated().isEmpty()) {
            h.append("<p>Every rule could be evaluated everywhere it applies.</p>\n</section>\n");
            return;
        }
        h.append("<p>Missing data is never a finding: these rules were not run where their input is missing.</p>\n")
                .append("<table>\n<thead><tr><th>rule</th><th>node</th><th>missing</th><th>why</th></tr></thead>\n<tbody>\n");
        for (NotEvaluated n : d.notEvaluated()) {
            h.append("<tr><td>").append(esc(n.id())).append("</td><td>").append(n.node() == null ? "cluster"
                    : esc(n.node())).append("</td><td><code>").append(esc(n.missing())).append("</code></td><td>")
                    .append(orDash(n.reason())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** The rules that ran on a must-gather's inspected namespaces only: beside the not-evaluated ones. */
    private static void evaluatedInPart(StringBuilder h, Diagnosis d) {
        if (d.evaluatedInPart().isEmpty()) {
            return;
        }
        h.append("<section id=\"evaluated-in-part\">\n<h2>Evaluated in part (").append(d.evaluatedInPart().size())
                .append(")</h2>\n<p>These rules ran on the namespaces the must-gather inspected whole only: what"
                        + " they found is true, what they did not find says nothing of the other namespaces.</p>\n")
                .append("<table>\n<thead><tr><th>rule</th><th>node</th><th>inputs</th><th>why</th></tr></thead>\n"
                        + "<tbody>\n");
        for (io.netrules.engine.EvaluatedInPart e : d.evaluatedInPart()) {
            h.append("<tr><td>").append(esc(e.id())).append("</td><td>").append(esc(TextReport.where(e)))
                    .append("</td><td><code>").append(esc(e.inputs())).append("</code></td><td>")
                    .append(esc(e.reason())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void warnings(StringBuilder h, Diagnosis d) {
        if (d.warnings().isEmpty()) {
            return;
        }
        h.append("<section id=\"warnings\">\n<h2>Parse warnings (").append(d.warnings().size()).append(")</h2>\n<ul>\n");
        for (ParseWarning w : d.warnings()) {
            h.append("<li><code class=\"loc\">").append(esc(w.source())).append(w.line() > 0 ? ":" + w.line() : "")
                    .append("</code> ").append(esc(w.text())).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void metadata(StringBuilder h, Diagnosis d) {
        CaptureMetadata m = d.metadata() == null ? CaptureMetadata.NONE : d.metadata();
        h.append("<section id=\"capture\">\n<h2>Capture</h2>\n<dl>\n<dt>capture</dt><dd><code>").append(esc(d.capture()))
                .append("</code></dd>\n<dt>format</dt><dd>").append(orDash(m.format())).append("</dd>\n")
                .append("<dt>collected at</dt><dd>").append(orDash(m.collectedAt())).append("</dd>\n")
                .append("<dt>target URL</dt><dd>").append(orDash(m.targetUrl())).append("</dd>\n")
                .append("<dt>not collected</dt><dd>");
        if (m.notCollected().isEmpty()) {
            h.append("nothing recorded");
        } else {
            h.append("<ul>\n");
            for (CaptureMetadata.NotCollected nc : m.notCollected()) {
                h.append("<li>").append(nc.node() == null ? "cluster" : esc(nc.node())).append(": <code>")
                        .append(esc(nc.what())).append("</code> — ").append(orDash(nc.why())).append("</li>\n");
            }
            h.append("</ul>");
        }
        h.append("</dd>\n</dl>\n</section>\n");
    }

    private static String orDash(Object o) {
        return o == null ? "—" : esc(String.valueOf(o));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#202124;\
            margin:0 auto;padding:16px 24px 40px;max-width:1240px;background:#fff}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #dadce0;\
            padding-bottom:4px}h3{font-size:17px;margin:4px 0 8px}h4{font-size:15px;margin:12px 0 4px}\
            h5{font-size:13px;margin:10px 0 2px;text-transform:uppercase;letter-spacing:.04em;color:#5f6368}
            header .capture{margin:0;color:#5f6368}.headline{font-size:18px;margin:8px 0 2px}.counts{margin:0;color:#3c4043}
            .n-error{color:#c5221f;font-weight:600}.n-warning{color:#b06000;font-weight:600}
            code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
            .legend{color:#3c4043;font-size:13px}.key{display:inline-block;width:14px;height:14px;border-radius:3px;\
            vertical-align:-2px;margin:0 4px 0 10px}.key.error{background:#d93025}.key.warning{background:#f9ab00}\
            .key.fine{background:#1e8e3e}.key.not-evaluated{background:#e8eaed;border:1px dashed #80868b}\
            .key.root{background:#fff;border:3px solid #202124;width:10px;height:10px}
            #path-svg{max-width:100%;height:auto;display:block;margin:4px 0 8px}
            .lane-title{font-size:12px;fill:#5f6368;text-transform:uppercase;letter-spacing:.06em}
            .lane-label{font-size:14px;font-weight:600;fill:#202124}.lane-sub{font-size:12px;fill:#5f6368}
            .arrow{stroke:#5f6368;stroke-width:1.6}.wire{stroke:#9aa0a6;stroke-width:1.4;fill:none;stroke-dasharray:4 3}
            .hop rect{stroke:#5f6368;stroke-width:1.2}.hop-label{font-size:13px;font-weight:600}.hop-count{font-size:11px}
            .hop[data-detail]{cursor:pointer}.hop[data-detail]:hover rect,.hop:focus rect{stroke:#1a73e8;stroke-width:3}
            .hop:focus{outline:none}.hop.selected rect{stroke:#1a73e8;stroke-width:4}
            .hop.error rect{fill:#d93025}.hop.error text{fill:#fff}.hop.warning rect{fill:#f9ab00}.hop.warning text{fill:#202124}
            .hop.fine rect{fill:#1e8e3e}.hop.fine text{fill:#fff}
            .hop.not-evaluated rect{fill:#e8eaed;stroke:#80868b;stroke-dasharray:5 3}.hop.not-evaluated text{fill:#3c4043}
            .hop.origin rect{fill:#fff}.hop.origin text{fill:#3c4043}
            .hop.root rect{stroke:#202124;stroke-width:4}.hop.root.selected rect{stroke:#1a73e8}
            g.hop text.rc-tag{font-size:10.5px;font-weight:700;fill:#202124;letter-spacing:.05em}
            #hop-details{border:1px solid #dadce0;border-radius:8px;padding:10px 16px;background:#f8f9fa;min-height:40px}
            #hop-hint{color:#5f6368;margin:4px 0}
            .where{font-weight:400;color:#5f6368}.badge{font-size:12px;font-weight:600;border-radius:10px;padding:1px 8px;\
            vertical-align:2px}.badge.error{background:#d93025;color:#fff}.badge.warning{background:#f9ab00}\
            .badge.fine{background:#1e8e3e;color:#fff}.badge.not-evaluated{background:#e8eaed;border:1px dashed #80868b}\
            .badge.root{background:#202124;color:#fff}
            .finding{background:#fff;border:1px solid #dadce0;border-left:6px solid #80868b;border-radius:6px;\
            padding:6px 14px 8px;margin:10px 0}.finding.sev-error{border-left-color:#d93025}\
            .finding.sev-warn{border-left-color:#f9ab00}.finding.sev-info{border-left-color:#1a73e8}
            .finding h4{margin:6px 0 2px}.sev{font-size:12px;font-weight:700;letter-spacing:.05em}\
            .sev-error .sev{color:#c5221f}.sev-warn .sev{color:#b06000}.finding .title{margin:2px 0 4px;font-weight:500}
            .evidence{margin:2px 0;padding-left:18px}.evidence li{margin:1px 0;word-break:break-word}\
            .loc{background:#e8f0fe;border-radius:3px;padding:0 3px}
            .remediation{white-space:pre-wrap;background:#f1f3f4;border-radius:6px;padding:8px 12px;margin:4px 0}
            .guide{margin:6px 0 2px;color:#3c4043}.links{margin:4px 0;color:#3c4043;font-size:13px}
            .unchecked,.fine,.note{color:#5f6368}
            table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:4px 8px;\
            border-bottom:1px solid #e8eaed;vertical-align:top}th{background:#f1f3f4;font-weight:600}
            tr.sev-error td:first-child{border-left:4px solid #d93025}tr.sev-warn td:first-child{border-left:4px solid #f9ab00}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#5f6368}dd{margin:0}dd ul{margin:0;padding-left:18px}
            footer{margin-top:32px;color:#80868b;font-size:12px}
            @media print{.hop-detail[hidden]{display:block}#hop-hint{display:none}}
            """;

    private static final String JS = """
            (function () {
              var hops = Array.prototype.slice.call(document.querySelectorAll('g.hop[data-detail]'));
              var details = Array.prototype.slice.call(document.querySelectorAll('.hop-detail'));
              function select(g) {
                hops.forEach(function (h) { h.classList.remove('selected'); h.setAttribute('aria-pressed', 'false'); });
                details.forEach(function (s) { s.hidden = true; });
                g.classList.add('selected');
                g.setAttribute('aria-pressed', 'true');
                document.getElementById(g.getAttribute('data-detail')).hidden = false;
                document.getElementById('hop-hint').hidden = true;
              }
              hops.forEach(function (g) {
                g.addEventListener('click', function () { select(g); });
                g.addEventListener('keydown', function (e) {
                  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(g); }
                });
              });
              // Open on the root cause of the whole path, so the first look shows what to fix.
              var first = document.querySelector('g.hop[data-root-cause="true"]');
              if (first) { select(first); }
              document.body.setAttribute('data-ready', 'true');
            })();
            """;
}
