package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The internal IPv4 ranges OVN-Kubernetes reserves for itself (NR-OVNTOPO-006), each from the
 * setting that says it, else the catalogue's default, with where it came from, so that the
 * finding can say "default" when nobody chose the range.
 */
public final class TopologyRanges {
    /** The join subnet when {@code ipv4.internalJoinSubnet} (older {@code v4InternalSubnet}) is unset. */
    public static final String DEFAULT_JOIN = "100.64.0.0/16";
    /** The transit switch subnet (IC) when {@code ipv4.internalTransitSwitchSubnet} is unset. */
    public static final String DEFAULT_TRANSIT = "100.88.0.0/16";
    /**
     * The masquerade subnet when neither the node annotation nor {@code internalMasqueradeSubnet}
     * says it. Clusters installed before 4.17 use 169.254.169.0/29, 4.17+ installs
     * 169.254.0.0/17, and the install version is not in the data; the /29 lies inside the /17,
     * so whatever overlaps the /29 overlaps either, and nothing is flagged that only the larger
     * range would touch.
     */
    public static final String DEFAULT_MASQUERADE = "169.254.169.0/29";

    private TopologyRanges() {
    }

    /**
     * The internal ranges in use: join always; transit when the cluster is in interconnect mode
     * or the setting is made (legacy clusters have no transit switch); masquerade from the nodes'
     * {@code k8s.ovn.org/node-masquerade-subnet} annotations (each distinct value), else
     * {@code gatewayConfig.ipv4.internalMasqueradeSubnet}, else the default. A configured value
     * that is not an IPv4 CIDR is left out (nothing sound can be said about it).
     */
    public static List<InternalRange> internalRanges(OvnClusterConfig cfg, boolean interconnect,
                                                     Collection<String> nodeMasqueradeSubnets) {
        List<InternalRange> out = new ArrayList<>();
        String join = cfg == null ? null : cfg.joinSubnet();
        add(out, "join", join == null ? DEFAULT_JOIN : join, join == null ? "default" : "ipv4.internalJoinSubnet");
        String transit = cfg == null ? null : cfg.transitSubnet();
        if (transit != null || interconnect) {
            add(out, "transit", transit == null ? DEFAULT_TRANSIT : transit,
                    transit == null ? "default" : "ipv4.internalTransitSwitchSubnet");
        }
        TreeSet<String> annotated = new TreeSet<>();
        if (nodeMasqueradeSubnets != null) {
            for (String s : nodeMasqueradeSubnets) {
                if (s != null && TopologyAddresses.family(s) == 4) {
                    annotated.add(TopologyAddresses.network(s));
                }
            }
        }
        if (!annotated.isEmpty()) {
            for (String s : annotated) {
                add(out, "masquerade", s, "k8s.ovn.org/node-masquerade-subnet");
            }
        } else {
            String masq = cfg == null ? null : cfg.masqueradeSubnet();
            add(out, "masquerade", masq == null ? DEFAULT_MASQUERADE : masq,
                    masq == null ? "default" : "gatewayConfig.ipv4.internalMasqueradeSubnet");
        }
        return out;
    }

    /** {@link #internalRanges(OvnClusterConfig, boolean, Collection)} with the count of interconnect-mode facts (DRL's {@code count()}). */
    public static List<InternalRange> internalRanges(OvnClusterConfig cfg, long interconnectFacts,
                                                     Collection<?> nodeMasqueradeSubnets) {
        List<String> masq = new ArrayList<>();
        if (nodeMasqueradeSubnets != null) {
            for (Object o : nodeMasqueradeSubnets) {
                if (o instanceof String s) {
                    masq.add(s);
                }
            }
        }
        return internalRanges(cfg, interconnectFacts > 0, masq);
    }

    private static void add(List<InternalRange> out, String name, String cidr, String origin) {
        if (TopologyAddresses.family(cidr) == 4 && cidr.contains("/")) {
            out.add(new InternalRange(name, TopologyAddresses.network(cidr), origin));
        }
    }
}
