package io.netrules.report;

import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleMeta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code diagnose --format junit}: JUnit XML as Jenkins and GitLab read it. One test suite per
 * scope (the cluster, then each node by name); in it one test case per rule of that scope. A
 * rule that found something fails, with one failure per finding (the title as its message; the
 * evidence, what to do and the guide section as its text). When a finding names a subject, its
 * test case is named {@code ID subject}, so several findings of one rule in one scope are
 * several failing test cases. A rule not evaluated in a scope is skipped, with what was missing.
 * Cluster rules belong to the cluster suite even when a finding names a node.
 */
public final class JunitReport {
    private static final String CLUSTER = "cluster";

    private JunitReport() {
    }

    /** One test case: its name and, at most, one failure or one skip. */
    private record Case(String name, ReportFinding failure, NotEvaluated skipped) {
    }

    public static String render(Diagnosis d, Collection<RuleDoc> rules) {
        Map<String, RuleDoc> byId = new TreeMap<>();
        // A rule of another network plugin tests nothing here: no test case, not even a passing one.
        String plugin = d.summary().plugin();
        rules.stream().filter(r -> plugin == null || r.appliesTo(plugin)).forEach(r -> byId.put(r.id(), r));

        // Scopes: the cluster first, then every node the capture knows of, by name.
        TreeSet<String> nodes = new TreeSet<>();
        d.nodes().forEach(r -> nodes.add(r.node()));
        d.findings().stream().filter(f -> isNodeRule(byId.get(f.id())) && f.node() != null)
                .forEach(f -> nodes.add(f.node()));
        d.notEvaluated().stream().filter(n -> n.node() != null).forEach(n -> nodes.add(n.node()));
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        suites.put(CLUSTER, new ArrayList<>());
        nodes.forEach(n -> suites.put(n, new ArrayList<>()));

        for (RuleDoc rule : byId.values()) {
            List<String> scopes = isNodeRule(rule) ? List.copyOf(nodes) : List.of(CLUSTER);
            for (String scope : scopes) {
                suites.get(scope).addAll(cases(rule.id(), scope, isNodeRule(rule), d));
            }
        }
        // Node rules when the capture has no node at all: not evaluated at cluster scope.
        for (NotEvaluated n : d.notEvaluated()) {
            if (n.node() == null && isNodeRule(byId.get(n.id()))) {
                suites.get(CLUSTER).add(new Case(n.id(), null, n));
            }
        }

        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (List<Case> cs : suites.values()) {
            tests += cs.size();
            failures += (int) cs.stream().filter(c -> c.failure() != null).count();
            skipped += (int) cs.stream().filter(c -> c.skipped() != null).count();
        }
        StringBuilder x = new StringBuilder(8192);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"netrules\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" time=\"0\">\n");
        for (Map.Entry<String, List<Case>> suite : suites.entrySet()) {
            List<Case> cs = suite.getValue();
            if (cs.isEmpty()) {
                continue;
            }
            x.append("  <testsuite name=\"").append(attr(suite.getKey())).append("\" tests=\"").append(cs.size())
                    .append("\" failures=\"").append(cs.stream().filter(c -> c.failure() != null).count())
                    .append("\" errors=\"0\" skipped=\"").append(cs.stream().filter(c -> c.skipped() != null).count())
                    .append("\" time=\"0\">\n    <properties>\n")
                    .append("      <property name=\"capture\" value=\"").append(attr(d.capture())).append("\"/>\n");
            if (d.summary().platform() != null) {
                x.append("      <property name=\"platform\" value=\"").append(attr(d.summary().platform())).append("\"/>\n");
            }
            if (d.summary().plugin() != null) {
                x.append("      <property name=\"plugin\" value=\"").append(attr(d.summary().plugin())).append("\"/>\n");
            }
            if (d.metadata() != null && d.metadata().collectedAt() != null) {
                x.append("      <property name=\"collectedAt\" value=\"").append(attr(d.metadata().collectedAt()))
                        .append("\"/>\n");
            }
            x.append("    </properties>\n");
            for (Case c : cs) {
                x.append("    <testcase classname=\"").append(attr(suite.getKey())).append("\" name=\"")
                        .append(attr(c.name())).append("\" time=\"0\"");
                if (c.failure() != null) {
                    ReportFinding f = c.failure();
                    x.append(">\n      <failure type=\"").append(f.severity().name()).append("\" message=\"")
                            .append(attr(f.title())).append("\">").append(text(failureText(f)))
                            .append("</failure>\n    </testcase>\n");
                } else if (c.skipped() != null) {
                    NotEvaluated n = c.skipped();
                    x.append(">\n      <skipped message=\"").append(attr("not evaluated: missing " + n.missing()
                            + (n.reason() == null ? "" : " (" + n.reason() + ")"))).append("\"/>\n    </testcase>\n");
                } else {
                    x.append("/>\n");
                }
            }
            x.append("  </testsuite>\n");
        }
        x.append("</testsuites>\n");
        return x.toString();
    }

    private static boolean isNodeRule(RuleDoc rule) {
        return rule != null && rule.scope() == RuleMeta.Scope.NODE;
    }

    /** The test cases of one rule in one scope: its findings, else its not-evaluated entry, else a pass. */
    private static List<Case> cases(String id, String scope, boolean nodeRule, Diagnosis d) {
        List<Case> out = new ArrayList<>();
        for (ReportFinding f : d.findings()) {
            boolean inScope = nodeRule ? scope.equals(f.node()) : true;
            if (f.id().equals(id) && inScope) {
                String qualifier = f.subject() != null ? f.subject() : nodeRule ? null : f.node();
                out.add(new Case(qualifier == null ? id : id + " " + qualifier, f, null));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        for (NotEvaluated n : d.notEvaluated()) {
            if (n.id().equals(id) && (nodeRule ? scope.equals(n.node()) : n.node() == null)) {
                return List.of(new Case(id, null, n));
            }
        }
        return List.of(new Case(id, null, null));
    }

    private static String failureText(ReportFinding f) {
        StringBuilder t = new StringBuilder();
        t.append(f.severity().name()).append(' ').append(f.id());
        if (f.node() != null) {
            t.append("  node ").append(f.node());
        }
        if (f.subject() != null) {
            t.append("  ").append(f.subject());
        }
        t.append('\n').append(f.title()).append('\n');
        if (!f.evidence().isEmpty()) {
            t.append("\nEvidence:\n");
            for (Evidence e : f.evidence()) {
                t.append("  ").append(e.source()).append(e.line() > 0 ? ":" + e.line() : "").append(": ")
                        .append(e.text() == null ? "" : e.text()).append('\n');
            }
        }
        if (!f.explainedBy().isEmpty()) {
            t.append("\nExplained by: ").append(String.join(", ", f.explainedBy())).append('\n');
        }
        if (f.remediation() != null && !f.remediation().isBlank()) {
            t.append("\nWhat to do:\n").append(f.remediation().strip()).append('\n');
        }
        t.append("\nGuide: ").append(f.guide()).append('\n');
        return t.toString();
    }

    /** XML text: the markup characters escaped, characters XML 1.0 cannot hold dropped. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    /** An attribute value: also quotes, and line breaks kept as character references. */
    static String attr(String s) {
        return text(s == null ? "" : s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;");
    }
}
