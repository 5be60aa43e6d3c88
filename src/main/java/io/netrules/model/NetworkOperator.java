package io.netrules.model;

/**
 * operator.openshift.io/v1 Network ({@code cluster}): how the cluster network operator runs the
 * plugin ({@code spec.defaultNetwork.type}; for openshift-sdn {@code openshiftSDNConfig.mode},
 * {@code vxlanPort}, {@code mtu}; for OVN-Kubernetes {@code ovnKubernetesConfig.mtu},
 * {@code genevePort}). A field the object leaves out is null.
 */
public record NetworkOperator(String name, String defaultNetworkType, String sdnMode, Integer vxlanPort,
                              Integer genevePort, Integer mtu, Source source) implements Sourced {
}
