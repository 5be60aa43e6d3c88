package io.netrules.parse.ovs;

import io.netrules.model.OvsFlow;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code ovs-ofctl -O OpenFlow13 dump-flows br0} (and sosreport's
 * {@code ovs-ofctl dump-flows br0}): one flow a line, of the bridge {@link ParseContext#detail()}
 * ("br0" when not given). Emits one {@link OvsFlow} a flow:
 * <pre>
 * OFPST_FLOW reply (OF1.3) (xid=0x2):
 *  cookie=0x0, duration=2107.093s, table=10, n_packets=0, n_bytes=0, priority=100,tun_src=10.0.0.2 actions=goto_table:30
 *  cookie=0x0, duration=2107.087s, table=50, n_packets=3, n_bytes=126, priority=100,arp,arp_tpa=10.128.0.0/23 actions=move:NXM_NX_REG0[]-&gt;NXM_NX_TUN_ID[0..31],set_field:10.0.0.2-&gt;tun_dst,output:1
 *  cookie=0x0, duration=2107.154s, table=253, n_packets=0, n_bytes=0, actions=note:02.06.00.00.00.00
 * </pre>
 * The line is split at {@code " actions="}. Before it, the comma-separated fields up to
 * {@code priority} that are flow statistics (cookie, duration, table, n_packets, n_bytes,
 * idle_age, hard_age, timeouts, importance, and flags such as send_flow_rem or reset_counts,
 * which OVS prints space-separated, running into the next field) are not match fields:
 * {@code cookie} and {@code table} are kept (table 0 when absent), and {@code priority} is
 * 32768 when absent (OVS prints none for the default). Every other field
 * goes into {@code match} as printed ({@code arp} maps to ""), with quotes removed from quoted
 * port names. The actions are split on the commas outside parentheses and brackets
 * ({@code ct(commit,table=30)}, {@code move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31]}):
 * {@code outputs} gets the port of every {@code output:<port>} (not {@code output:NXM_NX_REG2[]},
 * a register), and {@code tunDst} the first {@code set_field:<ip>->tun_dst} or
 * {@code load:<hex>->NXM_NX_TUN_IPV4_DST[]} (as a dotted quad).
 * <p>
 * {@code OFPST_FLOW reply} / {@code NXST_FLOW reply} headers may appear anywhere (a long dump is
 * several replies) or not at all (newer OVS prints none). Without {@code -O OpenFlow13} an
 * OpenFlow13-only bridge answers with a version-negotiation failure, which is reported through
 * {@link ParseContext#toolFailed}, never read as "no flows". The parser is written for dumps of
 * many thousands of flows: index scans and splits only, no regular expression per line.
 */
final class ReferenceOvsFlowsParser implements CommandParser {
    /** The priority of a flow whose dump prints none (OFP_DEFAULT_PRIORITY). */
    public static final int DEFAULT_PRIORITY = 32768;

    private static final String ACTIONS = " actions=";
    private static final String LOAD_TUN_DST = "->NXM_NX_TUN_IPV4_DST[]";

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        String bridge = OvsText.bridge(ctx);
        OvsText.Failures failures = new OvsText.Failures(ctx, "ovs-ofctl");
        for (Line line : lines) {
            String t = line.text().strip();
            if (t.isEmpty() || isHeader(t)) {
                continue;
            }
            int split = t.indexOf(ACTIONS);
            if (split < 0 && !t.startsWith("actions=")) {
                if (!failures.offer(line, t)) {
                    ctx.warn(line, "not an OpenFlow flow");
                }
                continue;
            }
            try {
                String head = split < 0 ? "" : t.substring(0, split);
                String actions = t.substring(split < 0 ? 8 : split + ACTIONS.length()).strip();
                ctx.emit(flow(head, actions, bridge, line, ctx));
            } catch (RuntimeException e) {
                ctx.warn(line, OvsText.problem("unreadable flow", e));
            }
        }
        failures.finish();
    }

    private static boolean isHeader(String t) {
        return t.startsWith("OFPST_FLOW reply") || t.startsWith("NXST_FLOW reply");
    }

    private static OvsFlow flow(String head, String actions, String bridge, Line line, ParseContext ctx) {
        Head h = new Head();
        int n = head.length();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char c = head.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                h.field(head, start, i);
                start = i + 1;
            }
        }
        h.field(head, start, n);

        Map<String, String> match = h.match;
        List<String> outputs = new ArrayList<>(2);
        List<String> tunDsts = new ArrayList<>(1);
        actions(actions, outputs, tunDsts);
        return new OvsFlow(ctx.node(), bridge, h.table, h.priority, h.cookie, match, actions,
                match.get("in_port"), match.get("tun_src"), tunDsts.isEmpty() ? null : tunDsts.get(0), tunDsts,
                match.get("nw_src"), match.get("nw_dst"), match.get("arp_spa"), match.get("arp_tpa"), outputs,
                ctx.source(line));
    }

    /** The part of a flow before " actions=": statistics, then priority and the match. */
    private static final class Head {
        final Map<String, String> match = new HashMap<>();
        String cookie = "0x0";
        int table;
        int priority = DEFAULT_PRIORITY;
        boolean inMatch;

        void field(String s, int from, int to) {
            while (from < to && s.charAt(from) == ' ') {
                from++;
            }
            while (to > from && s.charAt(to - 1) == ' ') {
                to--;
            }
            if (from == to) {
                return;
            }
            if (!inMatch) {
                // Flow flags are printed space-separated and run into the next field:
                // "send_flow_rem reset_counts idle_age=3" or "send_flow_rem priority=10".
                int space = s.indexOf(' ', from);
                int quote = s.indexOf('"', from);
                if (space >= 0 && space < to && (quote < 0 || quote > space)) {
                    field(s, from, space);
                    field(s, space + 1, to);
                    return;
                }
            }
            int eq = s.indexOf('=', from);
            if (eq < 0 || eq >= to) {
                eq = -1;
            }
            String key = s.substring(from, eq < 0 ? to : eq);
            String value = eq < 0 ? "" : s.substring(eq + 1, to);
            if (!inMatch) {
                switch (key) {
                    case "cookie" -> {
                        cookie = value;
                        return;
                    }
                    case "table" -> {
                        table = Integer.parseInt(value);
                        return;
                    }
                    case "priority" -> {
                        priority = Integer.parseInt(value);
                        inMatch = true;
                        return;
                    }
                    case "duration", "n_packets", "n_bytes", "idle_age", "hard_age", "idle_timeout",
                         "hard_timeout", "importance", "send_flow_rem", "check_overlap", "reset_counts",
                         "no_packet_counts", "no_byte_counts", "allow_hidden_fields", "no_readonly_table" -> {
                        return;
                    }
                    default -> inMatch = true;
                }
            }
            match.put(key, OvsText.unquote(value));
        }
    }

    /**
     * Walks the actions, split on commas outside (), [] and {} and quotes; adds each output
     * port to {@code outputs} and each tunnel destination set to {@code tunDsts}, in order.
     */
    private static void actions(String actions, List<String> outputs, List<String> tunDsts) {
        int n = actions.length();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = actions.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                String tun = action(actions, start, i, outputs);
                if (tun != null) {
                    tunDsts.add(tun);
                }
                start = i + 1;
            }
        }
        String tun = action(actions, start, n, outputs);
        if (tun != null) {
            tunDsts.add(tun);
        }
    }

    /** Handles one action; returns the tunnel destination it sets, or null. */
    private static String action(String s, int from, int to, List<String> outputs) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (to - from < 5) {
            return null;
        }
        if (s.startsWith("output:", from)) {
            String port = OvsText.unquote(s.substring(from + 7, to));
            if (!port.isEmpty() && port.indexOf('[') < 0 && !isRegister(port)) {
                outputs.add(port);
            }
        } else if (s.startsWith("set_field:", from) && endsWith(s, to, "->tun_dst")) {
            return address(s.substring(from + 10, to - 9));
        } else if (s.startsWith("load:", from)) {
            if (endsWith(s, to, LOAD_TUN_DST)) {
                return address(s.substring(from + 5, to - LOAD_TUN_DST.length()));
            } else if (endsWith(s, to, "->tun_dst")) {
                return address(s.substring(from + 5, to - 9));
            }
        }
        return null;
    }

    private static boolean endsWith(String s, int to, String suffix) {
        int at = to - suffix.length();
        return at >= 0 && s.startsWith(suffix, at);
    }

    /** {@code reg2}: newer OVS prints a register output this way. */
    private static boolean isRegister(String port) {
        if (port.length() < 4 || !port.startsWith("reg")) {
            return false;
        }
        for (int i = 3; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A dotted quad as printed, or a hex / decimal number (load:0xa000003) turned into one. */
    static String address(String value) {
        String v = value.strip();
        if (v.indexOf('.') >= 0) {
            return v;
        }
        long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        if (n < 0 || n > 0xffffffffL) {
            throw new NumberFormatException("not an IPv4 address: " + v);
        }
        return ((n >> 24) & 0xff) + "." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }
}
