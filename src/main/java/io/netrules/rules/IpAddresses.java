package io.netrules.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one parser and arithmetic of IPv4 and IPv6 addresses and CIDRs that every rule helper
 * calls (the core's {@link Rules}, the OVN rule helpers). Only literals are parsed: a name is
 * never resolved, because rules read captured data, never the network. Every function is total:
 * text that is no address gives null, false or -1, never an exception.
 *
 * <p>What is an address here (one choice for all helpers; tested in IpAddressesTest):
 * <ul>
 * <li>IPv4: four dotted decimal octets of 1 to 3 digits each, at most 255 (leading zeros are
 * decimal: {@code 010.0.0.1} is 10.0.0.1, as Linux tools print and Java reads it);</li>
 * <li>IPv6: eight groups of 1 to 4 hex digits, at most one {@code ::}, an optional dotted IPv4
 * tail as the last 32 bits; no zone ({@code %eth0}). An IPv4-mapped address
 * ({@code ::ffff:10.0.0.1}) is IPv6, as written: it is not the IPv4 address and lies in no
 * IPv4 CIDR;</li>
 * <li>either may stand in brackets ({@code [fd00::1]}) and carry {@code /prefix} (1 to 3
 * decimal digits, at most 32 or 128); white space around the whole text is ignored; a text
 * without a prefix is a host prefix (/32, /128).</li>
 * </ul>
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** An address as a number, its family's width (32 or 128), and a prefix length. */
    public record Net(BigInteger addr, int bits, int prefix) {
        /** The netmask of the prefix as a number. */
        public BigInteger mask() {
            return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        }

        /** The address with the host bits cleared. */
        public BigInteger network() {
            return addr.and(mask());
        }

        /** 4 or 6. */
        public int family() {
            return bits == 32 ? 4 : 6;
        }

        /** The address (no prefix) as 4 or 16 bytes, network order. */
        public byte[] bytes() {
            return toBytes(addr, bits / 8);
        }

        /** True when this network holds every address of {@code inner} (same family). */
        public boolean contains(Net inner) {
            return inner != null && bits == inner.bits && inner.prefix >= prefix && inner.addr.and(mask()).equals(network());
        }

        /** True when the address of {@code other} (its prefix ignored) lies in this network. */
        public boolean containsAddress(Net other) {
            return other != null && contains(new Net(other.addr, other.bits, other.bits));
        }
    }

    /** Stands for "not an address" in the cache (a ConcurrentHashMap holds no null). */
    private static final Net NONE = new Net(BigInteger.ZERO, 0, 0);
    private static final int CACHE_LIMIT = 1 << 16;
    /**
     * Parsed texts. The rules compare the same few thousand addresses over and over (every
     * other node's subnet against every route, in every node's session of a large cluster);
     * bounded, and simply emptied when full.
     */
    private static final Map<String, Net> CACHE = new ConcurrentHashMap<>();

    /** An address or CIDR, or null when it is none (see the class comment for what is one). */
    public static Net parse(String text) {
        if (text == null) {
            return null;
        }
        Net cached = CACHE.get(text);
        if (cached == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            Net parsed = parseUncached(text);
            cached = parsed == null ? NONE : parsed;
            CACHE.put(text, cached);
        }
        return cached == NONE ? null : cached;
    }

    /** {@link #parse}, and {@code default} (as {@code ip route} prints 0.0.0.0/0) is 0.0.0.0/0. */
    public static Net parseRoute(String text) {
        return "default".equals(text) ? new Net(BigInteger.ZERO, 32, 0) : parse(text);
    }

    /** {@link #parse} of IPv4 only: null for IPv6. */
    public static Net parseIpv4(String text) {
        Net n = parse(text);
        return n == null || n.bits != 32 ? null : n;
    }

    private static Net parseUncached(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String a = slash < 0 ? t : t.substring(0, slash);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        BigInteger value;
        int bits;
        if (a.indexOf(':') >= 0) {
            value = ipv6(a);
            bits = 128;
        } else {
            long v = ipv4(a);
            value = v < 0 ? null : BigInteger.valueOf(v);
            bits = 32;
        }
        if (value == null) {
            return null;
        }
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!digits(p, 3)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        return new Net(value, bits, prefix);
    }

    private static boolean digits(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A dotted-quad IPv4 address (no prefix, no white space) as a 32-bit number, or -1. */
    public static long ipv4(String a) {
        if (a == null) {
            return -1;
        }
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (!digits(p, 3)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** An IPv6 literal (with "::" and an optional dotted IPv4 tail; no zone) as a number, or null. */
    private static BigInteger ipv6(String a) {
        if (a.indexOf('%') >= 0) {
            return null;
        }
        int dc = a.indexOf("::");
        if (dc >= 0 && a.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        boolean v4Tail = a.indexOf('.') >= 0;
        List<Integer> head = groups(dc < 0 ? a : a.substring(0, dc), dc < 0 && v4Tail);
        List<Integer> tail = dc < 0 ? List.of() : groups(a.substring(dc + 2), v4Tail);
        if (head == null || tail == null) {
            return null;
        }
        int n = head.size() + tail.size();
        if (dc < 0 ? n != 8 : n > 7) {
            return null;
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : head) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        v = v.shiftLeft(16 * (8 - n));
        for (int g : tail) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return v;
    }

    /**
     * Colon-separated 16-bit groups; when {@code v4Tail}, the last group must be in dotted IPv4
     * form and counts as two (a dotted group anywhere else makes the text no address).
     */
    private static List<Integer> groups(String s, boolean v4Tail) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return v4Tail ? null : out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4Tail && i == parts.length - 1) {
                long v4 = ipv4(p);
                if (v4 < 0) {
                    return null;
                }
                out.add((int) (v4 >> 16));
                out.add((int) (v4 & 0xFFFF));
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || p.charAt(0) == '+' || p.charAt(0) == '-') {
                return null;
            }
            try {
                out.add(Integer.parseInt(p, 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, b, length - copy, copy);
        return b;
    }

    /**
     * An address as {@code ip} prints it: dotted IPv4, or IPv6 in RFC 5952 form (lower case, no
     * leading zeros, the longest run of two or more zero groups as {@code ::}).
     */
    public static String format(BigInteger v, int bits) {
        if (bits == 32) {
            long x = v.longValue();
            return ((x >> 24) & 255) + "." + ((x >> 16) & 255) + "." + ((x >> 8) & 255) + "." + (x & 255);
        }
        int[] g = new int[8];
        for (int i = 7; i >= 0; i--) {
            g[i] = v.and(BigInteger.valueOf(0xFFFF)).intValue();
            v = v.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The address of an address or CIDR (prefix dropped) as 4 or 16 bytes, or null. */
    public static byte[] bytes(String addressOrCidr) {
        Net n = parse(addressOrCidr);
        return n == null ? null : n.bytes();
    }

    /** 4 or 6 for an address or CIDR of that family, 0 for anything else. */
    public static int family(String addressOrCidr) {
        Net n = parse(addressOrCidr);
        return n == null ? 0 : n.family();
    }

    /** The prefix length ({@code /23}; 32 or 128 for a bare address), or -1 when not an address. */
    public static int prefixLength(String cidr) {
        Net n = parse(cidr);
        return n == null ? -1 : n.prefix;
    }

    /** The address without its prefix, in {@link #format canonical form}, or null. */
    public static String addressOf(String addressOrCidr) {
        Net n = parse(addressOrCidr);
        return n == null ? null : format(n.addr, n.bits);
    }

    /** The subnet, host bits cleared and canonical ({@code 10.130.1.7/23} gives 10.130.0.0/23), or null. */
    public static String network(String cidr) {
        Net n = parse(cidr);
        return n == null ? null : format(n.network(), n.bits) + "/" + n.prefix;
    }

    /** Two texts hold the same address, prefixes ignored ({@code 100.64.0.2/16} and {@code 100.64.0.2}). */
    public static boolean sameAddress(String a, String b) {
        Net x = parse(a);
        Net y = parse(b);
        return x != null && y != null && x.bits == y.bits && x.addr.equals(y.addr);
    }

    /** Two CIDRs name the same subnet (same family, prefix and network; host bits ignored). */
    public static boolean sameNetwork(String a, String b) {
        return sameNetwork(parse(a), parse(b));
    }

    /** Two networks are the same (same family, prefix and network; host bits ignored); false for null. */
    public static boolean sameNetwork(Net x, Net y) {
        return x != null && y != null && x.bits == y.bits && x.prefix == y.prefix && x.network().equals(y.network());
    }

    /**
     * True when {@code outer} holds every address of {@code inner} (same family; host bits of
     * both ignored; a bare inner address is a host prefix). A CIDR contains itself.
     */
    public static boolean cidrContains(String outer, String inner) {
        Net o = parse(outer);
        return o != null && o.contains(parse(inner));
    }

    /** True when the address of {@code addressOrCidr} (its prefix ignored) lies in {@code cidr}. */
    public static boolean inCidr(String addressOrCidr, String cidr) {
        Net o = parse(cidr);
        return o != null && o.containsAddress(parse(addressOrCidr));
    }

    /** True when two CIDRs of one family share at least one address. */
    public static boolean cidrOverlaps(String a, String b) {
        return cidrContains(a, b) || cidrContains(b, a);
    }

    /**
     * The n-th address of a subnet ({@code 10.130.0.0/23}, 1 gives 10.130.0.1), canonical,
     * without prefix. Null when it is not a CIDR or the subnet is too small to have it.
     */
    public static String nthAddress(String cidr, int n) {
        return nthAddress(parse(cidr), n);
    }

    /** {@link #nthAddress(String, int)} of a parsed network. */
    public static String nthAddress(Net s, int n) {
        if (s == null || n < 0 || BigInteger.valueOf(n).bitLength() > s.bits - s.prefix) {
            return null;
        }
        return format(s.network().add(BigInteger.valueOf(n)), s.bits);
    }
}
