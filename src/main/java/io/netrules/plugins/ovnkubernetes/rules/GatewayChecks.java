package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.model.Node;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the node-side gateway rules (NR-OVNGW-005..007) call from DRL. */
public final class GatewayChecks {
    private GatewayChecks() {
    }

    /** The physical network name OpenShift's ovnkube-node maps to the gateway bridge. */
    public static final String PHYSNET = "physnet";

    /**
     * True when {@code external_ids:ovn-bridge-mappings} ({@code physnet:br-ex}, or a comma
     * separated list of {@code <network>:<bridge>}) maps {@code physnet} to {@code bridge}.
     */
    public static boolean mapsPhysnet(String mappings, String bridge) {
        if (mappings == null || bridge == null) {
            return false;
        }
        for (String m : mappings.split(",")) {
            String t = m.strip();
            int colon = t.indexOf(':');
            if (colon > 0 && t.substring(0, colon).strip().equals(PHYSNET)
                    && t.substring(colon + 1).strip().equals(bridge)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The node's localnet port on {@code ext_<node>}: l3-gateway-config's {@code interface-id},
     * else {@code <bridge>_<node>} (the name ovnkube-node gives it, and the middle of the patch
     * ports' names {@code patch-<it>-to-br-int} / {@code patch-br-int-to-<it>}).
     */
    public static String localnetPort(OvnNode node) {
        if (node == null) {
            return null;
        }
        if (node.gatewayInterface() != null && !node.gatewayInterface().isBlank()) {
            return node.gatewayInterface();
        }
        return (node.gatewayBridge() == null ? "br-ex" : node.gatewayBridge()) + "_" + node.name();
    }

    /** Cluster and service networks of the catalogue's Defaults, when network.config does not say. */
    public static final List<String> DEFAULT_CLUSTER_NETWORKS = List.of("10.128.0.0/14");
    public static final List<String> DEFAULT_SERVICE_NETWORKS = List.of("172.30.0.0/16");

    /**
     * True when {@code address} is outside the cluster (NR-OVNGW-007): in no {@code clusterNetwork}
     * or {@code serviceNetwork} CIDR (network.config, else the defaults), in no install-config
     * {@code machineNetwork}, and not an address a Node reports. {@code networkConfigs},
     * {@code clusterConfigs} and {@code nodes} are the session's NetworkConfig, OvnClusterConfig
     * and Node facts.
     */
    public static boolean outsideCluster(String address, Collection<?> networkConfigs, Collection<?> clusterConfigs,
                                         Collection<?> nodes) {
        if (address == null || !(HostAddresses.isIpv4(address) || HostAddresses.isIpv6(address))) {
            return false;
        }
        List<String> inside = new ArrayList<>();
        boolean declared = false;
        for (Object o : networkConfigs) {
            if (o instanceof NetworkConfig nc) {
                nc.clusterNetworks().forEach(b -> inside.add(b.cidr()));
                inside.addAll(nc.serviceNetworks());
                declared = declared || !nc.clusterNetworks().isEmpty();
            }
        }
        if (!declared) {
            inside.addAll(DEFAULT_CLUSTER_NETWORKS);
            inside.addAll(DEFAULT_SERVICE_NETWORKS);
        }
        for (Object o : clusterConfigs) {
            if (o instanceof OvnClusterConfig c) {
                inside.addAll(c.machineNetworks());
            }
        }
        for (String cidr : inside) {
            if (cidr != null && HostAddresses.contains(cidr, address)) {
                return false;
            }
        }
        for (Object o : nodes) {
            if (o instanceof Node n && (HostAddresses.sameIp(n.internalIP(), address)
                    || HostAddresses.anySameIp(n.addresses(), address))) {
                return false;
            }
        }
        return true;
    }
}
