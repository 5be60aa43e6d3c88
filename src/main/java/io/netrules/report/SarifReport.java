package io.netrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evidence;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleText;
import io.netrules.model.ParseWarning;
import io.netrules.model.Severity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code diagnose --format sarif}: SARIF 2.1.0, one run. The driver lists every rule ID of the
 * rule base (short description: its title; full description: its summary and why it breaks
 * traffic; help: how to fix it, all with their {@code {placeholders}} shown as
 * {@code <placeholder>}). Each finding is a result with its level, its title as message, and
 * as location the capture file and line of its first piece of evidence (relative to the
 * {@code CAPTURE} base, the capture directory); the rest of the evidence are related locations.
 * Rules not evaluated and parse warnings are tool execution notifications.
 */
public final class SarifReport {
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String CAPTURE_BASE = "CAPTURE";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private SarifReport() {
    }

    /**
     * {@code captureUri} is the capture directory as an absolute URI ending in {@code /}, or
     * null when it is not known.
     */
    public static String render(Diagnosis d, Collection<RuleDoc> rules, String version, String captureUri) {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        Map<String, Object> run = new LinkedHashMap<>();
        log.put("runs", List.of(run));

        Map<String, Integer> ruleIndex = new HashMap<>();
        List<Object> descriptors = new ArrayList<>();
        for (RuleDoc r : rules) {
            ruleIndex.put(r.id(), descriptors.size());
            descriptors.add(descriptor(r));
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "netrules");
        driver.put("version", version);
        driver.put("semanticVersion", version);
        driver.put("shortDescription", message("Finds where OpenShift networking (openshift-sdn, OVN-Kubernetes) is broken, and what to do."));
        driver.put("rules", descriptors);
        run.put("tool", Map.of("driver", driver));

        if (captureUri != null) {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("uri", captureUri);
            base.put("description", message("the capture directory"));
            run.put("originalUriBaseIds", Map.of(CAPTURE_BASE, base));
        }

        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", true);
        List<Object> notifications = new ArrayList<>();
        for (NotEvaluated n : d.notEvaluated()) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("level", "note");
            note.put("message", message(n.id() + " not evaluated" + (n.node() == null ? "" : " on " + n.node())
                    + ": missing " + n.missing() + (n.reason() == null ? "" : " (" + n.reason() + ")")));
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("id", n.id());
            if (ruleIndex.containsKey(n.id())) {
                ref.put("index", ruleIndex.get(n.id()));
            }
            note.put("associatedRule", ref);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("notEvaluated", true);
            props.put("node", n.node());
            props.put("missing", n.missing());
            note.put("properties", props);
            notifications.add(note);
        }
        for (ParseWarning w : d.warnings()) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("level", "warning");
            note.put("message", message(w.text()));
            note.put("locations", List.of(location(w.source(), w.line(), null)));
            notifications.add(note);
        }
        invocation.put("toolExecutionNotifications", notifications);
        run.put("invocations", List.of(invocation));

        List<Object> results = new ArrayList<>();
        for (ReportFinding f : d.findings()) {
            results.add(result(f, ruleIndex.get(f.id())));
        }
        run.put("results", results);
        run.put("columnKind", "unicodeCodePoints");

        Map<String, Object> props = new LinkedHashMap<>();
        props.put("capture", d.capture());
        props.put("platform", d.summary().platform());
        props.put("plugin", d.summary().plugin());
        if (d.metadata() != null && d.metadata().collectedAt() != null) {
            props.put("collectedAt", d.metadata().collectedAt());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("layer", d.summary().layer());
        summary.put("errors", d.summary().errors());
        summary.put("warnings", d.summary().warnings());
        summary.put("info", d.summary().info());
        props.put("summary", summary);
        run.put("properties", props);

        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            return MAPPER.writer(pp).writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> descriptor(RuleDoc r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        RuleText t = r.text();
        if (t != null) {
            m.put("shortDescription", message(generic(t.title())));
            m.put("fullDescription", message(generic(t.summary() + "\n\n" + t.why())));
            Map<String, Object> help = new LinkedHashMap<>();
            help.put("text", generic(t.fix()));
            help.put("markdown", generic(t.fix()));
            m.put("help", help);
        }
        m.put("defaultConfiguration", Map.of("level", level(r.severity())));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("layer", r.layer());
        props.put("scope", r.scope().name().toLowerCase());
        props.put("guide", r.guide());
        // The network plugin whose rule this is; a rule of every plugin names none.
        if (r.plugin() != null) {
            props.put("plugin", r.plugin());
        }
        props.put("tags", r.plugin() == null ? List.of(r.layer()) : List.of(r.plugin(), r.layer()));
        m.put("properties", props);
        return m;
    }

    private static Map<String, Object> result(ReportFinding f, Integer ruleIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.id());
        if (ruleIndex != null) {
            m.put("ruleIndex", ruleIndex);
        }
        m.put("kind", "fail");
        m.put("level", level(f.severity()));
        m.put("message", message(f.title()));
        List<Object> locations = new ArrayList<>();
        List<Object> related = new ArrayList<>();
        List<Evidence> evidence = f.evidence();
        if (evidence.isEmpty()) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("logicalLocations", logical(f));
            locations.add(where);
        } else {
            Map<String, Object> first = location(evidence.get(0).source(), evidence.get(0).line(), evidence.get(0).text());
            first.put("logicalLocations", logical(f));
            locations.add(first);
            for (int i = 1; i < evidence.size(); i++) {
                Evidence e = evidence.get(i);
                Map<String, Object> loc = location(e.source(), e.line(), e.text());
                loc.put("id", i);
                related.add(loc);
            }
        }
        m.put("locations", locations);
        if (!related.isEmpty()) {
            m.put("relatedLocations", related);
        }
        m.put("partialFingerprints", Map.of("netrulesFindingKey/v1", f.key()));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("node", f.node());
        props.put("subject", f.subject());
        props.put("layer", f.layer());
        props.put("guide", f.guide());
        props.put("remediation", f.remediation());
        props.put("explains", f.explains());
        props.put("explainedBy", f.explainedBy());
        m.put("properties", props);
        return m;
    }

    private static List<Object> logical(ReportFinding f) {
        List<Object> out = new ArrayList<>();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("name", f.node() == null ? "cluster" : f.node());
        scope.put("kind", f.node() == null ? "cluster" : "node");
        out.add(scope);
        if (f.subject() != null) {
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("name", f.subject());
            subject.put("fullyQualifiedName", (f.node() == null ? "cluster" : f.node()) + "/" + f.subject());
            subject.put("kind", "object");
            out.add(subject);
        }
        return out;
    }

    /** A location in the capture: file relative to CAPTURE, the line when there is one (SARIF lines start at 1). */
    private static Map<String, Object> location(String file, int line, String text) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", uri(file));
        artifact.put("uriBaseId", CAPTURE_BASE);
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        if (line > 0) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", line);
            physical.put("region", region);
        }
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("physicalLocation", physical);
        if (text != null && !text.isEmpty()) {
            loc.put("message", message(text));
        }
        return loc;
    }

    /** A capture-relative path as a relative URI: each byte outside the unreserved set and '/' is %-encoded. */
    static String uri(String path) {
        StringBuilder b = new StringBuilder();
        for (byte c : path.getBytes(StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if (u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z' || u >= '0' && u <= '9' || u == '-' || u == '.'
                    || u == '_' || u == '~' || u == '/') {
                b.append((char) u);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }

    private static Map<String, Object> message(String text) {
        return Map.of("text", text == null ? "" : text);
    }

    /** A rule text without a finding to fill it: {@code {node}} reads {@code <node>}. */
    static String generic(String template) {
        Matcher m = PLACEHOLDER.matcher(template == null ? "" : template);
        return m.replaceAll(r -> Matcher.quoteReplacement("<" + r.group(1) + ">"));
    }
}
