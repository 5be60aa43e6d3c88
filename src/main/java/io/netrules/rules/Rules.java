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
        if (address == null) {
            return -1;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return -1;
            }
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (octet < 0 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** True when the IPv4 address lies inside the CIDR (a bare address counts as /32). */
    public static boolean inCidr(String address, String cidr) {
        if (address == null || cidr == null) {
            return false;
        }
        String a = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        int slash = cidr.indexOf('/');
        long net = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        long ip = ipv4(a);
        if (net < 0 || ip < 0) {
            return false;
        }
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > 32) {
            return false;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (ip & mask) == (net & mask);
    }

    /**
     * An IPv4 CIDR as {network, prefix}, the host bits cleared; a bare address is a /32 and
     * {@code default} (as {@code ip route} prints 0.0.0.0/0) is 0.0.0.0/0. Null when it is not one.
     */
    private static long[] cidr(String cidr) {
        if (cidr == null) {
            return null;
        }
        if (cidr.equals("default")) {
            return new long[] {0, 0};
        }
        int slash = cidr.indexOf('/');
        long ip = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        if (ip < 0) {
            return null;
        }
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 0 || prefix > 32) {
            return null;
        }
        return new long[] {ip & mask(prefix), prefix};
    }

    private static long mask(long prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** The prefix length of an IPv4 CIDR (32 for a bare address, 0 for {@code default}), or -1. */
    public static int prefixLength(String cidr) {
        long[] c = cidr(cidr);
        return c == null ? -1 : (int) c[1];
    }

    /**
     * True when every address of {@code inner} lies in {@code outer} (both IPv4 CIDRs; host bits
     * are ignored, so 10.130.0.1/23 is the subnet 10.130.0.0/23). A CIDR contains itself.
     */
    public static boolean cidrContains(String outer, String inner) {
        long[] o = cidr(outer);
        long[] i = cidr(inner);
        if (o == null || i == null || i[1] < o[1]) {
            return false;
        }
        return (i[0] & mask(o[1])) == o[0];
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
        long[] c = cidr(cidr);
        if (c == null || c[1] > 30) {
            return null;
        }
        return dotted(c[0] + 1);
    }

    /** The subnet an interface address lies in: 10.130.0.1/23 gives 10.130.0.0/23; null when not IPv4. */
    public static String network(String address, int prefixLength) {
        long[] c = cidr(address + "/" + prefixLength);
        return c == null ? null : dotted(c[0]) + "/" + c[1];
    }

    /** True when route metric {@code a} is at most {@code b}; no metric counts as 0, as the kernel takes it. */
    public static boolean metricAtMost(Integer a, Integer b) {
        return (a == null ? 0 : a) <= (b == null ? 0 : b);
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
