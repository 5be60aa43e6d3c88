package io.netrules.cases;

import io.netrules.TestPaths;
import io.netrules.engine.RuleText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Then-parts insert findings with an ID and parameters; they never format text", checked on the
 * built-in rules' sources: a then-part sets a coded parameter (one whose codes the rule's .md
 * front matter lists) to a code that has a text, every such text is used, and no parameter value
 * is built by concatenating wording ({@code "GR_" + $n + " has no route " + $cidr}) — the
 * sentence belongs in the .md, the then-part passes the raw values.
 */
class ThenPartTextTest {

    /**
     * Parameters of rules that are not OVN-Kubernetes rules and still concatenate wording (file,
     * parameter). Each stays because converting it was not part of OVN's issue 14 polish and its
     * reports must stay byte-identical (SamplesTest, GoldenJsonTest); a new entry needs a reason.
     */
    private static final Set<String> NOT_YET_CONVERTED = Set.of(
            "common/egress/NR-EGR-002.drl machine",
            "common/node/NR-NODE-003.drl ping",
            "common/node/NR-NODE-003.drl tracepath",
            "common/node/NR-NODE-006.drl speed",
            "common/node/NR-NODE-006.drl commonSpeed",
            "openshift-sdn/local/NR-LOCAL-002.drl networkFrom",
            "openshift-sdn/local/NR-LOCAL-003.drl subnetFrom",
            "openshift-sdn/local/NR-LOCAL-004.drl networkFrom",
            "openshift-sdn/mtu/NR-MTU-001.drl sdnMtuFrom",
            "openshift-sdn/mtu/NR-MTU-003.drl sdnMtuFrom",
            "openshift-sdn/mtu/NR-MTU-004.drl log",
            "openshift-sdn/node/NR-NODE-007.drl conflict");

    private static final Pattern PARAM = Pattern.compile("\\.param\\(\\s*\"([A-Za-z][A-Za-z0-9_]*)\"\\s*,");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern INSERT = Pattern.compile("\\binsert\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");

    /** One {@code .param("name", value)} of a then-part. */
    record Param(String file, int line, String name, String value, int insert) {
        String where() {
            return file + ":" + line + ": " + name;
        }
    }

    @Test
    void everyCodedParameterIsACodeWithAText() throws IOException {
        List<String> problems = new ArrayList<>();
        int coded = 0;
        for (Path drl : drlFiles()) {
            RuleText text = textOf(drl);
            Map<String, Map<String, String>> codes = text.codes();
            Set<String> used = new TreeSet<>();
            List<Param> all = params(drl);
            for (Param p : all) {
                Map<String, String> texts = codes.get(p.name());
                if (texts == null) {
                    continue;
                }
                coded++;
                List<String> literals = literals(results(p.value()));
                if (literals.isEmpty()) {
                    problems.add(p.where() + " is coded in " + text.file() + " but set to " + p.value()
                            + ", not to a code");
                }
                for (String code : literals) {
                    used.add(p.name() + "=" + code);
                    if (!texts.containsKey(code)) {
                        problems.add(p.where() + " code '" + code + "' has no text in " + text.file());
                        continue;
                    }
                    // The code's text names only parameters that the same insert sets.
                    Set<String> set = new TreeSet<>(List.of("node", "subject"));
                    all.stream().filter(o -> o.insert() == p.insert()).forEach(o -> set.add(o.name()));
                    Matcher m = PLACEHOLDER.matcher(texts.get(code));
                    while (m.find()) {
                        if (!set.contains(m.group(1))) {
                            problems.add(p.where() + " code '" + code + "': its text names {" + m.group(1)
                                    + "}, which this insert does not set");
                        }
                    }
                }
            }
            codes.forEach((param, texts) -> texts.keySet().stream()
                    .filter(code -> !used.contains(param + "=" + code))
                    .forEach(code -> problems.add(text.file() + ": " + param + " code '" + code
                            + "' is set by no then-part of " + name(drl))));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(coded >= 90, "coded parameters found in the rules: " + coded);
    }

    @Test
    void noParameterValueConcatenatesWording() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> exempted = new TreeSet<>();
        for (Path drl : drlFiles()) {
            for (Param p : params(drl)) {
                if (!concatenatesWording(p.value())) {
                    continue;
                }
                String key = name(drl) + " " + p.name();
                if (NOT_YET_CONVERTED.contains(key)) {
                    exempted.add(key);
                } else {
                    problems.add(p.where() + " = " + p.value().replaceAll("\\s+", " "));
                }
            }
        }
        assertTrue(problems.isEmpty(), "then-parts that build text (put the sentence in the .md, pass the values):\n"
                + String.join("\n", problems));
        assertEquals(new TreeSet<>(NOT_YET_CONVERTED), exempted, "exemptions that no longer concatenate wording");
    }

