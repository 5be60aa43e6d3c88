package io.netrules.plugins.ovnkubernetes.rules;

import java.util.Collection;
import java.util.List;

import io.netrules.rules.IpAddresses;

/**
 * Address questions the node-side OVN rules (gateway, host, tunnel) call from DRL: the Nth
 * address of a node subnet or of the masquerade subnet, and address comparisons that do not
 * depend on how a tool spells an address ({@code fd69::2} and {@code fd69:0:0:0:0:0:0:2} are
 * the same). The parsing and arithmetic are {@link IpAddresses}'; these are the names the rules
 * call. Where a route destination may stand, {@code default} is {@code 0.0.0.0/0}.
 */
public final class HostAddresses {
    private HostAddresses() {
    }

    /** The prefix length of a CIDR; 32/128 for a bare address; -1 when it is not one. */
    public static int prefixOf(String cidr) {
        return IpAddresses.prefixLength(cidr);
    }

    /** True for an IPv4 address or CIDR. */
    public static boolean isIpv4(String cidr) {
        return IpAddresses.family(cidr) == 4;
    }

    /** True for an IPv6 address or CIDR. */
    public static boolean isIpv6(String cidr) {
        return IpAddresses.family(cidr) == 6;
    }

    /** True when both are addresses (a prefix, if any, ignored) and are the same address. */
    public static boolean sameIp(String a, String b) {
        return IpAddresses.sameAddress(a, b);
    }

    /** True when one of the addresses is {@code address} (prefixes ignored). */
    public static boolean anySameIp(Collection<String> addresses, String address) {
        if (addresses == null) {
            return false;
        }
        for (String a : addresses) {
            if (sameIp(a, address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when both name the same network: same prefix length and the same address once the
     * host bits are cleared ({@code 10.130.0.1/23} is {@code 10.130.0.0/23}); {@code default}
     * is {@code 0.0.0.0/0}.
     */
    public static boolean sameCidr(String a, String b) {
        return IpAddresses.sameNetwork(IpAddresses.parseRoute(a), IpAddresses.parseRoute(b));
    }

    /**
     * The {@code n}th address of a subnet (1 = network address + 1), printed as {@code ip}
     * prints it, or null when {@code cidr} is not a CIDR or the subnet is too small: for node
     * subnet {@code 10.130.0.0/23}, 1 is the pods' gateway {@code 10.130.0.1} (router port
     * {@code rtos-<node>}) and 2 the management port {@code 10.130.0.2} ({@code ovn-k8s-mp0});
     * for the masquerade subnet {@code 169.254.169.0/29}, 2 is the host's masquerade address and
     * 4 the next hop of the routes to services.
     */
    public static String nth(String cidr, int n) {
        return IpAddresses.nthAddress(IpAddresses.parseRoute(cidr), n);
    }

    /** {@link #nth} with the subnet's prefix length ({@code 10.130.0.2/23}), or null. */
    public static String nthWithPrefix(String cidr, int n) {
        String a = nth(cidr, n);
        return a == null ? null : a + "/" + prefixOf(cidr);
    }

    /** The entries of the same address family as {@code like} (IPv4 with IPv4, IPv6 with IPv6). */
    public static List<String> sameFamily(Collection<String> cidrs, String like) {
        if (cidrs == null || like == null) {
            return List.of();
        }
        boolean v4 = isIpv4(like);
        return cidrs.stream().filter(c -> v4 ? isIpv4(c) : isIpv6(c)).toList();
    }

    /** True when {@code address} (a prefix, if any, ignored) lies in {@code cidr}; IPv4 or IPv6. */
    public static boolean contains(String cidr, String address) {
        IpAddresses.Net net = IpAddresses.parseRoute(cidr);
        return net != null && net.containsAddress(IpAddresses.parse(address));
    }
}
