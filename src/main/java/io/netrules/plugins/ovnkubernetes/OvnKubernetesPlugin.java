package io.netrules.plugins.ovnkubernetes;

import io.netrules.capture.ClusterInputs;
import io.netrules.capture.FactSource;
import io.netrules.plugin.ClusterFactSink;
import io.netrules.plugin.ClusterObjects;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NodeExtras;
import io.netrules.plugin.PluginCapture;
import io.netrules.plugins.ovnkubernetes.parse.GeneveLinkParser;
import io.netrules.plugins.ovnkubernetes.parse.NorthdStatusParser;
import io.netrules.plugins.ovnkubernetes.parse.OvnControllerConnectionParser;
import io.netrules.plugins.ovnkubernetes.parse.OvsInterfaceParser;
import io.netrules.plugins.ovnkubernetes.parse.OvsOpenVswitchParser;
import io.netrules.plugins.ovnkubernetes.parse.XfrmStateParser;
import io.netrules.plugins.ovnkubernetes.wire.OvnNodeData;
import io.netrules.plugins.ovnkubernetes.cluster.OvnClusterFacts;
import io.netrules.plugin.NodePath;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OVN-Kubernetes: pods on {@code br-int}, OVN's logical switches and routers, Geneve between
 * nodes, the gateway router and {@code br-ex} for egress. Its node fact sources (OVS rows,
 * Geneve links, IPsec states, northd and ovn-controller status), its node extras (each node's
 * NB/SB rows: its own zone's databases in interconnect mode, the central database split by node
 * in legacy mode; the OVS identities of every node; foreign port claims; the ovnkube-node
 * container logs of a must-gather: {@link OvnNodeData}), its layers (ovn-rule-catalogue.md
 * "Layers"); its rules are {@code rules/ovn-kubernetes/}.
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

    /** Node inputs of the OVN catalogue (brief "Input names"): what {@code @requires} names. */
    public static final String OVN_NB = "ovn-nb";
    public static final String OVN_SB = "ovn-sb";
    public static final String OVS_OPEN_VSWITCH = "ovs-open_vswitch";
    public static final String OVS_INTERFACE = "ovs-interface";
    /**
     * Derived: the other nodes' {@code ovn-encap-ip}, from the node folders' {@code ovs-open_vswitch}
     * (the OvsIdentity pre-pass); not collected when no node of the capture gives one (a
     * must-gather alone), so that a rule comparing a peer's chassis with it is not evaluated.
     */
    public static final String PEER_ENCAP_IPS = "peer-ovn-encap-ip";
    public static final String IP_LINK = "ip-link";
    public static final String XFRM_STATE = "xfrm-state";
    public static final String NORTHD_STATUS = "northd-status";
    public static final String OVNCTL_CONN = "ovnctl-conn";
    public static final String LOGS_OVN_CONTROLLER = "logs:ovn-controller";
    public static final String LOGS_OVNKUBE_CONTROLLER = "logs:ovnkube-controller";

    /** The live commands of the node's NB and SB (run in the nbdb/sbdb containers, not on the host). */
    public static final String NB_DUMP = "ovsdb-client -f json dump unix:/var/run/ovn/ovnnb_db.sock OVN_Northbound";
    public static final String SB_DUMP = "ovsdb-client -f json dump unix:/var/run/ovn/ovnsb_db.sock OVN_Southbound";

    private static final String MG_LOGS = "namespaces/openshift-ovn-kubernetes/pods/ovnkube-node-*/";

    // The first source of each input is the one the host collector runs (run()) when it runs one.
    // Not run on the host: the DB dumps and ovn-appctl (on OpenShift the databases, northd and
    // ovn-controller's control sockets are in the ovnkube-node pod's containers; the host's
    // /var/run/ovn does not hold them: live mode execs them in the pod), and ip xfrm state (it
    // prints the IPsec keys; must-gather's network_logs/ipsec/xfrm holds it). The DB files have
    // no parser of their own: a DB is a node's only once its zone is known, which needs the
    // other files too (OvnNodeData reads them).
    private static final List<FactSource> SOURCES = List.of(
            FactSource.command(OVN_NB, NB_DUMP, null),
            FactSource.command(OVN_SB, SB_DUMP, null),
            FactSource.command(OVS_OPEN_VSWITCH, "ovs-vsctl -t 5 list Open_vSwitch", OvsOpenVswitchParser::new).run(),
            FactSource.command(OVS_OPEN_VSWITCH, "ovs-vsctl list Open_vSwitch", OvsOpenVswitchParser::new),
            FactSource.command(OVS_INTERFACE, "ovs-vsctl -t 5 list interface", OvsInterfaceParser::new).run(),
            FactSource.command(OVS_INTERFACE, "ovs-vsctl list interface", OvsInterfaceParser::new),
            FactSource.command(IP_LINK, "ip -d link", GeneveLinkParser::new).run(),
            // sosreport's networking plugin runs "ip -s -d link" (no "ip -d link").
            FactSource.command(IP_LINK, "ip -s -d link", GeneveLinkParser::new),
            FactSource.command(XFRM_STATE, "ip xfrm state", XfrmStateParser::new),
            FactSource.command(NORTHD_STATUS, "ovn-appctl -t ovn-northd status", NorthdStatusParser::new),
            FactSource.command(OVNCTL_CONN, "ovn-appctl -t ovn-controller connection-status",
                    OvnControllerConnectionParser::new),
            // Container logs are not node files: OvnNodeData reads them from a must-gather (the
            // pod's node by spec.nodeName). Named here so that rules can require them and a
            // missing log names where it is looked for.
            FactSource.copiedFile(LOGS_OVN_CONTROLLER, MG_LOGS + "ovn-controller/ovn-controller/logs/current.log", null),
            FactSource.copiedFile(LOGS_OVNKUBE_CONTROLLER,
                    MG_LOGS + "ovnkube-controller/ovnkube-controller/logs/current.log", null));

    @Override
    public List<String> clusterInputs() {
        return List.of(OvnClusterFacts.INSTALL_CONFIG, OvnClusterFacts.OVNKUBE_CONFIG, OvnClusterFacts.RAFT_STATUS,
                OvnClusterFacts.OVN_PODS, OvnClusterFacts.DEPLOYMENT_MODE);
    }

    /**
     * What the OVN cluster facts read (OvnClusterFacts); the two ConfigMaps and the network
     * ClusterOperator by name only (docs/deploy/rbac-ovn-kubernetes.yaml grants just those).
     */
    @Override
    public List<String> liveAnnotationPrefixes() {
        // The nodes' and pods' k8s.ovn.org/* annotations are what the OVN rules read (subnets,
        // chassis, zone, gateway config, pod networks); the egress IP config of cloud nodes too.
        return List.of("k8s.ovn.org/", "cloud.network.openshift.io/egress-ipconfig");
    }

    @Override
    public List<String> liveKinds() {
        return List.of(ClusterInputs.NETWORKOPERATORS, ClusterInputs.ENDPOINTSLICES, ClusterInputs.EVENTS,
                ClusterInputs.EGRESSIPS, ClusterInputs.EGRESSFIREWALLS, ClusterInputs.CLOUDPRIVATEIPCONFIGS,
                ClusterInputs.PODNETWORKCONNECTIVITYCHECKS, ClusterInputs.CLUSTEROPERATORS + "/network",
                ClusterInputs.CLUSTERVERSIONS,
                ClusterInputs.CONFIGMAPS + "/kube-system/cluster-config-v1,openshift-ovn-kubernetes/ovnkube-config");
    }

    /** The node's ovnkube-node pod (CNO bindata/network/ovn-kubernetes/.../ovnkube-node.yaml). */
    public static final String NAMESPACE = "openshift-ovn-kubernetes";

    /**
     * Each node's {@code ovnkube-node} pod: its NB and SB in the nbdb/sbdb containers (interconnect
     * mode: the node's own zone), northd's status in northd, and in ovn-controller (host network,
     * the host's OVS socket) OVS' rows, ovn-controller's connection and the registry's host
     * commands its image has (a missing tool is "not collected", exit 127). A legacy-mode pod has
     * no nbdb/sbdb/northd container: those files are not collected, with the reason.
     */
    @Override
    public io.netrules.plugin.LiveNodePod liveNodePod() {
        List<io.netrules.plugin.LiveNodePod.Command> controller = new java.util.ArrayList<>(
                io.netrules.plugin.LiveNodePod.hostCommands(this));
        controller.add(io.netrules.plugin.LiveNodePod.of(source(OVNCTL_CONN)));
        return new io.netrules.plugin.LiveNodePod(NAMESPACE, "app", "ovnkube-node", List.of(
                new io.netrules.plugin.LiveNodePod.Run("nbdb", List.of(io.netrules.plugin.LiveNodePod.of(source(OVN_NB)))),
                new io.netrules.plugin.LiveNodePod.Run("sbdb", List.of(io.netrules.plugin.LiveNodePod.of(source(OVN_SB)))),
                new io.netrules.plugin.LiveNodePod.Run("northd",
                        List.of(io.netrules.plugin.LiveNodePod.of(source(NORTHD_STATUS)))),
                new io.netrules.plugin.LiveNodePod.Run("ovn-controller", controller)));
    }

    static FactSource source(String input) {
        return SOURCES.stream().filter(s -> s.input().equals(input)).findFirst().orElseThrow();
    }

    /**
     * Legacy mode's central databases, their RAFT status and northd from the ovnkube-master pods,
     * and the ovnkube-node pods' container logs ({@link OvnLiveCollect}).
     */
    @Override
    public void liveCollect(io.netrules.plugin.LiveCluster cluster) {
        OvnLiveCollect.collect(cluster);
    }

    @Override
    public List<String> derivedNodeInputs() {
        // The gateway mode from the cluster facts; the peers' encap IPs from the node extras' pre-pass.
        return List.of(OvnClusterFacts.GATEWAY_MODE, PEER_ENCAP_IPS);
    }

    @Override
    public String clusterInputFile(String input) {
        return switch (input) {
            case OvnClusterFacts.INSTALL_CONFIG -> "ConfigMap kube-system/cluster-config-v1 (cluster/configmaps.json)";
            case OvnClusterFacts.OVNKUBE_CONFIG -> "ConfigMap openshift-ovn-kubernetes/ovnkube-config"
                    + " (cluster/configmaps.json)";
            case OvnClusterFacts.RAFT_STATUS -> "network_logs/leader_ovnnb_status, leader_ovnsb_status"
                    + " (netrules capture: cluster/ovn/)";
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
        return SOURCES;
    }

    /** {@code cluster/ovn/}: a legacy central DB, or any DB file of the cluster (content says NB/SB and zone). */
    @Override
    public java.util.Set<String> clusterFolders() {
        return java.util.Set.of(OvnNodeData.CLUSTER_FOLDER);
    }

    @Override
    public NodeExtras nodeExtras(PluginCapture capture) {
        return OvnNodeData.prepare(capture);
    }

    // The catalogue's path order: the common client-side layers, then OVN's own; local-sdn is
    // where the plugin-agnostic node rules (forwarding, routes) report.
    private static final List<String> LAYERS = List.of("dns", "router", "route", "service", "endpoints",
            "pod-network", "logical-topology", "node-to-node", "mtu", "gateway", "local-ovn", "local-sdn",
            "egress", "egress-dns", "control-plane");

    /**
     * The node's subnet, zone and gateway mode (its k8s.ovn.org annotations), its primary
     * interface and MTU, and the MTU of ovn-k8s-mp0 (the cluster MTU as the node runs it).
     */
    @Override
    public List<io.netrules.plugin.NodeColumn> nodeColumns() {
        return List.of(ovnNodeColumn("subnet", n -> n.subnets().isEmpty() ? null : String.join(", ", n.subnets())),
                ovnNodeColumn("zone", io.netrules.plugins.ovnkubernetes.model.OvnNode::zoneName),
                ovnNodeColumn("gateway mode", io.netrules.plugins.ovnkubernetes.model.OvnNode::gatewayMode),
                io.netrules.plugin.NodeColumn.PRIMARY_INTERFACE, io.netrules.plugin.NodeColumn.PRIMARY_MTU,
                io.netrules.plugin.NodeColumn.interfaceMtu("ovn-k8s-mp0"));
    }

    private static io.netrules.plugin.NodeColumn ovnNodeColumn(String header,
            java.util.function.Function<io.netrules.plugins.ovnkubernetes.model.OvnNode, Object> value) {
        return new io.netrules.plugin.NodeColumn(header, v -> v.clusterFacts(
                io.netrules.plugins.ovnkubernetes.model.OvnNode.class).stream().filter(n -> v.node().equals(n.name()))
                .map(value).filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    @Override
    public List<String> layers() {
        return LAYERS;
    }

    /**
     * The HTML report's path on a node (ovn-rule-catalogue.md "Layers"), read from the far side:
     * traffic from another node arrives over Geneve ({@code genev_sys_6081}) into {@code br-int},
     * where OVN's logical pipeline runs: {@code transit_switch} (interconnect) or the distributed
     * router (legacy) into {@code ovn_cluster_router}, the node's switch {@code <node>}, the pod's
     * logical switch port, the pod. A pod's egress leaves after it: {@code ovn_cluster_router} →
     * {@code join} → {@code GR_<node>} → {@code ext_<node>} / {@code br-ex} → the uplink.
     */
    private static final NodePath PATH = new NodePath(
            List.of(new NodePath.Hop("node-to-node", "Geneve"), new NodePath.Hop("br-int", "br-int"),
                    new NodePath.Hop("cluster-router", "cluster router"),
                    new NodePath.Hop("node-switch", "node switch"), new NodePath.Hop("switch-port", "switch port")),
            // The MTU is a matter of the Geneve overhead. OVS, ovn-controller and the management
            // port (local-ovn) and the control plane that programs them sit on br-int, where the
            // logical path becomes flows; the plugin-agnostic node rules of local-sdn too (their
            // OVN causes are there). EgressIP and EgressFirewall act on the way out.
            Map.of("node-to-node", "node-to-node", "mtu", "node-to-node", "local-ovn", "br-int",
                    "control-plane", "br-int", "local-sdn", "br-int", "logical-topology", "cluster-router",
                    "pod-network", "switch-port", "gateway", "gateway-router", "egress", "gateway-router"),
            // Rule IDs whose subject is one hop rather than their layer's.
            Map.of("NR-OVNTOPO-002", "node-switch",    // the node's switch missing or its subnet wrong
                    "NR-OVNTOPO-003", "node-switch",   // the node's switch not wired to ovn_cluster_router
                    "NR-OVNPOD-001", "pod",            // the pod's address (annotation) badly allocated
                    "NR-OVNPOD-006", "pod",            // the pod's sandbox never got its network
                    "NR-OVNMTU-003", "br-int",         // ovn-k8s-mp0's MTU (a br-int port)
                    "NR-OVNGW-005", "br-ex",           // the gateway bridge not wired (uplink, mappings, patch)
                    "NR-OVNGW-006", "br-ex"),          // the masquerade route and address on the gateway bridge
            "br-int",
            List.of(new NodePath.Hop("gateway-router", "GR / join"), new NodePath.Hop("br-ex", "br-ex")));

    @Override
    public NodePath nodePath() {
        return PATH;
    }
}