    @Test
    void theScanSeesWhatItLooksFor() {
        assertTrue(concatenatesWording("\"GR_\" + $n + \" has no static route \" + $cidr"));
        assertTrue(concatenatesWording("$b + \" has MAC \" + $i.mac()"));
        // An object name (namespace/name, host:port) and arithmetic are values, not wording.
        assertTrue(!concatenatesWording("$ns + \"/\" + $pod"));
        assertTrue(!concatenatesWording("$p.host() + ($p.port() == null ? \"\" : \":\" + $p.port())"));
        assertTrue(!concatenatesWording("$cmtu + h - $i.mtu()"));
        assertTrue(!concatenatesWording("$x == null ? \"none\" : $x"));
        assertEquals(List.of("a", "b"), literals(results("$d.equals(\"out\") ? \"a\" : \"b\"")));
        List<Param> ps = params("x.drl", "rule \"r\"\nwhen\nthen\n    insert(Finding.of(\"X\")\n"
                + "        .param(\"a\", f(\"(\", $x)).param(\"b\", \"c\" + $y));\nend\n");
        assertEquals(List.of(new Param("x.drl", 5, "a", "f(\"(\", $x)", 23), new Param("x.drl", 5, "b", "\"c\" + $y", 23)), ps);
    }

    /**
     * A string concatenation with a literal that holds a letter or a space: a piece of a sentence.
     * Literals of punctuation alone join an object's name ({@code ns + "/" + name}); a '+' with
     * no literal is arithmetic.
     */
    static boolean concatenatesWording(String value) {
        if (!LITERAL.matcher(value).replaceAll("\"\"").contains("+")) {
            return false;
        }
        return literals(value).stream().anyMatch(l -> l.chars().anyMatch(c -> Character.isLetter(c)
                || Character.isWhitespace(c)));
    }

    /** What a value can give: past a condition's '?', its branches (a literal in the condition is no code). */
    static String results(String value) {
        boolean inString = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '?') {
                return value.substring(i + 1);
            }
        }
        return value;
    }

    private static List<String> literals(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(value);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Path> drlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(TestPaths.rules())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
            assertTrue(files.size() > 100, "DRL files found: " + files.size());
            return files;
        }
    }

    private static String name(Path drl) {
        return TestPaths.rules().relativize(drl).toString().replace('\\', '/');
    }

    private static RuleText textOf(Path drl) throws IOException {
        Path md = drl.resolveSibling(drl.getFileName().toString().replaceAll("\\.drl$", ".md"));
        if (!Files.exists(md)) {
            // Root-cause link rules insert links, not findings: they have no text.
            return new RuleText(null, null, Map.of(), name(drl));
        }
        List<String> errors = new ArrayList<>();
        RuleText t = RuleText.parse(name(md), Files.readString(md), errors);
        assertTrue(errors.isEmpty(), String.join("\n", errors));
        return t;
    }

    private static List<Param> params(Path drl) throws IOException {
        return params(name(drl), Files.readString(drl));
    }

    /** The {@code .param(...)} calls between each rule's {@code then} and {@code end} lines. */
    static List<Param> params(String file, String source) {
        List<Param> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        int offset = 0;
        boolean inThen = false;
        int thenStart = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("then")) {
                inThen = true;
                thenStart = offset + line.length() + 1;
            } else if (t.equals("end") && inThen) {
                inThen = false;
                collect(file, source, thenStart, offset, out);
            }
            offset += line.length() + 1;
        }
        return out;
    }

    private static void collect(String file, String source, int from, int to, List<Param> out) {
        List<Integer> inserts = new ArrayList<>();
        Matcher ins = INSERT.matcher(source).region(from, to);
        while (ins.find()) {
            inserts.add(ins.start());
        }
        Matcher m = PARAM.matcher(source).region(from, to);
        while (m.find()) {
            int at = m.start();
            int insert = inserts.stream().filter(i -> i < at).reduce((a, b) -> b).orElse(from);
            int end = closing(source, m.start() + ".param".length());
            String value = source.substring(m.end(), end).strip();
            int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Param(file, line, m.group(1), value, insert));
        }
    }

    /** The index of the ')' that closes the '(' at {@code open}, skipping string literals. */
    private static int closing(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after offset " + open);
    }
}
