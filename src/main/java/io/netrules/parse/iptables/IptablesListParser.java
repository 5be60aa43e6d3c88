package io.netrules.parse.iptables;

import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the listing form of iptables that sosreport stores: {@code iptables -t filter -nvL}
 * ({@code iptables_-t_filter_-nvL}), {@code iptables -t nat -nvL} ({@code iptables_-t_nat_-nvL})
 * and {@code iptables -vnxL} ({@code iptables_-vnxL}, the filter table with exact counters).
 * It emits the same facts as {@link IptablesSaveParser}: one {@link IptablesChain} per
 * {@code Chain} line and one {@link IptablesRule} per rule line, numbered from 1 within its
 * chain.
 * <pre>
 * Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
 *  pkts bytes target     prot opt in     out     source               destination
 * 2586K 1241M KUBE-FORWARD  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules *&#47;
 *     0     0 OPENSHIFT-ADMIN-OUTPUT-RULES  all  --  tun0   !tun0   0.0.0.0/0            0.0.0.0/0            /* administrator overrides *&#47;
 *     0     0 REJECT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            reject-with icmp-host-prohibited
 *
 * Chain KUBE-SERVICES (2 references)
 *  pkts bytes target     prot opt in     out     source               destination
 *    10   640 KUBE-MARK-MASQ  tcp  --  *      *      !10.128.0.0/14        172.30.12.7          /* default/docker-registry:5000-tcp cluster IP *&#47; tcp dpt:5000
 *  8336  500K DNAT       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            /* default/kubernetes:https *&#47; recent: SET name: KUBE-SEP-7GWBP6ULDA4E2F4U side: source mask: 255.255.255.255 tcp to:10.0.0.1:8443
 * </pre>
 *
 * <p><b>Table.</b> The listing does not name its table: {@link #forTable(String)} fixes it (the
 * registry does); the no-argument parser takes it from the file name ({@code -t_nat_}), else from
 * the input ({@code iptables-nat}), else {@code filter} (iptables' default table).
 *
 * <p><b>Columns.</b> The column header line ({@code pkts bytes target prot opt in out source
 * destination}, with {@code num} first under {@code --line-numbers}, without the counters and
 * interfaces when listed without {@code -v}) gives the layout. Counters may carry K/M/G/T
 * suffixes ({@code -nvL}) or be exact ({@code -x}); they are checked, not kept. A rule without a
 * target (only counting) has an empty target column. Policy: {@code ACCEPT} from
 * {@code (policy ACCEPT 0 packets, 0 bytes)}, null for {@code (2 references)}.
 *
 * <p><b>Lifted values</b>, as {@link IptablesSaveParser} gives them: protocol {@code all} (or
 * {@code 0}) is null and a number iptables 1.8 prints under {@code -n} becomes its name
 * ({@code 6} tcp, {@code 17} udp, {@code 1} icmp...); {@code 0.0.0.0/0} is null, a bare address
 * gets its {@code /32}; interface {@code *} is null; a {@code !} stays in the value
 * ({@code !10.128.0.0/14}, {@code !tun0}); {@code [goto]} before the options marks a goto; the
 * comment is the text of <code>/* ... *&#47;</code>.
 *
 * <p><b>args</b> rebuilds the iptables-save tokens of the rule, in iptables-save's order
 * ({@code -s -d -i -o -p -f}, the matches as listed, then {@code -j}/{@code -g} and the target's
 * options). These listing texts are mapped exactly:
 * <ul>
 * <li><code>/* c *&#47;</code> to {@code -m comment --comment c};
 * {@code tcp|udp|sctp [spt:P] [dpt:P] [dpts:A:B] [flags:0x17/0x02] [option=N]} to
 * {@code -m tcp [--sport P] [--dport P] [--tcp-flags FIN,SYN,RST,ACK SYN] [--tcp-option N]};</li>
 * <li>{@code state S} to {@code -m state --state S}; {@code ctstate S}, {@code ctstatus S},
 * {@code ctdir D} and the other {@code ct*} words to {@code -m conntrack --ctstate S ...};</li>
 * <li>{@code mark match V} to {@code -m mark --mark V}; {@code ADDRTYPE match dst-type T} to
 * {@code -m addrtype --dst-type T} (also {@code src-type}, {@code limit-in/out});
 * {@code multiport dports L} to {@code -m multiport --dports L};
 * {@code icmptype N [code C]} to {@code -m icmp --icmp-type N[/C]};
 * {@code match-set S d} to {@code -m set --match-set S d};
 * {@code limit: avg R burst B} to {@code -m limit --limit R [--limit-burst B]};</li>
 * <li>{@code statistic mode random probability P} to
 * {@code -m statistic --mode random --probability P} (and {@code mode nth every N packet P});
 * {@code recent: SET|CHECK|UPDATE|REMOVE [seconds: N] [reap] [hit_count: N] [TTL-Match] name: X
 * side: source|dest [mask: M]} to {@code -m recent --set|--rcheck|--update|--remove [--seconds N]
 * [--reap] [--hitcount N] [--rttl] --name X [--mask M] --rsource|--rdest};</li>
 * <li>targets: {@code reject-with T} ({@code --reject-with T}); DNAT/SNAT {@code to:A}
 * ({@code --to-destination A} / {@code --to-source A}, with {@code random}, {@code persistent});
 * MASQUERADE {@code masq ports: P} ({@code --to-ports P}), {@code random}, {@code random-fully};
 * REDIRECT {@code redir ports P}; {@code MARK or|set|xset|and|xor V} (all to
 * {@code --set-xmark value/mask}, as iptables-save prints them); {@code TCPMSS clamp to PMTU}
 * ({@code --clamp-mss-to-pmtu}) and {@code TCPMSS set N} ({@code --set-mss N}); LOG
 * {@code flags F level L prefix "p"} ({@code --log-prefix p [--log-level L] [--log-tcp-sequence]...}).</li>
 * </ul>
 * A {@code !} before a match word, or glued to its value, becomes a {@code !} before the
 * option. Any other option text is kept in args word by word as the listing shows it (quotes
 * removed), since the listing does not say which match printed it; rules should then look for
 * the raw words, not for iptables-save options.
 */
