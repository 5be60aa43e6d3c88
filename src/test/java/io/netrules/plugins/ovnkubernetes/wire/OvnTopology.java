package io.netrules.plugins.ovnkubernetes.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netrules.plugins.ovnkubernetes.wire.OvnDbFile.ref;

/**
 * The databases ovn-kubernetes builds for a cluster of named nodes, in the shape it writes them
 * (names as in ovn-kubernetes' code and a real cluster's NB: node switch {@code <node>} with
 * {@code k8s-<node>}, {@code stor-<node>} and a pod port {@code <ns>_<pod>}, {@code join} with
 * {@code jtor-GR_<node>}, {@code ext_<node>} with {@code etor-GR_<node>} and {@code br-ex_<node>},
 * {@code ovn_cluster_router} with {@code rtos-<node>}, {@code GR_<node>} with {@code rtoj-}/{@code rtoe-}
 * ports and a default route, a cluster-wide load balancer in a group and a per-node
 * {@code ..._node_router_<node>} one): interconnect (one zone's NB/SB per node, other nodes'
 * chassis remote) or legacy (one central NB/SB with every node's rows).
 */
final class OvnTopology {
    private OvnTopology() {
    }

    static String systemId(String node) {
        return java.util.UUID.nameUUIDFromBytes(("chassis/" + node).getBytes()).toString();
    }

    static String podPort(String node) {
        return "demo_web-" + node;
    }

    /** Node i's encap IP. */
    static String encapIp(List<String> nodes, String node) {
        return "10.0.0." + (10 + nodes.indexOf(node));
    }

    /** One zone's NB (interconnect): only {@code node}'s rows, NB_Global.name = node. */
    static OvnDbFile icNb(List<String> nodes, String node) {
        OvnDbFile nb = OvnDbFile.nb();
        nodeRows(nb, nodes, node);
        List<Object> transitPorts = new ArrayList<>();
        for (String other : nodes) {
            nb.row("Logical_Switch_Port", "tstor-" + other, "name", "tstor-" + other,
                    "type", other.equals(node) ? "router" : "remote");
            transitPorts.add(ref("tstor-" + other));
        }
        nb.row("Logical_Switch", "transit_switch", "name", "transit_switch", "ports", transitPorts);
        nb.row("Logical_Switch_Port", "jtor-ovn_cluster_router", "name", "jtor-ovn_cluster_router", "type", "router");
        List<Object> joinPorts = new ArrayList<>(List.of(ref("jtor-GR_" + node), ref("jtor-ovn_cluster_router")));
        nb.row("Logical_Switch", "join", "name", "join", "ports", joinPorts);
        clusterRows(nb, List.of(node));
        nb.row("NB_Global", "nb_global", "name", node, "options", Map.of("mac_prefix", "0a:58:0a"));
        return nb;
    }

    /** The central NB (legacy): every node's rows, NB_Global without a name. */
    static OvnDbFile legacyNb(List<String> nodes) {
        OvnDbFile nb = OvnDbFile.nb();
        List<Object> joinPorts = new ArrayList<>();
        for (String node : nodes) {
            nodeRows(nb, nodes, node);
            joinPorts.add(ref("jtor-GR_" + node));
        }
        nb.row("Logical_Switch_Port", "jtor-ovn_cluster_router", "name", "jtor-ovn_cluster_router", "type", "router");
        joinPorts.add(ref("jtor-ovn_cluster_router"));
        nb.row("Logical_Switch", "join", "name", "join", "ports", joinPorts);
        clusterRows(nb, nodes);
        nb.row("NB_Global", "nb_global", "options", Map.of("mac_prefix", "0a:58:0a"));
        return nb;
    }

