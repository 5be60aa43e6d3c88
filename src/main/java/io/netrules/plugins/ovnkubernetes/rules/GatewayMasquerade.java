package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.ClusterVersion;
import io.netrules.model.InterfaceAddress;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's IPv4 masquerade subnet (catalogue "Defaults", NR-OVNGW-006): the node's
 * {@code k8s.ovn.org/node-masquerade-subnet}, else network.operator
 * {@code gatewayConfig.ipv4.internalMasqueradeSubnet}, else the default of the install version:
 * {@code 169.254.169.0/29} for clusters installed before 4.17, {@code 169.254.0.0/17} for 4.17+
 * installs. An upgraded cluster keeps its install's default, and the ClusterVersion says only the
 * version it runs: below 4.17 that settles it; from 4.17 on (or with no version) the subnet whose
 * host address (2nd) the gateway bridge holds is the one in use, and when the bridge holds
 * neither, the 4.17 default for a 4.17+ cluster, else the older one.
 *
 * @param subnet   the masquerade subnet ({@code 169.254.169.0/29})
 * @param from     where it comes from, for the text
 * @param hostIp   its 2nd address, the host's masquerade address on the bridge
 * @param nextHop  its 4th address, the next hop of the host's routes to the service network
 */
public record GatewayMasquerade(String subnet, String from, String hostIp, String nextHop) {
    public static final String BEFORE_4_17 = "169.254.169.0/29";
    public static final String SINCE_4_17 = "169.254.0.0/17";

    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    /**
     * The node's masquerade subnet. {@code configs} and {@code versions} are the session's
     * OvnClusterConfig and ClusterVersion facts (zero or one each), {@code bridgeAddresses} the
     * node's addresses on its gateway bridge.
     */
    public static GatewayMasquerade of(OvnNode node, Collection<?> configs, Collection<?> versions,
                                       Collection<?> bridgeAddresses) {
        if (node != null && HostAddresses.isIpv4(node.masqueradeSubnet())) {
            return make(node.masqueradeSubnet(), "annotation k8s.ovn.org/node-masquerade-subnet of node "
                    + node.name());
        }
        for (Object o : configs) {
            if (o instanceof OvnClusterConfig c && HostAddresses.isIpv4(c.masqueradeSubnet())) {
                return make(c.masqueradeSubnet(), "network.operator gatewayConfig.ipv4.internalMasqueradeSubnet");
            }
        }
        String version = null;
        for (Object o : versions) {
            if (o instanceof ClusterVersion v && v.version() != null) {
                version = v.version();
            }
        }
        int[] mm = majorMinor(version);
        boolean before417 = mm != null && (mm[0] < 4 || (mm[0] == 4 && mm[1] < 17));
        if (before417) {
            return make(BEFORE_4_17, "default of clusters installed before 4.17 (the cluster runs " + version + ")");
        }
        for (String candidate : List.of(SINCE_4_17, BEFORE_4_17)) {
            String host = HostAddresses.nth(candidate, 2);
            for (Object o : bridgeAddresses) {
                if (o instanceof InterfaceAddress a && HostAddresses.sameIp(a.address(), host)) {
                    return make(candidate, "default of clusters installed " + (candidate.equals(SINCE_4_17)
                            ? "with 4.17 or later" : "before 4.17") + ", whose host address the bridge holds");
                }
            }
        }
        if (mm != null) {
            return make(SINCE_4_17, "default of 4.17+ installs (the cluster runs " + version + ")");
        }
        return make(BEFORE_4_17, "default of clusters installed before 4.17 (cluster version not known)");
    }

    private static GatewayMasquerade make(String subnet, String from) {
        return new GatewayMasquerade(subnet, from, HostAddresses.nth(subnet, 2), HostAddresses.nth(subnet, 4));
    }

    /** {major, minor} of {@code 4.16.3} or {@code 4.12.0-0.okd-...}, or null. */
    static int[] majorMinor(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = VERSION.matcher(version.strip());
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
