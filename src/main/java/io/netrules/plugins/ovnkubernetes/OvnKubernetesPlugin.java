package io.netrules.plugins.ovnkubernetes;

import io.netrules.capture.FactSource;
import io.netrules.plugin.ClusterFactSink;
import io.netrules.plugin.ClusterObjects;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugins.ovnkubernetes.cluster.OvnClusterFacts;
import io.netrules.plugin.NodePath;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OVN-Kubernetes: pods on {@code br-int}, OVN's logical switches and routers, Geneve between
 * nodes, the gateway router and {@code br-ex} for egress. So far only its identity, its
 * detection and its layers (ovn-rule-catalogue.md "Layers"): its node fact sources and rules
 * ({@code rules/ovn-kubernetes/}) come with the OVN-Kubernetes issue; until then a capture of
 * an OVN-Kubernetes cluster is diagnosed by the plugin-agnostic rules, and openshift-sdn's
 * rules are not applicable to it.
 */
public final class OvnKubernetesPlugin implements NetworkPlugin {
    public static final String ID = "ovn-kubernetes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OVN-Kubernetes";
    }

    /** {@code OVNKubernetes} of network.config/operator (also 3.11's {@code ovn-kubernetes} name). */
    @Override
    public boolean recognizes(String networkType) {
        String t = networkType.toLowerCase(Locale.ROOT);
        return t.equals("ovnkubernetes") || t.equals("ovn-kubernetes");
    }

    @Override
    public List<String> clusterInputs() {
        return List.of(OvnClusterFacts.INSTALL_CONFIG, OvnClusterFacts.OVNKUBE_CONFIG, OvnClusterFacts.RAFT_STATUS,
                OvnClusterFacts.OVN_PODS, OvnClusterFacts.DEPLOYMENT_MODE);
    }

    @Override
    public List<String> derivedNodeInputs() {
        return List.of(OvnClusterFacts.GATEWAY_MODE);
    }

    @Override
    public String clusterInputFile(String input) {
        return switch (input) {
            case OvnClusterFacts.INSTALL_CONFIG -> "ConfigMap kube-system/cluster-config-v1 (cluster/configmaps.json)";
            case OvnClusterFacts.OVNKUBE_CONFIG -> "ConfigMap openshift-ovn-kubernetes/ovnkube-config"
                    + " (cluster/configmaps.json)";
            case OvnClusterFacts.RAFT_STATUS -> "network_logs/leader_ovnnb_status, leader_ovnsb_status";
            case OvnClusterFacts.OVN_PODS -> "pods of openshift-ovn-kubernetes (cluster/pods.json)";
            case OvnClusterFacts.DEPLOYMENT_MODE -> "k8s.ovn.org/zone-name of the nodes (cluster/nodes.json)";
            default -> null;
        };
    }

    /** Nodes', pods', services' and the other cluster objects' OVN facts ({@link OvnClusterFacts}). */
    @Override
    public void clusterFacts(ClusterObjects objects, ClusterFactSink sink) {
        OvnClusterFacts.derive(objects, sink);
    }

    @Override
    public List<FactSource> nodeFactSources() {
        return List.of();
    }

    // The catalogue's path order: the common client-side layers, then OVN's own; local-sdn is
    // where the plugin-agnostic node rules (forwarding, routes) report.
    private static final List<String> LAYERS = List.of("dns", "router", "route", "service", "endpoints",
            "pod-network", "logical-topology", "node-to-node", "mtu", "gateway", "local-ovn", "local-sdn",
            "egress", "egress-dns", "control-plane");

    @Override
    public List<String> layers() {
        return LAYERS;
    }

    private static final NodePath PATH = new NodePath(
            List.of(new NodePath.Hop("node-to-node", "node to node"), new NodePath.Hop("br-int", "br-int"),
                    new NodePath.Hop("genev_sys_6081", "geneve"), new NodePath.Hop("ovn-k8s-mp0", "ovn-k8s-mp0")),
            Map.of("node-to-node", "node-to-node", "logical-topology", "br-int", "control-plane", "br-int",
                    "pod-network", "pod", "mtu", "genev_sys_6081", "local-ovn", "ovn-k8s-mp0",
                    "local-sdn", "ovn-k8s-mp0", "gateway", "ovn-k8s-mp0", "egress", "ovn-k8s-mp0"),
            Map.of(),
            "br-int");

    @Override
    public NodePath nodePath() {
        return PATH;
    }
}
