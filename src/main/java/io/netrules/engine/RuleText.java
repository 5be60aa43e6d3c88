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
 */
public record RuleText(String id, String title, Map<String, String> sections, String file) {
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
        int i = 0;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            i = 1;
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
                front.put(l.substring(0, colon).strip(), unquote(l.substring(colon + 1).strip()));
            }
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
        return new RuleText(id, title, sections, file);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
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
