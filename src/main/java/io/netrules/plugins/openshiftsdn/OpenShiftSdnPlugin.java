package io.netrules.plugins.openshiftsdn;

import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.plugins.openshiftsdn.parse.JournalParser;
import io.netrules.plugins.openshiftsdn.parse.NodeConfigParser;
import io.netrules.parse.ovs.OvsFlowsParser;
import io.netrules.parse.ovs.OvsPortsDescParser;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NodePath;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * openshift-sdn: pods on OVS bridge {@code br0}, VXLAN ({@code vxlan0}) between nodes, the
 * node's side through {@code tun0}. Its node facts are br0's ports and flows, the node
 * service's journal (3.x {@code origin-node} / {@code atomic-openshift-node}) and 3.x's
 * {@code node-config.yaml}; its rules are {@code rules/openshift-sdn/}.
 */
public final class OpenShiftSdnPlugin implements NetworkPlugin {
    public static final String ID = "openshift-sdn";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "OpenShift SDN";
    }

    /**
     * {@code OpenShiftSDN} (4.x network.config/operator), and 3.x's plugin names
     * {@code redhat/openshift-ovs-subnet}, {@code -multitenant}, {@code -networkpolicy}.
     */
    @Override
    public boolean recognizes(String networkType) {
        String t = networkType.toLowerCase(Locale.ROOT);
        return t.equals("openshiftsdn") || t.startsWith("redhat/openshift-ovs-");
    }

    // In the order the registry listed them before they moved here: the first source of each
    // input is the one the node collector runs.
    private static final List<FactSource> SOURCES = List.of(
            FactSource.command(FactSources.OVS_PORTS, "ovs-ofctl -O OpenFlow13 dump-ports-desc br0",
                    OvsPortsDescParser::new).run(),
            FactSource.command(FactSources.OVS_PORTS, "ovs-ofctl dump-ports-desc br0", OvsPortsDescParser::new),
            // Read the -O OpenFlow13 dump where there is one: sosreport's plain dump of an
            // OpenFlow13-only bridge holds only a version-negotiation error.
            FactSource.command(FactSources.OVS_FLOWS, "ovs-ofctl -O OpenFlow13 dump-flows br0",
                    OvsFlowsParser::new).run(),
            FactSource.command(FactSources.OVS_FLOWS, "ovs-ofctl dump-flows br0", OvsFlowsParser::new),
            FactSource.command(FactSources.JOURNAL, "journalctl --no-pager --unit origin-node",
                    JournalParser::new).runIfUnit(),
            FactSource.command(FactSources.JOURNAL, "journalctl --no-pager --unit atomic-openshift-node",
                    JournalParser::new).runIfUnit(),
            FactSource.copiedFile(FactSources.NODE_CONFIG, "etc/origin/node/node-config.yaml",
                    NodeConfigParser::new).run());

    /**
     * OpenShift 4's openshift-sdn DaemonSet (CNO bindata/network/openshift-sdn/sdn.yaml): host
     * network, the host's OVS socket, iptables and iproute, the host's root at {@code /host}; the
     * registry's node commands all run in its {@code sdn} container.
     */
    @Override
    public io.netrules.plugin.LiveNodePod liveNodePod() {
        return new io.netrules.plugin.LiveNodePod("openshift-sdn", "app", "sdn", List.of(
                new io.netrules.plugin.LiveNodePod.Run("sdn", io.netrules.plugin.LiveNodePod.hostCommands(this))));
    }

    /** openshift-sdn's own API objects. */
    @Override
    public List<String> liveKinds() {
        return List.of(io.netrules.capture.ClusterInputs.HOSTSUBNETS, io.netrules.capture.ClusterInputs.NETNAMESPACES,
                io.netrules.capture.ClusterInputs.CLUSTERNETWORKS);
    }

    @Override
    public List<FactSource> nodeFactSources() {
        return SOURCES;
    }

    private static final List<String> LAYERS = List.of("dns", "router", "route", "service", "endpoints",
            "node-to-node", "local-sdn", "ovs", "iptables", "mtu", "egress-dns");

    /** The node's HostSubnet, its primary interface and MTU, and tun0's MTU (the SDN MTU as the node runs it). */
    @Override
    public List<io.netrules.plugin.NodeColumn> nodeColumns() {
        return List.of(new io.netrules.plugin.NodeColumn("subnet", v -> v.clusterFacts(io.netrules.model.HostSubnet.class)
                        .stream().filter(h -> v.node().equals(h.host())).map(io.netrules.model.HostSubnet::subnet)
                        .findFirst().orElse(null)),
                io.netrules.plugin.NodeColumn.PRIMARY_INTERFACE, io.netrules.plugin.NodeColumn.PRIMARY_MTU,
                io.netrules.plugin.NodeColumn.interfaceMtu("tun0"));
    }

    @Override
    public List<String> layers() {
        return LAYERS;
    }

    private static final NodePath PATH = new NodePath(
            List.of(new NodePath.Hop("node-to-node", "node to node"), new NodePath.Hop("br0", "br0"),
                    new NodePath.Hop("vxlan0", "vxlan0"), new NodePath.Hop("tun0", "tun0")),
            // OVS as a whole is the bridge; the node's kernel side of the SDN (routes through
            // tun0, forwarding, the FORWARD chain) is where pod traffic meets tun0; the MTU is
            // a matter of the VXLAN overhead.
            Map.of("node-to-node", "node-to-node", "ovs", "br0", "local-sdn", "tun0", "iptables", "tun0",
                    "mtu", "vxlan0"),
            // Rule IDs whose subject is one port of br0, or a pod, rather than the bridge as a whole.
            Map.of("NR-OVS-002", "vxlan0",   // br0 has no vxlan0 port
                    "NR-OVS-005", "vxlan0",   // no VXLAN flows for a peer
                    "NR-OVS-007", "vxlan0",   // flows point at a tunnel address no HostSubnet has
                    "NR-OVS-003", "tun0",     // br0 has no tun0 port
                    "NR-MTU-002", "tun0",     // tun0's MTU differs from the SDN MTU
                    "NR-OVS-004", "pod",      // a pod's flows use a port br0 does not have
                    "NR-OVS-006", "pod"),     // a running pod lacks its flows
            "br0");

    @Override
    public NodePath nodePath() {
        return PATH;
    }
}
