package io.netrules.model;

import java.util.List;

/**
 * network.openshift.io/v1 ClusterNetwork. {@code cidrs} are the {@code clusterNetworks[].CIDR}
 * entries (3.7+); older objects only have {@code network}.
 */
public record ClusterNetwork(String name, String network, Integer hostSubnetLength, String serviceNetwork,
                             String pluginName, List<String> cidrs, Integer vxlanPort, Integer mtu,
                             Source source) implements Sourced {
    public ClusterNetwork {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    }

    /** Every pod network CIDR this object declares, old single {@code network} included. */
    public List<String> podNetworks() {
        if (!cidrs.isEmpty()) {
            return cidrs;
        }
        return network == null ? List.of() : List.of(network);
    }
}
