package io.netrules.report;

import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.model.Layer;
import io.netrules.model.ParseWarning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code diagnose --format markdown}: for pasting into a ticket. The summary, then the findings
 * by layer along the guide's path (the likely layer first; a symptom under the finding that
 * explains it, as in the text report), each with its evidence, what to do and the guide's
 * section; then what could not be evaluated and the parse warnings. GitHub-flavoured Markdown
 * (tables), which GitLab and Jira's Markdown importers read too.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        var s = d.summary();
        out.append("# netrules diagnosis of `").append(code(d.capture())).append("`\n\n");
        out.append("Platform: ").append(s.platform() == null ? "not known" : s.platform()).append("; network plugin: ")
                .append(s.plugin() == null ? "not known" : s.plugin()).append(".\n\n");
        if (s.layer() == null) {
            out.append("**No finding**: nothing in this capture points at a broken layer.\n\n");
        } else {
            out.append("**Likely layer: ").append(s.layer()).append("**\n\n");
        }
        out.append("| errors | warnings | info | not evaluated |\n|---:|---:|---:|---:|\n| ").append(s.errors())
                .append(" | ").append(s.warnings()).append(" | ").append(s.info()).append(" | ")
                .append(d.notEvaluated().size()).append(" |\n\n");
        if (d.metadata() != null && d.metadata().collectedAt() != null) {
            out.append("Capture collected at ").append(d.metadata().collectedAt()).append(".\n\n");
        }

        Map<String, ReportFinding> byKey = new LinkedHashMap<>();
        d.findings().forEach(f -> byKey.put(f.key(), f));
        Map<String, List<ReportFinding>> byLayer = new LinkedHashMap<>();
        if (s.layer() != null) {
            byLayer.put(s.layer(), new ArrayList<>());
        }
        Layer.of(s.plugin()).forEach(l -> byLayer.putIfAbsent(l, new ArrayList<>()));
        for (ReportFinding f : d.findings()) {
            if (f.explainedBy().stream().noneMatch(byKey::containsKey)) {
                byLayer.computeIfAbsent(f.layer(), k -> new ArrayList<>()).add(f);
            }
        }
        if (!d.findings().isEmpty()) {
            out.append("## Findings\n");
            for (Map.Entry<String, List<ReportFinding>> e : byLayer.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                out.append("\n### Layer: ").append(e.getKey()).append("\n");
                for (ReportFinding f : e.getValue()) {
                    finding(out, f, byKey);
                }
            }
        }
        if (!d.notEvaluated().isEmpty()) {
            out.append("\n## Not evaluated (").append(d.notEvaluated().size()).append(")\n\n")
                    .append("Missing data is never a finding: these rules were not run where their input is missing.\n\n")
                    .append("| rule | node | missing | why |\n|---|---|---|---|\n");
            for (NotEvaluated n : d.notEvaluated()) {
                out.append("| ").append(n.id()).append(" | ").append(n.node() == null ? "cluster" : cell(n.node()))
                        .append(" | `").append(cell(code(n.missing()))).append("` | ")
                        .append(n.reason() == null ? "" : cell(n.reason())).append(" |\n");
            }
        }
        if (!d.evaluatedInPart().isEmpty()) {
            out.append("\n## Evaluated in part (").append(d.evaluatedInPart().size()).append(")\n\n")
                    .append("These rules ran on the namespaces the must-gather inspected whole only: what they found"
                            + " is true, what they did not find says nothing of the other namespaces.\n\n")
                    .append("| rule | node | inputs | why |\n|---|---|---|---|\n");
            for (io.netrules.engine.EvaluatedInPart e : d.evaluatedInPart()) {
                out.append("| ").append(e.id()).append(" | ").append(cell(TextReport.where(e))).append(" | `")
                        .append(cell(code(e.inputs()))).append("` | ").append(cell(e.reason())).append(" |\n");
            }
        }
        if (!d.warnings().isEmpty()) {
            out.append("\n## Parse warnings (").append(d.warnings().size()).append(")\n\n");
            for (ParseWarning w : d.warnings()) {
                out.append("- `").append(code(w.source() + (w.line() > 0 ? ":" + w.line() : ""))).append("` ")
                        .append(text(w.text())).append('\n');
            }
        }
        return out.toString();
    }

    private static void finding(StringBuilder out, ReportFinding f, Map<String, ReportFinding> byKey) {
        out.append("\n#### ").append(f.severity().name()).append(' ').append(f.id()).append(": ")
                .append(text(f.title())).append("\n\n");
        out.append("- **Where:** ").append(f.node() == null ? "cluster" : "node `" + code(f.node()) + "`")
                .append(f.subject() == null ? "" : ", `" + code(f.subject()) + "`").append('\n');
        if (!f.evidence().isEmpty()) {
            out.append("- **Evidence:**\n");
            evidence(out, f.evidence(), "  ");
        }
        List<ReportFinding> symptoms = f.explains().stream().map(byKey::get).filter(Objects::nonNull).toList();
        if (!symptoms.isEmpty()) {
            out.append("- **Explains** (symptoms of this root cause):\n");
            for (ReportFinding sym : symptoms) {
                out.append("  - ").append(sym.severity().name()).append(' ').append(sym.id())
                        .append(sym.node() == null ? "" : " on `" + code(sym.node()) + "`").append(": ")
                        .append(text(sym.title())).append('\n');
                evidence(out, sym.evidence(), "    ");
            }
        }
        out.append("- **Guide:** ").append(text(f.guide())).append("\n\n");
        if (f.remediation() != null && !f.remediation().isBlank()) {
            // The remediation is Markdown already (indented code blocks): kept as written.
            out.append("**What to do**\n\n").append(f.remediation().strip()).append("\n");
        }
    }

    private static void evidence(StringBuilder out, List<Evidence> evidence, String indent) {
        for (Evidence e : evidence) {
            out.append(indent).append("- `").append(code(e.source() + (e.line() > 0 ? ":" + e.line() : "")))
                    .append("` ").append(e.text() == null ? "" : "`" + code(e.text()) + "`").append('\n');
        }
    }

    /** Text inside a code span: a backtick would end it. */
    private static String code(String s) {
        return s == null ? "" : s.replace('`', '\'');
    }

    /** Prose: characters that would start Markdown markup are escaped. */
    private static String text(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                .replace("<", "&lt;").replace("[", "\\[");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
