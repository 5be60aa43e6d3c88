package io.netrules.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One iptables rule's tokens ({@code IptablesRule.args}) read back into what they say: the
 * standard matches ({@code -p -s -d -i -o -f}), each {@code -m} module with its options, and
 * the target with its options. A {@code !} before an option (or, in the old form, right after
 * it) negates that option. Tokens it cannot place are kept in {@link #unparsed}.
 */
final class RuleSpec {
    /** A standard match: {@code kind} is p, s, d, i, o or f (fragment, no value). */
    record Std(char kind, boolean negated, String value) {
    }

    /** An option of a module or of the target: {@code --name values...}. */
    record Opt(String name, boolean negated, List<String> values) {
        String value() {
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /** A {@code -m NAME} match with its options, in order. */
    record Module(String name, List<Opt> options) {
    }

    /** Options whose value is exactly one token, whatever it looks like (comments, prefixes). */
    private static final Set<String> ONE_TOKEN = Set.of("--comment", "--log-prefix", "--nflog-prefix", "--string",
            "--hex-string", "--name", "--helper", "--set-xmark", "--set-mark", "--to-destination", "--to-source",
            "--reject-with");

    final List<Std> std = new ArrayList<>();
    final List<Module> modules = new ArrayList<>();
    String target;
    boolean goTo;
    final List<Opt> targetOptions = new ArrayList<>();
    final List<String> unparsed = new ArrayList<>();

    private RuleSpec() {
    }

    static RuleSpec parse(List<String> args) {
        RuleSpec spec = new RuleSpec();
        Module current = null;
        boolean inTarget = false;
        boolean neg = false;
        int n = args.size();
        for (int i = 0; i < n; i++) {
            String t = args.get(i);
            if (t.equals("!")) {
                neg = true;
                continue;
            }
            char kind = switch (t) {
                case "-p", "--protocol" -> 'p';
                case "-s", "--source", "--src" -> 's';
                case "-d", "--destination", "--dst" -> 'd';
                case "-i", "--in-interface" -> 'i';
                case "-o", "--out-interface" -> 'o';
                default -> 0;
            };
            if (kind != 0) {
                if (i + 1 >= n) {
                    spec.unparsed.add(t);
                    break;
                }
                String v = args.get(++i);
                if (v.equals("!") && i + 1 < n) { // old form: -s ! 1.2.3.4
                    neg = true;
                    v = args.get(++i);
                }
                spec.std.add(new Std(kind, neg, v));
                neg = false;
                continue;
            }
            switch (t) {
                case "-f", "--fragment" -> {
                    spec.std.add(new Std('f', neg, null));
                    neg = false;
                }
                case "-m", "--match" -> {
                    if (i + 1 >= n) {
                        spec.unparsed.add(t);
                    } else {
                        current = new Module(args.get(++i), new ArrayList<>());
                        spec.modules.add(current);
                    }
                    inTarget = false;
                    neg = false;
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    if (i + 1 >= n) {
                        spec.unparsed.add(t);
                    } else {
                        spec.target = args.get(++i);
                        spec.goTo = t.equals("-g") || t.equals("--goto");
                    }
                    inTarget = true;
                    neg = false;
                }
                case "-c", "--set-counters" -> i += 2;
                case "-4", "-6", "--ipv4", "--ipv6" -> {
                }
                default -> {
                    if (!t.startsWith("--")) {
                        spec.unparsed.add(t);
                        neg = false;
                        continue;
                    }
                    List<String> values = new ArrayList<>();
                    if (ONE_TOKEN.contains(t)) {
                        if (i + 1 < n) {
                            values.add(args.get(++i));
                        }
                    } else {
                        if (i + 2 < n && args.get(i + 1).equals("!") && !isOption(args.get(i + 2))) {
                            neg = true; // old form: --state ! NEW
                            i++;
                        }
                        while (i + 1 < n && !isOption(args.get(i + 1)) && !args.get(i + 1).equals("!")) {
                            values.add(args.get(++i));
                        }
                    }
                    Opt opt = new Opt(t, neg, values);
                    neg = false;
                    if (inTarget) {
                        spec.targetOptions.add(opt);
                    } else {
                        if (current == null) {
                            // "-p tcp --dport 22" written by hand: the protocol's implicit module.
                            current = new Module(implicitModule(spec), new ArrayList<>());
                            spec.modules.add(current);
                        }
                        current.options().add(opt);
                    }
                }
            }
        }
        return spec;
    }

    private static boolean isOption(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && !Character.isDigit(token.charAt(1));
    }

    private static String implicitModule(RuleSpec spec) {
        for (Std s : spec.std) {
            if (s.kind() == 'p' && !s.negated()) {
                return s.value();
            }
        }
        return "?";
    }

    /** The first value of an option of any module (e.g. {@code --dport}); null when absent or negated. */
    String moduleOption(String... names) {
        for (Module m : modules) {
            for (Opt o : m.options()) {
                for (String name : names) {
                    if (o.name().equals(name) && !o.negated()) {
                        return o.value();
                    }
                }
            }
        }
        return null;
    }

    /** The first value of a target option (e.g. {@code --to-destination}); null when absent. */
    String targetOption(String name) {
        for (Opt o : targetOptions) {
            if (o.name().equals(name)) {
                return o.value();
            }
        }
        return null;
    }
}
