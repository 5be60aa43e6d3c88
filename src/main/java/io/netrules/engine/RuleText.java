package io.netrules.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remediation text of one rule ID, kept beside its DRL as Markdown: a front matter with
 * {@code id} and {@code title}, then sections {@code ## Summary}, {@code ## Why it breaks traffic},
 * {@code ## How to fix}. Text is rendered with the finding's parameters: {@code {name}} is
 * replaced by the parameter's value ({@code {node}} and {@code {subject}} are always there).
 * A rule whose fix differs on OpenShift 4 has a further section {@code ## How to fix (OpenShift 4)};
 * {@code ## How to fix} is then the OKD/OpenShift 3.11 text ({@link #fix(Integer)} picks one).
 * <p>
 * A parameter whose value is a code (the then-part says which of several problems it found, e.g.
 * {@code .param("problem", "no-static-route")}) gets its text per code in the front matter: the
 * parameter's name with no value, then one indented line per code, {@code code: text}, the text
 * with its own {@code {name}} placeholders:
 * <pre>
 * problem:
 *   no-static-route: "GR_{node} has no static route {cidr} via {via}"
 * </pre>
 * Wherever {@code {problem}} appears (title, sections) it is replaced by the code's text rendered
 * with the finding's parameters ({@link #shown(Map)}); {@link #codes()} maps each such parameter
 * to its codes.
 */
public record RuleText(String id, String title, Map<String, String> sections, String file,
                       Map<String, Map<String, String>> codes) {

    public RuleText {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        (codes == null ? Map.<String, Map<String, String>>of() : codes)
                .forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        codes = java.util.Collections.unmodifiableMap(copy);
    }

    public RuleText(String id, String title, Map<String, String> sections, String file) {
        this(id, title, sections, file, Map.of());
    }
    public static final String SUMMARY = "Summary";
    public static final String WHY = "Why it breaks traffic";
    public static final String FIX = "How to fix";
    public static final String FIX_OPENSHIFT_4 = "How to fix (OpenShift 4)";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    public String summary() {
        return sections.getOrDefault(SUMMARY, "");
    }

    public String why() {
        return sections.getOrDefault(WHY, "");
    }

    public String fix() {
        return sections.getOrDefault(FIX, "");
    }

    /** The OpenShift 4 fix, or "" when the rule's fix is the same on every platform. */
    public String fixOpenShift4() {
        return sections.getOrDefault(FIX_OPENSHIFT_4, "");
    }

    /**
     * The fix for a platform's major version: on 4 the OpenShift 4 section where there is one, on
     * 3 the 3.11 section. When the major version is unknown and the two differ, both, each under a
     * one-line heading, so that the reader picks; a rule with one fix gives it unchanged.
     */
    public String fix(Integer platformMajor) {
        String four = fixOpenShift4();
        if (four.isEmpty() || platformMajor != null && platformMajor == 3) {
            return fix();
        }
        if (platformMajor != null && platformMajor == 4) {
            return four;
        }
        return "On OKD/OpenShift 3.11:\n" + fix() + "\n\nOn OpenShift 4:\n" + four;
    }

    /**
     * Parses the Markdown. Problems are returned as {@code file:line: message} through
     * {@code errors}, never thrown.
     */
    public static RuleText parse(String file, String text, java.util.List<String> errors) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Map<String, String> front = new LinkedHashMap<>();
        Map<String, Map<String, String>> codes = new LinkedHashMap<>();
        int i = 0;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            i = 1;
            String codedParam = null;
            for (; i < lines.length && !lines[i].strip().equals("---"); i++) {
                String l = lines[i];
                int colon = l.indexOf(':');
                if (l.isBlank() || l.stripLeading().startsWith("#")) {
                    continue;
                }
                if (colon < 0) {
                    errors.add(file + ":" + (i + 1) + ": front matter line is not 'key: value'");
                    continue;
                }
                String key = l.substring(0, colon).strip();
                String value = unquote(l.substring(colon + 1).strip());
                if (Character.isWhitespace(l.charAt(0))) {
                    if (codedParam == null) {
                        errors.add(file + ":" + (i + 1) + ": indented front matter line belongs to no 'param:' line");
                    } else if (codes.get(codedParam).putIfAbsent(key, value) != null) {
                        errors.add(file + ":" + (i + 1) + ": code '" + key + "' of " + codedParam + " is given twice");
                    }
                    continue;
                }
                if (value.isEmpty()) {
                    codedParam = key;
                    codes.put(key, new LinkedHashMap<>());
                } else {
                    codedParam = null;
                    front.put(key, value);
                }
            }
            codes.forEach((param, texts) -> {
                if (texts.isEmpty()) {
                    errors.add(file + ":1: front matter key '" + param + "' has neither a value nor codes");
                }
            });
            if (i >= lines.length) {
                errors.add(file + ":1: front matter is not closed with ---");
            }
            i++;
        } else {
            errors.add(file + ":1: remediation text must start with a front matter (---, id:, title:, ---)");
        }
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("## ")) {
                if (current != null) {
                    sections.put(current, body.toString().strip());
                }
                current = l.substring(3).strip();
                body.setLength(0);
            } else if (current != null) {
                body.append(l).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, body.toString().strip());
        }
        String id = front.get("id");
        String title = front.get("title");
        if (id == null) {
            errors.add(file + ":1: front matter has no id");
        }
        if (title == null) {
            errors.add(file + ":1: front matter has no title");
        }
        for (String required : new String[] {SUMMARY, WHY, FIX}) {
            if (!sections.containsKey(required) || sections.get(required).isEmpty()) {
                errors.add(file + ":1: missing section '## " + required + "'");
            }
        }
        return new RuleText(id, title, sections, file, codes);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * The parameters as the texts show them: the value of a coded parameter (see the class
     * comment) replaced by its code's text, rendered with the raw parameters; a code without a
     * text stays as it is, to be seen (RuleCatalogueTest checks that built-in rules have none).
     */
    public Map<String, String> shown(Map<String, String> params) {
        if (codes.isEmpty()) {
            return params;
        }
        Map<String, String> shown = new java.util.HashMap<>(params);
        codes.forEach((param, texts) -> {
            String text = texts.get(params.get(param));
            if (text != null) {
                shown.put(param, render(text, params));
            }
        });
        return shown;
    }

    /** Replaces {@code {name}} by its value; unknown names stay as they are, to be seen. */
    public static String render(String template, Map<String, String> params) {
        if (template == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
