package io.netrules.model;

import java.util.List;

/**
 * config.openshift.io/v1 Network ({@code cluster}): the cluster's network as configured
 * ({@code spec.networkType}, {@code spec.clusterNetwork[].cidr}, {@code spec.serviceNetwork[]})
 * and the MTU the operator settled on ({@code status.clusterNetworkMTU}).
 */
public record NetworkConfig(String name, String networkType, List<String> clusterNetworks,
                            List<String> serviceNetworks, Integer clusterNetworkMTU, Source source)
        implements Sourced {
    public NetworkConfig {
        clusterNetworks = clusterNetworks == null ? List.of() : List.copyOf(clusterNetworks);
        serviceNetworks = serviceNetworks == null ? List.of() : List.copyOf(serviceNetworks);
    }
}
