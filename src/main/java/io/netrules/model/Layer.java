package io.netrules.model;

import java.util.List;

/**
 * The layers of the guide's path, client to pod, as the summary names them. The order is the
 * path's: when two layers tie, the one nearer the client is named.
 */
public final class Layer {
    public static final List<String> ALL = List.of("dns", "router", "route", "service", "endpoints",
            "node-to-node", "local-sdn", "ovs", "iptables", "mtu", "egress-dns");

    private Layer() {
    }

    public static boolean known(String layer) {
        return ALL.contains(layer);
    }

    public static int order(String layer) {
        int i = ALL.indexOf(layer);
        return i < 0 ? ALL.size() : i;
    }
}
