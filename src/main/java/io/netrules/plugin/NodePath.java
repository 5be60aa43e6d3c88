package io.netrules.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin's part of the traffic path the HTML report draws: the hops between the cluster's
 * common ones (client, DNS, router, route, service, endpoints) and the pod, each drawn once per
 * node. {@code layerHops} places a layer's findings; {@code ruleHops} places the few rule IDs
 * whose subject is one particular hop rather than their layer's; a layer neither knows goes to
 * {@code defaultHop}.
 *
 * @param hops       per-node hops in path order, the pod excluded (the core draws it last)
 * @param layerHops  layer to hop ID (a hop of {@code hops}, or a common hop such as {@code service})
 * @param ruleHops   rule ID to hop ID
 * @param defaultHop the hop of a layer the map does not know
 */
public record NodePath(List<Hop> hops, Map<String, String> layerHops, Map<String, String> ruleHops,
                       String defaultHop) {

    /** One hop: its ID (the HTML's {@code data-hop}) and its label. */
    public record Hop(String id, String label) {
    }

    public NodePath {
        hops = List.copyOf(hops);
        layerHops = Map.copyOf(layerHops);
        ruleHops = Map.copyOf(ruleHops);
    }
}
