package io.netrules.model;

/**
 * The network part of {@code /etc/origin/node/node-config.yaml}: {@code networkConfig.mtu} and
 * {@code networkConfig.networkPluginName} (or the top-level {@code networkPluginName} of 3.0).
 * The source line is that of the mtu where there is one.
 */
public record NodeConfig(String node, Integer mtu, String networkPluginName, String nodeIP, Source source)
        implements NodeFact {
}