public final class IptablesListParser implements CommandParser {
    private static final Pattern CHAIN = Pattern.compile(
            "^Chain\\s+(\\S+)\\s+\\((?:policy\\s+(\\S+?)(?:\\s+\\S+\\s+packets,\\s+\\S+\\s+bytes)?|(\\d+)\\s+references?)\\)\\s*$");
    private static final Set<String> COLUMN_NAMES = Set.of("num", "pkts", "bytes", "target", "prot", "opt", "in",
            "out", "source", "destination");
    private static final List<String> DEFAULT_COLUMNS = List.of("pkts", "bytes", "target", "prot", "opt", "in",
            "out", "source", "destination");
    private static final Pattern COUNTER = Pattern.compile("\\d+[KMGTPE]?");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern OPT = Pattern.compile("[-!][-f]");
    private static final Pattern BARE_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern TABLE_IN_NAME = Pattern.compile("(?:^|[_/])(?:-t|--table)_([A-Za-z]+)(?:_|$)");
    /** What iptables prints instead of a listing when it cannot give one. */
    private static final Pattern IPTABLES_FAILURE = Pattern.compile(
            "^(?:ip6?tables(?:-legacy|-nft)?(?:\\s+v[0-9.]+(?:\\s+\\([^)]*\\))?)?:\\s.*"
                    + "|Perhaps iptables or your kernel needs to be upgraded\\..*|Another app is currently holding the xtables lock.*)$");
    private static final Map<String, String> PROTOCOL_NUMBERS = Map.ofEntries(
            Map.entry("1", "icmp"), Map.entry("2", "igmp"), Map.entry("4", "ipencap"), Map.entry("6", "tcp"),
            Map.entry("17", "udp"), Map.entry("41", "ipv6"), Map.entry("47", "gre"), Map.entry("50", "esp"),
            Map.entry("51", "ah"), Map.entry("58", "ipv6-icmp"), Map.entry("112", "vrrp"), Map.entry("132", "sctp"),
            Map.entry("136", "udplite"));

    private final String table;

    /** A parser that takes its table from the file name or the input (see the class comment). */
    public IptablesListParser() {
        this(null);
    }

    private IptablesListParser(String table) {
        this.table = table;
    }

