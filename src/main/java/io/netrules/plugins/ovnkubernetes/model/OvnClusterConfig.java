package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;

/**
 * Derived once per capture: OVN-Kubernetes's cluster-wide settings, each from the first input that
 * says it (network.config, network.operator, the {@code ovnkube-config} ConfigMap, the install
 * config), else null; the catalogue's defaults are applied by the rules that need them, so that
 * evidence can say "default". The source is the network.operator object's when there is one.
 *
 * @param clusterMtu       network.config {@code status.clusterNetworkMTU}, else ovnkube-config {@code [default] mtu}
 * @param genevePort       {@code ovnKubernetesConfig.genevePort}, else ovnkube-config {@code encap-port}
 * @param ipsecMode        {@code ipsecConfig.mode} ({@code Full}, {@code External}, {@code Disabled});
 *                         {@code Full} for the pre-4.15 form {@code ipsecConfig: {}}
 * @param routingViaHost   {@code gatewayConfig.routingViaHost}
 * @param ipForwarding     {@code gatewayConfig.ipForwarding} ({@code Restricted}, {@code Global})
 * @param joinSubnet       {@code ipv4.internalJoinSubnet} (older {@code v4InternalSubnet})
 * @param transitSubnet    {@code ipv4.internalTransitSwitchSubnet}
 * @param masqueradeSubnet {@code gatewayConfig.ipv4.internalMasqueradeSubnet}
 * @param hybridOverlay    {@code hybridOverlayConfig} is set
 * @param migrationMtu     {@code spec.migration.mtu} is set (an MTU migration in progress)
 * @param machineNetworks  install-config {@code networking.machineNetwork[].cidr}
 * @param gatewayModeConfig ovnkube-config {@code [gateway] mode}
 */
public record OvnClusterConfig(Integer clusterMtu, Integer genevePort, String ipsecMode, Boolean routingViaHost,
                               String ipForwarding, String joinSubnet, String transitSubnet, String masqueradeSubnet,
                               boolean hybridOverlay, boolean migrationMtu, List<String> machineNetworks,
                               String gatewayModeConfig, Source source) implements Sourced {
    public OvnClusterConfig {
        machineNetworks = machineNetworks == null ? List.of() : List.copyOf(machineNetworks);
    }
}
