package io.netrules.model;

import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NetworkPlugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The layers of the traffic path, client to pod, as the summary names them. The order is the
 * path's: when two layers tie, the one nearer the client is named. The path past the service's
 * endpoints is the network plugin's, so each plugin lists its layers in its own order
 * ({@link NetworkPlugin#layers}); the common ones are the layers plugin-agnostic rules report.
 */
public final class Layer {
    /** The layers of plugin-agnostic rules ({@code rules/common/}), in path order. */
    public static final List<String> COMMON = List.of("dns", "router", "route", "service", "endpoints",
            "node-to-node", "local-sdn", "egress-dns");

    /**
     * Every layer a rule may report: the common ones, then each plugin's others, by plugin ID.
     * Also the order used when the capture's plugin is not known.
     */
    public static final List<String> ALL = all();

    private Layer() {
    }

    private static List<String> all() {
        Set<String> all = new LinkedHashSet<>(COMMON);
        for (NetworkPlugin p : NetworkPlugins.all()) {
            all.addAll(p.layers());
        }
        return List.copyOf(new ArrayList<>(all));
    }

    public static boolean known(String layer) {
        return ALL.contains(layer);
    }

    /** The layers in the order of a plugin's path; {@link #ALL} when the plugin is null or not known. */
    public static List<String> of(String pluginId) {
        return pluginId == null ? ALL : NetworkPlugins.byId(pluginId).map(NetworkPlugin::layers).orElse(ALL);
    }

    /** A layer's place on the path of {@link #ALL}. */
    public static int order(String layer) {
        return order(ALL, layer);
    }

    /** A layer's place on a path; one the path does not have comes after all of them. */
    public static int order(List<String> path, String layer) {
        int i = path.indexOf(layer);
        return i < 0 ? path.size() : i;
    }
}
