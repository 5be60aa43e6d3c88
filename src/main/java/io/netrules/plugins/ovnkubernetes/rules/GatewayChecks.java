package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.plugins.ovnkubernetes.model.OvnNode;

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
}