    /** A parser for the listing of one table ({@code filter}, {@code nat}, {@code mangle}...). */
    public static IptablesListParser forTable(String table) {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("no table");
        }
        return new IptablesListParser(table);
    }

    /** The table a listing shows, from the file name, else the input, else iptables' default. */
    static String tableOf(ParseContext ctx) {
        if (ctx.file() != null) {
            String name = ctx.file().substring(ctx.file().lastIndexOf('/') + 1);
            Matcher m = TABLE_IN_NAME.matcher(name);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (ctx.input() != null && ctx.input().startsWith("iptables-")) {
            String t = ctx.input().substring("iptables-".length());
            if (t.matches("filter|nat|mangle|raw|security")) {
                return t;
            }
        }
        return "filter";
    }

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        new Run(ctx, table != null ? table : tableOf(ctx)).parse(lines);
    }

    /** The state of one parse: the open chain, the column layout, positions. */
    private static final class Run {
        private final ParseContext ctx;
        private final String table;
        private String chain;
        private List<String> columns = DEFAULT_COLUMNS;
        private int position;
        private final Set<String> chainsSeen = new HashSet<>();

        Run(ParseContext ctx, String table) {
            this.ctx = ctx;
            this.table = table;
        }

        void parse(Iterable<Line> lines) {
            ctx.eachLine(lines, "iptables listing line", this::line);
        }

        private void line(Line line) {
            String text = line.text().strip();
            if (text.isEmpty() || text.startsWith("#")) {
                // iptables-nft prints "# Warning: iptables-legacy tables present..."
                return;
            }
            if (!isText(text)) {
                ctx.warn(line, "unreadable bytes in iptables listing");
                return;
            }
            Matcher m = CHAIN.matcher(text);
            if (m.matches()) {
                chain = m.group(1);
                position = 0;
                if (!chainsSeen.add(chain)) {
                    ctx.warn(line, "chain '" + chain + "' appears a second time; its rule positions restart");
                }
                ctx.emit(new IptablesChain(ctx.node(), table, chain, m.group(2), ctx.source(line)));
                return;
            }
            if (text.startsWith("Chain ")) {
                ctx.warn(line, "bad Chain line");
                return;
            }
            List<String> words = List.of(text.split("\\s+"));
            if (words.contains("target") && words.contains("destination") && COLUMN_NAMES.containsAll(words)) {
                columns = words;
                return;
            }
            ToolErrorKind kind = ToolFailures.classify(text);
            if (kind == null && IPTABLES_FAILURE.matcher(text).matches()) {
                kind = ToolErrorKind.OTHER;
            }
            if (kind != null) {
                ctx.toolFailed(kind, line);
                return;
            }
            rule(line, line.text());
        }

        private void rule(Line line, String raw) {
            int optCol = columns.indexOf("opt");
            int targetCol = columns.indexOf("target");
            int n = columns.size();
            List<int[]> spans = new ArrayList<>();
            Matcher tm = TOKEN.matcher(raw);
            while (spans.size() < n && tm.find()) {
                spans.add(new int[]{tm.start(), tm.end()});
            }
            boolean hasTarget;
            if (optCol < 0 || targetCol < 0 || targetCol >= optCol) {
                ctx.warn(line, "column header without target and opt; cannot read rules");
                return;
            }
            if (spans.size() > optCol && OPT.matcher(word(raw, spans.get(optCol))).matches() && spans.size() == n) {
                hasTarget = true;
            } else if (spans.size() >= n - 1 && OPT.matcher(word(raw, spans.get(optCol - 1))).matches()) {
                hasTarget = false;
            } else {
                ctx.warn(line, "not an iptables listing line");
                return;
            }
            Map<String, String> fields = new HashMap<>();
            int s = 0;
            for (String col : columns) {
                if (col.equals("target") && !hasTarget) {
                    fields.put(col, "");
                    continue;
                }
                fields.put(col, word(raw, spans.get(s++)));
            }
            String options = raw.substring(spans.get(s - 1)[1]).strip();
            for (String col : List.of("pkts", "bytes")) {
                if (fields.containsKey(col) && !COUNTER.matcher(fields.get(col)).matches()) {
                    ctx.warn(line, "not an iptables listing line (" + col + " is not a counter)");
                    return;
                }
            }
            if (fields.containsKey("num") && !NUMBER.matcher(fields.get("num")).matches()) {
                ctx.warn(line, "not an iptables listing line (num is not a number)");
                return;
            }
            if (chain == null) {
                ctx.warn(line, "rule before any Chain line");
                return;
            }
            emitRule(line, fields, options);
        }

        private void emitRule(Line line, Map<String, String> f, String options) {
            List<String> args = new ArrayList<>();
            String source = address(f.get("source"));
            String dest = address(f.get("destination"));
            String in = iface(f.get("in"));
            String out = iface(f.get("out"));
            String protocol = protocol(f.get("prot"));
            option(args, "-s", source);
            option(args, "-d", dest);
            option(args, "-i", in);
            option(args, "-o", out);
            option(args, "-p", protocol);
            String opt = f.get("opt");
            if (opt.equals("!f")) {
                args.add("!");
                args.add("-f");
            } else if (opt.equals("-f")) {
                args.add("-f");
            }
            boolean goTo = false;
            if (options.startsWith("[goto]")) {
                goTo = true;
                options = options.substring("[goto]".length()).strip();
            }
            String target = f.get("target");
            target = target == null || target.isEmpty() ? null : target;
            Options parsed = Options.read(options, target);
            if (parsed.unterminated) {
                ctx.warn(line, "unterminated quote or comment in the rule's options");
            }
            args.addAll(parsed.matches);
            if (target != null) {
                args.add(goTo ? "-g" : "-j");
                args.add(target);
            }
            args.addAll(parsed.targetOptions);
            position++;
            ctx.emit(new IptablesRule(ctx.node(), table, chain, position, protocol, source, dest, in, out, target,
                    goTo, parsed.comment, args, ctx.source(line)));
        }
    }

    private static String word(String raw, int[] span) {
        return raw.substring(span[0], span[1]);
    }

    /** Adds {@code [!] option value} for a lifted value that may carry its {@code !} (also the nft reader's). */
    static void option(List<String> args, String option, String value) {
        if (value == null) {
            return;
        }
        if (value.startsWith("!")) {
            args.add("!");
            value = value.substring(1);
        }
        args.add(option);
        args.add(value);
    }

    private static String address(String column) {
        if (column == null) {
            return null;
        }
        boolean not = column.startsWith("!");
        String a = not ? column.substring(1) : column;
        if (a.equals("0.0.0.0/0") || a.equals("anywhere") || a.equals("::/0")) {
            return null;
        }
        if (BARE_IPV4.matcher(a).matches()) {
            a = a + "/32";
        }
        return not ? "!" + a : a;
    }

    private static String iface(String column) {
        if (column == null) {
            return null;
        }
        String i = column.startsWith("!") ? column.substring(1) : column;
        return i.equals("*") || i.equals("any") ? null : column;
    }

    private static String protocol(String column) {
        boolean not = column.startsWith("!");
        String p = not ? column.substring(1) : column;
        if (p.equals("all") || p.equals("0")) {
            return null;
        }
        p = PROTOCOL_NUMBERS.getOrDefault(p, p);
        return not ? "!" + p : p;
    }

    /** False when the line holds replacement or control characters: not text output. */
    private static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\t' && c != '\r')) {
                return false;
            }
        }
        return true;
    }

    /** One word of the options text: a comment, or a (possibly quoted) word. */
    record Word(String value, boolean quoted, boolean comment) {
        boolean is(String s) {
            return !quoted && !comment && value.equals(s);
        }
    }

    /** The options text of a rule, turned into iptables-save tokens. */
    static final class Options {
        final List<String> matches = new ArrayList<>();
        final List<String> targetOptions = new ArrayList<>();
        String comment;
        boolean unterminated;
        private final List<Word> words;
        private final String target;
        private int i;

        private Options(List<Word> words, String target) {
            this.words = words;
            this.target = target;
        }

        static Options read(String text, String target) {
            List<Word> words = new ArrayList<>();
            boolean unterminated = false;
            String rest = text;
            while (!rest.isEmpty()) {
                int open = rest.indexOf("/*");
                String before = open < 0 ? rest : rest.substring(0, open);
                IptablesSaveParser.Tokenized t = IptablesSaveParser.tokenize(before);
                unterminated |= t.unterminatedQuote();
                t.tokens().forEach(tok -> words.add(new Word(tok.value(), tok.quoted(), false)));
                if (open < 0) {
                    break;
                }
                int close = rest.indexOf("*/", open + 2);
                if (close < 0) {
                    unterminated = true;
                    words.add(new Word(rest.substring(open + 2).strip(), false, true));
                    break;
                }
                words.add(new Word(rest.substring(open + 2, close).strip(), false, true));
                rest = rest.substring(close + 2);
            }
            Options o = new Options(words, target);
            o.unterminated = unterminated;
            o.translate();
            return o;
        }

        private Word at(int k) {
            return k < words.size() ? words.get(k) : null;
        }

        private boolean atIs(int k, String s) {
            Word w = at(k);
            return w != null && w.is(s);
        }

        private String plain(int k) {
            Word w = at(k);
            return w == null || w.comment ? null : w.value;
        }

        private void translate() {
            while (i < words.size()) {
                int start = i;
                boolean negated = false;
                if (words.get(i).is("!") && i + 1 < words.size()) {
                    negated = true;
                    i++;
                }
                if (match(negated) || !negated && targetOption()) {
                    continue;
                }
                i = start;
                Word w = words.get(i++);
                if (w.comment) {
                    comment(w);
                } else {
                    (targetOptions.isEmpty() ? matches : targetOptions).add(w.value);
                }
            }
        }

        private void comment(Word w) {
            if (comment == null) {
                comment = w.value;
            }
            matches.add("-m");
            matches.add("comment");
            matches.add("--comment");
            matches.add(w.value);
        }

        /** Adds {@code [!] option value}, the value's own leading {@code !} moved before the option. */
        private void add(List<String> into, boolean negated, String option, String value) {
            if (value != null && value.startsWith("!") && value.length() > 1) {
                negated = true;
                value = value.substring(1);
            }
            if (negated) {
                into.add("!");
            }
            into.add(option);
            if (value != null) {
                into.add(value);
            }
        }

        /** Reads one match's listing text at i; false (i unchanged) when it is not one. */
        private boolean match(boolean negated) {
            Word w = words.get(i);
            if (w.comment) {
                if (negated) {
                    return false;
                }
                comment(w);
                i++;
                return true;
            }
            if (w.quoted) {
                return false;
            }
            String v = w.value;
            switch (v) {
                case "tcp", "udp", "udplite", "sctp", "dccp" -> {
                    if (negated) {
                        return false;
                    }
                    ports(v);
                    return true;
                }
                case "state" -> {
                    String value = plain(i + 1);
                    boolean not = negated;
                    int k = i + 1;
                    if ("!".equals(value)) {
                        not = true;
                        value = plain(++k);
                    }
                    if (value == null) {
                        return false;
                    }
                    matches.add("-m");
                    matches.add("state");
                    add(matches, not, "--state", value);
                    i = k + 1;
                    return true;
                }
                case "mark" -> {
                    if (!atIs(i + 1, "match")) {
                        return false;
                    }
                    int k = i + 2;
                    boolean not = negated;
                    if (atIs(k, "!")) {
                        not = true;
                        k++;
                    }
                    String value = plain(k);
                    if (value == null) {
                        return false;
                    }
                    matches.add("-m");
                    matches.add("mark");
                    add(matches, not, "--mark", value);
                    i = k + 1;
                    return true;
                }
                case "ADDRTYPE" -> {
                    if (!atIs(i + 1, "match") || negated) {
                        return false;
                    }
                    addrtype();
                    return true;
                }
                case "statistic" -> {
                    return !negated && statistic();
                }
                case "recent:" -> {
                    return !negated && recent();
                }
                case "multiport" -> {
                    return !negated && multiport();
                }
                case "icmptype" -> {
                    String type = plain(i + 1);
                    if (type == null || negated) {
                        return false;
                    }
                    int k = i + 2;
                    if (atIs(k, "code") && plain(k + 1) != null) {
                        type = type + "/" + plain(k + 1);
                        k += 2;
                    }
                    matches.add("-m");
                    matches.add("icmp");
                    add(matches, false, "--icmp-type", type.equals("255") ? "any" : type);
                    i = k;
                    return true;
                }
                case "match-set" -> {
                    String set = plain(i + 1);
                    String dirs = plain(i + 2);
                    if (set == null || dirs == null) {
                        return false;
                    }
                    matches.add("-m");
                    matches.add("set");
                    add(matches, negated, "--match-set", set);
                    matches.add(dirs);
                    i += 3;
                    return true;
                }
                case "limit:" -> {
                    if (negated || !atIs(i + 1, "avg") || plain(i + 2) == null) {
                        return false;
                    }
                    matches.add("-m");
                    matches.add("limit");
                    matches.add("--limit");
                    matches.add(plain(i + 2));
                    int k = i + 3;
                    if (atIs(k, "burst") && plain(k + 1) != null) {
                        if (!plain(k + 1).equals("5")) {
                            matches.add("--limit-burst");
                            matches.add(plain(k + 1));
                        }
                        k += 2;
                    }
                    i = k;
                    return true;
                }
                default -> {
                    if (CONNTRACK.contains(v)) {
                        // "ctstate" with no value after it is no match: reading nothing and
                        // answering true would have the caller read the same word forever.
                        int before = i;
                        conntrack(negated);
                        return i > before;
                    }
                    return false;
                }
            }
        }

        private static final Set<String> CONNTRACK = Set.of("ctstate", "ctstatus", "ctproto", "ctorigsrc",
                "ctorigdst", "ctreplsrc", "ctrepldst", "ctorigsrcport", "ctorigdstport", "ctreplsrcport",
                "ctrepldstport", "ctdir", "ctexpire");
        private static final Pattern PORT = Pattern.compile("(spt|dpt)(s?):(.*)");
        private static final Pattern TCP_FLAGS = Pattern.compile("flags:(!?)(0x[0-9A-Fa-f]+|[A-Z,]+)/(0x[0-9A-Fa-f]+|[A-Z,]+)");
        private static final Pattern TCP_OPTION = Pattern.compile("option=(!?)(\\d+)");
        private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};

        /** {@code tcp spt:1024 dpt:8080 flags:0x17/0x02}: one -m tcp (or udp...) match. */
        private void ports(String proto) {
            matches.add("-m");
            matches.add(proto);
            i++;
            while (i < words.size()) {
                Word w = words.get(i);
                if (w.quoted || w.comment) {
                    break;
                }
                Matcher p = PORT.matcher(w.value);
                Matcher fl = TCP_FLAGS.matcher(w.value);
                Matcher op = TCP_OPTION.matcher(w.value);
                if (p.matches()) {
                    add(matches, false, p.group(1).equals("spt") ? "--sport" : "--dport", p.group(3));
                } else if (proto.equals("tcp") && fl.matches()) {
                    add(matches, !fl.group(1).isEmpty(), "--tcp-flags", tcpFlags(fl.group(2)));
                    matches.add(tcpFlags(fl.group(3)));
                } else if (proto.equals("tcp") && op.matches()) {
                    add(matches, !op.group(1).isEmpty(), "--tcp-option", op.group(2));
                } else {
                    break;
                }
                i++;
            }
        }

        private static String tcpFlags(String flags) {
            if (!flags.startsWith("0x")) {
                return flags;
            }
            int bits = Integer.parseInt(flags.substring(2), 16);
            List<String> names = new ArrayList<>();
            for (int b = 0; b < TCP_FLAG_NAMES.length; b++) {
                if ((bits & (1 << b)) != 0) {
                    names.add(TCP_FLAG_NAMES[b]);
                }
            }
            return names.isEmpty() ? "NONE" : String.join(",", names);
        }

        /** {@code [!] ctstate NEW [ctstatus CONFIRMED]...}: one -m conntrack match. */
        private void conntrack(boolean negated) {
            matches.add("-m");
            matches.add("conntrack");
            boolean not = negated;
            while (i < words.size()) {
                Word w = words.get(i);
                int k = i;
                if (w.is("!") && at(k + 1) != null && CONNTRACK.contains(plain(k + 1))) {
                    not = true;
                    w = words.get(++k);
                }
                if (w.quoted || w.comment || !CONNTRACK.contains(w.value) || plain(k + 1) == null) {
                    break;
                }
                add(matches, not, "--" + w.value, plain(k + 1));
                not = false;
                i = k + 2;
            }
        }

        /** {@code ADDRTYPE match src-type LOCAL dst-type !UNICAST limit-in}. */
        private void addrtype() {
            matches.add("-m");
            matches.add("addrtype");
            i += 2;
            while (i < words.size()) {
                Word w = words.get(i);
                if ((w.is("src-type") || w.is("dst-type")) && plain(i + 1) != null) {
                    add(matches, false, "--" + w.value, plain(i + 1));
                    i += 2;
                } else if (w.is("limit-in") || w.is("limit-out")) {
                    matches.add(w.value.equals("limit-in") ? "--limit-iface-in" : "--limit-iface-out");
                    i++;
                } else {
                    break;
                }
            }
        }

        /** {@code statistic mode random [!] probability P} or {@code mode nth [!] every N [packet P]}. */
        private boolean statistic() {
            if (!atIs(i + 1, "mode") || plain(i + 2) == null) {
                return false;
            }
            String mode = plain(i + 2);
            int k = i + 3;
            boolean not = false;
            if (atIs(k, "!")) {
                not = true;
                k++;
            }
            List<String> out = new ArrayList<>(List.of("-m", "statistic", "--mode", mode));
            if (mode.equals("random") && atIs(k, "probability") && plain(k + 1) != null) {
                add(out, not, "--probability", plain(k + 1));
                k += 2;
            } else if (mode.equals("nth") && atIs(k, "every") && plain(k + 1) != null) {
                add(out, not, "--every", plain(k + 1));
                k += 2;
                if (atIs(k, "packet") && plain(k + 1) != null) {
                    out.add("--packet");
                    out.add(plain(k + 1));
                    k += 2;
                }
            } else {
                return false;
            }
            matches.addAll(out);
            i = k;
            return true;
        }

        /**
         * {@code recent: [!] CHECK seconds: 10800 reap hit_count: 3 TTL-Match name: X side: source mask: M},
         * printed in iptables-save's order (the side comes last there).
         */
        private boolean recent() {
            int k = i + 1;
            boolean not = false;
            if (atIs(k, "!")) {
                not = true;
                k++;
            }
            String mode = switch (String.valueOf(plain(k))) {
                case "SET" -> "--set";
                case "CHECK" -> "--rcheck";
                case "UPDATE" -> "--update";
                case "REMOVE" -> "--remove";
                default -> null;
            };
            if (mode == null) {
                return false;
            }
            k++;
            List<String> out = new ArrayList<>(List.of("-m", "recent"));
            if (not) {
                out.add("!");
            }
            out.add(mode);
            String side = null;
            String name = null;
            String mask = null;
            while (k < words.size()) {
                if (atIs(k, "seconds:") && plain(k + 1) != null) {
                    out.add("--seconds");
                    out.add(plain(k + 1));
                    k += 2;
                } else if (atIs(k, "reap")) {
                    out.add("--reap");
                    k++;
                } else if (atIs(k, "hit_count:") && plain(k + 1) != null) {
                    out.add("--hitcount");
                    out.add(plain(k + 1));
                    k += 2;
                } else if (atIs(k, "TTL-Match")) {
                    out.add("--rttl");
                    k++;
                } else if (atIs(k, "name:") && plain(k + 1) != null) {
                    name = plain(k + 1);
                    k += 2;
                } else if (atIs(k, "side:") && plain(k + 1) != null) {
                    side = plain(k + 1);
                    k += 2;
                } else if (atIs(k, "mask:") && plain(k + 1) != null) {
                    mask = plain(k + 1);
                    k += 2;
                } else {
                    break;
                }
            }
            if (name != null) {
                out.add("--name");
                out.add(name);
            }
            if (mask != null) {
                out.add("--mask");
                out.add(mask);
            }
            if (side != null) {
                out.add(side.equals("dest") ? "--rdest" : "--rsource");
            }
            matches.addAll(out);
            i = k;
            return true;
        }

        /** {@code multiport dports 80,443} (also sports, ports; a {@code !} before the list). */
        private boolean multiport() {
            String kind = plain(i + 1);
            if (!"dports".equals(kind) && !"sports".equals(kind) && !"ports".equals(kind)) {
                return false;
            }
            int k = i + 2;
            boolean not = false;
            if (atIs(k, "!")) {
                not = true;
                k++;
            }
            String list = plain(k);
            if (list == null) {
                return false;
            }
            matches.add("-m");
            matches.add("multiport");
            add(matches, not, "--" + kind, list);
            i = k + 1;
            return true;
        }

        /** Reads one option of the rule's target at i; false (i unchanged) when it is not one. */
        private boolean targetOption() {
            if (target == null) {
                return false;
            }
            Word w = words.get(i);
            if (w.quoted || w.comment) {
                return false;
            }
            String v = w.value;
            String next = plain(i + 1);
            switch (target) {
                case "REJECT" -> {
                    if (v.equals("reject-with") && next != null) {
                        targetOptions.add("--reject-with");
                        targetOptions.add(next);
                        i += 2;
                        return true;
                    }
                }
                case "DNAT", "SNAT" -> {
                    if (v.startsWith("to:") && v.length() > 3) {
                        targetOptions.add(target.equals("DNAT") ? "--to-destination" : "--to-source");
                        targetOptions.add(v.substring(3));
                        i++;
                        return true;
                    }
                    if (v.equals("random") || v.equals("persistent") || v.equals("random-fully")) {
                        targetOptions.add("--" + v);
                        i++;
                        return true;
                    }
                }
                case "MASQUERADE", "REDIRECT" -> {
                    if ((v.equals("masq") && "ports:".equals(next) || v.equals("redir") && "ports".equals(next))
                            && plain(i + 2) != null) {
                        targetOptions.add("--to-ports");
                        targetOptions.add(plain(i + 2));
                        i += 3;
                        return true;
                    }
                    if (v.equals("random") || v.equals("random-fully")) {
                        targetOptions.add("--" + v);
                        i++;
                        return true;
                    }
                }
                case "MARK" -> {
                    if (v.equals("MARK") && next != null && plain(i + 2) != null) {
                        String xmark = xmark(next, plain(i + 2));
                        if (xmark != null) {
                            targetOptions.add("--set-xmark");
                            targetOptions.add(xmark);
                            i += 3;
                            return true;
                        }
                    }
                }
                case "TCPMSS" -> {
                    if (v.equals("TCPMSS") && "clamp".equals(next) && atIs(i + 2, "to") && atIs(i + 3, "PMTU")) {
                        targetOptions.add("--clamp-mss-to-pmtu");
                        i += 4;
                        return true;
                    }
                    if (v.equals("TCPMSS") && "set".equals(next) && plain(i + 2) != null) {
                        targetOptions.add("--set-mss");
                        targetOptions.add(plain(i + 2));
                        i += 3;
                        return true;
                    }
                }
                case "LOG" -> {
                    return log();
                }
                default -> {
                    return false;
                }
            }
            return false;
        }

        /** {@code MARK or 0x8000} and the like, as iptables-save prints them: {@code value/mask}. */
        private static String xmark(String op, String value) {
            try {
                if (op.equals("xset")) {
                    int slash = value.indexOf('/');
                    if (slash < 0) {
                        return null;
                    }
                    return hex(parseHex(value.substring(0, slash))) + "/" + hex(parseHex(value.substring(slash + 1)));
                }
                long v = parseHex(value);
                return switch (op) {
                    case "or" -> hex(v) + "/" + hex(v);
                    case "set" -> hex(v) + "/0xffffffff";
                    case "and" -> "0x0/" + hex(~v & 0xffffffffL);
                    case "xor" -> hex(v) + "/0x0";
                    default -> null;
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static long parseHex(String s) {
            String t = s.toLowerCase(Locale.ROOT);
            return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        }

        private static String hex(long v) {
            return "0x" + Long.toHexString(v);
        }

        /** {@code LOG flags 0 level 4 prefix "FW: "}. */
        private boolean log() {
            if (!atIs(i, "LOG") || !atIs(i + 1, "flags") || !atIs(i + 3, "level")) {
                return false;
            }
            int flags;
            try {
                flags = Integer.parseInt(plain(i + 2));
            } catch (NumberFormatException | NullPointerException e) {
                return false;
            }
            String level = plain(i + 4);
            if (level == null) {
                return false;
            }
            int k = i + 5;
            String prefix = null;
            if (atIs(k, "prefix") && at(k + 1) != null && !at(k + 1).comment) {
                prefix = at(k + 1).value;
                k += 2;
            }
            if (prefix != null) {
                targetOptions.add("--log-prefix");
                targetOptions.add(prefix);
            }
            if (!level.equals("4")) {
                targetOptions.add("--log-level");
                targetOptions.add(level);
            }
            String[] names = {"--log-tcp-sequence", "--log-tcp-options", "--log-ip-options", "--log-uid", null,
                    "--log-macdecode"};
            for (int b = 0; b < names.length; b++) {
                if (names[b] != null && (flags & (1 << b)) != 0) {
                    targetOptions.add(names[b]);
                }
            }
            i = k;
            return true;
        }
    }
}
