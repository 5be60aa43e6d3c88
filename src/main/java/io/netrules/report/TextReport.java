package io.netrules.report;

import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.model.Layer;
import io.netrules.model.ParseWarning;
import io.netrules.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report for people: the likely layer first, then findings grouped by layer along the
 * guide's path (the likely layer's group first), each with where, evidence and what to do;
 * then what could not be evaluated and the parse warnings. Colour only when asked.
 */
public final class TextReport {
    private final boolean color;
    private final boolean explain;
    private Map<String, ReportFinding> byKey = Map.of();

    public TextReport(boolean color) {
        this(color, false);
    }

    /** With {@code explain}, each finding also shows the rules that fired, the facts they matched and the parameters. */
    public TextReport(boolean color, boolean explain) {
        this.color = color;
        this.explain = explain;
    }

    public String render(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        var s = d.summary();
        out.append(bold("netrules diagnosis of " + d.capture())).append('\n');
        out.append("Platform: ").append(s.platform() == null ? "not known" : s.platform())
                .append("; network plugin: ").append(s.plugin() == null ? "not known" : s.plugin()).append('\n');
        if (s.layer() == null) {
            out.append("No finding: nothing in this capture points at a broken layer.\n");
        } else {
            out.append("Likely layer: ").append(bold(s.layer())).append('\n');
        }
        out.append(s.errors()).append(" error(s), ").append(s.warnings()).append(" warning(s), ")
                .append(s.info()).append(" info\n");
        if (!d.sources().isEmpty()) {
            List<String> parts = new ArrayList<>();
            d.sources().forEach((kind, source) -> parts.add(kind + " from " + source));
            out.append("Cluster objects: ").append(String.join(", ", parts)).append('\n');
        }
        if (s.notApplicable() > 0) {
            out.append(notApplicable(s)).append('\n');
        }

        Map<String, List<ReportFinding>> byLayer = new LinkedHashMap<>();
        if (s.layer() != null) {
            byLayer.put(s.layer(), new ArrayList<>());
        }
        for (String layer : Layer.of(s.plugin())) {
            byLayer.putIfAbsent(layer, new ArrayList<>());
        }
        Map<String, ReportFinding> byKey = new LinkedHashMap<>();
        d.findings().forEach(f -> byKey.put(f.key(), f));
        for (ReportFinding f : d.findings()) {
            // A symptom is shown under its cause(s), not in its own layer.
            boolean shownUnderCause = f.explainedBy().stream().anyMatch(byKey::containsKey);
            if (!shownUnderCause) {
                byLayer.computeIfAbsent(f.layer(), k -> new ArrayList<>()).add(f);
            }
        }
        this.byKey = byKey;
        for (Map.Entry<String, List<ReportFinding>> e : byLayer.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            out.append('\n').append(bold("== " + e.getKey() + " ==")).append('\n');
            for (ReportFinding f : e.getValue()) {
                finding(out, f);
            }
        }

        if (!d.notEvaluated().isEmpty()) {
            out.append('\n').append(bold("Not evaluated (" + d.notEvaluated().size() + ")")).append('\n');
            for (NotEvaluated n : d.notEvaluated()) {
                out.append("  ").append(n.id()).append(n.node() == null ? "" : " on " + n.node())
                        .append(": ").append(n.reason() != null ? n.reason() : "missing " + n.missing()).append('\n');
            }
        }
        if (!d.evaluatedInPart().isEmpty()) {
            out.append('\n').append(bold("Evaluated in part (" + d.evaluatedInPart().size() + ")")).append('\n');
            // Rules that say the same (same reason, same scope) share a line: a must-gather puts
            // every pod rule in part for the same namespaces.
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            for (io.netrules.engine.EvaluatedInPart e : d.evaluatedInPart()) {
                String scope = e.node() == null && e.nodes() == 0 ? "" : " on " + where(e);
                byReason.computeIfAbsent(scope + "\u0000" + e.reason(), k -> new ArrayList<>()).add(e.id());
            }
            byReason.forEach((key, ids) -> out.append("  ").append(String.join(", ", ids))
                    .append(key, 0, key.indexOf('\u0000')).append(": ").append(key.substring(key.indexOf('\u0000') + 1))
                    .append('\n'));
        }
        if (!d.warnings().isEmpty()) {
            out.append('\n').append(bold("Warnings (" + d.warnings().size() + ")")).append('\n');
            for (ParseWarning w : d.warnings()) {
                out.append("  ").append(w.source()).append(w.line() > 0 ? ":" + w.line() : "").append(": ")
                        .append(w.text()).append('\n');
            }
        }
        return out.toString();
    }

    /** Where a rule was evaluated in part: the cluster, a node, or "N nodes" (every one alike). */
    public static String where(io.netrules.engine.EvaluatedInPart e) {
        return e.node() != null ? e.node() : e.nodes() == 0 ? "cluster" : e.nodes() + " nodes";
    }

    /** The one line that counts the rules of other network plugins. */
    public static String notApplicable(io.netrules.engine.Summary s) {
        return s.notApplicable() + " rules of other network plugins not applicable (plugin: " + s.plugin() + ")";
    }

    private void finding(StringBuilder out, ReportFinding f) {
        out.append(severity(f.severity())).append(' ').append(f.id());
        if (f.node() != null) {
            out.append("  node ").append(f.node());
        }
        if (f.subject() != null) {
            out.append("  ").append(f.subject());
        }
        out.append('\n');
        out.append("  ").append(f.title()).append('\n');
        if (!f.evidence().isEmpty()) {
            out.append("  evidence:\n");
            for (Evidence e : f.evidence()) {
                out.append("    ").append(e.source()).append(e.line() > 0 ? ":" + e.line() : "").append(": ")
                        .append(explain ? "[" + e.fact() + "] " : "")
                        .append(e.text() == null ? "" : e.text()).append('\n');
            }
        }
        if (explain) {
            out.append("  fired by:\n");
            f.firedBy().forEach(r -> out.append("    ").append(r).append('\n'));
            if (!f.params().isEmpty()) {
                out.append("  parameters:\n");
                f.params().forEach((k, v) -> out.append("    ").append(k).append(" = ").append(v).append('\n'));
            }
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            out.append("  what to do:\n");
            f.remediation().lines().forEach(l -> out.append("    ").append(l).append('\n'));
        }
        out.append("  guide: ").append(f.guide()).append('\n');
        List<ReportFinding> symptoms = f.explains().stream().map(byKey::get).filter(java.util.Objects::nonNull)
                .toList();
        if (!symptoms.isEmpty()) {
            out.append("  explains:\n");
            for (ReportFinding sym : symptoms) {
                out.append("    ").append(severity(sym.severity())).append(' ').append(sym.id());
                if (sym.node() != null) {
                    out.append("  node ").append(sym.node());
                }
                if (sym.subject() != null) {
                    out.append("  ").append(sym.subject());
                }
                out.append('\n').append("      ").append(sym.title()).append('\n');
                for (Evidence e : sym.evidence()) {
                    out.append("      ").append(e.source()).append(e.line() > 0 ? ":" + e.line() : "").append(": ")
                            .append(e.text() == null ? "" : e.text()).append('\n');
                }
            }
        }
    }

    private String severity(Severity s) {
        String label = String.format("%-5s", s.name());
        if (!color) {
            return label;
        }
        String code = switch (s) {
            case ERROR -> "\u001b[1;31m";
            case WARN -> "\u001b[1;33m";
            case INFO -> "\u001b[1;36m";
        };
        return code + label + "\u001b[0m";
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }
}
