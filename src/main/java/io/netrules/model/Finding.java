package io.netrules.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule's then-part inserts: the rule ID, where the problem is (node, subject) and the
 * parameters its remediation text is rendered with. Rules never format text; evidence is taken
 * from the facts the rule matched, plus {@link Absence}s for what it looked for and did not find.
 * Built fluently in DRL: {@code insert(Finding.of("NR-X-001").node($n).param("k", v));}
 */
public record Finding(String id, String node, String subject, Map<String, String> params, List<Absence> absences) {

    public Finding {
        params = Collections.unmodifiableMap(new TreeMap<>(params == null ? Map.of() : params));
        absences = absences == null ? List.of() : List.copyOf(absences);
    }

    /**
     * Something a rule looked for in one input and did not find; {@code pattern} says what, in
     * the input's own syntax (e.g. {@code table=10,tun_src=10.0.0.1} for OVS flows).
     */
    public record Absence(String input, String pattern) {
    }

    /** How reports and links name this finding: {@code ID@node/subject}. */
    public String key() {
        return id + "@" + (node == null ? "" : node) + "/" + (subject == null ? "" : subject);
    }

    /** A parameter's value, or "" when the rule did not set it (for DRL constraints). */
    public String param(String key) {
        return params.getOrDefault(key, "");
    }

    public static Finding of(String id) {
        return new Finding(id, null, null, Map.of(), List.of());
    }

    public Finding node(String node) {
        return new Finding(id, node, subject, params, absences);
    }

    public Finding subject(String subject) {
        return new Finding(id, node, subject, params, absences);
    }

    /**
     * Sets a parameter. A collection (e.g. a list of addresses) is kept as its elements joined by
     * ", ", so that then-parts pass lists as they are and never join them into text.
     */
    public Finding param(String key, Object value) {
        Map<String, String> copy = new TreeMap<>(params);
        copy.put(key, value == null ? "" : value instanceof java.util.Collection<?> c ? joined(c) : String.valueOf(value));
        return new Finding(id, node, subject, copy, absences);
    }

    public Finding absent(String input, String pattern) {
        List<Absence> copy = new ArrayList<>(absences);
        copy.add(new Absence(input, pattern));
        return new Finding(id, node, subject, params, copy);
    }

    private static String joined(java.util.Collection<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v);
        }
        return sb.toString();
    }
}
