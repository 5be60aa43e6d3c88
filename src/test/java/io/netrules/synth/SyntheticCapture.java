package io.netrules.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a synthetic capture of an OKD 3.11 cluster (openshift-sdn, subnet plugin) of N nodes
 * with P pods each, in the real tools' formats: the shapes of {@code facts-samples/healthy-3node},
 * generated for any size. Test and benchmark code only, not a user command.
 *
 * <p>What each node folder holds, as the collector writes it: {@code ip -d address} (eth0, docker0,
 * the OVS devices, tun0 with the subnet gateway, one veth a pod), {@code ip route show table all},
 * {@code sysctl -a}, {@code ovs-vsctl list-br} and {@code show}, {@code dump-ports-desc}, the 3.11
 * flow layout of {@code dump-flows br0} (tables 10/50/90 per remote node, table 111 listing every
 * peer, tables 20/40/70 per local pod, table 60 per service), {@code iptables-save} with kube-proxy's
 * KUBE-SERVICES / KUBE-SVC / KUBE-SEP chains for every service (the real chain-name hashes),
 * {@code ethtool eth0}, the node journal, {@code resolv.conf} and {@code node-config.yaml}, and
 * {@code ip route get} / {@code ping} / {@code tracepath} for the first {@code probedPeers} peers
 * (a full capture has them for every peer: N² small files, which a 2000-node benchmark cannot
 * afford in inodes). The cluster folder holds nodes, hostsubnets, netnamespaces, clusternetworks,
 * pods (P application pods a node plus its sdn and ovs hostNetwork pods), services (each selecting
 * {@value #REPLICAS} pods spread over the nodes) with their endpoints, and routes (none).
 *
 * <p>Healthy by construction: every file agrees with every other (the flows, ports and addresses
 * of each pod, the peers of each node, the NAT of each service), so a healthy capture must read
 * with no parse warning and give no finding. {@link Fault}s change the files at a known place and
 * {@link #expectedFindings()} names the finding each must cause. Everything is derived from the
 * indexes, so the same spec always writes the same bytes.
 */
public final class SyntheticCapture {
    /** Pods behind each service. */
    public static final int REPLICAS = 3;
    static final String SERVICE_NETWORK = "172.30.0.0/16";
    static final int SDN_MTU = 1450;
    static final String COLLECTED_AT = "2019-03-14T10:00:00Z";
    static final int NAMESPACES = 20;

    private final int nodes;
    private final int podsPerNode;
    private final int services;
    private final int probedPeers;
    private final List<Fault> faults;
    private final String clusterNetwork;
    private final long clusterBase;

    /**
     * @param nodes       N
     * @param podsPerNode P application pods on every node
     * @param services    S services, each with {@value #REPLICAS} endpoints (at most N·P/3)
     * @param probedPeers peers each node has {@code ip route get}, {@code ping} and {@code tracepath} files for
     * @param faults      what to break
     */
    public SyntheticCapture(int nodes, int podsPerNode, int services, int probedPeers, List<Fault> faults) {
        if (nodes < 1 || nodes > 2000 || podsPerNode < 0 || podsPerNode > 500) {
            throw new IllegalArgumentException("1..2000 nodes and 0..500 pods a node");
        }
        if (services < 0 || (long) services * REPLICAS > (long) nodes * podsPerNode) {
            throw new IllegalArgumentException("at most N*P/" + REPLICAS + " services");
        }
        this.nodes = nodes;
        this.podsPerNode = podsPerNode;
        this.services = services;
        this.probedPeers = Math.max(0, Math.min(probedPeers, nodes - 1));
        this.faults = List.copyOf(faults);
        // The default /14 holds 512 /23 host subnets; a larger cluster needs a larger network.
        this.clusterNetwork = nodes <= 512 ? "10.128.0.0/14" : "10.128.0.0/12";
        this.clusterBase = ip("10.128.0.0");
        for (Fault f : this.faults) {
            check(f);
        }
    }

    /** N nodes, P pods: one service per two nodes, three probed peers, no fault. */
    public static SyntheticCapture healthy(int nodes, int podsPerNode) {
        return new SyntheticCapture(nodes, podsPerNode, defaultServices(nodes, podsPerNode), 3, List.of());
    }

    public static int defaultServices(int nodes, int podsPerNode) {
        return (int) Math.min(Math.max(1, nodes / 2), (long) nodes * podsPerNode / REPLICAS);
    }

    public SyntheticCapture withFaults(List<Fault> more) {
        List<Fault> all = new ArrayList<>(faults);
        all.addAll(more);
        return new SyntheticCapture(nodes, podsPerNode, services, probedPeers, all);
    }

    private void check(Fault f) {
        boolean nodeOk = f.node() >= 0 && f.node() < nodes;
        boolean ok = switch (f.kind()) {
            case IP_FORWARD_OFF, PRIMARY_MTU_LOWERED -> nodeOk;
            case TUN_SRC_FLOW_DELETED, ROUTE_VIA_DOCKER0 -> nodeOk && f.target() >= 0 && f.target() < nodes
                    && f.target() != f.node();
            case POD_FLOWS_DELETED -> nodeOk && f.target() >= 0 && f.target() < podsPerNode;
            case STALE_SERVICE_NAT -> nodeOk && f.target() >= 0 && f.target() < services;
            case SERVICE_NOT_READY -> f.target() >= 0 && f.target() < services;
        };
        if (!ok) {
            throw new IllegalArgumentException("fault out of range: " + f);
        }
    }

    // ---------------------------------------------------------------- names and addresses

    public static String nodeName(int i) {
        return String.format("node-%04d", i + 1);
    }

    static String hostIP(int i) {
        return "10.0." + (i / 250) + "." + (i % 250 + 1);
    }

    long subnetBase(int i) {
        return clusterBase + 512L * i;
    }

    String subnet(int i) {
        return dotted(subnetBase(i)) + "/23";
    }

    String gateway(int i) {
        return dotted(subnetBase(i) + 1);
    }

    String podIP(int node, int k) {
        return dotted(subnetBase(node) + 2 + k);
    }

    static int ofport(int k) {
        return 3 + k;
    }

    static String veth(int node, int k) {
        return "veth" + hex(hash("veth/" + node + "/" + k), 4);
    }

    /** Pods are numbered across the cluster so that consecutive pods run on different nodes. */
    int global(int node, int k) {
        return k * nodes + node;
    }

    int nodeOfGlobal(int g) {
        return g % nodes;
    }

    int podOfGlobal(int g) {
        return g / nodes;
    }

    /** The service pod g belongs to, or -1. */
    int serviceOf(int g) {
        return g < services * REPLICAS ? g / REPLICAS : -1;
    }

    static String namespaceOfService(int s) {
        return "proj-" + (s % NAMESPACES);
    }

    static String serviceName(int s) {
        return "web-" + s;
    }

    String podNamespace(int g) {
        int s = serviceOf(g);
        return s >= 0 ? namespaceOfService(s) : "proj-" + (g % NAMESPACES);
    }

    String podName(int g) {
        int s = serviceOf(g);
        String suffix = hex(hash("pod/" + g), 3).substring(0, 5);
        return s >= 0 ? serviceName(s) + "-1-" + suffix : "job-" + g + "-" + suffix;
    }

    static String clusterIP(int s) {
        return "172.30." + (1 + s / 250) + "." + (s % 250 + 1);
    }

    /** The ready endpoints of a service: its pods' global indexes. */
    List<Integer> endpointsOf(int s) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < REPLICAS; r++) {
            out.add(s * REPLICAS + r);
        }
        return out;
    }

    String ipOfGlobal(int g) {
        return podIP(nodeOfGlobal(g), podOfGlobal(g));
    }

    boolean serviceReady(int s) {
        return faults.stream().noneMatch(f -> f.kind() == Fault.Kind.SERVICE_NOT_READY && f.target() == s);
    }

    /** The address a stale NAT rule still points at: inside the pod's node subnet, but no pod's. */
    String staleAddress(int s) {
        int g = endpointsOf(s).get(0);
        return dotted(subnetBase(nodeOfGlobal(g)) + 400);
    }

    private boolean has(Fault.Kind kind, int node) {
        return faults.stream().anyMatch(f -> f.on(kind, node));
    }

    private boolean has(Fault.Kind kind, int node, int target) {
        return faults.stream().anyMatch(f -> f.on(kind, node) && f.target() == target);
    }

    /** The finding keys ({@code ID@node/subject}) the faults must cause, and nothing else. */
    public Set<String> expectedFindings() {
        Set<String> keys = new TreeSet<>();
        for (Fault f : faults) {
            String n = f.node() < 0 ? "" : nodeName(f.node());
            keys.add(switch (f.kind()) {
                case IP_FORWARD_OFF -> "NR-LOCAL-001@" + n + "/";
                case TUN_SRC_FLOW_DELETED -> "NR-OVS-005@" + n + "/hostsubnet/" + nodeName(f.target());
                case POD_FLOWS_DELETED -> {
                    int g = global(f.node(), f.target());
                    yield "NR-OVS-006@" + n + "/pod/" + podNamespace(g) + "/" + podName(g);
                }
                case PRIMARY_MTU_LOWERED -> "NR-MTU-001@" + n + "/";
                case ROUTE_VIA_DOCKER0 -> "NR-LOCAL-004@" + n + "/route/" + subnet(f.target());
                case STALE_SERVICE_NAT -> "NR-SVC-005@" + n + "/service/" + namespaceOfService(f.target()) + "/"
                        + serviceName(f.target());
                case SERVICE_NOT_READY -> "NR-SVC-001@/service/" + namespaceOfService(f.target()) + "/"
                        + serviceName(f.target());
            });
        }
        return keys;
    }

    // ---------------------------------------------------------------- writing

    /** Writes the capture into {@code dir} (created), the nodes on {@code threads} threads. */
    public void write(Path dir, int threads) throws IOException {
        Files.createDirectories(dir.resolve("cluster"));
        Files.writeString(dir.resolve("capture.json"), "{ \"format\": \"netrules-capture/1\",\n  \"collectedAt\": \""
                + COLLECTED_AT + "\" }\n");
        new ClusterWriter().write(dir.resolve("cluster"));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                int node = i;
                done.add(pool.submit(() -> {
                    try {
                        new NodeWriter(node).write(dir.resolve("nodes").resolve(nodeName(node)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public int nodes() {
        return nodes;
    }

    public int podsPerNode() {
        return podsPerNode;
    }

    public int services() {
        return services;
    }

    // ---------------------------------------------------------------- cluster objects

    private final class ClusterWriter {
        private final ObjectMapper json = new ObjectMapper();

        void write(Path cluster) throws IOException {
            list(cluster.resolve("clusternetworks.json"), 1, i -> clusterNetworkItem());
            list(cluster.resolve("nodes.json"), nodes, this::nodeItem);
            list(cluster.resolve("hostsubnets.json"), nodes, this::hostSubnetItem);
            list(cluster.resolve("netnamespaces.json"), NAMESPACES + 3, this::netNamespaceItem);
            list(cluster.resolve("pods.json"), nodes * (podsPerNode + 2), this::podItem);
            list(cluster.resolve("services.json"), services, this::serviceItem);
            list(cluster.resolve("endpoints.json"), services, this::endpointsItem);
            list(cluster.resolve("routes.json"), 0, i -> null);
        }

        interface Item {
            ObjectNode make(int i);
        }

        /** A v1 List as {@code oc get -o json} prints it, items written one by one. */
        void list(Path file, int count, Item item) throws IOException {
            try (JsonGenerator g = json.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("apiVersion", "v1");
                g.writeArrayFieldStart("items");
                for (int i = 0; i < count; i++) {
                    json.writeTree(g, item.make(i));
                }
                g.writeEndArray();
                g.writeStringField("kind", "List");
                g.writeObjectFieldStart("metadata");
                g.writeStringField("resourceVersion", "");
                g.writeStringField("selfLink", "");
                g.writeEndObject();
                g.writeEndObject();
            }
        }

        ObjectNode meta(ObjectNode item, String namespace, String name, String selfLink) {
            ObjectNode m = item.putObject("metadata");
            m.put("creationTimestamp", "2019-02-11T14:01:50Z");
            m.put("name", name);
            if (namespace != null) {
                m.put("namespace", namespace);
            }
            m.put("resourceVersion", String.valueOf(1843000 + (hash(selfLink) & 0xffff)));
            m.put("selfLink", selfLink);
            m.put("uid", uid(selfLink));
            return m;
        }

        ObjectNode clusterNetworkItem() {
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "network.openshift.io/v1");
            ArrayNode nets = o.putArray("clusterNetworks");
            ObjectNode n = nets.addObject();
            n.put("CIDR", clusterNetwork);
            n.put("hostSubnetLength", 9);
            o.put("hostsubnetlength", 9);
            o.put("kind", "ClusterNetwork");
            meta(o, null, "default", "/apis/network.openshift.io/v1/clusternetworks/default");
            o.put("network", clusterNetwork);
            o.put("pluginName", "redhat/openshift-ovs-subnet");
            o.put("serviceNetwork", SERVICE_NETWORK);
            o.put("vxlanPort", 4789);
            return o;
        }

        ObjectNode nodeItem(int i) {
            String name = nodeName(i);
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "v1");
            o.put("kind", "Node");
            ObjectNode m = meta(o, null, name, "/api/v1/nodes/" + name);
            ObjectNode labels = m.putObject("labels");
            labels.put("beta.kubernetes.io/arch", "amd64");
            labels.put("beta.kubernetes.io/os", "linux");
            labels.put("kubernetes.io/hostname", name);
            labels.put(i == 0 ? "node-role.kubernetes.io/master" : "node-role.kubernetes.io/compute", "true");
            o.putObject("spec").put("externalID", name);
            ObjectNode status = o.putObject("status");
            ArrayNode addresses = status.putArray("addresses");
            addresses.addObject().put("address", hostIP(i)).put("type", "InternalIP");
            addresses.addObject().put("address", name).put("type", "Hostname");
            ObjectNode capacity = status.putObject("capacity");
            capacity.put("cpu", "4").put("memory", "16265704Ki").put("pods", "250");
            ArrayNode conditions = status.putArray("conditions");
            conditions.addObject().put("lastHeartbeatTime", "2019-03-14T09:59:52Z")
                    .put("lastTransitionTime", "2019-03-11T08:13:44Z")
                    .put("message", "kubelet is posting ready status").put("reason", "KubeletReady")
                    .put("status", "True").put("type", "Ready");
            ObjectNode info = status.putObject("nodeInfo");
            info.put("architecture", "amd64").put("containerRuntimeVersion", "docker://1.13.1")
                    .put("kernelVersion", "3.10.0-957.5.1.el7.x86_64").put("kubeletVersion", "v1.11.0+d4cacc0")
                    .put("kubeProxyVersion", "v1.11.0+d4cacc0").put("operatingSystem", "linux")
                    .put("osImage", "CentOS Linux 7 (Core)");
            return o;
        }

        ObjectNode hostSubnetItem(int i) {
            String name = nodeName(i);
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "network.openshift.io/v1");
            o.put("host", name);
            o.put("hostIP", hostIP(i));
            o.put("kind", "HostSubnet");
            ObjectNode m = meta(o, null, name, "/apis/network.openshift.io/v1/hostsubnets/" + name);
            m.putObject("annotations").put("pod.network.openshift.io/node-uid", uid("/api/v1/nodes/" + name));
            o.put("subnet", subnet(i));
            return o;
        }

        ObjectNode netNamespaceItem(int i) {
            String name = i == 0 ? "default" : i == 1 ? "kube-system" : i == 2 ? "openshift-sdn" : "proj-" + (i - 3);
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "network.openshift.io/v1");
            o.put("kind", "NetNamespace");
            meta(o, null, name, "/apis/network.openshift.io/v1/netnamespaces/" + name);
            o.put("netid", i < 3 ? 0 : 0x100000 + i * 4099 % 0xeffff);
            o.put("netname", name);
            return o;
        }

        /** Pods node by node: the node's P application pods, then its sdn and ovs pods. */
        ObjectNode podItem(int index) {
            int node = index / (podsPerNode + 2);
            int k = index % (podsPerNode + 2);
            if (k >= podsPerNode) {
                String app = k == podsPerNode ? "sdn" : "ovs";
                return pod("openshift-sdn", app + "-" + hex(hash(app + node), 3).substring(0, 5), node,
                        hostIP(node), true, true, java.util.Map.of("app", app, "component", "network"));
            }
            int g = global(node, k);
            int s = serviceOf(g);
            boolean ready = s < 0 || serviceReady(s);
            String app = s >= 0 ? serviceName(s) : "job-" + g;
            return pod(podNamespace(g), podName(g), node, podIP(node, k), false, ready,
                    java.util.Map.of("app", app, "deploymentconfig", app));
        }

        ObjectNode pod(String ns, String name, int node, String ip, boolean hostNetwork, boolean ready,
                       java.util.Map<String, String> labelMap) {
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "v1");
            o.put("kind", "Pod");
            ObjectNode m = meta(o, ns, name, "/api/v1/namespaces/" + ns + "/pods/" + name);
            ObjectNode labels = m.putObject("labels");
            new TreeSet<>(labelMap.keySet()).forEach(key -> labels.put(key, labelMap.get(key)));
            ObjectNode spec = o.putObject("spec");
            ObjectNode c = spec.putArray("containers").addObject();
            c.put("image", hostNetwork ? "docker.io/openshift/origin-node:v3.11" : "docker.io/example/app:1.0");
            c.put("name", hostNetwork ? labelMap.get("app") : "app");
            if (!hostNetwork) {
                c.putArray("ports").addObject().put("containerPort", 8080).put("protocol", "TCP");
            }
            spec.put("dnsPolicy", "ClusterFirst");
            if (hostNetwork) {
                spec.put("hostNetwork", true);
            }
            spec.put("nodeName", nodeName(node));
            spec.put("restartPolicy", "Always");
            ObjectNode status = o.putObject("status");
            ArrayNode conds = status.putArray("conditions");
            conds.addObject().put("lastTransitionTime", "2019-03-11T08:15:40Z").put("status", "True")
                    .put("type", "Initialized");
            conds.addObject().put("lastTransitionTime", "2019-03-11T08:16:02Z").put("status", ready ? "True" : "False")
                    .put("type", "Ready");
            conds.addObject().put("lastTransitionTime", "2019-03-11T08:15:40Z").put("status", "True")
                    .put("type", "PodScheduled");
            status.put("hostIP", hostIP(node));
            status.put("phase", "Running");
            status.put("podIP", ip);
            status.put("qosClass", "BestEffort");
            status.put("startTime", "2019-03-11T08:15:40Z");
            return o;
        }

        ObjectNode serviceItem(int s) {
            String ns = namespaceOfService(s);
            String name = serviceName(s);
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "v1");
            o.put("kind", "Service");
            meta(o, ns, name, "/api/v1/namespaces/" + ns + "/services/" + name).putObject("labels").put("app", name);
            ObjectNode spec = o.putObject("spec");
            spec.put("clusterIP", clusterIP(s));
            spec.putArray("ports").addObject().put("name", "8080-tcp").put("port", 8080).put("protocol", "TCP")
                    .put("targetPort", 8080);
            spec.putObject("selector").put("deploymentconfig", name);
            spec.put("sessionAffinity", "None");
            spec.put("type", "ClusterIP");
            o.putObject("status").putObject("loadBalancer");
            return o;
        }

        ObjectNode endpointsItem(int s) {
            String ns = namespaceOfService(s);
            String name = serviceName(s);
            ObjectNode o = json.createObjectNode();
            o.put("apiVersion", "v1");
            o.put("kind", "Endpoints");
            meta(o, ns, name, "/api/v1/namespaces/" + ns + "/endpoints/" + name).putObject("labels").put("app", name);
            ObjectNode subset = o.putArray("subsets").addObject();
            ArrayNode addresses = subset.putArray(serviceReady(s) ? "addresses" : "notReadyAddresses");
            for (int g : endpointsOf(s)) {
                ObjectNode a = addresses.addObject();
                a.put("ip", ipOfGlobal(g));
                a.put("nodeName", nodeName(nodeOfGlobal(g)));
                ObjectNode ref = a.putObject("targetRef");
                ref.put("kind", "Pod").put("name", podName(g)).put("namespace", ns)
                        .put("uid", uid("/api/v1/namespaces/" + ns + "/pods/" + podName(g)));
            }
            subset.putArray("ports").addObject().put("name", "8080-tcp").put("port", 8080).put("protocol", "TCP");
            return o;
        }
    }

    // ---------------------------------------------------------------- one node's folder

    private final class NodeWriter {
        private final int i;
        private final String name;
        private final String host;
        private final String gw;
        private final String sub;
        private int seq;

        NodeWriter(int i) {
            this.i = i;
            this.name = nodeName(i);
            this.host = hostIP(i);
            this.gw = gateway(i);
            this.sub = subnet(i);
        }

        void write(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("etc/origin/node"));
            try (BufferedWriter w = open(dir.resolve("ip_-d_address"))) {
                ipAddress(w);
            }
            try (BufferedWriter w = open(dir.resolve("ip_route_show_table_all"))) {
                ipRoute(w);
            }
            try (BufferedWriter w = open(dir.resolve("sysctl_-a"))) {
                sysctl(w);
            }
            Files.writeString(dir.resolve("ovs-vsctl_-t_5_list-br"), "br0\n");
            try (BufferedWriter w = open(dir.resolve("ovs-vsctl_-t_5_show"))) {
                ovsShow(w);
            }
            try (BufferedWriter w = open(dir.resolve("ovs-ofctl_-O_OpenFlow13_dump-ports-desc_br0"))) {
                portsDesc(w);
            }
            try (BufferedWriter w = open(dir.resolve("ovs-ofctl_-O_OpenFlow13_dump-flows_br0"))) {
                flows(w);
            }
            try (BufferedWriter w = open(dir.resolve("iptables-save"))) {
                iptables(w);
            }
            Files.writeString(dir.resolve("ethtool_eth0"), ETHTOOL);
            Files.writeString(dir.resolve("journalctl_--no-pager_--unit_origin-node"), JOURNAL.replace("NODE", name));
            Files.writeString(dir.resolve("etc/resolv.conf"), RESOLV.replace("HOST", host));
            Files.writeString(dir.resolve("etc/origin/node/node-config.yaml"),
                    NODE_CONFIG.replace("ROLE", i == 0 ? "master" : "compute").replace("MTU", String.valueOf(SDN_MTU)));
            int pmtu = has(Fault.Kind.PRIMARY_MTU_LOWERED, i) ? SDN_MTU : 1500;
            for (int p = 1; p <= probedPeers; p++) {
                String peer = hostIP((i + p) % nodes);
                Files.writeString(dir.resolve("ip_route_get_" + peer), peer + " dev eth0  src " + host + " \n    cache \n");
                Files.writeString(dir.resolve("ping_-c_3_" + peer), PING.replace("PEER", peer));
                Files.writeString(dir.resolve("tracepath_" + peer),
                        TRACEPATH.replace("PEER", peer).replace("PMTU", String.valueOf(pmtu)));
            }
        }

        BufferedWriter open(Path p) throws IOException {
            return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        }

        String mac(String what) {
            int h = hash(name + "/" + what);
            return String.format("%02x:%02x:%02x:%02x:%02x:%02x", ((h >>> 24) & 0xfc) | 0x02, (h >>> 16) & 0xff,
                    (h >>> 8) & 0xff, h & 0xff, (h >>> 20) & 0xff, (h >>> 4) & 0xff);
        }

        void ipAddress(BufferedWriter w) throws IOException {
            String ethMac = String.format("00:50:56:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            int ethMtu = has(Fault.Kind.PRIMARY_MTU_LOWERED, i) ? SDN_MTU : 1500;
            w.write("""
                    1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                        link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535\s
                        inet 127.0.0.1/8 scope host lo
                           valid_lft forever preferred_lft forever
                        inet6 ::1/128 scope host\s
                           valid_lft forever preferred_lft forever
                    """);
            w.write("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu " + ethMtu
                    + " qdisc mq state UP group default qlen 1000\n");
            w.write("    link/ether " + ethMac + " brd ff:ff:ff:ff:ff:ff promiscuity 0 addrgenmode none numtxqueues 4"
                    + " numrxqueues 4 gso_max_size 65536 gso_max_segs 65535 \n");
            w.write("    inet " + host + "/16 brd 10.0.255.255 scope global noprefixroute eth0\n");
            w.write("       valid_lft forever preferred_lft forever\n");
            w.write("    inet6 " + linkLocal(ethMac) + "/64 scope link noprefixroute \n");
            w.write("       valid_lft forever preferred_lft forever\n");
            w.write("3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default \n");
            w.write("    link/ether " + mac("docker0") + " brd ff:ff:ff:ff:ff:ff promiscuity 0 \n");
            w.write("    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority"
                    + " 32768 vlan_filtering 0 vlan_protocol 802.1Q addrgenmode eui64 numtxqueues 1 numrxqueues 1"
                    + " gso_max_size 65536 gso_max_segs 65535 \n");
            w.write("    inet 172.17.0.1/16 scope global docker0\n");
            w.write("       valid_lft forever preferred_lft forever\n");
            w.write("4: ovs-system: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000\n");
            w.write("    link/ether " + mac("ovs-system") + " brd ff:ff:ff:ff:ff:ff promiscuity 1 \n");
            w.write("    openvswitch addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 \n");
            w.write("5: br0: <BROADCAST,MULTICAST> mtu " + SDN_MTU + " qdisc noop state DOWN group default qlen 1000\n");
            w.write("    link/ether " + mac("br0") + " brd ff:ff:ff:ff:ff:ff promiscuity 1 \n");
            w.write("    openvswitch addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 \n");
            String vxMac = mac("vxlan_sys_4789");
            w.write("6: vxlan_sys_4789: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system"
                    + " state UNKNOWN group default qlen 1000\n");
            w.write("    link/ether " + vxMac + " brd ff:ff:ff:ff:ff:ff promiscuity 1 \n");
            w.write("    vxlan id 0 srcport 0 0 dstport 4789 nolearning ageing 300 udpcsum noudp6zerocsumtx"
                    + " udp6zerocsumrx external \n");
            w.write("    openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536"
                    + " gso_max_segs 65535 \n");
            w.write("    inet6 " + linkLocal(vxMac) + "/64 scope link \n");
            w.write("       valid_lft forever preferred_lft forever\n");
            String tunMac = mac("tun0");
            w.write("7: tun0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu " + SDN_MTU
                    + " qdisc noqueue state UNKNOWN group default qlen 1000\n");
            w.write("    link/ether " + tunMac + " brd ff:ff:ff:ff:ff:ff promiscuity 1 \n");
            w.write("    openvswitch addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 \n");
            w.write("    inet " + gw + "/23 brd " + dotted(subnetBase(i) + 511) + " scope global tun0\n");
            w.write("       valid_lft forever preferred_lft forever\n");
            w.write("    inet6 " + linkLocal(tunMac) + "/64 scope link \n");
            w.write("       valid_lft forever preferred_lft forever\n");
            for (int k = 0; k < podsPerNode; k++) {
                String vm = mac(veth(i, k));
                w.write((10 + k) + ": " + veth(i, k) + "@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu " + SDN_MTU
                        + " qdisc noqueue master ovs-system state UP group default \n");
                w.write("    link/ether " + vm + " brd ff:ff:ff:ff:ff:ff link-netnsid " + k + " promiscuity 1 \n");
                w.write("    veth \n");
                w.write("    openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536"
                        + " gso_max_segs 65535 \n");
                w.write("    inet6 " + linkLocal(vm) + "/64 scope link \n");
                w.write("       valid_lft forever preferred_lft forever\n");
            }
        }

        void ipRoute(BufferedWriter w) throws IOException {
            w.write("default via 10.0.255.254 dev eth0  proto static  metric 100 \n");
            w.write("10.0.0.0/16 dev eth0  proto kernel  scope link  src " + host + "  metric 100 \n");
            w.write(clusterNetwork + " dev tun0  scope link \n");
            for (Fault f : faults) {
                if (f.on(Fault.Kind.ROUTE_VIA_DOCKER0, i)) {
                    w.write(subnet(f.target()) + " dev docker0  scope link \n");
                }
            }
            w.write("172.17.0.0/16 dev docker0  proto kernel  scope link  src 172.17.0.1 \n");
            w.write(SERVICE_NETWORK + " dev tun0 \n");
            w.write("broadcast 10.0.0.0 dev eth0  table local  proto kernel  scope link  src " + host + " \n");
            w.write("local " + host + " dev eth0  table local  proto kernel  scope host  src " + host + " \n");
            w.write("broadcast 10.0.255.255 dev eth0  table local  proto kernel  scope link  src " + host + " \n");
            w.write("broadcast " + dotted(subnetBase(i)) + " dev tun0  table local  proto kernel  scope link  src "
                    + gw + " \n");
            w.write("local " + gw + " dev tun0  table local  proto kernel  scope host  src " + gw + " \n");
            w.write("broadcast " + dotted(subnetBase(i) + 511) + " dev tun0  table local  proto kernel  scope link  src "
                    + gw + " \n");
            w.write("""
                    broadcast 127.0.0.0 dev lo  table local  proto kernel  scope link  src 127.0.0.1\s
                    local 127.0.0.0/8 dev lo  table local  proto kernel  scope host  src 127.0.0.1\s
                    local 127.0.0.1 dev lo  table local  proto kernel  scope host  src 127.0.0.1\s
                    broadcast 127.255.255.255 dev lo  table local  proto kernel  scope link  src 127.0.0.1\s
                    broadcast 172.17.0.0 dev docker0  table local  proto kernel  scope link  src 172.17.0.1\s
                    local 172.17.0.1 dev docker0  table local  proto kernel  scope host  src 172.17.0.1\s
                    broadcast 172.17.255.255 dev docker0  table local  proto kernel  scope link  src 172.17.0.1\s
                    fe80::/64 dev eth0  proto kernel  metric 100\s
                    fe80::/64 dev vxlan_sys_4789  proto kernel  metric 256\s
                    fe80::/64 dev tun0  proto kernel  metric 256\s
                    """);
            for (int k = 0; k < podsPerNode; k++) {
                w.write("fe80::/64 dev " + veth(i, k) + "  proto kernel  metric 256 \n");
            }
            w.write("local ::1 dev lo  table local  proto none  metric 0 \n");
            for (String dev : List.of("vxlan_sys_4789", "tun0")) {
                w.write("local " + linkLocal(mac(dev)) + " dev lo  table local  proto none  metric 0 \n");
            }
            for (int k = 0; k < podsPerNode; k++) {
                w.write("local " + linkLocal(mac(veth(i, k))) + " dev lo  table local  proto none  metric 0 \n");
            }
            for (String dev : List.of("eth0", "vxlan_sys_4789", "tun0")) {
                w.write("ff00::/8 dev " + dev + "  table local  metric 256 \n");
            }
            for (int k = 0; k < podsPerNode; k++) {
                w.write("ff00::/8 dev " + veth(i, k) + "  table local  metric 256 \n");
            }
        }

        void sysctl(BufferedWriter w) throws IOException {
            boolean off = has(Fault.Kind.IP_FORWARD_OFF, i);
            List<String> lines = new ArrayList<>();
            for (String l : SYSCTL_BASE) {
                if (l.startsWith("kernel.hostname = ")) {
                    l = "kernel.hostname = " + name;
                } else if (l.startsWith("kernel.random.boot_id = ")) {
                    l = "kernel.random.boot_id = " + uid("boot/" + name);
                } else if (l.startsWith("net.ipv4.ip_forward = ")) {
                    l = "net.ipv4.ip_forward = " + (off ? 0 : 1);
                }
                lines.add(l);
            }
            List<String> ifaces = new ArrayList<>(List.of("all", "default", "docker0", "eth0", "lo", "ovs-system",
                    "tun0", "vxlan_sys_4789"));
            for (int k = 0; k < podsPerNode; k++) {
                ifaces.add(veth(i, k));
            }
            for (String dev : ifaces) {
                boolean strict = List.of("all", "default", "docker0", "eth0", "lo", "ovs-system").contains(dev);
                String p = "net.ipv4.conf." + dev + ".";
                lines.add(p + "accept_local = 0");
                lines.add(p + "accept_redirects = 1");
                lines.add(p + "accept_source_route = 0");
                lines.add(p + "arp_ignore = 0");
                lines.add(p + "forwarding = " + (off ? 0 : 1));
                lines.add(p + "mc_forwarding = 0");
                lines.add(p + "proxy_arp = 0");
                lines.add(p + "route_localnet = 0");
                lines.add(p + "rp_filter = " + (strict ? 1 : 0));
                lines.add(p + "send_redirects = 1");
            }
            lines.sort(java.util.Comparator.comparing(l -> l.substring(0, l.indexOf(" = "))));
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }

        void ovsShow(BufferedWriter w) throws IOException {
            w.write(UUID.nameUUIDFromBytes(("ovs/" + name).getBytes(StandardCharsets.UTF_8)) + "\n");
            w.write("    Bridge \"br0\"\n        fail_mode: secure\n");
            w.write("        Port \"vxlan0\"\n            Interface \"vxlan0\"\n                type: vxlan\n"
                    + "                options: {dst_port=\"4789\", key=flow, remote_ip=flow}\n");
            w.write("        Port \"br0\"\n            Interface \"br0\"\n                type: internal\n");
            for (int k = 0; k < podsPerNode; k++) {
                w.write("        Port \"" + veth(i, k) + "\"\n            Interface \"" + veth(i, k) + "\"\n");
            }
            w.write("        Port \"tun0\"\n            Interface \"tun0\"\n                type: internal\n");
            w.write("    ovs_version: \"2.9.0\"\n");
        }

        void portsDesc(BufferedWriter w) throws IOException {
            w.write("OFPST_PORT_DESC reply (OF1.3) (xid=0x2):\n");
            w.write(" 1(vxlan0): addr:" + mac("vxlan0") + "\n     config:     0\n     state:      0\n"
                    + "     speed: 0 Mbps now, 0 Mbps max\n");
            w.write(" 2(tun0): addr:" + mac("tun0") + "\n     config:     0\n     state:      0\n"
                    + "     speed: 0 Mbps now, 0 Mbps max\n");
            for (int k = 0; k < podsPerNode; k++) {
                w.write(" " + ofport(k) + "(" + veth(i, k) + "): addr:" + mac("ofport/" + k)
                        + "\n     config:     0\n     state:      0\n     current:    10GB-FD COPPER\n"
                        + "     speed: 10000 Mbps now, 0 Mbps max\n");
            }
            w.write(" LOCAL(br0): addr:" + mac("br0") + "\n     config:     PORT_DOWN\n     state:      LINK_DOWN\n"
                    + "     speed: 0 Mbps now, 0 Mbps max\n");
        }

        /** One flow line as {@code ovs-ofctl -O OpenFlow13 dump-flows} prints it, with made-up counters. */
        void flow(BufferedWriter w, String cookie, int table, String match, String actions) throws IOException {
            int h = (int) (seq++ * 2654435761L % 1000000);
            long packets = (h % 7 == 0) ? 0 : h % 90000;
            w.write(" cookie=" + cookie + ", duration=" + (265557 + h % 3) + "." + String.format("%03d", h % 1000)
                    + "s, table=" + table + ", n_packets=" + packets + ", n_bytes=" + packets * 97 + ", "
                    + (match.isEmpty() ? "" : match + " ") + "actions=" + actions + "\n");
        }

        String cookie(int peer) {
            return "0x" + hex(hash(uid("/apis/network.openshift.io/v1/hostsubnets/" + nodeName(peer))), 4)
                    .replaceFirst("^0+(?=.)", "");
        }

        void flows(BufferedWriter w) throws IOException {
            String cn = clusterNetwork;
            String toReg0 = "move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10";
            w.write("OFPST_FLOW reply (OF1.3) (xid=0x2):\n");
            flow(w, "0x0", 0, "priority=250,ip,in_port=2,nw_dst=224.0.0.0/4", "drop");
            flow(w, "0x0", 0, "priority=200,arp,in_port=1,arp_spa=" + cn + ",arp_tpa=" + sub, toReg0);
            flow(w, "0x0", 0, "priority=200,ip,in_port=1,nw_src=" + cn, toReg0);
            flow(w, "0x0", 0, "priority=200,ip,in_port=1,nw_dst=" + cn, toReg0);
            flow(w, "0x0", 0, "priority=200,arp,in_port=2,arp_spa=" + gw + ",arp_tpa=" + cn, "goto_table:30");
            flow(w, "0x0", 0, "priority=200,ip,in_port=2", "goto_table:30");
            flow(w, "0x0", 0, "priority=150,in_port=1", "drop");
            flow(w, "0x0", 0, "priority=150,in_port=2", "drop");
            flow(w, "0x0", 0, "priority=100,arp", "goto_table:20");
            flow(w, "0x0", 0, "priority=100,ip", "goto_table:20");
            flow(w, "0x0", 0, "priority=0", "drop");
            for (int p = 0; p < nodes; p++) {
                if (p != i && !has(Fault.Kind.TUN_SRC_FLOW_DELETED, i, p)) {
                    flow(w, cookie(p), 10, "priority=100,tun_src=" + hostIP(p), "goto_table:30");
                }
            }
            flow(w, "0x0", 10, "priority=0", "drop");
            for (int k = 0; k < podsPerNode; k++) {
                if (!has(Fault.Kind.POD_FLOWS_DELETED, i, k)) {
                    String ip = podIP(i, k);
                    flow(w, "0x0", 20, "priority=100,arp,in_port=" + ofport(k) + ",arp_spa=" + ip + ",arp_sha="
                            + podMac(ip) + "/00:00:ff:ff:ff:ff", "load:0->NXM_NX_REG0[],goto_table:21");
                    flow(w, "0x0", 20, "priority=100,ip,in_port=" + ofport(k) + ",nw_src=" + ip,
                            "load:0->NXM_NX_REG0[],goto_table:21");
                }
            }
            flow(w, "0x0", 20, "priority=0", "drop");
            flow(w, "0x0", 21, "priority=0", "goto_table:30");
            flow(w, "0x0", 30, "priority=300,arp,arp_tpa=" + gw, "output:2");
            flow(w, "0x0", 30, "priority=300,ip,nw_dst=" + gw, "output:2");
            flow(w, "0x0", 30, "priority=200,arp,arp_tpa=" + sub, "goto_table:40");
            flow(w, "0x0", 30, "priority=200,ip,nw_dst=" + sub, "goto_table:70");
            flow(w, "0x0", 30, "priority=100,arp,arp_tpa=" + cn, "goto_table:50");
            flow(w, "0x0", 30, "priority=100,ip,nw_dst=" + SERVICE_NETWORK, "goto_table:60");
            flow(w, "0x0", 30, "priority=100,ip,nw_dst=" + cn, "goto_table:90");
            flow(w, "0x0", 30, "priority=50,ip,in_port=1,nw_dst=224.0.0.0/4", "goto_table:120");
            flow(w, "0x0", 30, "priority=25,ip,nw_dst=224.0.0.0/4", "goto_table:110");
            flow(w, "0x0", 30, "priority=0,ip", "goto_table:100");
            flow(w, "0x0", 30, "priority=0,arp", "drop");
            for (int k = 0; k < podsPerNode; k++) {
                if (!has(Fault.Kind.POD_FLOWS_DELETED, i, k)) {
                    flow(w, "0x0", 40, "priority=100,arp,arp_tpa=" + podIP(i, k), "output:" + ofport(k));
                }
            }
            flow(w, "0x0", 40, "priority=0", "drop");
            for (int p = 0; p < nodes; p++) {
                if (p != i) {
                    flow(w, cookie(p), 50, "priority=100,arp,arp_tpa=" + subnet(p),
                            "move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:" + hostIP(p) + "->tun_dst,output:1");
                }
            }
            flow(w, "0x0", 50, "priority=0", "drop");
            flow(w, "0x0", 60, "priority=200,reg0=0", "output:2");
            String toService = "load:0->NXM_NX_REG1[],load:0x2->NXM_NX_REG2[],goto_table:80";
            for (int s = 0; s < services; s++) {
                flow(w, "0x0", 60, "priority=100,ip,nw_dst=" + clusterIP(s) + ",nw_frag=later", toService);
                flow(w, "0x0", 60, "priority=100,tcp,nw_dst=" + clusterIP(s) + ",tp_dst=8080", toService);
            }
            flow(w, "0x0", 60, "priority=0", "drop");
            for (int k = 0; k < podsPerNode; k++) {
                if (!has(Fault.Kind.POD_FLOWS_DELETED, i, k)) {
                    flow(w, "0x0", 70, "priority=100,ip,nw_dst=" + podIP(i, k),
                            "load:0->NXM_NX_REG1[],load:0x" + Integer.toHexString(ofport(k))
                                    + "->NXM_NX_REG2[],goto_table:80");
                }
            }
            flow(w, "0x0", 70, "priority=0", "drop");
            flow(w, "0x0", 80, "priority=300,ip,nw_src=" + gw, "output:NXM_NX_REG2[]");
            flow(w, "0x0", 80, "priority=200", "output:NXM_NX_REG2[]");
            flow(w, "0x0", 80, "priority=0", "drop");
            for (int p = 0; p < nodes; p++) {
                if (p != i) {
                    flow(w, cookie(p), 90, "priority=100,ip,nw_dst=" + subnet(p),
                            "move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:" + hostIP(p) + "->tun_dst,output:1");
                }
            }
            flow(w, "0x0", 90, "priority=0", "drop");
            flow(w, "0x0", 100, "priority=300,udp,tp_dst=4789", "drop");
            flow(w, "0x0", 100, "priority=200,tcp,nw_dst=" + host + ",tp_dst=53", "output:2");
            flow(w, "0x0", 100, "priority=200,udp,nw_dst=" + host + ",tp_dst=53", "output:2");
            flow(w, "0x0", 100, "priority=0", "goto_table:101");
            flow(w, "0x0", 101, "priority=0", "output:2");
            flow(w, "0x0", 110, "priority=0", "drop");
            StringBuilder multicast = new StringBuilder("move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31]");
            for (int p = 0; p < nodes; p++) {
                if (p != i) {
                    multicast.append(",set_field:").append(hostIP(p)).append("->tun_dst,output:1");
                }
            }
            multicast.append(",goto_table:120");
            flow(w, "0x0", 111, "priority=100", multicast.toString());
            flow(w, "0x0", 120, "priority=0", "drop");
            flow(w, "0x0", 253, "", "note:00.07.00.00.00.00");
        }

        void iptables(BufferedWriter w) throws IOException {
            String cn = clusterNetwork;
            // kube-proxy's chains for every service port with ready endpoints, sorted by name
            java.util.TreeMap<String, List<String>> sep = new java.util.TreeMap<>();
            java.util.TreeMap<String, List<String>> svc = new java.util.TreeMap<>();
            List<String> kubeServices = new ArrayList<>();
            List<String> rejects = new ArrayList<>();
            for (int s = 0; s < services; s++) {
                String ns = namespaceOfService(s);
                String portName = ns + "/" + serviceName(s) + ":8080-tcp";
                String cip = clusterIP(s);
                if (!serviceReady(s)) {
                    rejects.add("-A KUBE-SERVICES -d " + cip + "/32 -p tcp -m comment --comment \"" + portName
                            + " has no endpoints\" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable");
                    continue;
                }
                String svcChain = "KUBE-SVC-" + kubeProxyHash(portName + "tcp");
                kubeServices.add("-A KUBE-SERVICES ! -s " + cn + " -d " + cip + "/32 -p tcp -m comment --comment \""
                        + portName + " cluster IP\" -m tcp --dport 8080 -j KUBE-MARK-MASQ");
                kubeServices.add("-A KUBE-SERVICES -d " + cip + "/32 -p tcp -m comment --comment \"" + portName
                        + " cluster IP\" -m tcp --dport 8080 -j " + svcChain);
                List<String> ips = new ArrayList<>();
                for (int g : endpointsOf(s)) {
                    ips.add(ipOfGlobal(g));
                }
                if (has(Fault.Kind.STALE_SERVICE_NAT, i, s)) {
                    ips.set(0, staleAddress(s));
                }
                ips.sort(null);
                List<String> svcRules = new ArrayList<>();
                for (int e = 0; e < ips.size(); e++) {
                    String endpoint = ips.get(e) + ":8080";
                    String sepChain = "KUBE-SEP-" + kubeProxyHash(portName + "tcp" + endpoint);
                    int left = ips.size() - e;
                    String pick = left == 1 ? "" : " -m statistic --mode random --probability "
                            + String.format(java.util.Locale.ROOT, "%.11f", 1.0 / left);
                    svcRules.add("-A " + svcChain + " -m comment --comment \"" + portName + "\"" + pick + " -j "
                            + sepChain);
                    sep.put(sepChain, List.of(
                            "-A " + sepChain + " -s " + ips.get(e) + "/32 -m comment --comment \"" + portName
                                    + "\" -j KUBE-MARK-MASQ",
                            "-A " + sepChain + " -p tcp -m comment --comment \"" + portName
                                    + "\" -m tcp -j DNAT --to-destination " + endpoint));
                }
                svc.put(svcChain, svcRules);
            }
            w.write("# Generated by iptables-save v1.4.21 on Thu Mar 14 09:59:46 2019\n*nat\n");
            w.write(":PREROUTING ACCEPT [88518:5311097]\n:INPUT ACCEPT [65120:3907205]\n"
                    + ":OUTPUT ACCEPT [292361:17541691]\n:POSTROUTING ACCEPT [319845:19190703]\n");
            w.write(":DOCKER - [0:0]\n:KUBE-HOSTPORTS - [0:0]\n:KUBE-MARK-DROP - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n"
                    + ":KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n");
            for (String c : sep.keySet()) {
                w.write(":" + c + " - [0:0]\n");
            }
            w.write(":KUBE-SERVICES - [0:0]\n");
            for (String c : svc.keySet()) {
                w.write(":" + c + " - [0:0]\n");
            }
            w.write(":OPENSHIFT-MASQUERADE - [0:0]\n");
            w.write("""
                    -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
                    -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                    -A PREROUTING -m comment --comment "kube hostport portals" -m addrtype --dst-type LOCAL -j KUBE-HOSTPORTS
                    -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
                    -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                    -A OUTPUT -m comment --comment "kube hostport portals" -m addrtype --dst-type LOCAL -j KUBE-HOSTPORTS
                    -A POSTROUTING -m comment --comment "rules for masquerading OpenShift traffic" -j OPENSHIFT-MASQUERADE
                    -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
                    -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                    -A POSTROUTING -s 127.0.0.0/8 -o tun0 -m comment --comment "SNAT for localhost access to hostports" -j MASQUERADE
                    -A DOCKER -i docker0 -j RETURN
                    -A KUBE-MARK-DROP -j MARK --set-xmark 0x8000/0x8000
                    -A KUBE-MARK-MASQ -j MARK --set-xmark 0x1/0x1
                    -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x1/0x1 -j MASQUERADE
                    """);
            for (List<String> rules : sep.values()) {
                for (String r : rules) {
                    w.write(r + "\n");
                }
            }
            for (String r : kubeServices) {
                w.write(r + "\n");
            }
            w.write("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last"
                    + " rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n");
            for (List<String> rules : svc.values()) {
                for (String r : rules) {
                    w.write(r + "\n");
                }
            }
            w.write("-A OPENSHIFT-MASQUERADE -s " + cn + " -m comment --comment \"masquerade pod-to-service and"
                    + " pod-to-external traffic\" -j MASQUERADE\n");
            w.write("COMMIT\n# Completed on Thu Mar 14 09:59:46 2019\n");
            w.write(FILTER_HEAD.replace("CLUSTER", cn));
            for (String r : rejects) {
                w.write(r + "\n");
            }
            w.write(FILTER_TAIL.replace("CLUSTER", cn));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** kube-proxy's chain-name hash: the first 16 characters of base32(sha256(text)). */
    static String kubeProxyHash(String text) {
        byte[] sha = sha256(text.getBytes(StandardCharsets.UTF_8));
        return base32(sha).substring(0, 16);
    }

    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int hash(String s) {
        byte[] d = sha256(s.getBytes(StandardCharsets.UTF_8));
        return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    }

    static String uid(String s) {
        return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String hex(int v, int bytes) {
        String h = String.format("%08x", v);
        return h.substring(8 - 2 * bytes);
    }

    static long ip(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    static String dotted(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** The pod MAC bytes the table-20 ARP flow matches (masked to the last four): the pod IP's bytes. */
    static String podMac(String ip) {
        long v = ip(ip);
        return String.format("00:00:%02x:%02x:%02x:%02x", (v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff,
                v & 0xff);
    }

    /** The EUI-64 link-local address the kernel derives from a MAC. */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int b0 = Integer.parseInt(b[0], 16) ^ 0x02;
        return "fe80::" + Integer.toHexString((b0 << 8) | Integer.parseInt(b[1], 16)) + ":"
                + Integer.toHexString((Integer.parseInt(b[2], 16) << 8) | 0xff) + ":"
                + Integer.toHexString(0xfe00 | Integer.parseInt(b[3], 16)) + ":"
                + Integer.toHexString((Integer.parseInt(b[4], 16) << 8) | Integer.parseInt(b[5], 16));
    }

    private static final List<String> SYSCTL_BASE = resourceLines("/synth/sysctl-a-base.txt");

    private static List<String> resourceLines(String name) {
        try (InputStream in = SyntheticCapture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String ETHTOOL = """
            Settings for eth0:
            \tSupported ports: [ TP ]
            \tSupported link modes:   1000baseT/Full\s
            \t                        10000baseT/Full\s
            \tSupported pause frame use: No
            \tSupports auto-negotiation: No
            \tAdvertised link modes:  Not reported
            \tAdvertised pause frame use: No
            \tAdvertised auto-negotiation: No
            \tSpeed: 10000Mb/s
            \tDuplex: Full
            \tPort: Twisted Pair
            \tPHYAD: 0
            \tTransceiver: internal
            \tAuto-negotiation: off
            \tMDI-X: Unknown
            \tSupports Wake-on: uecbg
            \tWake-on: d
            \tLink detected: yes
            """;

    private static final String RESOLV = """
            # nameserver updated by /etc/NetworkManager/dispatcher.d/99-origin-dns.sh
            # Generated by NetworkManager
            search cluster.local example.com
            nameserver HOST
            """;

    private static final String PING = """
            PING PEER (PEER) 56(84) bytes of data.
            64 bytes from PEER: icmp_seq=1 ttl=64 time=0.764 ms
            64 bytes from PEER: icmp_seq=2 ttl=64 time=0.235 ms
            64 bytes from PEER: icmp_seq=3 ttl=64 time=0.376 ms

            --- PEER ping statistics ---
            3 packets transmitted, 3 received, 0% packet loss, time 2004ms
            rtt min/avg/max/mdev = 0.235/0.458/0.764/0.224 ms
            """;

    private static final String TRACEPATH = """
             1?: [LOCALHOST]                                         pmtu PMTU
             1:  PEER                                              0.646ms reached
             1:  PEER                                              0.224ms reached
                 Resume: pmtu PMTU hops 1 back 1\s
            """;

    private static final String JOURNAL = """
            -- Logs begin at Mon 2019-03-11 08:12:33 UTC, end at Thu 2019-03-14 09:59:58 UTC. --
            Mar 11 08:13:01 NODE systemd[1]: Starting OpenShift Node...
            Mar 11 08:13:02 NODE origin-node[1214]: I0311 08:13:02.114207    1214 server.go:418] Version: v1.11.0+d4cacc0
            Mar 11 08:13:02 NODE origin-node[1214]: I0311 08:13:02.120988    1214 plugins.go:97] No cloud provider specified.
            Mar 11 08:13:03 NODE origin-node[1214]: I0311 08:13:03.036522    1214 kubelet.go:299] Watching apiserver
            Mar 11 08:13:03 NODE origin-node[1214]: I0311 08:13:03.410716    1214 kuberuntime_manager.go:186] Container runtime docker initialized, version: 1.13.1, apiVersion: 1.26.0
            Mar 11 08:13:03 NODE origin-node[1214]: I0311 08:13:03.688240    1214 server.go:129] Starting to listen on 0.0.0.0:10250
            Mar 11 08:13:03 NODE systemd[1]: Started OpenShift Node.
            Mar 11 08:13:04 NODE origin-node[1214]: I0311 08:13:04.260945    1214 kubelet_node_status.go:79] Attempting to register node NODE
            Mar 11 08:13:04 NODE origin-node[1214]: I0311 08:13:04.287301    1214 kubelet_node_status.go:82] Successfully registered node NODE
            Mar 11 08:14:05 NODE origin-node[1214]: I0311 08:14:05.733118    1214 kubelet_node_status.go:453] Recording NodeReady event message for node NODE
            """;

    private static final String NODE_CONFIG = """
            kind: NodeConfig
            apiVersion: v1
            authConfig:
              authenticationCacheSize: 1000
              authenticationCacheTTL: 5m
              authorizationCacheSize: 1000
              authorizationCacheTTL: 5m
            dnsBindAddress: "127.0.0.1:53"
            dnsDomain: cluster.local
            dnsIP: 0.0.0.0
            dnsNameservers: null
            dnsRecursiveResolvConf: /etc/origin/node/resolv.conf
            dockerConfig:
              dockerShimRootDirectory: /var/lib/dockershim
              dockerShimSocket: /var/run/dockershim.sock
              execHandlerName: native
            enableUnidling: true
            imageConfig:
              format: "docker.io/openshift/origin-${component}:${version}"
              latest: false
            iptablesSyncPeriod: "30s"
            kubeletArguments:
              pod-manifest-path:
              - /etc/origin/node/pods
              bootstrap-kubeconfig:
              - /etc/origin/node/bootstrap.kubeconfig
              cert-dir:
              - /etc/origin/node/certificates
              node-labels:
              - node-role.kubernetes.io/ROLE=true
            masterClientConnectionOverrides:
              acceptContentTypes: application/vnd.kubernetes.protobuf,application/json
              burst: 40
              contentType: application/vnd.kubernetes.protobuf
              qps: 20
            masterKubeConfig: node.kubeconfig
            networkConfig:
              mtu: MTU
              networkPluginName: redhat/openshift-ovs-subnet
            servingInfo:
              bindAddress: 0.0.0.0:10250
              bindNetwork: tcp4
              clientCA: client-ca.crt
            volumeDirectory: /var/lib/origin/openshift.local.volumes
            """;

    private static final String FILTER_HEAD = """
            # Generated by iptables-save v1.4.21 on Thu Mar 14 09:59:46 2019
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [7938112:2302052678]
            :DOCKER - [0:0]
            :DOCKER-ISOLATION - [0:0]
            :KUBE-EXTERNAL-SERVICES - [0:0]
            :KUBE-FIREWALL - [0:0]
            :KUBE-FORWARD - [0:0]
            :KUBE-SERVICES - [0:0]
            :OPENSHIFT-ADMIN-OUTPUT-RULES - [0:0]
            :OPENSHIFT-FIREWALL-ALLOW - [0:0]
            :OPENSHIFT-FIREWALL-FORWARD - [0:0]
            :OS_FIREWALL_ALLOW - [0:0]
            -A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
            -A INPUT -m comment --comment "firewall overrides" -j OPENSHIFT-FIREWALL-ALLOW
            -A INPUT -j KUBE-FIREWALL
            -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -p icmp -j ACCEPT
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT
            -A INPUT -j OS_FIREWALL_ALLOW
            -A INPUT -j REJECT --reject-with icmp-host-prohibited
            -A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
            -A FORWARD -m comment --comment "firewall overrides" -j OPENSHIFT-FIREWALL-FORWARD
            -A FORWARD -i tun0 ! -o tun0 -m comment --comment "administrator overrides" -j OPENSHIFT-ADMIN-OUTPUT-RULES
            -A FORWARD -j DOCKER-ISOLATION
            -A FORWARD -o docker0 -j DOCKER
            -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
            -A FORWARD -i docker0 -o docker0 -j ACCEPT
            -A FORWARD -j REJECT --reject-with icmp-host-prohibited
            -A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
            -A OUTPUT -j KUBE-FIREWALL
            -A DOCKER-ISOLATION -j RETURN
            -A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x8000/0x8000 -j DROP
            -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x1/0x1 -j ACCEPT
            -A KUBE-FORWARD -s CLUSTER -m comment --comment "kubernetes forwarding conntrack pod source rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A KUBE-FORWARD -d CLUSTER -m comment --comment "kubernetes forwarding conntrack pod destination rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            """;

    private static final String FILTER_TAIL = """
            -A OPENSHIFT-FIREWALL-ALLOW -p udp -m udp --dport 4789 -m comment --comment "VXLAN incoming" -j ACCEPT
            -A OPENSHIFT-FIREWALL-ALLOW -i tun0 -m comment --comment "from SDN to localhost" -j ACCEPT
            -A OPENSHIFT-FIREWALL-ALLOW -i docker0 -m comment --comment "from docker to localhost" -j ACCEPT
            -A OPENSHIFT-FIREWALL-FORWARD -s CLUSTER -m comment --comment "attempted resend after connection close" -m conntrack --ctstate INVALID -j DROP
            -A OPENSHIFT-FIREWALL-FORWARD -d CLUSTER -m comment --comment "forward traffic from SDN" -j ACCEPT
            -A OPENSHIFT-FIREWALL-FORWARD -s CLUSTER -m comment --comment "forward traffic to SDN" -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 10250 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 10256 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 80 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 443 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p udp -m state --state NEW -m udp --dport 4789 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 53 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p udp -m state --state NEW -m udp --dport 53 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p tcp -m state --state NEW -m tcp --dport 30000:32767 -j ACCEPT
            -A OS_FIREWALL_ALLOW -p udp -m state --state NEW -m udp --dport 30000:32767 -j ACCEPT
            COMMIT
            # Completed on Thu Mar 14 09:59:46 2019
            """;
}
