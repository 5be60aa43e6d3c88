package io.netrules.plugins.ovnkubernetes.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Address arithmetic for the OVN topology and gateway rules (NR-OVNTOPO-*, NR-OVNGW-001..004),
 * called from DRL ({@code import function}). IPv4 and IPv6 alike: OVN-Kubernetes writes both
 * families in the same annotations and NB columns ({@code 10.130.0.0/23}, {@code fd01:0:0:3::/64},
 * {@code 100.88.0.4/16}). Addresses are compared by value, never as text, so that
 * {@code fd01:0:0:3::1} equals {@code fd01::3:0:0:0:1}-style spellings of the same address.
 * Every function is total: text that is not an address or CIDR gives false, null or -1, never
 * an exception, because the text comes from captured objects.
 */
public final class TopologyAddresses {
    private TopologyAddresses() {
    }

    /** An address (as a number), its family's width (32 or 128) and a prefix length. */
    private record Net(BigInteger addr, int bits, int prefix) {
        BigInteger mask() {
            return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        }

        BigInteger network() {
            return addr.and(mask());
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

    /** "a.b.c.d" or an IPv6 literal, each optionally with "/prefix"; a bare address is a host prefix. */
    private static Net parse(String text) {
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
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        return new Net(value, bits, prefix);
    }

    private static long ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
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
        List<Integer> head = groups(dc < 0 ? a : a.substring(0, dc));
        List<Integer> tail = dc < 0 ? List.of() : groups(a.substring(dc + 2));
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

    /** Colon-separated 16-bit groups; a last group in dotted IPv4 form counts as two. */
    private static List<Integer> groups(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                long v4 = ipv4(p);
                if (v4 < 0) {
                    return null;
                }
                out.add((int) (v4 >> 16));
                out.add((int) (v4 & 0xFFFF));
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
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

    private static String format(BigInteger v, int bits) {
        if (bits == 32) {
            long x = v.longValue();
            return ((x >> 24) & 255) + "." + ((x >> 16) & 255) + "." + ((x >> 8) & 255) + "." + (x & 255);
        }
        int[] g = new int[8];
        for (int i = 7; i >= 0; i--) {
            g[i] = v.and(BigInteger.valueOf(0xFFFF)).intValue();
            v = v.shiftRight(16);
        }
        // RFC 5952: the longest run (of at least two) of zero groups becomes "::".
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

    /** 4 or 6 for an address or CIDR of that family, 0 for anything else. */
    public static int family(String addressOrCidr) {
        Net n = parse(addressOrCidr);
        return n == null ? 0 : n.bits == 32 ? 4 : 6;
    }

    /** True for an IPv4 or IPv6 address or CIDR. */
    public static boolean isAddress(String addressOrCidr) {
        return parse(addressOrCidr) != null;
    }

    /** The prefix length ({@code /23}; 32 or 128 for a bare address), or -1 when not an address. */
    public static int prefixLength(String cidr) {
        Net n = parse(cidr);
        return n == null ? -1 : n.prefix;
    }

    /** The address without its prefix, in canonical form ({@code 100.88.0.4/16} gives 100.88.0.4), or null. */
    public static String addressOf(String addressOrCidr) {
        Net n = parse(addressOrCidr);
        return n == null ? null : format(n.addr, n.bits);
    }

    /** The subnet, host bits cleared and canonical ({@code 10.130.1.7/23} gives 10.130.0.0/23), or null. */
    public static String network(String cidr) {
        Net n = parse(cidr);
        return n == null ? null : format(n.network(), n.bits) + "/" + n.prefix;
    }

    /** Two CIDRs name the same subnet (same family, prefix and network; host bits ignored). */
    public static boolean sameNetwork(String a, String b) {
        Net x = parse(a);
        Net y = parse(b);
        return x != null && y != null && x.bits == y.bits && x.prefix == y.prefix && x.network().equals(y.network());
    }

    /** Two texts hold the same address, prefixes ignored ({@code 100.64.0.2/16} and {@code 100.64.0.2}). */
    public static boolean sameAddress(String a, String b) {
        Net x = parse(a);
        Net y = parse(b);
        return x != null && y != null && x.bits == y.bits && x.addr.equals(y.addr);
    }

    /** Two interface addresses are equal: the same address with the same prefix length. */
    public static boolean sameIfAddr(String a, String b) {
        Net x = parse(a);
        Net y = parse(b);
        return x != null && y != null && x.bits == y.bits && x.addr.equals(y.addr) && x.prefix == y.prefix;
    }

    /**
     * True when {@code outer} holds every address of {@code inner} (same family; host bits of
     * both ignored; a bare inner address is a host prefix). A CIDR contains itself.
     */
    public static boolean cidrContains(String outer, String inner) {
        Net o = parse(outer);
        Net i = parse(inner);
        if (o == null || i == null || o.bits != i.bits || i.prefix < o.prefix) {
            return false;
        }
        return i.addr.and(o.mask()).equals(o.network());
    }

    /** True when the address of {@code addressOrCidr} (its prefix ignored) lies in {@code cidr}. */
    public static boolean containsAddress(String cidr, String addressOrCidr) {
        String a = addressOf(addressOrCidr);
        return a != null && cidrContains(cidr, a);
    }

    /** True when two CIDRs of one family share at least one address. */
    public static boolean cidrOverlaps(String a, String b) {
        return cidrContains(a, b) || cidrContains(b, a);
    }

    /**
     * The n-th address of a subnet ({@code 10.130.0.0/23}, 1 gives 10.130.0.1: the pods' gateway
     * {@code rtos-<node>}; 2 gives 10.130.0.2: the management port), canonical, without prefix.
     * Null when it is not a CIDR or the subnet is too small to have it.
     */
    public static String nthAddress(String cidr, int n) {
        Net s = parse(cidr);
        if (s == null || n < 0 || BigInteger.valueOf(n).bitLength() > s.bits - s.prefix) {
            return null;
        }
        return format(s.network().add(BigInteger.valueOf(n)), s.bits);
    }

    /** {@link #nthAddress} with the subnet's prefix: {@code 10.130.0.0/23}, 1 gives {@code 10.130.0.1/23}. */
    public static String nthIfAddr(String cidr, int n) {
        String a = nthAddress(cidr, n);
        return a == null ? null : a + "/" + prefixLength(cidr);
    }

    /** The entries of one family (4 or 6), in their order. */
    public static List<String> ofFamily(Collection<String> values, int family) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (family(v) == family) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The first entry of one family, or null. */
    public static String firstOfFamily(Collection<String> values, int family) {
        List<String> f = ofFamily(values, family);
        return f.isEmpty() ? null : f.get(0);
    }

    /** True when some entry is the interface address {@code ifAddr} (address and prefix). */
    public static boolean containsIfAddr(Collection<String> values, String ifAddr) {
        if (values != null) {
            for (String v : values) {
                if (sameIfAddr(v, ifAddr)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when some entry holds the address, prefixes ignored. Entries may be space-separated
     * lists, as Logical_Switch_Port {@code addresses} are ({@code "0a:58:64:58:00:04 100.88.0.4/16"}),
     * or comma-separated, as {@code external_ids:physical_ips} is.
     */
    public static boolean containsAddress(Collection<String> values, String address) {
        for (String v : addresses(values)) {
            if (sameAddress(v, address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every address in the entries, canonical and without prefix, in order, once each; words
     * that are no address (MACs, "router", "dynamic") are left out. Entries may be lists
     * separated by spaces or commas.
     */
    public static List<String> addresses(Collection<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                if (v == null) {
                    continue;
                }
                for (String word : v.split("[\\s,]+")) {
                    String a = addressOf(word);
                    if (a != null) {
                        out.add(a);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The address set of a comma- or space-separated text ({@code external_ids:physical_ips}). */
    public static List<String> addressesOf(String list) {
        return list == null ? List.of() : addresses(List.of(list));
    }

    /** Two collections hold the same set of addresses, prefixes ignored. */
    public static boolean sameAddressSet(Collection<String> a, Collection<String> b) {
        return new TreeSet<>(addresses(a)).equals(new TreeSet<>(addresses(b)));
    }

    /** Two collections hold the same set of interface addresses (address and prefix, canonical). */
    public static boolean sameIfAddrSet(Collection<String> a, Collection<String> b) {
        return ifAddrSet(a).equals(ifAddrSet(b));
    }

    private static Set<String> ifAddrSet(Collection<String> values) {
        Set<String> out = new TreeSet<>();
        if (values != null) {
            for (String v : values) {
                Net n = parse(v);
                out.add(n == null ? "?" + v : format(n.addr, n.bits) + "/" + n.prefix);
            }
        }
        return out;
    }

    /** The addresses both collections hold (canonical, no prefix), for evidence; empty when none. */
    public static List<String> sharedAddresses(Collection<String> a, Collection<String> b) {
        List<String> out = new ArrayList<>(addresses(a));
        out.retainAll(addresses(b));
        return out;
    }

    /** True when some CIDR of the collection overlaps {@code cidr}. */
    public static boolean anyOverlaps(Collection<String> cidrs, String cidr) {
        if (cidrs != null) {
            for (String c : cidrs) {
                if (cidrOverlaps(c, cidr)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The collection as one comma-separated text, for finding parameters ("" when empty). */
    public static String joined(Collection<?> values) {
        if (values == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v);
        }
        return sb.toString();
    }
}
