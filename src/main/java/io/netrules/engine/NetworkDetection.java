package io.netrules.engine;

import io.netrules.capture.Capture;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.FactSources;
import io.netrules.capture.NodeFolder;
import io.netrules.model.ClusterNetwork;
import io.netrules.model.ClusterVersion;
import io.netrules.model.NetworkConfig;
import io.netrules.model.NetworkOperator;
import io.netrules.model.Node;
import io.netrules.model.NodeConfig;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NetworkPlugins;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the capture says about the cluster's network plugin and platform, from the data alone.
 * The plugin: the first of {@code network.config} {@code status.networkType},
 * {@code network.operator} {@code spec.defaultNetwork.type}, {@code network.config}
 * {@code spec.networkType}, a 3.x ClusterNetwork's {@code pluginName}, a 3.x node-config's
 * {@code networkPluginName}; each plugin says which of these names are its own
 * ({@link NetworkPlugin#recognizes}), so nothing here knows one. The platform: the
 * ClusterVersion's version ({@code OpenShift 4.12.3}, {@code OKD 4.12.0-0.okd-...}), else the
 * nodes' kubelet version for 3.x ({@code v1.11} is 3.11), OKD or OpenShift by node-config's image
 * format.
 *
 * @param plugin        the plugin's ID, or null when the data does not name a known one
 * @param pluginSource  where the plugin was read (file and field), or null
 * @param notKnown      why the plugin is not known (for "not evaluated"), or null when it is
 * @param platform      the platform, or null when the data does not say
 */
public record NetworkDetection(String plugin, String pluginSource, String notKnown, String platform) {

    /** The files that would name the plugin, for the report of a capture that has none. */
    public static final String PLUGIN_FILES = ClusterInputs.fileName(ClusterInputs.NETWORKCONFIGS) + " or "
            + ClusterInputs.fileName(ClusterInputs.CLUSTERNETWORKS);

    private static final String NODE_CONFIG_FILE = "nodes/<node>/" + FactSources.preferredFileName(FactSources.NODE_CONFIG);

    /** One place that names a network type, in the order they are believed. */
    private record Claim(String networkType, String where) {
    }

    static NetworkDetection detect(ClusterFacts cluster, Capture capture) {
        // node-config.yaml is read only when the cluster objects leave something open (3.x).
        NodeConfigs nodeConfigs = new NodeConfigs(capture);
        List<Supplier<List<Claim>>> claims = List.of(
                () -> cluster.ofType(NetworkConfig.class).stream()
                        .map(c -> new Claim(c.statusNetworkType(), file(c.source()) + " status.networkType")).toList(),
                () -> cluster.ofType(NetworkOperator.class).stream()
                        .map(o -> new Claim(o.defaultNetworkType(), file(o.source()) + " spec.defaultNetwork.type"))
                        .toList(),
                () -> cluster.ofType(NetworkConfig.class).stream()
                        .map(c -> new Claim(c.specNetworkType(), file(c.source()) + " spec.networkType")).toList(),
                () -> cluster.ofType(ClusterNetwork.class).stream()
                        .map(c -> new Claim(c.pluginName(), file(c.source()) + " pluginName")).toList(),
                () -> nodeConfigs.get().stream()
                        .map(c -> new Claim(c.networkPluginName(), file(c.source()) + " networkPluginName")).toList());
        String plugin = null;
        String pluginSource = null;
        String notKnown = null;
        search:
        for (Supplier<List<Claim>> kind : claims) {
            for (Claim c : kind.get()) {
                if (c.networkType() == null || c.networkType().isBlank()) {
                    continue;
                }
                Optional<NetworkPlugin> p = NetworkPlugins.recognizing(c.networkType());
                if (p.isPresent()) {
                    plugin = p.get().id();
                    pluginSource = c.where() + ": " + c.networkType();
                } else {
                    notKnown = "network plugin not known: " + c.where() + " says " + c.networkType()
                            + ", which is none of netrules' plugins " + NetworkPlugins.ids();
                }
                break search;
            }
        }
        if (plugin == null && notKnown == null) {
            notKnown = "network plugin not known: no " + ClusterInputs.fileName(ClusterInputs.NETWORKCONFIGS)
                    + " (status.networkType, 4.x), " + ClusterInputs.fileName(ClusterInputs.NETWORKOPERATORS)
                    + ", " + ClusterInputs.fileName(ClusterInputs.CLUSTERNETWORKS) + " (pluginName, 3.x) or "
                    + NODE_CONFIG_FILE + " (networkPluginName) names it";
        }
        return new NetworkDetection(plugin, pluginSource, notKnown, platform(cluster, nodeConfigs));
    }

    private static String file(io.netrules.model.Source s) {
        return s == null ? "?" : s.file();
    }

    private static final Pattern KUBELET = Pattern.compile("^v?1\\.(\\d+)(\\D.*)?$");

    /** The platform: the ClusterVersion's version, else 3.x from the nodes' kubelet version. */
    static String platform(ClusterFacts cluster, NodeConfigs nodeConfigs) {
        List<ClusterVersion> versions = new ArrayList<>(cluster.ofType(ClusterVersion.class));
        // The one object 4.x has is named "version"; prefer it if a capture holds others.
        versions.sort(java.util.Comparator.comparing(v -> !"version".equals(v.name())));
        for (ClusterVersion v : versions) {
            if (v.version() != null && !v.version().isBlank()) {
                String version = v.version().strip();
                return (version.toLowerCase(Locale.ROOT).contains("okd") ? "OKD " : "OpenShift ") + version;
            }
        }
        // Kubernetes 1.N is OpenShift 3.N for 3.6 to 3.11; a cluster mid-upgrade is named by its
        // oldest nodes. 4.x needs its ClusterVersion: its kubelet does not tell OKD from OpenShift.
        Integer minor = null;
        for (Node n : cluster.ofType(Node.class)) {
            Matcher m = n.kubeletVersion() == null ? null : KUBELET.matcher(n.kubeletVersion().strip());
            if (m != null && m.matches()) {
                int k = Integer.parseInt(m.group(1));
                minor = minor == null ? k : Math.min(minor, k);
            }
        }
        boolean threeX = minor != null && minor >= 6 && minor <= 11;
        if (minor != null && !threeX) {
            return null;
        }
        List<NodeConfig> configs = nodeConfigs.get();
        if (!threeX && configs.isEmpty()) {
            return null;
        }
        String product = product3(configs);
        return product + " " + (threeX ? "3." + minor : "3.x");
    }

    /** OKD or OpenShift, from node-config's image format (origin-* images or ose-* images). */
    private static String product3(List<NodeConfig> configs) {
        for (NodeConfig c : configs) {
            String f = c.imageFormat() == null ? "" : c.imageFormat().toLowerCase(Locale.ROOT);
            if (f.contains("/origin-")) {
                return "OKD";
            }
            if (f.contains("/ose-") || f.contains("openshift3/")) {
                return "OpenShift";
            }
        }
        return "OpenShift/OKD";
    }

    /**
     * The node-config.yaml of each node that has one, read on first use (by node name): small
     * files, read again by the node's session; problems in them are reported there, not here.
     */
    static final class NodeConfigs {
        private final Capture capture;
        private List<NodeConfig> read;

        NodeConfigs(Capture capture) {
            this.capture = capture;
        }

        List<NodeConfig> get() {
            if (read != null) {
                return read;
            }
            List<NodeConfig> configs = new ArrayList<>();
            for (Map.Entry<String, NodeFolder> e : new TreeMap<>(capture.nodes()).entrySet()) {
                for (NodeFolder.InputFile f : e.getValue().files().keySet()) {
                    if (!f.source().input().equals(FactSources.NODE_CONFIG) || f.source().parser() == null) {
                        continue;
                    }
                    try {
                        if (Files.size(f.path()) > capture.limits().fileSize()) {
                            continue;
                        }
                    } catch (IOException ex) {
                        continue;
                    }
                    ParseContext ctx = new ParseContext(e.getKey(), f.display(), f.source().input(), null,
                            capture.limits(), fact -> {
                                if (fact instanceof NodeConfig c) {
                                    configs.add(c);
                                }
                            }, w -> { });
                    try (Lines lines = Lines.open(f.path(), capture.limits().lineLength(), (n, length) -> { })) {
                        f.source().parser().get().parse(lines, ctx);
                    } catch (IOException | RuntimeException ex) {
                        // The node's session reads the file again and reports what is wrong with it.
                    }
                }
            }
            read = List.copyOf(configs);
            return read;
        }
    }
}
