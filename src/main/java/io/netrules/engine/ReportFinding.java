package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * A finding as reported: the rule's metadata, where the problem is, the rendered title and
 * remediation, the evidence, and the root-cause links ({@code explains}/{@code explainedBy}
 * hold the keys of other findings, {@code ID@node/subject}), the parameters the rule set and
 * the DRL rules that fired it ({@code file:line "name"}).
 */
public record ReportFinding(String id, Severity severity, String layer, String node, String subject, String title,
                            String remediation, String guide, List<Evidence> evidence, List<String> explains,
                            List<String> explainedBy, Map<String, String> params, List<String> firedBy) {
    public ReportFinding {
        evidence = List.copyOf(evidence);
        explains = List.copyOf(explains);
        explainedBy = List.copyOf(explainedBy);
        params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
        firedBy = List.copyOf(firedBy);
    }

    /** The same finding with its root-cause links set. */
    public ReportFinding withLinks(List<String> explains, List<String> explainedBy) {
        return new ReportFinding(id, severity, layer, node, subject, title, remediation, guide, evidence, explains,
                explainedBy, params, firedBy);
    }

    /** The key other findings use to point at this one. */
    public String key() {
        return key(id, node, subject);
    }

    public static String key(String id, String node, String subject) {
        return id + "@" + (node == null ? "" : node) + "/" + (subject == null ? "" : subject);
    }
}
