package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.time.Instant;
import java.util.List;

/**
 * A Node as OVN-Kubernetes sees it: what its {@code k8s.ovn.org/*} annotations, labels and status
 * say (the OVN catalogue's input {@code nodes}). Lists are empty and values null when the
 * annotation (or its {@code default} network entry) is absent; the {@code ...Annotated} flags tell
 * an absent annotation from an empty one. Addresses keep their prefix as the annotations write
 * them ({@code 10.130.0.0/23}, {@code 100.88.0.4/16}).
 *
 * @param ovnNode                 one of the catalogue's "OVN nodes": Linux, not excluded by the
 *                                hybrid overlay, networked by {@code app=ovnkube-node}
 * @param created                 {@code metadata.creationTimestamp}, or null
 * @param chassisId               {@code k8s.ovn.org/node-chassis-id}
 * @param zoneName                {@code k8s.ovn.org/zone-name} (node name in IC mode; absent or
 *                                {@code global} in legacy mode)
 * @param remoteZoneMigrated      {@code k8s.ovn.org/remote-zone-migrated} is set (IC migration)
 * @param subnets                 {@code k8s.ovn.org/node-subnets} {@code default} entry (v4 and/or v6)
 * @param subnetsAnnotated        the annotation exists and has a {@code default} key
 * @param nodeId                  {@code k8s.ovn.org/node-id}
 * @param transitIfAddrs          {@code k8s.ovn.org/node-transit-switch-port-ifaddr} ipv4/ipv6
 * @param gatewayRouterLrpIfAddrs {@code k8s.ovn.org/node-gateway-router-lrp-ifaddrs} {@code default}
 *                                (older: {@code node-gateway-router-lrp-ifaddr}) ipv4/ipv6
 * @param gatewayMode             {@code k8s.ovn.org/l3-gateway-config} {@code default.mode}
 *                                ({@code shared}, {@code local}, {@code disabled})
 * @param gatewayBridge           its {@code bridge-id} ({@code br-ex})
 * @param gatewayInterface        its {@code interface-id} ({@code br-ex_<node>})
 * @param gatewayMac              its {@code mac-address}
 * @param gatewayIpAddresses      its {@code ip-addresses} (or older {@code ip-address})
 * @param gatewayNextHops         its {@code next-hops} (or older {@code next-hop})
 * @param primaryIfAddrs          {@code k8s.ovn.org/node-primary-ifaddr} ipv4/ipv6
 * @param hostCidrs               {@code k8s.ovn.org/host-cidrs}
 * @param masqueradeSubnet        {@code k8s.ovn.org/node-masquerade-subnet} ipv4, or null
 * @param encapIps                {@code k8s.ovn.org/node-encap-ips} (newer releases), else empty
 * @param egressAssignable        label {@code k8s.ovn.org/egress-assignable} present
 * @param egressIpConfigSubnets   {@code cloud.network.openshift.io/egress-ipconfig} ifaddr subnets
 */
public record OvnNode(String name, boolean ovnNode, boolean ready, String internalIP, Instant created,
                      String chassisId, String zoneName, boolean remoteZoneMigrated,
                      List<String> subnets, boolean subnetsAnnotated, Integer nodeId,
                      List<String> transitIfAddrs, List<String> gatewayRouterLrpIfAddrs,
                      String gatewayMode, String gatewayBridge, String gatewayInterface, String gatewayMac,
                      List<String> gatewayIpAddresses, List<String> gatewayNextHops, boolean l3GatewayConfigAnnotated,
                      List<String> primaryIfAddrs, List<String> hostCidrs, String masqueradeSubnet,
                      List<String> encapIps, boolean egressAssignable, List<String> egressIpConfigSubnets,
                      Source source) implements Sourced {
    public OvnNode {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        transitIfAddrs = transitIfAddrs == null ? List.of() : List.copyOf(transitIfAddrs);
        gatewayRouterLrpIfAddrs = gatewayRouterLrpIfAddrs == null ? List.of() : List.copyOf(gatewayRouterLrpIfAddrs);
        gatewayIpAddresses = gatewayIpAddresses == null ? List.of() : List.copyOf(gatewayIpAddresses);
        gatewayNextHops = gatewayNextHops == null ? List.of() : List.copyOf(gatewayNextHops);
        primaryIfAddrs = primaryIfAddrs == null ? List.of() : List.copyOf(primaryIfAddrs);
        hostCidrs = hostCidrs == null ? List.of() : List.copyOf(hostCidrs);
        encapIps = encapIps == null ? List.of() : List.copyOf(encapIps);
        egressIpConfigSubnets = egressIpConfigSubnets == null ? List.of() : List.copyOf(egressIpConfigSubnets);
    }
}
