package io.netrules.rules;

import io.netrules.model.ClusterNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * A class of packets the filter walk asks about: the first packet (conntrack state NEW, no
 * mark, a TCP SYN, any port) of a TCP connection from every address of {@code src} to every
 * address of {@code dst}, entering the node on {@code in} and leaving it on {@code out}.
 * Addresses are ranges (a CIDR, or one address), so the walk answers for the whole class: a rule
 * narrower than the class (one port, one subnet of the cluster network) does not decide for it.
 *
 * <p>{@code traffic} names the class for a finding's subject ({@code pod-to-pod},
 * {@code pod-egress}, {@code pod-ingress}); {@code description} says it in words.
 */
public record FilterPacket(String traffic, String description, String protocol, String src, long srcLo, long srcHi,
                           String dst, long dstLo, long dstHi, String in, String out) {

    /** openshift-sdn's cluster network when the cluster facts do not say otherwise. */
    public static final String DEFAULT_CLUSTER_NETWORK = "10.128.0.0/14";
    /** The interface openshift-sdn 3.x routes pod traffic through in the node's kernel. */
    public static final String TUN0 = "tun0";

    /** A NEW TCP packet class between two address ranges (CIDR or address). */
    public static FilterPacket tcp(String traffic, String description, String src, String dst, String in, String out) {
        long[] s = range(src);
        long[] d = range(dst);
        if (s == null || d == null) {
            throw new IllegalArgumentException("not an IPv4 address or CIDR: " + (s == null ? src : dst));
        }
        return new FilterPacket(traffic, description, "tcp", src, s[0], s[1], dst, d[0], d[1], in, out);
    }

    /**
     * Pod to pod through the node's kernel: the cluster network at both ends, in and out of tun0
     * (in 3.x forwarded pod traffic enters and leaves the kernel through tun0). One per
     * cluster-network CIDR; {@code clusterNetworks} are ClusterNetwork facts (none: the default).
     */
    public static List<FilterPacket> podToPod(List<?> clusterNetworks) {
        List<FilterPacket> out = new ArrayList<>();
        for (String cidr : podCidrs(clusterNetworks)) {
            out.add(tcp("pod-to-pod", "pod-to-pod", cidr, cidr, TUN0, TUN0));
        }
        return out;
    }

    /**
     * Pod egress (cluster network → the first address outside it, in tun0, out the primary
     * interface) and the way back in (that address → the cluster network, in the primary
     * interface, out tun0). Both are asked as NEW packets, as the catalogue says: a reply is
     * ESTABLISHED in reality, but a FORWARD chain that drops NEW inbound pod traffic drops
     * connections to pods from outside (NodePort/hostport DNAT'ed traffic, routed clients).
     */
    public static List<FilterPacket> podEgressAndIngress(List<?> clusterNetworks, String primary) {
        List<FilterPacket> out = new ArrayList<>();
        if (primary == null || primary.isEmpty()) {
            return out;
        }
        List<String> cidrs = podCidrs(clusterNetworks);
        for (String cidr : cidrs) {
            String outside = firstOutside(cidr, cidrs);
            if (outside == null) {
                continue;
            }
            out.add(tcp("pod-egress", "pod egress", cidr, outside, TUN0, primary));
            out.add(tcp("pod-ingress", "outside-to-pod", outside, cidr, primary, TUN0));
        }
        return out;
    }

    /** The pod CIDRs the ClusterNetwork facts declare; the openshift-sdn default when there are none. */
    static List<String> podCidrs(List<?> clusterNetworks) {
        List<String> cidrs = new ArrayList<>();
        if (clusterNetworks != null) {
            for (Object o : clusterNetworks) {
                if (o instanceof ClusterNetwork cn) {
                    for (String c : cn.podNetworks()) {
                        if (range(c) != null && !cidrs.contains(c)) {
                            cidrs.add(c);
                        }
                    }
                }
            }
        }
        if (cidrs.isEmpty()) {
            cidrs.add(DEFAULT_CLUSTER_NETWORK);
        }
        return cidrs;
    }

    /**
     * The first address after {@code cidr} that lies in none of the cluster's CIDRs (for
     * 10.128.0.0/14: 10.132.0.0); below the CIDR when nothing is left above it.
     */
    static String firstOutside(String cidr, List<String> all) {
        long[] r = range(cidr);
        long candidate = r[1] + 1;
        for (int guard = 0; guard < 64 && candidate <= 0xFFFFFFFFL; guard++) {
            long[] inside = containing(candidate, all);
            if (inside == null) {
                return address(candidate);
            }
            candidate = inside[1] + 1;
        }
        candidate = r[0] - 1;
        for (int guard = 0; guard < 64 && candidate >= 0; guard++) {
            long[] inside = containing(candidate, all);
            if (inside == null) {
                return address(candidate);
            }
            candidate = inside[0] - 1;
        }
        return null;
    }

    private static long[] containing(long address, List<String> cidrs) {
        for (String c : cidrs) {
            long[] r = range(c);
            if (r != null && address >= r[0] && address <= r[1]) {
                return r;
            }
        }
        return null;
    }

    /** {lo, hi} of an IPv4 CIDR or address (a bare address is /32); null when it is neither. */
    static long[] range(String cidr) {
        if (cidr == null) {
            return null;
        }
        int slash = cidr.indexOf('/');
        long ip = Rules.ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        if (ip < 0) {
            return null;
        }
        int prefix;
        if (slash < 0) {
            prefix = 32;
        } else {
            String p = cidr.substring(slash + 1);
            if (p.contains(".")) {
                long mask = Rules.ipv4(p); // a hand-written rule may give a dotted mask
                prefix = mask < 0 ? -1 : contiguousPrefix(mask);
            } else {
                try {
                    prefix = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        if (prefix < 0 || prefix > 32) {
            return null;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long lo = ip & mask;
        return new long[] {lo, lo | (~mask & 0xFFFFFFFFL)};
    }

    /** The prefix length of a contiguous dotted mask (255.255.0.0 → 16), or -1. */
    private static int contiguousPrefix(long mask) {
        int prefix = Long.bitCount(mask);
        long expected = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return expected == mask ? prefix : -1;
    }

    static String address(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }
}
