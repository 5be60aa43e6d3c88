package io.netrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.model.ParseWarning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code diagnose --format json}, exactly the shape of capture-layout.md: summary,
 * findings, notEvaluated, warnings. Keys are written in a fixed order and lists come sorted from
 * the evaluator, so the same capture always gives the same bytes.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    public static Map<String, Object> toMap(Diagnosis d) {
        return toMap(d, false);
    }

    /**
     * With {@code explain}, each finding also carries the DRL rules that fired it, its parameters
     * and the kind of each piece of evidence; each not-evaluated rule carries the reason.
     */
    public static Map<String, Object> toMap(Diagnosis d, boolean explain) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("layer", d.summary().layer());
        summary.put("errors", d.summary().errors());
        summary.put("warnings", d.summary().warnings());
        summary.put("info", d.summary().info());
        summary.put("platform", d.summary().platform());
        summary.put("plugin", d.summary().plugin());
        summary.put("notApplicable", d.summary().notApplicable());
        if (!d.sources().isEmpty()) {
            // Only when the capture holds a must-gather: where each cluster kind came from.
            summary.put("sources", d.sources());
        }
        root.put("summary", summary);
        List<Object> findings = new ArrayList<>();
        for (ReportFinding f : d.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("severity", f.severity().name());
            m.put("layer", f.layer());
            m.put("node", f.node());
            m.put("subject", f.subject());
            m.put("title", f.title());
            m.put("remediation", f.remediation());
            m.put("guide", f.guide());
            List<Object> evidence = new ArrayList<>();
            for (Evidence e : f.evidence()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("source", e.source());
                if (e.line() > 0) {
                    em.put("line", e.line());
                }
                em.put("text", e.text());
                if (explain) {
                    em.put("fact", e.fact());
                }
                evidence.add(em);
            }
            m.put("evidence", evidence);
            m.put("explains", f.explains());
            m.put("explainedBy", f.explainedBy());
            if (explain) {
                m.put("firedBy", f.firedBy());
                m.put("params", f.params());
            }
            findings.add(m);
        }
        root.put("findings", findings);
        List<Object> ne = new ArrayList<>();
        for (NotEvaluated n : d.notEvaluated()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("node", n.node());
            m.put("missing", n.missing());
            if (explain) {
                m.put("reason", n.reason());
            }
            ne.add(m);
        }
        root.put("notEvaluated", ne);
        if (!d.evaluatedInPart().isEmpty()) {
            // Only when some rule ran on part of the namespaces: every other report stays as it was.
            List<Object> part = new ArrayList<>();
            for (io.netrules.engine.EvaluatedInPart e : d.evaluatedInPart()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                if (e.node() != null) {
                    m.put("node", e.node());
                } else if (e.nodes() > 0) {
                    m.put("nodes", e.nodes());
                }
                m.put("inputs", e.inputs());
                m.put("namespaces", e.namespaces().size());
                m.put("reason", e.reason());
                part.add(m);
            }
            root.put("evaluatedInPart", part);
        }
        List<Object> warnings = new ArrayList<>();
        for (ParseWarning w : d.warnings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", w.source());
            m.put("line", w.line());
            m.put("text", w.text());
            warnings.add(m);
        }
        root.put("warnings", warnings);
        return root;
    }

    public static String render(Diagnosis d) {
        return render(d, false);
    }

    public static String render(Diagnosis d, boolean explain) {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            return MAPPER.writer(pp).writeValueAsString(toMap(d, explain)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
