package io.netrules.model;

/**
 * The network part of {@code /etc/origin/node/node-config.yaml}: {@code networkConfig.mtu} and
 * {@code networkConfig.networkPluginName} (or the top-level {@code networkPluginName} of 3.0).
 * The source line is that of the mtu where there is one. {@code imageFormat} is
 * {@code imageConfig.format} ({@code docker.io/openshift/origin-${component}:${version}} on OKD,
 * {@code registry.redhat.io/openshift3/ose-${component}:${version}} on OpenShift), which tells
 * the two 3.x products apart.
 */
public record NodeConfig(String node, Integer mtu, String networkPluginName, String nodeIP, String imageFormat,
                         Source source) implements NodeFact {

    /** A node-config without {@code imageConfig.format}. */
    public NodeConfig(String node, Integer mtu, String networkPluginName, String nodeIP, Source source) {
        this(node, mtu, networkPluginName, nodeIP, null, source);
    }
}
