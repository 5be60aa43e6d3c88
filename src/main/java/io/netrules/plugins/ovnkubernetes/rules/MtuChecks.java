package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;

/**
 * The MTU arithmetic of the OVN MTU rules (NR-OVNMTU-*): the hard Geneve overhead ovnkube-node
 * checks and the documented margin OpenShift asks for.
 */
public final class MtuChecks {
    private MtuChecks() {
    }

    /** Geneve header on an IPv4 underlay (ovn-kubernetes {@code types.GeneveHeaderLengthIPv4}). */
    public static final int GENEVE_IPV4 = 58;
    /** Geneve header on an IPv6 underlay ({@code types.GeneveHeaderLengthIPv6}). */
    public static final int GENEVE_IPV6 = 78;
    /** What IPsec (ESP in UDP) adds when {@code ipsecConfig.mode} is {@code Full} (CNO getOVNEncapOverhead). */
    public static final int IPSEC = 46;
    /** The overlay overhead OpenShift documents for OVN-Kubernetes ("Changing the MTU"). */
    public static final int DOCUMENTED = 100;

    /** True when the cluster network has an IPv6 CIDR (IPv6 single stack or dual stack). */
    public static boolean ipv6(NetworkConfig nc) {
        return nc != null && nc.clusterNetworks().stream().anyMatch(b -> CpAddresses.isIpv6(b.cidr()));
    }

    /** True when IPsec encrypts pod-to-pod traffic: {@code ipsecConfig.mode} {@code Full}. */
    public static boolean ipsecFull(String ipsecMode) {
        return "Full".equalsIgnoreCase(ipsecMode);
    }

    /**
     * The hard overhead H: 58 bytes on an IPv4 single-stack cluster, 78 on IPv6 or dual stack
     * (ovnkube-node picks the IPv6 header as soon as IPv6 is enabled), plus 46 with IPsec {@code Full}.
     */
    public static int hardOverhead(NetworkConfig nc, String ipsecMode) {
        return (ipv6(nc) ? GENEVE_IPV6 : GENEVE_IPV4) + (ipsecFull(ipsecMode) ? IPSEC : 0);
    }

    /** {@link #hardOverhead} with the cluster's network.config taken from a list of them (the first; none: IPv4). */
    public static int hardOverheadOf(java.util.Collection<?> networkConfigs, String ipsecMode) {
        return hardOverhead(first(networkConfigs), ipsecMode);
    }

    /** {@link #overheadText} with the network.config taken from a list of them, as {@link #hardOverheadOf}. */
    public static String overheadTextOf(java.util.Collection<?> networkConfigs, String ipsecMode) {
        return overheadText(first(networkConfigs), ipsecMode);
    }

    private static NetworkConfig first(java.util.Collection<?> networkConfigs) {
        if (networkConfigs == null) {
            return null;
        }
        for (Object o : networkConfigs) {
            if (o instanceof NetworkConfig nc) {
                return nc;
            }
        }
        return null;
    }

    /**
     * From ovnkube-controller's refusal ({@code MTU (<mtu>) ... too small for specified overlay MTU
     * (<overlay>)}, overlay = cluster MTU + header): the largest cluster MTU the interface carries,
     * {@code mtu - (overlay - clusterMtu)}; {@code unknown} without the cluster MTU.
     */
    public static String maxClusterMtuFromLog(int mtu, int overlayMtu, java.util.Collection<?> clusterConfigs) {
        Integer cluster = clusterMtu(clusterConfigs);
        return cluster == null ? "unknown" : String.valueOf(mtu - (overlayMtu - cluster));
    }

    /** The cluster MTU of the first OvnClusterConfig that has one, or null. */
    public static Integer clusterMtu(java.util.Collection<?> clusterConfigs) {
        if (clusterConfigs != null) {
            for (Object o : clusterConfigs) {
                if (o instanceof io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig c && c.clusterMtu() != null) {
                    return c.clusterMtu();
                }
            }
        }
        return null;
    }

    /** The documented overhead: 100 bytes, plus 46 with IPsec {@code Full}. */
    public static int documentedOverhead(String ipsecMode) {
        return DOCUMENTED + (ipsecFull(ipsecMode) ? IPSEC : 0);
    }

    /** What the overhead consists of, for the evidence: {@code 58 (Geneve over IPv4)}, {@code 124 (Geneve over IPv4 + IPsec 46)}. */
    public static String overheadText(NetworkConfig nc, String ipsecMode) {
        return hardOverhead(nc, ipsecMode) + " (Geneve over " + (ipv6(nc) ? "IPv6" : "IPv4")
                + (ipsecFull(ipsecMode) ? " + IPsec " + IPSEC : "") + ")";
    }
}