    private static void nodeRows(OvnDbFile nb, List<String> nodes, String node) {
        int i = nodes.indexOf(node);
        String subnet = "10.128." + (2 * i) + ".0/23";
        nb.row("Logical_Switch_Port", "k8s-" + node, "name", "k8s-" + node,
                "addresses", List.of("0a:58:0a:80:0" + (2 * i) + ":02 10.128." + (2 * i) + ".2"));
        nb.row("Logical_Switch_Port", "stor-" + node, "name", "stor-" + node, "type", "router",
                "options", Map.of("router-port", "rtos-" + node));
        nb.row("Logical_Switch_Port", podPort(node), "name", podPort(node),
                "addresses", List.of("0a:58:0a:80:0" + (2 * i) + ":05 10.128." + (2 * i) + ".5"),
                "external_ids", Map.of("namespace", "demo", "pod", "true"));
        nb.row("Logical_Switch", node, "name", node,
                "ports", List.of(ref("k8s-" + node), ref("stor-" + node), ref(podPort(node))),
                "other_config", Map.of("subnet", subnet));
        nb.row("Logical_Switch_Port", "jtor-GR_" + node, "name", "jtor-GR_" + node, "type", "router",
                "options", Map.of("router-port", "rtoj-GR_" + node));
        nb.row("Logical_Switch_Port", "etor-GR_" + node, "name", "etor-GR_" + node, "type", "router",
                "options", Map.of("router-port", "rtoe-GR_" + node));
        nb.row("Logical_Switch_Port", "br-ex_" + node, "name", "br-ex_" + node, "type", "localnet",
                "options", Map.of("network_name", "physnet"));
        nb.row("Logical_Switch", "ext_" + node, "name", "ext_" + node,
                "ports", List.of(ref("etor-GR_" + node), ref("br-ex_" + node)));
        nb.row("Logical_Router_Port", "rtoj-GR_" + node, "name", "rtoj-GR_" + node, "mac", "0a:58:64:40:00:0" + (i + 2),
                "networks", List.of("100.64.0." + (i + 2) + "/16"));
        nb.row("Logical_Router_Port", "rtoe-GR_" + node, "name", "rtoe-GR_" + node, "mac", "52:54:00:00:00:0" + (i + 1),
                "networks", List.of("192.168.1." + (10 + i) + "/24"));
        nb.row("Logical_Router_Static_Route", "default-route-" + node, "ip_prefix", "0.0.0.0/0",
                "nexthop", "192.168.1.1", "output_port", "rtoe-GR_" + node);
        nb.row("Logical_Router", "GR_" + node, "name", "GR_" + node,
                "ports", List.of(ref("rtoj-GR_" + node), ref("rtoe-GR_" + node)),
                "static_routes", List.of(ref("default-route-" + node)),
                "options", Map.of("chassis", systemId(node), "lb_force_snat_ip", "router_ip"));
        nb.row("Logical_Router_Port", "rtos-" + node, "name", "rtos-" + node, "mac", "0a:58:0a:80:0" + (2 * i) + ":01",
                "networks", List.of("10.128." + (2 * i) + ".1/23"));
        nb.row("Load_Balancer", "lb-node-router-" + node, "name", "Service_default/np_TCP_node_router_" + node,
                "protocol", "tcp", "vips", Map.of("192.168.1." + (10 + i) + ":30080", "10.128.0.5:8080"));
    }

    private static void clusterRows(OvnDbFile nb, List<String> nodesHere) {
        List<Object> ports = new ArrayList<>();
        for (String n : nodesHere) {
            ports.add(ref("rtos-" + n));
        }
        nb.row("Logical_Router_Port", "rtoj-ovn_cluster_router", "name", "rtoj-ovn_cluster_router",
                "mac", "0a:58:64:40:00:01", "networks", List.of("100.64.0.1/16"));
        ports.add(ref("rtoj-ovn_cluster_router"));
        nb.row("Logical_Router", "ovn_cluster_router", "name", "ovn_cluster_router", "ports", ports);
        nb.row("Load_Balancer", "lb-cluster", "name", "Service_demo/web_TCP_cluster", "protocol", "tcp",
                "vips", Map.of("172.30.0.10:80", "10.128.0.5:8080"));
        nb.row("Load_Balancer_Group", "clusterLBGroup", "name", "clusterLBGroup", "load_balancer",
                List.of(ref("lb-cluster")));
    }

    /** One zone's SB (interconnect): the node's chassis local, the others remote. */
    static OvnDbFile icSb(List<String> nodes, String node) {
        OvnDbFile sb = OvnDbFile.sb();
        sb.row("SB_Global", "sb_global", "options", Map.of("mac_prefix", "0a:58:0a"));
        for (String n : nodes) {
            chassis(sb, nodes, n, !n.equals(node), n);
        }
        binding(sb, node);
        return sb;
    }

    /** The central SB (legacy): every node's chassis local, every pod's binding. */
    static OvnDbFile legacySb(List<String> nodes) {
        OvnDbFile sb = OvnDbFile.sb();
        sb.row("SB_Global", "sb_global", "options", Map.of("mac_prefix", "0a:58:0a"));
        for (String n : nodes) {
            chassis(sb, nodes, n, false, n);
        }
        for (String n : nodes) {
            binding(sb, n);
        }
        return sb;
    }

    static void chassis(OvnDbFile sb, List<String> nodes, String node, boolean remote, String hostname) {
        sb.row("Encap", "encap-" + node, "type", "geneve", "ip", encapIp(nodes, node), "chassis_name", systemId(node),
                "options", Map.of("csum", "true"));
        sb.row("Chassis", "chassis-" + node, "name", systemId(node), "hostname", hostname,
                "encaps", List.of(ref("encap-" + node)),
                "other_config", remote ? Map.of("is-remote", "true") : Map.of("ovn-cms-options", "enable-chassis-as-gw"));
    }

    private static void binding(OvnDbFile sb, String node) {
        sb.row("Datapath_Binding", "dp-" + node, "tunnel_key", 10L + Math.abs(node.hashCode() % 1000),
                "external_ids", Map.of("name", node, "logical-switch", "x"));
        sb.row("Port_Binding", "pb-" + node, "logical_port", podPort(node), "datapath", ref("dp-" + node),
                "chassis", ref("chassis-" + node), "tunnel_key", 3L, "mac", List.of("0a:58:0a:80:00:05 10.128.0.5"));
    }
}
