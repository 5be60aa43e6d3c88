package io.netrules.parse.ip;

import java.util.Set;

/**
 * The fields of one iproute2 route line, as {@code ip route show} and {@code ip route get}
 * print it: {@code [type] destination [key value | flag]...}. Keys this class does not keep are
 * skipped with their value; unknown words are ignored (iproute2 adds new ones over time).
 */
final class RouteFields {
    static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "unreachable",
            "prohibit", "blackhole", "throw", "anycast", "nat");
    /** Keys that take one value, which is skipped. */
    private static final Set<String> VALUE_KEYS = Set.of("advmss", "error", "expires", "pref", "hoplimit",
            "realm", "realms", "tos", "dsfield", "weight", "nhid", "rtt", "rttvar", "window", "cwnd", "initcwnd",
            "initrwnd", "ssthresh", "reordering", "features", "quickack", "congctl", "fastopen_no_cookie", "uid",
            "ttl-propagate", "from", "rto_min", "iif", "oif", "mark", "ipproto", "sport", "dport", "vrf",
            "nexthop_id", "label", "mpath");

    String type = "unicast";
    String destination;
    String via;
    String dev;
    String table;
    String proto;
    String scope;
    String src;
    Integer metric;

    /**
     * Reads the tokens of a route line. Throws IllegalArgumentException when a key has no value,
     * NumberFormatException when the metric is not a number; never returns null.
     */
    static RouteFields parse(String[] t) {
        RouteFields r = new RouteFields();
        int i = 0;
        if (i < t.length && TYPES.contains(t[i])) {
            r.type = t[i++];
        }
        if (i >= t.length) {
            throw new IllegalArgumentException("no destination");
        }
        r.destination = t[i++];
        for (; i < t.length; i++) {
            String key = t[i];
            switch (key) {
                case "via" -> {
                    String v = value(t, ++i, key);
                    if ((v.equals("inet") || v.equals("inet6")) && i + 1 < t.length) {
                        v = t[++i];
                    }
                    r.via = v;
                }
                case "dev" -> r.dev = value(t, ++i, key);
                case "table" -> r.table = value(t, ++i, key);
                case "proto" -> r.proto = value(t, ++i, key);
                case "scope" -> r.scope = value(t, ++i, key);
                case "src" -> r.src = value(t, ++i, key);
                case "metric", "preference", "priority" -> r.metric = metric(value(t, ++i, key));
                case "mtu" -> {
                    if (value(t, ++i, key).equals("lock")) {
                        value(t, ++i, key);
                    }
                }
                default -> {
                    if (VALUE_KEYS.contains(key)) {
                        value(t, ++i, key);
                    }
                }
            }
        }
        return r;
    }

    private static String value(String[] t, int i, String key) {
        if (i >= t.length) {
            throw new IllegalArgumentException("'" + key + "' has no value");
        }
        return t[i];
    }

    /**
     * The kernel prints metrics as unsigned 32-bit numbers; the IPv6 "unreachable default ...
     * metric 4294967295" entry does not fit an int and is kept as Integer.MAX_VALUE (the worst).
     */
    private static Integer metric(String s) {
        long v = Long.parseLong(s);
        if (v < 0) {
            throw new NumberFormatException("negative metric " + s);
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
