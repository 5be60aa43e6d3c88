package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterPort;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the OVN topology and gateway rules (NR-OVNTOPO-*, NR-OVNGW-001..004) expect of the NB,
 * computed from the cluster's settings and a node's annotations, for DRL ({@code import
 * function}). The address arithmetic itself is {@link TopologyAddresses}.
 */
public final class TopologyChecks {
    /** The join subnet's IPv6 default ({@code fd98::/64}), whose 1st address is {@code rtoj-ovn_cluster_router}'s. */
    public static final String DEFAULT_JOIN_V6 = "fd98::/64";

    private TopologyChecks() {
    }

    /** The CIDRs of the {@code clusterNetwork[]} entries, in order. */
    public static List<String> clusterCidrs(NetworkConfig nc) {
        List<String> out = new ArrayList<>();
        if (nc != null) {
            for (NetworkConfig.CidrBlock b : nc.clusterNetworks()) {
                if (b.cidr() != null) {
                    out.add(b.cidr());
                }
            }
        }
        return out;
    }

    /** True when some {@code clusterNetwork[]} CIDR holds the whole subnet. */
    public static boolean inClusterNetwork(NetworkConfig nc, String subnet) {
        for (String c : clusterCidrs(nc)) {
            if (TopologyAddresses.cidrContains(c, subnet)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code hostPrefix} of the first {@code clusterNetwork[]} entry that holds the subnet,
     * or -1 when none holds it or that entry gives none.
     */
    public static int hostPrefixFor(NetworkConfig nc, String subnet) {
        if (nc != null) {
            for (NetworkConfig.CidrBlock b : nc.clusterNetworks()) {
                if (TopologyAddresses.cidrContains(b.cidr(), subnet)) {
                    return b.hostPrefix() == null ? -1 : b.hostPrefix();
                }
            }
        }
        return -1;
    }

    /** The families (4, 6) the addresses hold, in ascending order, each once. */
    public static List<Integer> families(Collection<String> values) {
        TreeSet<Integer> out = new TreeSet<>();
        if (values != null) {
            for (String v : values) {
                for (String a : TopologyAddresses.addresses(List.of(v))) {
                    out.add(TopologyAddresses.family(a));
                }
            }
        }
        return List.copyOf(out);
    }

    /** True for a default route's prefix of that family: {@code 0.0.0.0/0} (4), {@code ::/0} (6). */
    public static boolean isDefaultPrefix(String prefix, int family) {
        return TopologyAddresses.family(prefix) == family && TopologyAddresses.prefixLength(prefix) == 0
                && prefix.contains("/");
    }

    /**
     * True for the kernel's default route of that family as {@code ip route} prints it
     * ({@code default}, which the parser keeps as is, or {@code 0.0.0.0/0}, {@code ::/0}), when
     * its gateway is of that family.
     */
    public static boolean isKernelDefault(String destination, String gateway, int family) {
        if (TopologyAddresses.family(gateway) != family) {
            return false;
        }
        return "default".equals(destination) || isDefaultPrefix(destination, family);
    }

    /** Every address of {@code wanted} (prefixes ignored) is among the addresses of {@code values}. */
    public static boolean containsAllAddresses(Collection<String> values, Collection<String> wanted) {
        List<String> have = TopologyAddresses.addresses(values);
        for (String w : TopologyAddresses.addresses(wanted)) {
            if (!have.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The addresses a gateway router says are its node's: {@code external_ids:physical_ips}
     * (comma-separated), else the older single {@code physical_ip}; null when it has neither
     * (then there is nothing to compare).
     */
    public static List<String> physicalIps(Map<String, String> externalIds) {
        if (externalIds == null) {
            return null;
        }
        String v = externalIds.get("physical_ips");
        if (v == null) {
            v = externalIds.get("physical_ip");
        }
        return v == null ? null : TopologyAddresses.addressesOf(v);
    }

    /**
     * The next hop a gateway router's cluster-network routes must use: the address of that family
     * on {@code rtoj-ovn_cluster_router} (the catalogue's definition), else the 1st address of
     * the join subnet (the operator's {@code internalJoinSubnet}, else 100.64.0.0/16, or
     * fd98::/64 for IPv6). Null when neither gives one.
     */
    public static String joinNextHop(Collection<LogicalRouterPort> clusterRouterJoinPorts,
                                     Collection<OvnClusterConfig> configs, int family) {
        if (clusterRouterJoinPorts != null) {
            for (LogicalRouterPort p : clusterRouterJoinPorts) {
                String a = TopologyAddresses.firstOfFamily(p.networks(), family);
                if (a != null) {
                    return TopologyAddresses.addressOf(a);
                }
            }
        }
        if (family == 6) {
            return TopologyAddresses.nthAddress(DEFAULT_JOIN_V6, 1);
        }
        String join = null;
        if (configs != null) {
            for (OvnClusterConfig c : configs) {
                if (c.joinSubnet() != null) {
                    join = c.joinSubnet();
                }
            }
        }
        String a = TopologyAddresses.nthAddress(join == null ? TopologyRanges.DEFAULT_JOIN : join, 1);
        return a != null && TopologyAddresses.family(a) == 4 ? a : null;
    }

    /**
     * The next hop of the {@code src-ip} route for a node subnet on {@code ovn_cluster_router}
     * (trap 13): in shared gateway mode the node's gateway router join address of the subnet's
     * family ({@code node-gateway-router-lrp-ifaddrs}), in local mode the management port, the
     * subnet's 2nd address. Null for any other mode, or when the address is not known.
     */
    public static String srcIpNextHop(String gatewayMode, String subnet, Collection<String> gatewayRouterLrpIfAddrs) {
        int family = TopologyAddresses.family(subnet);
        if ("shared".equals(gatewayMode)) {
            String a = TopologyAddresses.firstOfFamily(gatewayRouterLrpIfAddrs, family);
            return a == null ? null : TopologyAddresses.addressOf(a);
        }
        if ("local".equals(gatewayMode)) {
            return TopologyAddresses.nthAddress(subnet, 2);
        }
        return null;
    }

    /**
     * True when a route of {@code ovn_cluster_router} tagged {@code external_ids:ic-node=<Y>}
     * is one OVN-K writes for remote node Y: to one of Y's subnets, or to Y's gateway router join
     * address (a host prefix; any host prefix when Y's join addresses are not annotated), via Y's
     * transit address of the same family.
     */
    public static boolean expectedRemoteRoute(String ipPrefix, String nexthop, Collection<String> subnets,
                                              Collection<String> gatewayRouterLrpIfAddrs,
                                              Collection<String> transitIfAddrs) {
        int family = TopologyAddresses.family(ipPrefix);
        if (family == 0) {
            return false;
        }
        String transit = TopologyAddresses.firstOfFamily(transitIfAddrs, family);
        if (transit == null || !TopologyAddresses.sameAddress(nexthop, transit)) {
            return false;
        }
        for (String s : subnets) {
            if (TopologyAddresses.sameNetwork(ipPrefix, s)) {
                return true;
            }
        }
        boolean hostPrefix = TopologyAddresses.prefixLength(ipPrefix) == (family == 4 ? 32 : 128);
        if (!hostPrefix) {
            return false;
        }
        List<String> joins = TopologyAddresses.ofFamily(gatewayRouterLrpIfAddrs, family);
        if (joins.isEmpty()) {
            return true;
        }
        for (String j : joins) {
            if (TopologyAddresses.sameAddress(ipPrefix, j)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A remote transit port's {@code options:requested-chassis} names node Y: OVN-K writes the
     * node name (OVN resolves it through the remote chassis's hostname); the chassis name itself
     * is accepted too, as OVN does.
     */
    public static boolean requestsChassisOf(String requestedChassis, String nodeName, String chassisId) {
        return requestedChassis != null
                && (requestedChassis.equals(nodeName) || requestedChassis.equals(chassisId));
    }
}
