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

    static String serviceIp(int s) {
        return "172.30." + (s / 250) + "." + (2 + s % 250);
    }

    /** The backend of service s: a pod of node s mod N. */
    String backend(int s) {
        return podIp(s % nodes.size(), s % pods) + ":8080";
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
            ann.put("k8s.ovn.org/l3-gateway-config", "{\"default\":{\"mode\":\"shared\",\"interface-id\":\"br-ex_" + n
                    + "\",\"ip-addresses\":[\"192.168." + (1 + i / 250) + "." + (10 + i % 250) + "/16\"],\"next-hops\":[\"192.168.0.1\"]}}");
            nodeObjects.add(Map.of("apiVersion", "v1", "kind", "Node",
                    "metadata", Map.of("name", n, "annotations", ann, "labels", Map.of("kubernetes.io/hostname", n)),
                    "status", Map.of("addresses", List.of(Map.of("type", "InternalIP", "address",
                            OvnTopology.encapIp(nodes, n))), "conditions", List.of(Map.of("type", "Ready", "status", "True")))));
            ovnkPods.add(pod("openshift-ovn-kubernetes", "ovnkube-node-" + n, n, OvnTopology.encapIp(nodes, n), true));
            for (int k = 0; k < pods; k++) {
                demoPods.add(pod("demo", podName(n, k), n, podIp(i, k), false));
            }
        }
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
        return mg;
    }

    private Map<String, Object> pod(String ns, String name, String node, String ip, boolean hostNetwork) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeName", node);
        spec.put("hostNetwork", hostNetwork);
        spec.put("containers", List.of(Map.of("name", hostNetwork ? "ovnkube-controller" : "web", "image", "registry/x:1")));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        meta.put("namespace", ns);
        // Each service selects its backend's pod alone (backend(s)): 2000 services that all selected
        // every pod would make NR-SVC-001's accumulate 2000 x 15000 pairs, a shape no real cluster has.
        meta.put("labels", Map.of("app", hostNetwork ? "ovnkube-node" : name));
        if (!hostNetwork) {
            int cut = ip.lastIndexOf('.');
            meta.put("annotations", Map.of("k8s.ovn.org/pod-networks", "{\"default\":{\"ip_addresses\":[\"" + ip
                    + "/23\"],\"mac_address\":\"0a:58:0a:80:00:" + String.format("%02x", Integer.parseInt(ip.substring(cut + 1)) % 256)
                    + "\",\"gateway_ips\":[\"" + ip.substring(0, cut) + ".1\"]}}"));
        }
        return Map.of("apiVersion", "v1", "kind", "Pod", "metadata", meta, "spec", spec,
                "status", Map.of("phase", "Running", "podIP", ip, "podIPs", List.of(Map.of("ip", ip)), "hostIP",
                        OvnTopology.encapIp(nodes, node),
                        "containerStatuses", List.of(Map.of("name", hostNetwork ? "ovnkube-controller" : "web",
                                "ready", true, "restartCount", 0, "state", Map.of("running", Map.of())))));
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
        List<Object> ports = new ArrayList<>(List.of(ref("k8s-" + n), ref("stor-" + n), ref(OvnTopology.podPort(n))));
        for (int k = 0; k < pods; k++) {
            if (hasFault("lsp-missing", n) && k == 3) {
                continue;
            }
            String lsp = podPortName(n, k);
            nb.row("Logical_Switch_Port", lsp, "name", lsp,
                    "addresses", List.of("0a:58:0a:80:00:" + String.format("%02x", 10 + k) + " " + podIp(i, k)),
                    "external_ids", Map.of("namespace", "demo", "pod", "true"));
            ports.add(ref(lsp));
        }
        nb.row("Logical_Switch", n, "name", n, "ports", ports, "other_config", Map.of("subnet", subnet(i)));
        if (hasFault("transit-port-missing", n)) {
            List<Object> transit = new ArrayList<>();
            for (String other : nodes) {
                if (!faults.stream().anyMatch(f -> f.node().equals(n) && f.detail().equals("tstor-" + other))) {
                    transit.add(ref("tstor-" + other));
                }
            }
            nb.row("Logical_Switch", "transit_switch", "name", "transit_switch", "ports", transit);
        }
        List<Object> lbs = new ArrayList<>(List.of(ref("lb-cluster")));
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

    /** One zone's SB: OvnTopology's chassis (this node's local, the others remote). */
    OvnDbFile sb(int i) {
        String n = nodes.get(i);
        OvnDbFile sb = OvnTopology.icSb(nodes, n);
        if (hasFault("wrong-encap-ip", n)) {
            String other = nodes.get(i + 1);
            sb.row("Encap", "encap-" + other, "type", "geneve", "ip", "10.99.0.1", "chassis_name", OvnTopology.systemId(other),
                    "options", Map.of("csum", "true"));
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
