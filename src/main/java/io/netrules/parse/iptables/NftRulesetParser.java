package io.netrules.parse.iptables;

import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code nft list ruleset} and {@code nft -a list ruleset} (sosreport
 * {@code nft_list_ruleset}, {@code nft_-a_list_ruleset}) as an RHCOS node shows it: the node
 * runs iptables-nft, so kube-proxy's and openshift-sdn's iptables rules live in nftables tables
 * {@code ip filter} and {@code ip nat}, printed in nft syntax. It emits, for one table, the same
 * facts {@link IptablesSaveParser} makes from {@code iptables-save}: one {@link IptablesChain} per
 * chain (policy {@code ACCEPT}/{@code DROP} for a base chain, null for a user chain) and one
 * {@link IptablesRule} per rule, numbered from 1 within its chain, its {@code args} rebuilt as
 * iptables-save tokens so that the same rules read the same way whatever form a node has.
 * <pre>
 * table ip filter {
 * 	chain FORWARD {
 * 		type filter hook forward priority filter; policy accept;
 * 		 counter packets 1043 bytes 83440 jump KUBE-FORWARD
 * 		iifname "tun0" oifname != "tun0" counter packets 0 bytes 0 jump OPENSHIFT-ADMIN-OUTPUT-RULES # handle 12
 * 	}
 * 	chain KUBE-SERVICES {
 * 		meta l4proto tcp ip daddr 172.30.1.5  tcp dport 8080 counter packets 0 bytes 0 reject # handle 40
 * 	}
 * }
 * table ip nat {
 * 	chain KUBE-SERVICES {
 * 		meta l4proto tcp ip daddr 172.30.0.10  tcp dport 53 counter packets 0 bytes 0 jump KUBE-SVC-ERIFXISQEP7F7OF4
 * 		 fib daddr type local counter packets 12 bytes 720 jump KUBE-NODEPORTS
 * 	}
 * 	chain KUBE-SVC-ERIFXISQEP7F7OF4 {
 * 		 xt match "statistic" counter packets 0 bytes 0 jump KUBE-SEP-IT2ZTR26TO4XFPTO
 * 		 counter packets 0 bytes 0 jump KUBE-SEP-ZXMNUKOKXUTL2MK2
 * 	}
 * 	chain KUBE-SEP-ZXMNUKOKXUTL2MK2 {
 * 		ip saddr 10.129.0.4  counter packets 0 bytes 0 jump KUBE-MARK-MASQ
 * 		meta l4proto tcp   counter packets 0 bytes 0 dnat to 10.129.0.4:5353
 * 	}
 * }
 * </pre>
 *
 * <p><b>Tables.</b> Only family {@code ip} tables are read, and of them only the one this
 * parser is for ({@link #forTable}); {@code ip6}, {@code inet}, {@code arp}, {@code bridge}
 * tables and other {@code ip} tables are passed over, as are sets, maps and flowtables.
 * {@code # handle N} (the {@code -a} form) and trailing {@code # ...} notes on table and chain
 * lines are dropped; a line that is only a {@code #} note (nft's
 * {@code # Warning: table ip filter is managed by iptables-nft, do not touch!}) is passed over.
 *
 * <p><b>Rules</b> are read as iptables-nft writes them, expression by expression, into the
 * iptables-save tokens of the rule: {@code meta l4proto P} / {@code ip protocol P} to
 * {@code -p P}; {@code ip saddr|daddr [!=] A} to {@code [!] -s|-d A} (a bare address gets its
 * {@code /32}); {@code iifname|oifname [!=] "x"} to {@code [!] -i|-o x} (a trailing {@code *} is
 * iptables' {@code +}); {@code tcp|udp|sctp dport|sport [!=] P} to {@code -m tcp --dport P}
 * (a range {@code A-B} to {@code A:B}, a set <code>{ a, b }</code> to
 * {@code -m multiport --dports a,b}); {@code tcp flags & (fin|syn|rst|ack) == syn} to
 * {@code --tcp-flags FIN,SYN,RST,ACK SYN}; {@code ct state|status|direction [!=] x,y} to
 * {@code -m conntrack --ctstate X,Y}; {@code [meta] mark and|& M ==|!= V} to
 * {@code -m mark [!] --mark V/M}; {@code fib daddr|saddr type [!=] local} to
 * {@code -m addrtype [!] --dst-type|--src-type LOCAL}; {@code comment "c"} to
 * {@code -m comment --comment c}; {@code counter ...} is dropped. Verdicts: {@code accept},
 * {@code drop}, {@code return}, {@code jump X}, {@code goto X} ({@code -g}), {@code reject [with
 * icmp type T | with tcp reset]} ({@code -j REJECT --reject-with icmp-T}, plain {@code reject}
 * being iptables' default {@code icmp-port-unreachable}), {@code dnat to A}, {@code snat to A},
 * {@code masquerade [to :P] [random] [fully-random]}, {@code redirect to :P},
 * {@code meta mark set ...} ({@code -j MARK --set-xmark V/M}), {@code log prefix "p"},
 * {@code notrack}.
 *
 * <p><b>Untranslatable matches.</b> A match iptables-nft could not turn into nft expressions is
 * kept in the kernel as an xtables match and printed {@code xt match "statistic"} (nft 1.0),
 * {@code xt match statistic} (0.9) or {@code # xt_statistic} (an nft built without xtables); it
 * becomes {@code -m statistic} without options, so a rule that needs it treats the match as not
 * known (the same for {@code xt target "X"} / an upper-case {@code # xt_X}: the target {@code X}).
 * Any other expression is kept in args word by word, as the listing parser does: a rule that
 * depends on it reads it as unsure, never as a match. Neither is a warning: the line is a real
 * rule, only not fully translated.
 */
public final class NftRulesetParser implements CommandParser {
    private static final Pattern TABLE = Pattern.compile("^table\\s+(\\S+)\\s+(\\S+)\\s*\\{$");
    private static final Pattern CHAIN = Pattern.compile("^chain\\s+(\\S+)\\s*\\{$");
    private static final Pattern BLOCK = Pattern.compile(
            "^(?:set|map|flowtable|counter|quota|limit|secmark|synproxy|ct\\s+(?:helper|timeout|expectation))\\s+\\S+\\s*\\{$");
    private static final Pattern HOOK = Pattern.compile("^type\\s+\\S+\\s+hook\\s+\\S+.*?;(?:\\s*policy\\s+(\\w+)\\s*;)?.*$");
    private static final Pattern POLICY = Pattern.compile("^policy\\s+(\\w+)\\s*;?$");
    private static final Pattern HANDLE = Pattern.compile("\\s+#\\s*handle\\s+\\d+\\s*$");
    private static final Pattern XT_NOTE = Pattern.compile("#\\s*xt_\\w");
    private static final Pattern NOTE = Pattern.compile("\\s+#.*$");
    private static final Pattern BARE_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NFT_FAILURE = Pattern.compile("^(?:Error: .*|nft: .*|netlink: Error: .*)$");
    private static final Set<String> VERDICT_WORDS = Set.of("accept", "drop", "return", "jump", "goto", "reject",
            "dnat", "snat", "masquerade", "redirect", "log", "notrack", "queue", "continue");

    private final String table;

    private NftRulesetParser(String table) {
        this.table = table;
    }

    /** A parser for one iptables table ({@code filter}, {@code nat}) of the ruleset. */
    public static NftRulesetParser forTable(String table) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("no table");
        }
        return new NftRulesetParser(table);
    }

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Run run = new Run(ctx, table);
        ctx.eachLine(lines, "nft ruleset line", run::line);
        run.finish();
    }

    /** Where the reader is: outside tables, in a table, in a chain, or in a block it passes over. */
    private enum Where { TOP, TABLE, CHAIN, SKIPPED_BLOCK }

    private static final class Run {
        private final ParseContext ctx;
        private final String table;
        private Where where = Where.TOP;
        private boolean ours;
        private int skipDepth;
        private Where afterSkip;
        private String chain;
        private Line chainLine;
        private boolean chainEmitted;
        private int position;
        private Line open;

        Run(ParseContext ctx, String table) {
            this.ctx = ctx;
            this.table = table;
        }

        void line(Line line) {
            String text = HANDLE.matcher(line.text()).replaceFirst("").strip();
            // A line that is only a note is passed over; "# xt_statistic ..." is a rule whose
            // first match nft printed as a note.
            if (text.isEmpty() || text.startsWith("#") && !XT_NOTE.matcher(text).lookingAt()) {
                return;
            }
            switch (where) {
                case SKIPPED_BLOCK -> skipped(text);
                case TOP -> top(line, text);
                case TABLE -> inTable(line, text);
                case CHAIN -> inChain(line, text);
            }
        }

        private void skipped(String text) {
            skipDepth += braces(text);
            if (skipDepth <= 0) {
                where = afterSkip;
            }
        }

        private void skip(String text, Where back) {
            skipDepth = braces(text);
            afterSkip = back;
            where = skipDepth > 0 ? Where.SKIPPED_BLOCK : back;
        }

        private void top(Line line, String text) {
            Matcher m = TABLE.matcher(NOTE.matcher(text).replaceFirst(""));
            if (m.matches()) {
                ours = m.group(1).equals("ip") && m.group(2).equals(table);
                where = Where.TABLE;
                open = line;
                return;
            }
            ToolErrorKind kind = ToolFailures.classify(text);
            if (kind == null && NFT_FAILURE.matcher(text).matches()) {
                kind = ToolErrorKind.OTHER;
            }
            if (kind != null) {
                ctx.toolFailed(kind, line);
                return;
            }
            ctx.warn(line, "not an nft ruleset line (expected 'table <family> <name> {')");
        }

        private void inTable(Line line, String text) {
            String bare = NOTE.matcher(text).replaceFirst("");
            if (bare.equals("}")) {
                where = Where.TOP;
                return;
            }
            Matcher m = CHAIN.matcher(bare);
            if (m.matches()) {
                where = Where.CHAIN;
                chain = m.group(1);
                chainLine = line;
                chainEmitted = false;
                position = 0;
                // A base chain says its policy on the next line; a user chain has none: the
                // chain is emitted at its first line that is not its type line.
                open = line;
                return;
            }
            if (BLOCK.matcher(bare).matches()) {
                skip(bare, Where.TABLE);
                return;
            }
            if (bare.startsWith("flags ") || bare.startsWith("comment ")) {
                return;
            }
            ctx.warn(line, "not an nft table line");
        }

        private void inChain(Line line, String text) {
            if (text.equals("}")) {
                emitChain(null);
                where = Where.TABLE;
                return;
            }
            Matcher hook = HOOK.matcher(text);
            if (hook.matches()) {
                emitChain(hook.group(1));
                return;
            }
            Matcher policy = POLICY.matcher(text);
            if (policy.matches()) {
                emitChain(policy.group(1));
                return;
            }
            if (text.startsWith("comment ")) {
                return;
            }
            if (braces(text) != 0) {
                ctx.warn(line, "unbalanced braces in an nft rule; not read");
                return;
            }
            emitChain(null);
            if (ours) {
                rule(line, text);
            }
        }

        /** Emits the open chain once, with its policy (upper case, as iptables names it) if it has one. */
        private void emitChain(String policy) {
            if (chainEmitted || chain == null) {
                return;
            }
            chainEmitted = true;
            if (ours) {
                ctx.emit(new IptablesChain(ctx.node(), table, chain,
                        policy == null ? null : policy.toUpperCase(Locale.ROOT), ctx.source(chainLine)));
            }
        }

        private void rule(Line line, String text) {
            Rule r = Rule.read(tokens(text));
            position++;
            ctx.emit(new IptablesRule(ctx.node(), table, chain, position, r.protocol, r.source, r.dest, r.in, r.out,
                    r.target, r.goTo, r.comment, r.args(), ctx.source(line)));
        }

        void finish() {
            if (where != Where.TOP && open != null) {
                ctx.incomplete(open, "the ruleset ends inside a table or chain (no closing '}'): the file was cut");
            }
        }
    }

    /** The net count of '{' minus '}' outside quotes. */
    static int braces(String text) {
        BraceScan scan = new BraceScan();
        for (int i = 0; i < text.length(); i++) {
            scan.take(text.charAt(i));
        }
        return scan.depth;
    }

    /** Where a left-to-right scan of a ruleset line is: inside quotes, and how deep in braces outside them. */
    private static final class BraceScan {
        boolean quoted;
        int depth;

        void take(char c) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}') {
                depth--;
            }
        }
    }

    /** Splits a rule at spaces, keeping a quoted string and a {@code { ... }} set each one token. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        BraceScan scan = new BraceScan();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            scan.take(c);
            if (Character.isWhitespace(c) && !scan.quoted && scan.depth == 0) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** One rule's expressions, read into iptables-save terms. */
    private static final class Rule {
        String protocol;
        String source;
        String dest;
        String in;
        String out;
        String target;
        boolean goTo;
        String comment;
        final Map<String, List<String>> modules = new LinkedHashMap<>();
        final List<String> targetOptions = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        List<String> logOptions;

        static Rule read(List<String> t) {
            Rule r = new Rule();
            int i = 0;
            while (i < t.size()) {
                i = r.expression(t, i);
            }
            if (r.target == null && r.logOptions != null) {
                r.target = "LOG";
                r.targetOptions.addAll(r.logOptions);
            }
            return r;
        }

        List<String> args() {
            List<String> args = new ArrayList<>();
            IptablesListParser.option(args, "-s", source);
            IptablesListParser.option(args, "-d", dest);
            IptablesListParser.option(args, "-i", in);
            IptablesListParser.option(args, "-o", out);
            IptablesListParser.option(args, "-p", protocol);
            modules.forEach((name, options) -> {
                args.add("-m");
                args.add(name);
                args.addAll(options);
            });
            args.addAll(unknown);
            if (target != null) {
                args.add(goTo ? "-g" : "-j");
                args.add(target);
                args.addAll(targetOptions);
            }
            return args;
        }

        private void module(String name, boolean negated, String option, String... values) {
            List<String> opts = modules.computeIfAbsent(name, k -> new ArrayList<>());
            if (option == null) {
                return;
            }
            if (negated) {
                opts.add("!");
            }
            opts.add(option);
            opts.addAll(List.of(values));
        }

        private static String at(List<String> t, int i) {
            return i < t.size() ? t.get(i) : "";
        }

        /** Reads the expression at i and returns the index after it. */
        private int expression(List<String> t, int i) {
            String w = t.get(i);
            String next = at(t, i + 1);
            switch (w) {
                case "counter" -> {
                    int j = i + 1;
                    while (j + 1 < t.size() && (t.get(j).equals("packets") || t.get(j).equals("bytes"))) {
                        j += 2;
                    }
                    return j;
                }
                case "meta" -> {
                    if (next.equals("l4proto")) {
                        return protocolMatch(t, i + 2);
                    }
                    if (next.equals("mark")) {
                        return mark(t, i + 1);
                    }
                    if (next.equals("nftrace")) {
                        return keepUnknown(t, i, 4);
                    }
                }
                case "mark" -> {
                    return mark(t, i);
                }
                case "ip" -> {
                    if (next.equals("protocol")) {
                        return protocolMatch(t, i + 2);
                    }
                    if (next.equals("saddr") || next.equals("daddr")) {
                        boolean neg = at(t, i + 2).equals("!=");
                        String v = at(t, neg ? i + 3 : i + 2);
                        if (v.startsWith("{") || v.startsWith("@")) {
                            return keepUnknown(t, i, neg ? 4 : 3);
                        }
                        String a = (neg ? "!" : "") + (BARE_IPV4.matcher(v).matches() ? v + "/32" : v);
                        if (next.equals("saddr")) {
                            source = a;
                        } else {
                            dest = a;
                        }
                        return i + (neg ? 4 : 3);
                    }
                }
                case "iifname", "oifname", "iif", "oif" -> {
                    boolean neg = next.equals("!=");
                    String v = at(t, neg ? i + 2 : i + 1);
                    if (v.startsWith("{") || v.isEmpty()) {
                        return keepUnknown(t, i, neg ? 3 : 2);
                    }
                    v = unquote(v);
                    if (v.endsWith("*")) {
                        v = v.substring(0, v.length() - 1) + "+";
                    }
                    v = (neg ? "!" : "") + v;
                    if (w.startsWith("i")) {
                        in = v;
                    } else {
                        out = v;
                    }
                    return i + (neg ? 3 : 2);
                }
                case "tcp", "udp", "sctp" -> {
                    return transport(t, i);
                }
                case "ct" -> {
                    if (next.equals("state") || next.equals("status") || next.equals("direction")) {
                        boolean neg = at(t, i + 2).equals("!=");
                        String v = at(t, neg ? i + 3 : i + 2);
                        String option = switch (next) {
                            case "state" -> "--ctstate";
                            case "status" -> "--ctstatus";
                            default -> "--ctdir";
                        };
                        module("conntrack", neg, option, unbrace(v).toUpperCase(Locale.ROOT));
                        return i + (neg ? 4 : 3);
                    }
                }
                case "fib" -> {
                    // fib daddr type [!=] local | fib daddr . iif type local
                    int j = i + 1;
                    String dir = at(t, j);
                    boolean limitIn = at(t, j + 1).equals(".") && at(t, j + 2).equals("iif");
                    j += limitIn ? 3 : 1;
                    if ((dir.equals("daddr") || dir.equals("saddr")) && at(t, j).equals("type")) {
                        boolean neg = at(t, j + 1).equals("!=");
                        String v = at(t, neg ? j + 2 : j + 1).toUpperCase(Locale.ROOT);
                        module("addrtype", neg, dir.equals("daddr") ? "--dst-type" : "--src-type", unbrace(v));
                        if (limitIn) {
                            modules.get("addrtype").add("--limit-iface-in");
                        }
                        return (neg ? j + 3 : j + 2);
                    }
                }
                case "comment" -> {
                    comment = unquote(next);
                    module("comment", false, "--comment", comment);
                    return i + 2;
                }
                case "xt" -> {
                    // xt match "statistic" | xt target "MASQUERADE"
                    String name = unquote(at(t, i + 2));
                    if (next.equals("target")) {
                        target = name;
                    } else {
                        module(name, false, null);
                    }
                    return i + 3;
                }
                case "#" -> {
                    if (next.startsWith("xt_")) {
                        xtNote(next.substring(3));
                        return i + 2;
                    }
                }
                default -> {
                    if (w.startsWith("#xt_")) {
                        xtNote(w.substring(4));
                        return i + 1;
                    }
                    if (VERDICT_WORDS.contains(w)) {
                        return verdict(t, i);
                    }
                }
            }
            if (VERDICT_WORDS.contains(w)) {
                return verdict(t, i);
            }
            unknown.add(w);
            return i + 1;
        }

        /** {@code # xt_NAME}: an upper-case name is a target (MARK, MASQUERADE), else a match. */
        private void xtNote(String name) {
            if (!name.isEmpty() && name.equals(name.toUpperCase(Locale.ROOT))) {
                target = name;
            } else {
                module(name, false, null);
            }
        }

        private int keepUnknown(List<String> t, int i, int n) {
            for (int k = i; k < Math.min(t.size(), i + n); k++) {
                unknown.add(t.get(k));
            }
            return i + n;
        }

        private int protocolMatch(List<String> t, int i) {
            boolean neg = at(t, i).equals("!=");
            String v = at(t, neg ? i + 1 : i);
            if (v.startsWith("{")) {
                return keepUnknown(t, i - 2, neg ? 4 : 3);
            }
            protocol = (neg ? "!" : "") + v;
            return i + (neg ? 2 : 1);
        }

        /** {@code tcp dport 53}, {@code tcp dport != 22}, {@code tcp dport { 80, 443 }}, {@code tcp flags & (...) == syn}. */
        private int transport(List<String> t, int i) {
            String proto = t.get(i);
            String field = at(t, i + 1);
            if (protocol == null) {
                // iptables-nft prints "meta l4proto tcp" before; a bare "tcp dport" implies it.
                protocol = proto;
            }
            if (field.equals("dport") || field.equals("sport")) {
                boolean neg = at(t, i + 2).equals("!=");
                String v = at(t, neg ? i + 3 : i + 2);
                if (v.startsWith("{")) {
                    module("multiport", neg, field.equals("dport") ? "--dports" : "--sports",
                            unbrace(v).replace('-', ':'));
                } else {
                    module(proto, neg, field.equals("dport") ? "--dport" : "--sport", v.replace('-', ':'));
                }
                return i + (neg ? 4 : 3);
            }
            if (field.equals("flags") && at(t, i + 2).equals("&")) {
                String mask = at(t, i + 3);
                String op = at(t, i + 4);
                String comp = at(t, i + 5);
                String m = mask.replaceAll("[()]", "").replace('|', ',').toUpperCase(Locale.ROOT);
                String c = comp.replaceAll("[()]", "").replace('|', ',').toUpperCase(Locale.ROOT);
                module(proto, op.equals("!="), "--tcp-flags", m, c);
                return i + 6;
            }
            return keepUnknown(t, i, 2);
        }

        /** {@code mark and 0x8000 == 0x8000}, {@code meta mark & 0x00008000 != 0x00008000}, {@code mark 0x1}. */
        private int mark(List<String> t, int i) {
            // t[i] is "mark"
            String a = at(t, i + 1);
            if (a.equals("set")) {
                return markSet(t, i + 2);
            }
            if (a.equals("and") || a.equals("&")) {
                String mask = at(t, i + 2);
                String op = at(t, i + 3);
                String v = at(t, i + 4);
                module("mark", op.equals("!="), "--mark", hex(v) + "/" + hex(mask));
                return i + 5;
            }
            boolean neg = a.equals("!=");
            String v = at(t, neg ? i + 2 : i + 1);
            module("mark", neg, "--mark", hex(v));
            return i + (neg ? 3 : 2);
        }

        /** {@code meta mark set mark or 0x4000} / {@code meta mark set meta mark | 0x00004000} ... to MARK --set-xmark. */
        private int markSet(List<String> t, int i) {
            int j = i;
            if (at(t, j).equals("meta")) {
                j++;
            }
            target = "MARK";
            if (at(t, j).equals("mark")) {
                String op = at(t, j + 1);
                long v = number(at(t, j + 2));
                String xmark = switch (op) {
                    case "or", "|" -> hex(v) + "/" + hex(v);
                    case "xor", "^" -> hex(v) + "/0x0";
                    case "and", "&" -> "0x0/" + hex(~v & 0xffffffffL);
                    default -> null;
                };
                if (xmark == null) {
                    return keepUnknown(t, j, 3);
                }
                targetOptions.add("--set-xmark");
                targetOptions.add(xmark);
                return j + 3;
            }
            targetOptions.add("--set-xmark");
            targetOptions.add(hex(number(at(t, j))) + "/0xffffffff");
            return j + 1;
        }

        private int verdict(List<String> t, int i) {
            String w = t.get(i);
            switch (w) {
                case "accept", "drop", "return", "queue", "continue" -> {
                    target = w.toUpperCase(Locale.ROOT);
                    return i + 1;
                }
                case "jump", "goto" -> {
                    target = at(t, i + 1);
                    goTo = w.equals("goto");
                    return i + 2;
                }
                case "reject" -> {
                    target = "REJECT";
                    targetOptions.add("--reject-with");
                    if (at(t, i + 1).equals("with")) {
                        String kind = at(t, i + 2);
                        if (kind.equals("tcp") && at(t, i + 3).equals("reset")) {
                            targetOptions.add("tcp-reset");
                            return i + 4;
                        }
                        // with icmp type host-prohibited | with icmp host-prohibited | with icmpx type ...
                        int j = i + 3;
                        if (at(t, j).equals("type")) {
                            j++;
                        }
                        targetOptions.add((kind.equals("icmpv6") ? "icmp6-" : "icmp-") + at(t, j));
                        return j + 1;
                    }
                    targetOptions.add("icmp-port-unreachable");
                    return i + 1;
                }
                case "dnat", "snat" -> {
                    int j = i + 1;
                    if (at(t, j).equals("ip")) {
                        j++;
                    }
                    if (!at(t, j).equals("to")) {
                        return keepUnknown(t, i, 1);
                    }
                    target = w.toUpperCase(Locale.ROOT);
                    targetOptions.add(w.equals("dnat") ? "--to-destination" : "--to-source");
                    targetOptions.add(at(t, j + 1));
                    return natFlags(t, j + 2);
                }
                case "masquerade", "redirect" -> {
                    target = w.equals("masquerade") ? "MASQUERADE" : "REDIRECT";
                    int j = i + 1;
                    if (at(t, j).equals("to")) {
                        targetOptions.add("--to-ports");
                        targetOptions.add(at(t, j + 1).replaceFirst("^:", ""));
                        j += 2;
                    }
                    return natFlags(t, j);
                }
                case "log" -> {
                    // Logging does not decide the packet's fate: it is the rule's target (-j LOG)
                    // only when no verdict follows it.
                    logOptions = new ArrayList<>();
                    int j = i + 1;
                    while (j + 1 < t.size() && (at(t, j).equals("prefix") || at(t, j).equals("level"))) {
                        logOptions.add(at(t, j).equals("prefix") ? "--log-prefix" : "--log-level");
                        logOptions.add(unquote(at(t, j + 1)));
                        j += 2;
                    }
                    return j;
                }
                case "notrack" -> {
                    target = "CT";
                    targetOptions.add("--notrack");
                    return i + 1;
                }
                default -> {
                    unknown.add(w);
                    return i + 1;
                }
            }
        }

        private int natFlags(List<String> t, int j) {
            while (j < t.size()) {
                String f = t.get(j);
                switch (f) {
                    case "random", "random," -> targetOptions.add("--random");
                    case "fully-random", "fully-random," -> targetOptions.add("--random-fully");
                    case "persistent", "persistent," -> targetOptions.add("--persistent");
                    default -> {
                        return j;
                    }
                }
                j++;
            }
            return j;
        }

        private static String unquote(String s) {
            return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        }

        /** {@code { 80, 443 }} to {@code 80,443}; a word that is no set stays as it is. */
        private static String unbrace(String s) {
            if (!s.startsWith("{")) {
                return s;
            }
            return s.substring(1, s.length() - 1).replaceAll("\\s+", "");
        }

        private static long number(String s) {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        }

        /** A mark value as iptables-save prints it: {@code 0x4000} (no leading zeros). */
        private static String hex(String s) {
            return hex(number(s));
        }

        private static String hex(long v) {
            return "0x" + Long.toHexString(v);
        }
    }
}
