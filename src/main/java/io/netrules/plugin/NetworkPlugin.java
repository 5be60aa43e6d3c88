package io.netrules.plugin;

import io.netrules.capture.FactSource;

import java.util.List;

/**
 * A cluster network plugin (openshift-sdn, OVN-Kubernetes, ...) as netrules sees it: a place in
 * the tree, never a branch in the core. A plugin names itself, says which network type names of
 * the cluster's own configuration are its, and brings what only it has: the node fact sources
 * of its own tools and files, the layers its rules report (in traffic-path order), and the
 * per-node hops of its traffic path for the HTML picture. Its rules live in
 * {@code rules/<id>/}; the core finds plugins with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.netrules.plugin.NetworkPlugin}), see {@link NetworkPlugins}.
 */
public interface NetworkPlugin {

    /** The plugin's ID: its rules folder's name under {@code rules/} and the {@code @plugin} value, e.g. {@code openshift-sdn}. */
    String id();

    /** The name people know it by, e.g. {@code OpenShift SDN}. */
    String displayName();

    /**
     * Whether a network type, as the cluster declares it, is this plugin: the
     * {@code networkType} of {@code network.config}/{@code network.operator}
     * ({@code OpenShiftSDN}, {@code OVNKubernetes}), or a 3.x {@code pluginName} /
     * node-config {@code networkPluginName} ({@code redhat/openshift-ovs-subnet}).
     */
    boolean recognizes(String networkType);

    /**
     * The node fact sources only this plugin has (its bridge's flow dump, its node service's
     * journal, its config files). The core registry ({@code FactSources}) holds the generic ones
     * (ip, sysctl, iptables, ovs-vsctl) and adds these.
     */
    List<FactSource> nodeFactSources();

    /**
     * Node facts that do not come from the node's own folder (a database archive of a
     * must-gather, a cluster-level database split by node, identities read from every node),
     * prepared once per capture. The core calls it only when the capture's network plugin is
     * this one; the default adds nothing.
     */
    default NodeExtras nodeExtras(PluginCapture capture) {
        return NodeExtras.NONE;
    }

    /**
     * Folders under a capture's {@code cluster/} that hold this plugin's own files (read by its
     * {@link #nodeExtras}), e.g. {@code ovn} for {@code cluster/ovn/}: not "unknown" to the reader.
     */
    default java.util.Set<String> clusterFolders() {
        return java.util.Set.of();
    }

    /**
     * The columns of the report's node table between the node's address and its findings, in
     * order: what tells this plugin's nodes apart (openshift-sdn: the HostSubnet and tun0's MTU;
     * OVN-Kubernetes: the node subnet, zone and gateway mode, ovn-k8s-mp0's MTU). The default: the
     * primary interface and its MTU.
     */
    default List<NodeColumn> nodeColumns() {
        return NodeColumn.PRIMARY;
    }

    /**
     * The layers of the report in traffic-path order, client to pod, the plugin-agnostic ones
     * ({@code dns}, {@code router}, {@code service}, ...) where this plugin's path meets them. A
     * tie between layers goes to the one listed first.
     */
    List<String> layers();

    /**
     * The cluster-scope inputs this plugin derives from the cluster objects (e.g. a deployment
     * mode), which rules may name in {@code @requires}; they are collected only through
     * {@link #clusterFacts}.
     */
    default List<String> clusterInputs() {
        return List.of();
    }

    /**
     * The node-scope inputs this plugin derives from the cluster objects (e.g. a node's gateway
     * mode from its annotation), set per node through {@link #clusterFacts} or its node extras.
     */
    default List<String> derivedNodeInputs() {
        return List.of();
    }

    /**
     * The cluster kinds live mode reads for this plugin, besides the core's (nodes, pods,
     * services, endpoints, routes) and network.config (read first, to find the plugin): input
     * names of {@code io.netrules.capture.ClusterInputs}, listed; {@code input/name} (or
     * {@code input/namespace/name}, several separated by commas) reads only those objects by name.
     */
    default List<String> liveKinds() {
        return List.of();
    }

    /**
     * Live mode writes listed objects without their annotations (kubectl's last-applied
     * configuration can hold whole manifests, Secrets included), except those whose key starts
     * with one of these prefixes: annotations the plugin's rules read and that hold no secret
     * (OVN-Kubernetes: {@code k8s.ovn.org/}).
     */
    default List<String> liveAnnotationPrefixes() {
        return List.of();
    }

    /**
     * The plugin's own pod on each node where live mode can run the node commands when netrules'
     * collector DaemonSet is not there (OpenShift 4 only); null: none.
     */
    default LiveNodePod liveNodePod() {
        return null;
    }

    /**
     * Live mode with {@code --exec-collect}, once per cluster after the nodes' pods: what the
     * plugin reads beside them (OVN-Kubernetes legacy mode: the central databases and their RAFT
     * status from the ovnkube-master pods; container logs). The default reads nothing.
     */
    default void liveCollect(LiveCluster cluster) {
    }

    /** What to name in a report for a missing input of {@link #clusterInputs} (its source), or null. */
    default String clusterInputFile(String input) {
        return null;
    }

    /**
     * The plugin's cluster facts, run once per capture for the detected plugin only, after the
     * cluster objects are read: the plugin maps the objects it needs ({@link ClusterObjects}) to
     * its own records and derived facts, says which sessions get each one, and sets the inputs it
     * derives ({@link ClusterFactSink}). The core maps no plugin's objects itself.
     */
    default void clusterFacts(ClusterObjects objects, ClusterFactSink sink) {
    }

    /** The per-node part of the HTML traffic path, and where each layer's and rule's findings sit on it. */
    NodePath nodePath();
}
