package io.netrules.plugins.ovnkubernetes.wire;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import static io.netrules.plugins.ovnkubernetes.wire.OvnDbFile.ref;

/**
 * A synthetic interconnect must-gather of N nodes for the scale bench and its test-sized test:
 * {@code network_logs/ovnk_database_store.tar.gz} with each ovnkube-node pod's standalone NB and
 * SB ({@link OvnTopology}'s zone, plus {@code pods} pod ports on the node switch and every
 * service's load balancer in the cluster LB group), and the cluster objects that agree (nodes with
 * their {@code k8s.ovn.org} zone/chassis/subnet annotations, the ovnkube-node pods, the pods,
 * services and EndpointSlices of namespace {@code demo}, network.config OVNKubernetes).
 *
 * <p>Faults at known places ({@link Fault}), so that a run can say which were read and found.
 * Objects as the API gives them, written as JSON (which is YAML) in must-gather's paths.
 */
public final class SyntheticOvnMustGather {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The injected faults: where they are, so a check can look for exactly them. */
    record Fault(String kind, String node, String detail) {
    }

    final List<String> nodes = new ArrayList<>();
    final int pods;
    final int services;
    final List<Fault> faults = new ArrayList<>();
    long storeBytes;

    public SyntheticOvnMustGather(int nodeCount, int pods, int services) {
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(String.format("worker-%03d", i));
        }
        this.pods = pods;
        this.services = services;
        if (nodeCount >= 7) {
            faults.add(new Fault("lsp-missing", nodes.get(1), podPortName(nodes.get(1), 3)));
            faults.add(new Fault("transit-port-missing", nodes.get(2), "tstor-" + nodes.get(3)));
            faults.add(new Fault("stale-lb-backend", nodes.get(4), "Service_demo/svc-0_TCP_cluster 10.131.255.99:8080"));
            faults.add(new Fault("wrong-encap-ip", nodes.get(5), "chassis of " + nodes.get(6) + " encap 10.99.0.1"));
        }
    }

    static String podName(String node, int k) {
        return "web-" + node + "-" + k;
    }

    static String podPortName(String node, int k) {
        return "demo_" + podName(node, k);
    }

    /** Node i's pod subnet: 10.128.0.0/14 cut in /23s, as ovn-kubernetes hands them out. */
    String subnet(int i) {
        return "10." + (128 + (2 * i) / 256) + "." + ((2 * i) % 256) + ".0/23";
    }

    String podIp(int i, int k) {
        int base = 2 * i;
        return "10." + (128 + base / 256) + "." + (base % 256) + "." + (10 + k);
    }

    /** Node i's address in a /16 of 100.x: base 100.88 (transit switch) or 100.64 (join), host i + 2. */
    static String hostIn(String net, int i) {
        int h = i + 2;
        return net + (h / 256) + "." + (h % 256);
    }

    static String transitIp(int i) {
        return hostIn("100.88.", i);
    }

    static String joinIp(int i) {
        return hostIn("100.64.", i);
    }

    /** A MAC ovn-kubernetes derives from an IPv4 address (0a:58 then the address's bytes). */
    static String mac(String ip) {
        StringBuilder b = new StringBuilder("0a:58");
        for (String part : ip.split("\\.")) {
            b.append(String.format(":%02x", Integer.parseInt(part)));
        }
        return b.toString();
    }

    /** Node i's address on the machine network (InternalIP, encap IP, gateway router). */
    static String hostIp(int i) {
        return "192.168." + (1 + i / 250) + "." + (10 + i % 250);
    }

    /** The first addresses of node i's pod subnet: .1 the router port, .2 the management port. */
    String subnetHost(int i, int host) {
        return subnet(i).substring(0, subnet(i).lastIndexOf('.')) + "." + host;
    }

    static String serviceIp(int s) {
        return "172.30." + (s / 250) + "." + (2 + s % 250);
    }

    /** The backend of service s: a pod of node s mod N. */
    String backend(int s) {
        return podIp(s % nodes.size(), s % pods) + ":8080";
    }

    private boolean hasTransitFault(String node, String other) {
        return faults.stream().anyMatch(f -> f.kind().equals("transit-port-missing") && f.node().equals(node)
                && f.detail().equals("tstor-" + other));
    }

    private boolean hasFault(String kind, String node) {
        return faults.stream().anyMatch(f -> f.kind().equals(kind) && f.node().equals(node));
    }

    /** Writes the must-gather under {@code root}; returns its image folder. */
    public Path write(Path root) throws IOException {
        Path mg = OvnNodeDataTest.mustGather(root);
        Path csr = mg.resolve("cluster-scoped-resources");
        Files.createDirectories(csr.resolve("core"));
        Files.createDirectories(csr.resolve("config.openshift.io"));
        writeList(csr.resolve("config.openshift.io/networks.yaml"), List.of(Map.of(
                "apiVersion", "config.openshift.io/v1", "kind", "Network", "metadata", Map.of("name", "cluster"),
                "spec", Map.of("networkType", "OVNKubernetes", "clusterNetwork",
                        List.of(Map.of("cidr", "10.128.0.0/14", "hostPrefix", 23)), "serviceNetwork", List.of("172.30.0.0/16")),
                "status", Map.of("networkType", "OVNKubernetes", "clusterNetworkMTU", 1400))));
        List<Object> nodeObjects = new ArrayList<>();
        List<Object> ovnkPods = new ArrayList<>();
        List<Object> demoPods = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String n = nodes.get(i);
            Map<String, Object> ann = new LinkedHashMap<>();
            ann.put("k8s.ovn.org/zone-name", n);
            ann.put("k8s.ovn.org/node-chassis-id", OvnTopology.systemId(n));
            ann.put("k8s.ovn.org/node-subnets", "{\"default\":[\"" + subnet(i) + "\"]}");
            ann.put("k8s.ovn.org/node-id", String.valueOf(i + 2));
            ann.put("k8s.ovn.org/node-transit-switch-port-ifaddr", "{\"ipv4\":\"" + transitIp(i) + "/16\"}");
            ann.put("k8s.ovn.org/node-gateway-router-lrp-ifaddrs", "{\"default\":{\"ipv4\":\"" + joinIp(i) + "/16\"}}");
            ann.put("k8s.ovn.org/node-primary-ifaddr", "{\"ipv4\":\"" + hostIp(i) + "/16\"}");
            ann.put("k8s.ovn.org/host-cidrs", "[\"" + hostIp(i) + "/16\"]");
            ann.put("k8s.ovn.org/l3-gateway-config", "{\"default\":{\"mode\":\"shared\",\"bridge-id\":\"br-ex\",\"interface-id\":\"br-ex_" + n
                    + "\",\"ip-addresses\":[\"" + hostIp(i) + "/16\"],\"next-hops\":[\"192.168.0.1\"]}}");
            nodeObjects.add(Map.of("apiVersion", "v1", "kind", "Node",
                    "metadata", Map.of("name", n, "annotations", ann, "labels", Map.of("kubernetes.io/hostname", n,
                            "kubernetes.io/os", "linux", "node-role.kubernetes.io/worker", "")),
                    "status", Map.of("addresses", List.of(Map.of("type", "InternalIP", "address", hostIp(i))),
                            "conditions", List.of(Map.of("type", "Ready", "status", "True")))));
            ovnkPods.add(pod("openshift-ovn-kubernetes", "ovnkube-node-" + n, n, hostIp(i), true));
            for (int k = 0; k < pods; k++) {
                demoPods.add(pod("demo", podName(n, k), n, podIp(i, k), false));
            }
        }
        // Interconnect's cluster manager (ovnkube-control-plane), on the first node.
        ovnkPods.add(pod("openshift-ovn-kubernetes", "ovnkube-control-plane-7f9c8d-abcde", nodes.get(0), hostIp(0), true));
        writeList(csr.resolve("core/nodes.yaml"), nodeObjects);
        Path ovnNs = mg.resolve("namespaces/openshift-ovn-kubernetes/core");
        Files.createDirectories(ovnNs);
        writeList(ovnNs.resolve("pods.yaml"), ovnkPods);
        Path demo = mg.resolve("namespaces/demo");
        Files.createDirectories(demo.resolve("core"));
        Files.createDirectories(demo.resolve("discovery.k8s.io"));
        Files.writeString(demo.resolve("demo.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n");
        writeList(demo.resolve("core/pods.yaml"), demoPods);
        List<Object> svcs = new ArrayList<>();
        List<Object> slices = new ArrayList<>();
        List<Object> endpoints = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            String name = "svc-" + s;
            svcs.add(Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", name, "namespace", "demo"),
                    "spec", Map.of("type", "ClusterIP", "clusterIP", serviceIp(s), "clusterIPs", List.of(serviceIp(s)),
                            "ports", List.of(Map.of("name", "http", "port", 80, "protocol", "TCP", "targetPort", 8080)),
                            "selector", Map.of("app", podName(nodes.get(s % nodes.size()), s % pods)))));
            String[] be = backend(s).split(":");
            int node = s % nodes.size();
            slices.add(Map.of("apiVersion", "discovery.k8s.io/v1", "kind", "EndpointSlice", "addressType", "IPv4",
                    "metadata", Map.of("name", name + "-abcde", "namespace", "demo",
                            "labels", Map.of("kubernetes.io/service-name", name)),
                    "endpoints", List.of(Map.of("addresses", List.of(be[0]), "conditions", Map.of("ready", true),
                            "nodeName", nodes.get(node), "targetRef", Map.of("kind", "Pod", "name",
                                    podName(nodes.get(node), s % pods), "namespace", "demo"))),
                    "ports", List.of(Map.of("name", "http", "port", 8080, "protocol", "TCP"))));
            // oc adm inspect gathers a namespace's Endpoints too (core/endpoints.yaml).
            endpoints.add(Map.of("apiVersion", "v1", "kind", "Endpoints", "metadata", Map.of("name", name, "namespace", "demo"),
                    "subsets", List.of(Map.of("addresses", List.of(Map.of("ip", be[0], "nodeName", nodes.get(node),
                                    "targetRef", Map.of("kind", "Pod", "name", podName(nodes.get(node), s % pods),
                                            "namespace", "demo"))),
                            "ports", List.of(Map.of("name", "http", "port", 8080, "protocol", "TCP"))))));
        }
        writeList(demo.resolve("core/endpoints.yaml"), endpoints);
        writeList(demo.resolve("core/services.yaml"), svcs);
        writeList(demo.resolve("discovery.k8s.io/endpointslices.yaml"), slices);
        writeStore(mg.resolve("network_logs/ovnk_database_store.tar.gz"));
        // A must-gather holds no node's OVS settings: a support engineer attaches what the nodes
        // in question give (here their Open_vSwitch row, as a sosreport's or netrules' node folder
        // holds it), the nodes of the wrong-encap fault.
        for (Fault f : faults) {
            if (f.kind().equals("wrong-encap-ip")) {
                int i = nodes.indexOf(f.node());
                writeOvsOpenVswitch(root, i);
                writeOvsOpenVswitch(root, i + 1);
            }
        }
        return mg;
    }

    /** {@code nodes/<node>/ovs-vsctl_-t_5_list_Open_vSwitch} as an interconnect node's OVS gives it. */
    private void writeOvsOpenVswitch(Path root, int i) throws IOException {
        String n = nodes.get(i);
        Path dir = root.resolve("nodes").resolve(n);
        Files.createDirectories(dir);
        String uuid = java.util.UUID.nameUUIDFromBytes(("ovs/" + n).getBytes()).toString();
        Files.writeString(dir.resolve("ovs-vsctl_-t_5_list_Open_vSwitch"), String.join("\n",
                "_uuid               : " + uuid,
                "bridges             : []",
                "cur_cfg             : 42",
                "datapath_types      : [netdev, system]",
                "datapaths           : {}",
                "db_version          : \"8.3.1\"",
                "dpdk_initialized    : false",
                "dpdk_version        : []",
                "external_ids        : {hostname=" + n + ", ovn-bridge-mappings=\"physnet:br-ex\", ovn-encap-ip=\""
                        + hostIp(i) + "\", ovn-encap-type=geneve, ovn-is-interconn=\"true\", ovn-monitor-all=\"true\","
                        + " ovn-remote=\"unix:/var/run/ovn/ovnsb_db.sock\", rundir=\"/var/run/openvswitch\", system-id=\""
                        + OvnTopology.systemId(n) + "\"}",
                "iface_types         : [geneve, internal, patch, system, tap, vxlan]",
                "manager_options     : []",
                "next_cfg            : 42",
                "other_config        : {bundle-idle-timeout=\"180\", vlan-limit=\"0\"}",
                "ovs_version         : \"3.1.5\"",
                "ssl                 : []",
                "statistics          : {}",
                "system_type         : rhcos",
                "system_version      : \"4.16\"", ""));
    }

    private Map<String, Object> pod(String ns, String name, String node, String ip, boolean hostNetwork) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeName", node);
        spec.put("hostNetwork", hostNetwork);
        spec.put("containers", List.of(Map.of("name", container(name, hostNetwork), "image", "registry/x:1")));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("namespace", ns);
        // Each service selects its backend's pod alone (backend(s)): 2000 services that all selected
        // every pod would make NR-SVC-001's accumulate 2000 x 15000 pairs, a shape no real cluster has.
        meta.put("labels", Map.of("app", !hostNetwork ? name
                : name.startsWith("ovnkube-control-plane") ? "ovnkube-control-plane" : "ovnkube-node"));
        if (!hostNetwork) {
            int cut = ip.lastIndexOf('.');
            meta.put("annotations", Map.of("k8s.ovn.org/pod-networks", "{\"default\":{\"ip_addresses\":[\"" + ip
                    + "/23\"],\"mac_address\":\"" + mac(ip) + "\",\"gateway_ips\":[\"" + ip.substring(0, cut) + ".1\"]}}"));
        }
        return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", meta, "spec", spec,
                "status", Map.of("phase", "Running", "podIP", ip, "podIPs", List.of(Map.of("ip", ip)), "hostIP",
                        hostIp(nodes.indexOf(node)),
                        "containerStatuses", List.of(Map.of("name", container(name, hostNetwork),
                                "ready", true, "restartCount", 0, "state", Map.of("running", Map.of())))));
    }

    private static String container(String pod, boolean hostNetwork) {
        return !hostNetwork ? "web" : pod.startsWith("ovnkube-control-plane") ? "ovnkube-cluster-manager" : "ovnkube-controller";
    }

    private static void writeList(Path file, List<Object> items) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(JSON.writeValueAsBytes(Map.of("apiVersion", "v1", "kind", "List", "items", items)));
            out.write('\n'); // a file without a last line end is taken as cut short, as oc's never is
        }
    }

    /** One zone's NB: OvnTopology's rows, the node's pods' ports, every service's load balancer. */
    OvnDbFile nb(int i) {
        String n = nodes.get(i);
        OvnDbFile nb = OvnTopology.icNb(nodes, n);
        // OvnTopology's rows, made to agree with this cluster's addresses (its own are for a few
        // nodes only) and without its demo/web pod and service, which this cluster has not.
        nb.remove("Logical_Switch_Port", OvnTopology.podPort(n)).remove("Load_Balancer", "lb-cluster");
        nb.row("Logical_Switch_Port", "k8s-" + n, "name", "k8s-" + n,
                "addresses", List.of(mac(subnetHost(i, 2)) + " " + subnetHost(i, 2)));
        nb.row("Logical_Router_Port", "rtos-" + n, "name", "rtos-" + n, "mac", mac(subnetHost(i, 1)),
                "networks", List.of(subnetHost(i, 1) + "/23"));
        nb.row("Logical_Router_Port", "rtoj-GR_" + n, "name", "rtoj-GR_" + n, "mac", mac(joinIp(i)),
                "networks", List.of(joinIp(i) + "/16"));
        nb.row("Logical_Router_Port", "rtoe-GR_" + n, "name", "rtoe-GR_" + n, "mac", "52:54:00:00:"
                        + String.format("%02x:%02x", i / 256, i % 256), "networks", List.of(hostIp(i) + "/16"));
        nb.row("Logical_Router_Static_Route", "default-route-" + n, "ip_prefix", "0.0.0.0/0",
                "nexthop", "192.168.0.1", "output_port", "rtoe-GR_" + n);
        nb.row("Load_Balancer", "lb-node-router-" + n, "name", "Service_default/np_TCP_node_router_" + n,
                "protocol", "tcp", "vips", Map.of(hostIp(i) + ":30080", backend(0)));
        // Interconnect (zone_ic_handler.go): this node's side of transit_switch (tstor-<n> to
        // rtots-<n>), a remote port per other node with its transit address, chassis and tunnel
        // key, and on ovn_cluster_router a route per other node to its subnet and its gateway
        // router's join address via its transit address.
        List<Object> transit = new ArrayList<>();
        List<Object> routes = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            String other = nodes.get(j);
            if (j == i) {
                nb.row("Logical_Switch_Port", "tstor-" + n, "name", "tstor-" + n, "type", "router",
                        "options", Map.of("router-port", "rtots-" + n));
            } else {
                nb.row("Logical_Switch_Port", "tstor-" + other, "name", "tstor-" + other, "type", "remote",
                        "addresses", List.of(mac(transitIp(j)) + " " + transitIp(j) + "/16"),
                        "options", Map.of("requested-chassis", other, "requested-tnl-key", String.valueOf(j + 2)),
                        "external_ids", Map.of("node", other));
                nb.row("Logical_Router_Static_Route", "ic-subnet-" + other, "ip_prefix", subnet(j),
                        "nexthop", transitIp(j), "external_ids", Map.of("ic-node", other));
                nb.row("Logical_Router_Static_Route", "ic-join-" + other, "ip_prefix", joinIp(j) + "/32",
                        "nexthop", transitIp(j), "external_ids", Map.of("ic-node", other));
                routes.add(ref("ic-subnet-" + other));
                routes.add(ref("ic-join-" + other));
            }
            if (!hasTransitFault(n, other)) {
                transit.add(ref("tstor-" + other));
            } else {
                nb.remove("Logical_Switch_Port", "tstor-" + other);
            }
        }
        nb.row("Logical_Switch", "transit_switch", "name", "transit_switch", "ports", transit,
                "other_config", Map.of("interconn-ts", "transit_switch", "requested-tnl-key", "16711683"));
        nb.row("Logical_Router_Port", "rtots-" + n, "name", "rtots-" + n, "mac", mac(transitIp(i)),
                "networks", List.of(transitIp(i) + "/16"));
        // Shared gateway mode (gateway.go): the node subnet's egress to its gateway router's join
        // address, and the gateway router's way back to the cluster network.
        nb.row("Logical_Router_Static_Route", "src-ip-" + n, "ip_prefix", subnet(i), "nexthop", joinIp(i),
                "policy", "src-ip");
        routes.add(ref("src-ip-" + n));
        nb.row("Logical_Router", "ovn_cluster_router", "name", "ovn_cluster_router",
                "ports", List.of(ref("rtos-" + n), ref("rtoj-ovn_cluster_router"), ref("rtots-" + n)),
                "static_routes", routes);
        nb.row("Logical_Router_Static_Route", "cluster-route-" + n, "ip_prefix", "10.128.0.0/14", "nexthop", "100.64.0.1");
        nb.row("Logical_Router", "GR_" + n, "name", "GR_" + n,
                "ports", List.of(ref("rtoj-GR_" + n), ref("rtoe-GR_" + n)),
                "static_routes", List.of(ref("default-route-" + n), ref("cluster-route-" + n)),
                "options", Map.of("chassis", OvnTopology.systemId(n), "lb_force_snat_ip", "router_ip"));
        List<Object> ports = new ArrayList<>(List.of(ref("k8s-" + n), ref("stor-" + n)));
        for (int k = 0; k < pods; k++) {
            if (hasFault("lsp-missing", n) && k == 3) {
                continue;
            }
            String lsp = podPortName(n, k);
            nb.row("Logical_Switch_Port", lsp, "name", lsp,
                    "addresses", List.of(mac(podIp(i, k)) + " " + podIp(i, k)),
                    "external_ids", Map.of("namespace", "demo", "pod", "true"));
            ports.add(ref(lsp));
        }
        nb.row("Logical_Switch", n, "name", n, "ports", ports, "other_config", Map.of("subnet", subnet(i)),
                "load_balancer_group", List.of(ref("clusterLBGroup")));
        List<Object> lbs = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            String backend = s == 0 && hasFault("stale-lb-backend", n) ? "10.131.255.99:8080" : backend(s);
            nb.row("Load_Balancer", "lb-svc-" + s, "name", "Service_demo/svc-" + s + "_TCP_cluster", "protocol", "tcp",
                    "vips", Map.of(serviceIp(s) + ":80", backend),
                    "external_ids", Map.of("k8s.ovn.org/kind", "Service", "k8s.ovn.org/owner", "demo/svc-" + s));
            lbs.add(ref("lb-svc-" + s));
        }
        nb.row("Load_Balancer_Group", "clusterLBGroup", "name", "clusterLBGroup", "load_balancer", lbs);
        return nb;
    }

    /**
     * One zone's SB: every node's chassis (this node's local, the others remote, each with its
     * node's address as encap IP), the bindings of this node's pod ports and, bound to the other
     * nodes' chassis, of its remote transit ports.
     */
    OvnDbFile sb(int i) {
        String n = nodes.get(i);
        OvnDbFile sb = OvnDbFile.sb();
        sb.row("SB_Global", "sb_global", "options", Map.of("mac_prefix", "0a:58:0a"));
        for (int j = 0; j < nodes.size(); j++) {
            String other = nodes.get(j);
            String ip = hasFault("wrong-encap-ip", n) && j == i + 1 ? "10.99.0.1" : hostIp(j);
            sb.row("Encap", "encap-" + other, "type", "geneve", "ip", ip, "chassis_name", OvnTopology.systemId(other),
                    "options", Map.of("csum", "true"));
            sb.row("Chassis", "chassis-" + other, "name", OvnTopology.systemId(other), "hostname", other,
                    "encaps", List.of(ref("encap-" + other)),
                    "other_config", j != i ? Map.of("is-remote", "true") : Map.of("ovn-cms-options", "enable-chassis-as-gw"));
        }
        sb.row("Datapath_Binding", "dp-" + n, "tunnel_key", 1L, "external_ids", Map.of("name", n, "logical-switch", "x"));
        sb.row("Datapath_Binding", "dp-transit", "tunnel_key", 16711683L,
                "external_ids", Map.of("name", "transit_switch", "logical-switch", "y"));
        for (int k = 0; k < pods; k++) {
            if (hasFault("lsp-missing", n) && k == 3) {
                continue;
            }
            String lsp = podPortName(n, k);
            sb.row("Port_Binding", "pb-" + lsp, "logical_port", lsp, "datapath", ref("dp-" + n),
                    "chassis", ref("chassis-" + n), "tunnel_key", 10L + k, "up", true,
                    "mac", List.of(mac(podIp(i, k)) + " " + podIp(i, k)));
        }
        for (int j = 0; j < nodes.size(); j++) {
            String other = nodes.get(j);
            if (j != i && !hasTransitFault(n, other)) {
                sb.row("Port_Binding", "pb-tstor-" + other, "logical_port", "tstor-" + other, "type", "remote",
                        "datapath", ref("dp-transit"), "chassis", ref("chassis-" + other), "tunnel_key", (long) j + 2,
                        "up", true,
                        "mac", List.of(mac(transitIp(j)) + " " + transitIp(j) + "/16"));
            }
        }
        return sb;
    }

    private void writeStore(Path file) throws IOException {
        storeBytes = 0;
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < nodes.size(); i++) {
                String pod = "ovnkube-node-" + nodes.get(i);
                member(tar, pod + "_nbdb", nb(i).standalone());
                member(tar, pod + "_sbdb", sb(i).standalone());
            }
        }
    }

    private void member(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry("ovnk_database_store/" + name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
        storeBytes += content.length;
    }
}
