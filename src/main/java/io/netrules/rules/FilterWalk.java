package io.netrules.rules;

import io.netrules.model.IptablesRule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An evaluator of an iptables filter table for one class of packets ({@link FilterPacket}): it
 * follows a built-in chain rule by rule as the kernel does (jumps into user chains and back,
 * {@code -g} goto, RETURN, then the chain policy) and stops at the first terminating verdict.
 *
 * <p>The packet class is the first packet of a new TCP connection: conntrack state NEW, a SYN,
 * no mark, any port, every address of its source and destination ranges. A rule decides for the
 * class only when it matches every packet of it. So:
 * <ul>
 * <li>{@code -s/-d} match when the whole range lies inside the CIDR (negated: outside it); a
 *     CIDR that covers only part of the range (one node's pod subnet of the cluster network)
 *     is passed over and noted.</li>
 * <li>{@code -i/-o} compare the interface names, {@code +} as a prefix wildcard.</li>
 * <li>{@code -m conntrack --ctstate} and {@code -m state --state} match when the list holds
 *     NEW: rules for INVALID, ESTABLISHED or RELATED packets do not match.</li>
 * <li>{@code -m mark --mark v/m} compares the packet's mark (0, changed only by a MARK target on
 *     the way), {@code -m connmark} the connection's (0 for a new one). An unmarked packet so
 *     matches only {@code --mark 0}-style tests (and negated non-zero ones).</li>
 * <li>{@code -m tcp --dport/--sport} and {@code -m multiport}: the class has every port, so a
 *     rule limited to some ports does not decide for it (a REJECT for port 22 does not block
 *     "TCP between pods") and is passed over and noted; a range covering all ports matches.
 *     {@code --syn} and {@code --tcp-flags} are evaluated for a SYN.</li>
 * <li>{@code -m physdev}: the packet is routed, not bridged, so a physdev test matches only
 *     when every option is negated (as the kernel does without bridge information).</li>
 * <li>{@code -m addrtype}: forwarded addresses are UNICAST, never LOCAL.</li>
 * <li>{@code -m comment} always matches; {@code -m udp/icmp/...} never match a TCP packet;
 *     {@code -m iprange} is compared like a CIDR; {@code -m set} (ipset membership is not in
 *     the capture) and every other module are passed over and noted.</li>
 * </ul>
 * Targets: ACCEPT, DROP, REJECT (and TARPIT) decide; QUEUE/NFQUEUE decide with QUEUE; RETURN
 * returns to the calling chain (in the built-in chain: the policy); a target that is a chain
 * with rules is a jump; MARK/CONNMARK change the marks; every other target (LOG, ...) and a
 * chain without rules is passed through. A jump into a chain already on the stack (a loop) or
 * deeper than {@value #MAX_DEPTH} is not taken and is noted.
 */
public final class FilterWalk {
    static final int MAX_DEPTH = 64;
    /** Bounds a walk whatever the table (goto cycles cannot be caught by the stack). */
    static final int MAX_STEPS = 100_000;
    /** Verdict when the walk gives up (MAX_STEPS): neither a block nor the policy. */
    public static final String UNDECIDED = "UNDECIDED";

    private static final long ALL_BITS = 0xFFFFFFFFL;
    private static final Set<String> OTHER_PROTOCOL_MODULES = Set.of("udp", "udplite", "icmp", "icmp6", "icmpv6",
            "sctp", "dccp", "gre", "esp", "ah", "mh");

    private FilterWalk() {
    }

    private enum M { MATCH, NO, UNSURE }

    private record Result(M m, String why) {
        static final Result MATCH = new Result(M.MATCH, null);
        static final Result NO = new Result(M.NO, null);

        static Result unsure(String why) {
            return new Result(M.UNSURE, why);
        }

        static Result of(boolean b) {
            return b ? MATCH : NO;
        }

        Result negate(boolean negated) {
            if (!negated || m == M.UNSURE) {
                return this;
            }
            return m == M.MATCH ? NO : MATCH;
        }
    }

    /** Marks carried along the walk; null = unknown (after a mark operation it cannot follow). */
    private static final class Marks {
        Long mark = 0L;
        Long ctmark = 0L;
    }

    private static final class Frame {
        String chain;
        int index;

        Frame(String chain) {
            this.chain = chain;
        }
    }

    /** Walks {@code builtIn} (e.g. FORWARD) of the table for the packet class. */
    public static FilterVerdict walk(IptablesTable table, String builtIn, FilterPacket p) {
        Marks marks = new Marks();
        Deque<Frame> stack = new ArrayDeque<>();
        Frame cur = new Frame(builtIn);
        List<String> notes = new ArrayList<>();
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            List<IptablesRule> rules = table.chain(cur.chain);
            if (cur.index >= rules.size()) {
                if (stack.isEmpty()) {
                    return new FilterVerdict(FilterVerdict.POLICY, null, builtIn, List.of(builtIn), notes);
                }
                cur = stack.pop();
                continue;
            }
            IptablesRule r = rules.get(cur.index++);
            RuleSpec spec = table.spec(r);
            Result res = matches(spec, p, marks);
            if (res.m() == M.NO) {
                continue;
            }
            if (res.m() == M.UNSURE) {
                notes.add(where(r) + ": " + res.why());
                continue;
            }
            String target = spec.target;
            if (target == null) {
                continue;
            }
            switch (target) {
                case "ACCEPT", "DROP", "REJECT", "TARPIT" -> {
                    return new FilterVerdict(target, r, r.chain(), path(stack, cur), notes);
                }
                case "QUEUE", "NFQUEUE" -> {
                    return new FilterVerdict("QUEUE", r, r.chain(), path(stack, cur), notes);
                }
                case "RETURN" -> {
                    if (stack.isEmpty()) {
                        return new FilterVerdict(FilterVerdict.POLICY, null, builtIn, List.of(builtIn), notes);
                    }
                    cur = stack.pop();
                }
                case "MARK" -> marks.mark = markTarget(spec, marks.mark);
                case "CONNMARK" -> connmarkTarget(spec, marks);
                default -> {
                    if (!table.hasRules(target)) {
                        continue; // LOG and other non-terminating targets, or an empty chain
                    }
                    if (onPath(stack, cur, target)) {
                        notes.add(where(r) + ": jump to " + target + " not taken (loop)");
                        continue;
                    }
                    if (stack.size() >= MAX_DEPTH) {
                        notes.add(where(r) + ": jump to " + target + " not taken (deeper than " + MAX_DEPTH + ")");
                        continue;
                    }
                    if (!spec.goTo) {
                        stack.push(cur);
                    }
                    cur = new Frame(target);
                }
            }
        }
        notes.add("walk stopped after " + MAX_STEPS + " rules");
        return new FilterVerdict(UNDECIDED, null, builtIn, List.of(builtIn), notes);
    }

    private static String where(IptablesRule r) {
        return r.chain() + " rule " + r.position();
    }

    private static List<String> path(Deque<Frame> stack, Frame cur) {
        List<String> path = new ArrayList<>();
        for (Iterator<Frame> it = stack.descendingIterator(); it.hasNext(); ) {
            path.add(it.next().chain);
        }
        path.add(cur.chain);
        return path;
    }

    private static boolean onPath(Deque<Frame> stack, Frame cur, String chain) {
        if (cur.chain.equals(chain)) {
            return true;
        }
        for (Frame f : stack) {
            if (f.chain.equals(chain)) {
                return true;
            }
        }
        return false;
    }

    // ---- matches ----

    private static Result matches(RuleSpec spec, FilterPacket p, Marks marks) {
        List<String> unsure = new ArrayList<>();
        for (RuleSpec.Std s : spec.std) {
            Result r = switch (s.kind()) {
                case 'p' -> protocol(s.value(), p.protocol());
                case 's' -> address(s.value(), p.srcLo(), p.srcHi(), "source " + p.src());
                case 'd' -> address(s.value(), p.dstLo(), p.dstHi(), "destination " + p.dst());
                case 'i' -> iface(s.value(), p.in());
                case 'o' -> iface(s.value(), p.out());
                case 'f' -> Result.NO; // only non-first fragments; a SYN is a first fragment
                default -> Result.unsure("option -" + s.kind());
            };
            r = r.negate(s.negated());
            if (r.m() == M.NO) {
                return Result.NO;
            }
            if (r.m() == M.UNSURE) {
                unsure.add(r.why());
            }
        }
        for (RuleSpec.Module m : spec.modules) {
            for (RuleSpec.Opt o : m.options()) {
                Result r = option(m.name(), o, p, marks).negate(o.negated());
                if (r.m() == M.NO) {
                    return Result.NO;
                }
                if (r.m() == M.UNSURE) {
                    unsure.add(r.why());
                }
            }
            if (m.options().isEmpty() && !m.name().equals("comment") && !m.name().equals(p.protocol())) {
                Result r = OTHER_PROTOCOL_MODULES.contains(m.name()) ? Result.NO
                        : Result.unsure("-m " + m.name() + " not evaluated");
                if (r.m() == M.NO) {
                    return Result.NO;
                }
                unsure.add(r.why());
            }
        }
        if (!spec.unparsed.isEmpty()) {
            unsure.add("cannot read " + String.join(" ", spec.unparsed));
        }
        return unsure.isEmpty() ? Result.MATCH : Result.unsure(String.join("; ", unsure));
    }

    private static Result protocol(String value, String packetProtocol) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("all") || v.equals("0")) {
            return Result.MATCH;
        }
        if (packetProtocol.equals("tcp")) {
            return Result.of(v.equals("tcp") || v.equals("6"));
        }
        return Result.of(v.equals(packetProtocol));
    }

    private static Result address(String value, long lo, long hi, String what) {
        long[] r = FilterPacket.range(value);
        if (r == null) {
            return Result.unsure("address " + value + " not understood");
        }
        return rangeMatch(r[0], r[1], lo, hi, value, what);
    }

    private static Result rangeMatch(long rlo, long rhi, long lo, long hi, String value, String what) {
        if (lo >= rlo && hi <= rhi) {
            return Result.MATCH;
        }
        if (hi < rlo || lo > rhi) {
            return Result.NO;
        }
        return Result.unsure(value + " covers only part of " + what);
    }

    private static Result iface(String value, String name) {
        if (name == null) {
            return Result.unsure("interface " + value + " unknown for this packet");
        }
        if (value.endsWith("+")) {
            return Result.of(name.startsWith(value.substring(0, value.length() - 1)));
        }
        return Result.of(name.equals(value));
    }

    private static Result option(String module, RuleSpec.Opt o, FilterPacket p, Marks marks) {
        String name = o.name();
        String v = o.value();
        switch (module) {
            case "comment":
                return Result.MATCH;
            case "conntrack":
                return switch (name) {
                    case "--ctstate" -> states(v);
                    case "--ctproto" -> v == null ? Result.unsure("--ctproto") : protocol(v, p.protocol());
                    case "--ctdir" -> Result.of("ORIGINAL".equalsIgnoreCase(v));
                    default -> Result.unsure("-m conntrack " + name + " not evaluated");
                };
            case "state":
                return name.equals("--state") ? states(v) : Result.unsure("-m state " + name + " not evaluated");
            case "mark":
                return name.equals("--mark") ? markTest(v, marks.mark, "mark")
                        : Result.unsure("-m mark " + name + " not evaluated");
            case "connmark":
                return name.equals("--mark") ? markTest(v, marks.ctmark, "connmark")
                        : Result.unsure("-m connmark " + name + " not evaluated");
            case "tcp":
                if (!p.protocol().equals("tcp")) {
                    return Result.NO;
                }
                return switch (name) {
                    case "--dport", "--destination-port", "--sport", "--source-port" -> ports(name, o.values());
                    case "--syn" -> Result.MATCH;
                    case "--tcp-flags" -> tcpFlags(o.values());
                    default -> Result.unsure("-m tcp " + name + " not evaluated");
                };
            case "multiport":
                return switch (name) {
                    case "--dports", "--destination-ports", "--sports", "--source-ports", "--ports" ->
                            ports(name, o.values());
                    default -> Result.unsure("-m multiport " + name + " not evaluated");
                };
            case "physdev":
                // The packet is routed: without bridge information the kernel matches only when
                // the option is negated. negate() flips NO to MATCH for a negated option.
                return Result.NO;
            case "addrtype":
                return switch (name) {
                    case "--src-type", "--dst-type" -> v == null ? Result.unsure("addrtype " + name)
                            : Result.of(List.of(v.toUpperCase(Locale.ROOT).split(",")).contains("UNICAST"));
                    default -> Result.unsure("-m addrtype " + name + " not evaluated");
                };
            case "pkttype":
                return name.equals("--pkt-type") ? Result.of("unicast".equalsIgnoreCase(v))
                        : Result.unsure("-m pkttype " + name + " not evaluated");
            case "iprange":
                return switch (name) {
                    case "--src-range" -> ipRange(v, p.srcLo(), p.srcHi(), "source " + p.src());
                    case "--dst-range" -> ipRange(v, p.dstLo(), p.dstHi(), "destination " + p.dst());
                    default -> Result.unsure("-m iprange " + name + " not evaluated");
                };
            default:
                if (OTHER_PROTOCOL_MODULES.contains(module)) {
                    return Result.NO; // -m udp/icmp/... : never a TCP packet
                }
                return Result.unsure("-m " + module + " " + name + " not evaluated");
        }
    }

    /** A state list (NEW,RELATED,...) against a NEW packet. */
    private static Result states(String list) {
        if (list == null) {
            return Result.unsure("state list missing");
        }
        for (String s : list.split(",")) {
            if (s.trim().equalsIgnoreCase("NEW")) {
                return Result.MATCH;
            }
        }
        return Result.NO;
    }

    /** {@code --mark value[/mask]}: (mark & mask) == value. */
    private static Result markTest(String spec, Long mark, String what) {
        long[] vm = valueMask(spec);
        if (vm == null) {
            return Result.unsure(what + " test " + spec + " not understood");
        }
        if (mark == null) {
            return Result.unsure(what + " unknown after a mark change");
        }
        return Result.of((mark & vm[1]) == vm[0]);
    }

    /** value[/mask] as numbers (hex or decimal); mask defaults to all 32 bits. */
    static long[] valueMask(String spec) {
        if (spec == null) {
            return null;
        }
        try {
            int slash = spec.indexOf('/');
            long value = Long.decode(slash < 0 ? spec : spec.substring(0, slash)) & ALL_BITS;
            long mask = slash < 0 ? ALL_BITS : Long.decode(spec.substring(slash + 1)) & ALL_BITS;
            return new long[] {value, mask};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Result ports(String option, List<String> values) {
        if (values.isEmpty()) {
            return Result.unsure(option + " without ports");
        }
        List<int[]> ranges = new ArrayList<>();
        for (String v : values) {
            for (String item : v.split(",")) {
                int[] r = portRange(item);
                if (r == null) {
                    return Result.unsure(option + " " + v + " not understood");
                }
                ranges.add(r);
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        int next = 0;
        for (int[] r : ranges) {
            if (r[0] > next) {
                break;
            }
            next = Math.max(next, r[1] + 1);
        }
        if (next > 65535) {
            return Result.MATCH;
        }
        // Some ports only: negated or not, the rule holds for part of the class.
        return Result.unsure("only " + option + " " + String.join(" ", values));
    }

    private static int[] portRange(String item) {
        try {
            int colon = item.indexOf(':');
            if (colon < 0) {
                int port = Integer.parseInt(item);
                return new int[] {port, port};
            }
            String a = item.substring(0, colon);
            String b = item.substring(colon + 1);
            return new int[] {a.isEmpty() ? 0 : Integer.parseInt(a), b.isEmpty() ? 65535 : Integer.parseInt(b)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final int FIN = 1;
    private static final int SYN = 2;
    private static final int RST = 4;
    private static final int PSH = 8;
    private static final int ACK = 16;
    private static final int URG = 32;

    private static Result tcpFlags(List<String> values) {
        if (values.size() != 2) {
            return Result.unsure("--tcp-flags " + String.join(" ", values) + " not understood");
        }
        Integer mask = flags(values.get(0));
        Integer comp = flags(values.get(1));
        if (mask == null || comp == null) {
            return Result.unsure("--tcp-flags " + String.join(" ", values) + " not understood");
        }
        return Result.of((SYN & mask) == comp);
    }

    private static Integer flags(String list) {
        int bits = 0;
        for (String f : list.split(",")) {
            switch (f.trim().toUpperCase(Locale.ROOT)) {
                case "FIN" -> bits |= FIN;
                case "SYN" -> bits |= SYN;
                case "RST" -> bits |= RST;
                case "PSH" -> bits |= PSH;
                case "ACK" -> bits |= ACK;
                case "URG" -> bits |= URG;
                case "ALL" -> bits |= FIN | SYN | RST | PSH | ACK | URG;
                case "NONE" -> bits |= 0;
                default -> {
                    return null;
                }
            }
        }
        return bits;
    }

    private static Result ipRange(String value, long lo, long hi, String what) {
        if (value == null || !value.contains("-")) {
            long[] r = FilterPacket.range(value);
            return r == null ? Result.unsure("range " + value + " not understood")
                    : rangeMatch(r[0], r[1], lo, hi, value, what);
        }
        String[] ab = value.split("-", 2);
        long a = Rules.ipv4(ab[0]);
        long b = Rules.ipv4(ab[1]);
        if (a < 0 || b < 0) {
            return Result.unsure("range " + value + " not understood");
        }
        return rangeMatch(a, b, lo, hi, value, what);
    }

    // ---- targets that change marks ----

    private static Long markTarget(RuleSpec spec, Long mark) {
        for (RuleSpec.Opt o : spec.targetOptions) {
            long[] vm = valueMask(o.value());
            if (vm == null || mark == null) {
                return null;
            }
            long m = mark;
            switch (o.name()) {
                case "--set-xmark" -> m = (m & ~vm[1]) ^ vm[0];
                case "--set-mark" -> m = (m & ~vm[1]) | vm[0];
                case "--and-mark" -> m &= vm[0];
                case "--or-mark" -> m |= vm[0];
                case "--xor-mark" -> m ^= vm[0];
                default -> {
                    return null;
                }
            }
            return m & ALL_BITS;
        }
        return null;
    }

    private static void connmarkTarget(RuleSpec spec, Marks marks) {
        for (RuleSpec.Opt o : spec.targetOptions) {
            switch (o.name()) {
                case "--set-xmark", "--set-mark" -> {
                    long[] vm = valueMask(o.value());
                    marks.ctmark = vm == null || marks.ctmark == null ? null
                            : (o.name().equals("--set-xmark") ? (marks.ctmark & ~vm[1]) ^ vm[0]
                            : (marks.ctmark & ~vm[1]) | vm[0]) & ALL_BITS;
                    return;
                }
                case "--save-mark" -> {
                    marks.ctmark = spec.targetOptions.size() == 1 ? marks.mark : null;
                    return;
                }
                case "--restore-mark" -> {
                    marks.mark = spec.targetOptions.size() == 1 ? marks.ctmark : null;
                    return;
                }
                default -> {
                }
            }
        }
        marks.ctmark = null;
    }
}
