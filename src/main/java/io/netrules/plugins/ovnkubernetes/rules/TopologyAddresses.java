package io.netrules.plugins.ovnkubernetes.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.netrules.rules.IpAddresses;

/**
 * Address arithmetic for the OVN topology and gateway rules (NR-OVNTOPO-*, NR-OVNGW-001..004),
 * called from DRL ({@code import function}). IPv4 and IPv6 alike: OVN-Kubernetes writes both
 * families in the same annotations and NB columns ({@code 10.130.0.0/23}, {@code fd01:0:0:3::/64},
 * {@code 100.88.0.4/16}). Addresses are compared by value, never as text, so that
 * {@code fd01:0:0:3::1} equals {@code fd01::3:0:0:0:1}-style spellings of the same address;
 * the parsing and arithmetic are {@link IpAddresses}', these are the names the rules call.
 * Every function is total: text that is not an address or CIDR gives false, null or -1, never
 * an exception, because the text comes from captured objects.
 */
public final class TopologyAddresses {
    private TopologyAddresses() {
    }

    /** 4 or 6 for an address or CIDR of that family, 0 for anything else. */
    public static int family(String addressOrCidr) {
        return IpAddresses.family(addressOrCidr);
    }

    /** True for an IPv4 or IPv6 address or CIDR. */
    public static boolean isAddress(String addressOrCidr) {
        return IpAddresses.parse(addressOrCidr) != null;
    }

    /** The prefix length ({@code /23}; 32 or 128 for a bare address), or -1 when not an address. */
    public static int prefixLength(String cidr) {
        return IpAddresses.prefixLength(cidr);
    }

    /** The address without its prefix, in canonical form ({@code 100.88.0.4/16} gives 100.88.0.4), or null. */
    public static String addressOf(String addressOrCidr) {
        return IpAddresses.addressOf(addressOrCidr);
    }

    /** The subnet, host bits cleared and canonical ({@code 10.130.1.7/23} gives 10.130.0.0/23), or null. */
    public static String network(String cidr) {
        return IpAddresses.network(cidr);
    }

    /** Two CIDRs name the same subnet (same family, prefix and network; host bits ignored). */
    public static boolean sameNetwork(String a, String b) {
        return IpAddresses.sameNetwork(a, b);
    }

    /** Two texts hold the same address, prefixes ignored ({@code 100.64.0.2/16} and {@code 100.64.0.2}). */
    public static boolean sameAddress(String a, String b) {
        return IpAddresses.sameAddress(a, b);
    }

    /** Two interface addresses are equal: the same address with the same prefix length. */
    public static boolean sameIfAddr(String a, String b) {
        IpAddresses.Net x = IpAddresses.parse(a);
        return x != null && x.equals(IpAddresses.parse(b));
    }

    /**
     * True when {@code outer} holds every address of {@code inner} (same family; host bits of
     * both ignored; a bare inner address is a host prefix). A CIDR contains itself.
     */
    public static boolean cidrContains(String outer, String inner) {
        return IpAddresses.cidrContains(outer, inner);
    }

    /** True when the address of {@code addressOrCidr} (its prefix ignored) lies in {@code cidr}. */
    public static boolean containsAddress(String cidr, String addressOrCidr) {
        return IpAddresses.inCidr(addressOrCidr, cidr);
    }

    /** True when two CIDRs of one family share at least one address. */
    public static boolean cidrOverlaps(String a, String b) {
        return IpAddresses.cidrOverlaps(a, b);
    }

    /**
     * The n-th address of a subnet ({@code 10.130.0.0/23}, 1 gives 10.130.0.1: the pods' gateway
     * {@code rtos-<node>}; 2 gives 10.130.0.2: the management port), canonical, without prefix.
     * Null when it is not a CIDR or the subnet is too small to have it.
     */
    public static String nthAddress(String cidr, int n) {
        return IpAddresses.nthAddress(cidr, n);
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
                IpAddresses.Net n = IpAddresses.parse(v);
                out.add(n == null ? "?" + v : IpAddresses.format(n.addr(), n.bits()) + "/" + n.prefix());
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
