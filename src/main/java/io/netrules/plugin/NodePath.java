package io.netrules.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin's part of the traffic path the HTML report draws: the hops between the cluster's
 * common ones (client, DNS, router, route, service, endpoints) and the pod, each drawn once per
 * node. {@code layerHops} places a layer's findings; {@code ruleHops} places the few rule IDs
 * whose subject is one particular hop rather than their layer's; a layer neither knows goes to
 * {@code defaultHop}. {@code afterPod} are hops drawn after the pod: the way out of the node that
 * traffic leaving the pod takes (a plugin whose egress leaves by other hops than it enters by).
 *
 * @param hops       per-node hops in path order, the pod excluded (the core draws it after them)
 * @param layerHops  layer to hop ID (a hop of {@code hops} or {@code afterPod}, or a common hop such as
 *                   {@code service})
 * @param ruleHops   rule ID to hop ID
 * @param defaultHop the hop of a layer the map does not know
 * @param afterPod   per-node hops drawn after the pod, in path order (empty: the path ends at the pod)
 */
public record NodePath(List<Hop> hops, Map<String, String> layerHops, Map<String, String> ruleHops,
                       String defaultHop, List<Hop> afterPod) {

    /** One hop: its ID (the HTML's {@code data-hop}) and its label. */
    public record Hop(String id, String label) {
    }

    /** A path that ends at the pod. */
    public NodePath(List<Hop> hops, Map<String, String> layerHops, Map<String, String> ruleHops, String defaultHop) {
        this(hops, layerHops, ruleHops, defaultHop, List.of());
    }

    public NodePath {
        hops = List.copyOf(hops);
        afterPod = List.copyOf(afterPod);
        layerHops = Map.copyOf(layerHops);
        ruleHops = Map.copyOf(ruleHops);
    }
}
