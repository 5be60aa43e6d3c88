package io.netrules.model;

import java.util.List;

/**
 * config.openshift.io/v1 Network {@code cluster} ({@code oc get network.config cluster -o json}),
 * OpenShift 4's declared cluster network: the plugin ({@code status.networkType}, what runs, and
 * {@code spec.networkType}, what is asked for, differing during a migration), the cluster MTU,
 * the pod networks and the service networks (status where it has them, else spec).
 */
public record NetworkConfig(String name, String specNetworkType, String statusNetworkType, Integer clusterNetworkMTU,
                            List<CidrBlock> clusterNetworks, List<String> serviceNetworks, Source source)
        implements Sourced {

    /** One {@code clusterNetwork[]} entry: the pod CIDR and the prefix of each node's share. */
    public record CidrBlock(String cidr, Integer hostPrefix) {
    }

    public NetworkConfig {
        clusterNetworks = clusterNetworks == null ? List.of() : List.copyOf(clusterNetworks);
        serviceNetworks = serviceNetworks == null ? List.of() : List.copyOf(serviceNetworks);
    }
}
