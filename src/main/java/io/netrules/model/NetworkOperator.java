package io.netrules.model;

/**
 * operator.openshift.io/v1 Network {@code cluster} ({@code oc get network.operator cluster -o json}):
 * how the cluster network operator deploys the plugin. {@code defaultNetworkType} is
 * {@code spec.defaultNetwork.type}; the {@code sdn*} fields are its {@code openshiftSDNConfig}
 * (mode, VXLAN port, MTU), the {@code ovn*} ones its {@code ovnKubernetesConfig} (MTU, Geneve
 * port, {@code gatewayConfig.routingViaHost}, {@code ipsecConfig.mode}); null when not set.
 */
public record NetworkOperator(String name, String defaultNetworkType, String sdnMode, Integer sdnVxlanPort,
                              Integer sdnMtu, Integer ovnMtu, Integer ovnGenevePort, Boolean ovnRoutingViaHost,
                              String ovnIpsecMode, Source source) implements Sourced {
}
