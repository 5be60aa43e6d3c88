package io.netrules.rules;

import java.util.Map;

/**
 * Small pure functions that DRL constraints call ({@code import function}), for what DRL
 * cannot say directly: label selectors and address arithmetic.
 */
public final class Rules {
    private Rules() {
    }

    /** True when every key=value of a non-empty selector is among the labels (Kubernetes equality selector). */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty() || labels == null) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** IPv4 address to a 32-bit number, or -1 when it is not a dotted quad. */
    public static long ipv4(String address) {
        return IpAddresses.ipv4(address);
    }

    /** True when the IPv4 address (its prefix ignored) lies inside the IPv4 CIDR (a bare address counts as /32). */
    public static boolean inCidr(String address, String cidr) {
        IpAddresses.Net net = IpAddresses.parseIpv4(cidr);
        return net != null && net.containsAddress(IpAddresses.parse(address));
    }

    /**
     * An IPv4 CIDR (openshift-sdn's networks are IPv4 only); a bare address is a /32 and
     * {@code default} (as {@code ip route} prints 0.0.0.0/0) is 0.0.0.0/0. Null when it is not one.
     */
    private static IpAddresses.Net cidr(String cidr) {
        IpAddresses.Net n = IpAddresses.parseRoute(cidr);
        return n == null || n.bits() != 32 ? null : n;
    }

    /** The prefix length of an IPv4 CIDR (32 for a bare address, 0 for {@code default}), or -1. */
    public static int prefixLength(String cidr) {
        IpAddresses.Net c = cidr(cidr);
        return c == null ? -1 : c.prefix();
    }

    /**
     * True when every address of {@code inner} lies in {@code outer} (both IPv4 CIDRs; host bits
     * are ignored, so 10.130.0.1/23 is the subnet 10.130.0.0/23). A CIDR contains itself.
     */
    public static boolean cidrContains(String outer, String inner) {
        IpAddresses.Net o = cidr(outer);
        return o != null && o.contains(cidr(inner));
    }

    /** True when two IPv4 CIDRs share at least one address (one of them then contains the other). */
    public static boolean cidrOverlaps(String a, String b) {
        return cidrContains(a, b) || cidrContains(b, a);
    }

    /** True when one of the CIDRs contains {@code inner}. */
    public static boolean anyContains(java.util.Collection<String> outers, String inner) {
        if (outers == null) {
            return false;
        }
        for (String o : outers) {
            if (cidrContains(o, inner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first address of an IPv4 subnet, as openshift-sdn gives it to {@code tun0} (the
     * subnet's gateway): 10.130.0.0/23 gives 10.130.0.1. Null when it is not a CIDR, or the
     * subnet has no such address (/31, /32).
     */
    public static String firstAddress(String cidr) {
        IpAddresses.Net c = cidr(cidr);
        return c == null || c.prefix() > 30 ? null : IpAddresses.nthAddress(c, 1);
    }

    /** The subnet an interface address lies in: 10.130.0.1/23 gives 10.130.0.0/23; null when not IPv4. */
    public static String network(String address, int prefixLength) {
        IpAddresses.Net c = cidr(address + "/" + prefixLength);
        return c == null ? null : IpAddresses.format(c.network(), 32) + "/" + c.prefix();
    }

    /** True when route metric {@code a} is at most {@code b}; no metric counts as 0, as the kernel takes it. */
    public static boolean metricAtMost(Integer a, Integer b) {
        return (a == null ? 0 : a) <= (b == null ? 0 : b);
    }
}
