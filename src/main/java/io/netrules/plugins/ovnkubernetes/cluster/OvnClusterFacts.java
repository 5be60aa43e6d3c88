package io.netrules.plugins.ovnkubernetes.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.KubeObject;
import io.netrules.model.NetworkConfig;
import io.netrules.model.ParseWarning;
import io.netrules.model.ServicePort;
import io.netrules.model.Source;
import io.netrules.plugin.ClusterFactSink;
import io.netrules.plugin.ClusterObjects;
import io.netrules.plugins.ovnkubernetes.model.CloudPrivateIPConfig;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall;
import io.netrules.plugins.ovnkubernetes.model.EgressIP;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.KubeEvent;
import io.netrules.plugins.ovnkubernetes.model.NetworkClusterOperator;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnDeployment;
import io.netrules.plugins.ovnkubernetes.model.OvnkubeMaster;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import io.netrules.plugins.ovnkubernetes.model.OvnPod;
import io.netrules.plugins.ovnkubernetes.model.OvnService;
import io.netrules.plugins.ovnkubernetes.model.PodContainer;
import io.netrules.plugins.ovnkubernetes.model.PodNetworkConnectivityCheck;
import io.netrules.plugins.ovnkubernetes.model.RaftStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OVN-Kubernetes's cluster facts (ovn-rule-catalogue.md "Inputs", "Derived facts"): maps the
 * API objects read to the plugin's records, derives the catalogue's "OVN nodes", "network pods",
 * "services in scope", eligible endpoints (as {@link ExpectedVips}), the cluster settings and the
 * deployment mode, and says which session gets each: per node (OvnPod, PodContainer: that node's
 * and the cluster's; ExpectedVip: that node's only), every session (OvnNode, OvnClusterConfig,
 * OvnDeployment), the cluster session (the rest).
 */
public final class OvnClusterFacts {
    public static final String INSTALL_CONFIG = "install-config";
    public static final String OVNKUBE_CONFIG = "ovnkube-config";
    public static final String RAFT_STATUS = "raft-status";
    public static final String OVN_PODS = "ovn-pods";
    public static final String DEPLOYMENT_MODE = "deployment-mode";
    public static final String GATEWAY_MODE = "gateway-mode";

    /** The namespace of OVN-Kubernetes's own pods. */
    public static final String OVN_NAMESPACE = "openshift-ovn-kubernetes";
    private static final String ANN = "k8s.ovn.org/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ClusterObjects in;
    private final ClusterFactSink out;

    private OvnClusterFacts(ClusterObjects in, ClusterFactSink out) {
        this.in = in;
        this.out = out;
    }

    /** Maps and derives everything, into {@code out}. */
    public static void derive(ClusterObjects in, ClusterFactSink out) {
        new OvnClusterFacts(in, out).run();
    }

    private void run() {
        Set<String> dpuHostNodes = new HashSet<>();
        for (KubeObject p : in.objects(ClusterInputs.PODS)) {
            if (OVN_NAMESPACE.equals(p.namespace())
                    && "ovnkube-node-dpu-host".equals(p.metadata().path("labels").path("app").asText(null))) {
                dpuHostNodes.add(p.object().path("spec").path("nodeName").asText(""));
            }
        }
        List<OvnNode> nodes = new ArrayList<>();
        for (KubeObject n : in.objects(ClusterInputs.NODES)) {
            if (n.name() == null) {
                out.warning(new ParseWarning(n.file(), n.line(), "node without metadata.name; ignored"));
                continue;
            }
            OvnNode node = node(n, dpuHostNodes);
            nodes.add(node);
            out.everySession(node);
            if (node.gatewayMode() != null) {
                out.nodeCollected(node.name(), GATEWAY_MODE, n.file());
            } else {
                out.nodeNotCollected(node.name(), GATEWAY_MODE, "node " + node.name() + " has no "
                        + ANN + "l3-gateway-config default mode (" + n.file() + ")");
            }
        }
        deployment(nodes);
        Map<String, OvnNode> ovnNodes = new HashMap<>();
        nodes.stream().filter(OvnNode::ovnNode).forEach(n -> ovnNodes.putIfAbsent(n.name(), n));
        pods(ovnNodes);
        podToPodProbes();
        List<OvnService> services = new ArrayList<>();
        for (KubeObject s : in.objects(ClusterInputs.SERVICES)) {
            OvnService svc = service(s);
            services.add(svc);
            out.clusterSession(svc);
        }
        List<EndpointSlice> slices = new ArrayList<>();
        for (KubeObject e : in.objects(ClusterInputs.ENDPOINTSLICES)) {
            EndpointSlice slice = endpointSlice(e);
            slices.add(slice);
            out.clusterSession(slice);
        }
        if (in.collected(ClusterInputs.SERVICES) && in.collected(ClusterInputs.ENDPOINTSLICES)) {
            out.perNode(ExpectedVips.of(services, slices, ovnNodes.keySet())::forNode);
        } else {
            // A must-gather holds both whole for the namespaces it inspected: the VIPs of those
            // namespaces' services are known with all their slices. A service met elsewhere (a
            // single object of a namespace not inspected) has its slices unknown, and no VIP.
            List<OvnService> whole = services.stream().filter(s -> in.wholeIn(ClusterInputs.SERVICES, s.namespace())
                    && in.wholeIn(ClusterInputs.ENDPOINTSLICES, s.namespace())).toList();
            if (!whole.isEmpty()) {
                out.perNode(ExpectedVips.of(whole, slices, ovnNodes.keySet())::forNode);
            }
        }
        in.objects(ClusterInputs.EVENTS).forEach(e -> out.clusterSession(event(e)));
        in.objects(ClusterInputs.EGRESSIPS).forEach(e -> out.clusterSession(egressIp(e)));
        in.objects(ClusterInputs.EGRESSFIREWALLS).forEach(e -> out.clusterSession(egressFirewall(e)));
        in.objects(ClusterInputs.CLOUDPRIVATEIPCONFIGS).forEach(e -> out.clusterSession(cloudPrivateIp(e)));
        in.objects(ClusterInputs.PODNETWORKCONNECTIVITYCHECKS).forEach(e -> out.clusterSession(pnc(e)));
        for (KubeObject co : in.objects(ClusterInputs.CLUSTEROPERATORS)) {
            if ("network".equals(co.name())) {
                out.clusterSession(clusterOperator(co));
            }
        }
        clusterConfig();
        RaftStatusReader.read(in, out);
    }

    // ---- nodes -------------------------------------------------------------------------------

    private OvnNode node(KubeObject k, Set<String> dpuHostNodes) {
        JsonNode meta = k.metadata();
        JsonNode ann = meta.path("annotations");
        JsonNode labels = meta.path("labels");
        String name = k.name();
        JsonNode status = k.object().path("status");
        boolean ready = false;
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(text(c, "type"))) {
                ready = "True".equals(text(c, "status"));
            }
        }
        String internal = null;
        for (JsonNode a : status.path("addresses")) {
            if ("InternalIP".equals(text(a, "type")) && internal == null) {
                internal = text(a, "address");
            }
        }
        // Hybrid overlay excludes kubernetes.io/os=windows; such nodes have no ovnkube-node pod.
        boolean linux = "linux".equals(text(labels, "kubernetes.io/os"));
        boolean ovnNode = linux && !dpuHostNodes.contains(name);

        JsonNode subnetsJson = json(k, ann, "node-subnets");
        JsonNode subnetsDefault = subnetsJson == null ? null : subnetsJson.get("default");
        List<String> subnets = strings(subnetsDefault);

        JsonNode lrp = json(k, ann, "node-gateway-router-lrp-ifaddrs");
        JsonNode lrpAddrs = lrp != null ? lrp.path("default") : json(k, ann, "node-gateway-router-lrp-ifaddr");
        JsonNode gw = json(k, ann, "l3-gateway-config");
        JsonNode gwd = gw == null ? null : gw.get("default");
        List<String> gwIps = gwd == null ? List.of() : strings(gwd.has("ip-addresses") ? gwd.get("ip-addresses")
                : gwd.get("ip-address"));
        List<String> nextHops = gwd == null ? List.of() : strings(gwd.has("next-hops") ? gwd.get("next-hops")
                : gwd.get("next-hop"));
        JsonNode masq = json(k, ann, "node-masquerade-subnet");
        List<String> egressSubnets = new ArrayList<>();
        JsonNode eipc = jsonAt(k, ann, "cloud.network.openshift.io/egress-ipconfig");
        if (eipc != null) {
            for (JsonNode c : eipc) {
                egressSubnets.addAll(ipFamilies(c.path("ifaddr")));
            }
        }
        Integer nodeId = null;
        String id = text(ann, ANN + "node-id");
        if (id != null) {
            try {
                nodeId = Integer.valueOf(id.strip());
            } catch (NumberFormatException e) {
                out.warning(new ParseWarning(k.file(), k.line(), "node/" + name + ": " + ANN + "node-id " + id
                        + " is not a number; ignored"));
            }
        }
        String zone = text(ann, ANN + "zone-name");
        String mode = gwd == null ? null : text(gwd, "mode");
        String desc = "node/" + name + (zone != null ? " zone-name=" + zone : "")
                + (mode != null ? " gateway mode=" + mode : "") + (subnets.isEmpty() ? "" : " subnets="
                + String.join(",", subnets)) + (ovnNode ? "" : " (not an OVN node)");
        return new OvnNode(name, ovnNode, ready, internal, instant(k, meta, "creationTimestamp"),
                text(ann, ANN + "node-chassis-id"), zone, ann.has(ANN + "remote-zone-migrated"),
                subnets, subnetsDefault != null, nodeId,
                ipFamilies(json(k, ann, "node-transit-switch-port-ifaddr")), ipFamilies(lrpAddrs),
                mode, gwd == null ? null : text(gwd, "bridge-id"), gwd == null ? null : text(gwd, "interface-id"),
                gwd == null ? null : text(gwd, "mac-address"), gwIps, nextHops, gwd != null,
                ipFamilies(json(k, ann, "node-primary-ifaddr")), strings(json(k, ann, "host-cidrs")),
                masq == null ? null : text(masq, "ipv4"), strings(json(k, ann, "node-encap-ips")),
                labels.has(ANN + "egress-assignable"), egressSubnets, Source.of(k.file(), k.line(), desc));
    }

    /**
     * Catalogue "Deployment mode": IC when every OVN node's zone-name is its own name, legacy when
     * none is, mixed otherwise (trap 4: an interconnect migration in progress).
     */
    private void deployment(List<OvnNode> nodes) {
        List<OvnNode> ovn = nodes.stream().filter(OvnNode::ovnNode).toList();
        if (ovn.isEmpty()) {
            out.notCollected(DEPLOYMENT_MODE, "deployment mode: no OVN node among the nodes read");
            return;
        }
        long own = ovn.stream().filter(n -> n.name().equals(n.zoneName())).count();
        OvnDeployment.Mode mode = own == ovn.size() ? OvnDeployment.Mode.INTERCONNECT
                : own == 0 ? OvnDeployment.Mode.LEGACY : OvnDeployment.Mode.MIXED;
        String file = ovn.get(0).source().file();
        String desc = "deployment mode " + mode + ": " + own + " of " + ovn.size()
                + " OVN nodes have k8s.ovn.org/zone-name = their own name";
        out.everySession(new OvnDeployment(mode, Source.of(file, 0, desc)));
        if (mode == OvnDeployment.Mode.MIXED) {
            out.notCollected(DEPLOYMENT_MODE, "deployment mode: mixed (" + own + " of " + ovn.size()
                    + " OVN nodes in their own zone: an interconnect migration in progress)");
        } else {
            out.collected(DEPLOYMENT_MODE, file);
        }
    }

    // ---- pods --------------------------------------------------------------------------------

    private void pods(Map<String, OvnNode> ovnNodes) {
        String ovnPodsFile = null;
        for (KubeObject k : in.objects(ClusterInputs.PODS)) {
            JsonNode meta = k.metadata();
            JsonNode spec = k.object().path("spec");
            JsonNode status = k.object().path("status");
            String node = text(spec, "nodeName");
            String phase = text(status, "phase");
            boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
            boolean deleting = meta.hasNonNull("deletionTimestamp");
            JsonNode networks = json(k, meta.path("annotations"), "pod-networks");
            JsonNode def = networks == null ? null : networks.get("default");
            List<String> ips = def == null ? List.of() : strings(def.has("ip_addresses") ? def.get("ip_addresses")
                    : def.get("ip_address"));
            // A primary user-defined network's namespace keeps the default network for
            // infrastructure only (role infrastructure-locked): its pods are not wired on it.
            String role = def == null ? null : text(def, "role");
            boolean networkPod = node != null && ovnNodes.containsKey(node) && !hostNetwork && "Running".equals(phase)
                    && !deleting && def != null && (role == null || "primary".equals(role));
            Map<String, String> labels = new LinkedHashMap<>();
            meta.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            String desc = "pod/" + k.namespace() + "/" + k.name() + " node=" + node + " phase=" + phase
                    + (ips.isEmpty() ? "" : " pod-networks=" + String.join(",", ips))
                    + (hostNetwork ? " hostNetwork" : "") + (deleting ? " deleting" : "");
            OvnPod pod = new OvnPod(k.namespace(), k.name(), text(meta, "uid"), node, phase, hostNetwork, deleting,
                    networkPod, def == null ? null : text(def, "mac_address"), ips, labels.get("vm.kubevirt.io/name"),
                    labels, Source.of(k.file(), k.line(), desc));
            hand(node, pod);
            if (OVN_NAMESPACE.equals(k.namespace()) && "ovnkube-master".equals(labels.get("app")) && node != null
                    && !deleting) {
                out.everySession(new OvnkubeMaster(node, k.name(), Source.of(k.file(), k.line(), desc)));
            }
            if (OVN_NAMESPACE.equals(k.namespace())) {
                if (ovnPodsFile == null) {
                    ovnPodsFile = k.file();
                }
                for (JsonNode c : status.path("containerStatuses")) {
                    JsonNode term = c.path("lastState").path("terminated");
                    String cname = text(c, "name");
                    int restarts = c.path("restartCount").asInt(0);
                    boolean ready = c.path("ready").asBoolean(false);
                    String cdesc = "pod/" + k.namespace() + "/" + k.name() + " container " + cname + " ready=" + ready
                            + " restarts=" + restarts + (text(term, "reason") != null ? " last terminated: "
                            + text(term, "reason") : "");
                    hand(node, new PodContainer(k.namespace(), k.name(), node, labels.get("app"), cname, ready,
                            restarts, text(term, "reason"), text(term, "message"),
                            Source.of(k.file(), k.line(), cdesc)));
                }
            }
        }
        // A must-gather inspects openshift-ovn-kubernetes even though it has not every namespace's pods.
        if (in.collected(ClusterInputs.PODS)) {
            out.collected(OVN_PODS, in.collectedFrom(ClusterInputs.PODS));
        } else if (ovnPodsFile != null) {
            out.collected(OVN_PODS, ovnPodsFile.contains("namespaces/" + OVN_NAMESPACE + "/")
                    ? ovnPodsFile.substring(0, ovnPodsFile.indexOf("namespaces/" + OVN_NAMESPACE + "/")
                    + ("namespaces/" + OVN_NAMESPACE + "/").length()) : ovnPodsFile);
        } else {
            String why = in.notCollectedReason(ClusterInputs.PODS);
            out.notCollected(OVN_PODS, "no pod of " + OVN_NAMESPACE + " was read" + (why == null ? "" : " (pods: "
                    + why.replaceFirst("^not collected: ", "") + ")"));
        }
    }

    /**
     * A probe from a pod to a pod on another node ({@code toPod}), given to the sessions of both
     * nodes: an MTU finding of either node explains what such a probe shows (NR-OVNMTU-004).
     * Probes are otherwise cluster facts.
     */
    private void podToPodProbes() {
        Map<String, String> nodeOfPod = new HashMap<>();
        for (io.netrules.model.Pod p : in.facts(io.netrules.model.Pod.class)) {
            if (p.nodeName() != null) {
                nodeOfPod.putIfAbsent(p.namespace() + "/" + p.name(), p.nodeName());
            }
        }
        for (io.netrules.model.ProbeResult r : in.facts(io.netrules.model.ProbeResult.class)) {
            if (r.from() == null || !r.from().startsWith("pod/") || r.toPod() == null) {
                continue;
            }
            String from = nodeOfPod.get(r.from().substring("pod/".length()));
            String to = nodeOfPod.get(r.toPod());
            if (from != null && to != null && !from.equals(to)) {
                out.nodeSession(from, r);
                out.nodeSession(to, r);
            }
        }
    }

    private void hand(String node, Object fact) {
        if (node != null) {
            out.nodeSession(node, fact);
        } else {
            out.clusterSession(fact);
        }
    }

    // ---- services and endpoint slices --------------------------------------------------------

    private OvnService service(KubeObject k) {
        JsonNode spec = k.object().path("spec");
        JsonNode meta = k.metadata();
        List<String> clusterIPs = new ArrayList<>();
        for (String ip : spec.has("clusterIPs") ? strings(spec.get("clusterIPs")) : strings(spec.get("clusterIP"))) {
            if (!ip.isEmpty() && !"None".equals(ip)) {
                clusterIPs.add(ip);
            }
        }
        List<ServicePort> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            ports.add(new ServicePort(text(p, "name"), p.path("port").asInt(0), text(p, "targetPort"),
                    p.hasNonNull("protocol") ? text(p, "protocol") : "TCP"));
        }
        String type = spec.hasNonNull("type") ? text(spec, "type") : "ClusterIP";
        String itp = spec.hasNonNull("internalTrafficPolicy") ? text(spec, "internalTrafficPolicy") : "Cluster";
        boolean idled = false;
        for (var it = meta.path("annotations").fieldNames(); it.hasNext(); ) {
            if (it.next().endsWith("/idled-at")) {
                idled = true;
            }
        }
        boolean proxyName = meta.path("labels").has("service.kubernetes.io/service-proxy-name");
        boolean inScope = !clusterIPs.isEmpty() && !"ExternalName".equals(type) && !proxyName;
        String desc = "service/" + k.namespace() + "/" + k.name() + " clusterIPs=" + (clusterIPs.isEmpty() ? "<none>"
                : String.join(",", clusterIPs)) + " type=" + type + ("Local".equals(itp)
                ? " internalTrafficPolicy=Local" : "") + (inScope ? "" : " (not programmed by OVN-Kubernetes)");
        return new OvnService(k.namespace(), k.name(), type, clusterIPs, ports, itp,
                spec.path("publishNotReadyAddresses").asBoolean(false), idled, inScope,
                Source.of(k.file(), k.line(), desc));
    }

    private EndpointSlice endpointSlice(KubeObject k) {
        JsonNode labels = k.metadata().path("labels");
        List<EndpointSlice.Endpoint> endpoints = new ArrayList<>();
        for (JsonNode e : k.object().path("endpoints")) {
            JsonNode c = e.path("conditions");
            endpoints.add(new EndpointSlice.Endpoint(strings(e.get("addresses")), bool(c, "ready"),
                    bool(c, "serving"), bool(c, "terminating"), text(e, "nodeName")));
        }
        List<EndpointSlice.Port> ports = new ArrayList<>();
        for (JsonNode p : k.object().path("ports")) {
            ports.add(new EndpointSlice.Port(text(p, "name"), p.hasNonNull("port") ? p.get("port").asInt() : null,
                    p.hasNonNull("protocol") ? text(p, "protocol") : "TCP"));
        }
        String service = text(labels, "kubernetes.io/service-name");
        String desc = "endpointslice/" + k.namespace() + "/" + k.name() + " service=" + service + " endpoints="
                + endpoints.size();
        return new EndpointSlice(k.namespace(), k.name(), service, text(labels, "endpointslice.kubernetes.io/managed-by"),
                labels.has("service.kubernetes.io/headless"), text(k.object(), "addressType"), endpoints, ports,
                text(k.metadata(), "resourceVersion"), Source.of(k.file(), k.line(), desc));
    }

    // ---- other objects -----------------------------------------------------------------------

    private KubeEvent event(KubeObject k) {
        JsonNode o = k.object();
        JsonNode obj = o.path("involvedObject");
        Instant last = instant(k, o, "lastTimestamp");
        if (last == null) {
            last = instant(k, o, "eventTime");
        }
        if (last == null) {
            last = instant(k, o.path("series"), "lastObservedTime");
        }
        Integer count = o.hasNonNull("count") ? Integer.valueOf(o.get("count").asInt())
                : o.path("series").hasNonNull("count") ? o.path("series").get("count").asInt() : null;
        String desc = "event/" + k.namespace() + "/" + k.name() + " " + text(o, "reason") + " "
                + text(obj, "kind") + "/" + text(obj, "name");
        return new KubeEvent(k.namespace(), text(o, "reason"), text(o, "message"), text(obj, "kind"),
                text(obj, "namespace"), text(obj, "name"), count, last, Source.of(k.file(), k.line(), desc));
    }

    private EgressIP egressIp(KubeObject k) {
        List<EgressIP.Assignment> items = new ArrayList<>();
        for (JsonNode i : k.object().path("status").path("items")) {
            items.add(new EgressIP.Assignment(text(i, "egressIP"), text(i, "node")));
        }
        List<String> spec = strings(k.object().path("spec").get("egressIPs"));
        return new EgressIP(k.name(), spec, items, Source.of(k.file(), k.line(), "egressip/" + k.name()
                + " egressIPs=" + String.join(",", spec) + " assigned=" + items.size()));
    }

    private EgressFirewall egressFirewall(KubeObject k) {
        List<EgressFirewall.Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode r : k.object().path("spec").path("egress")) {
            JsonNode to = r.path("to");
            List<EgressFirewall.Port> ports = new ArrayList<>();
            for (JsonNode p : r.path("ports")) {
                ports.add(new EgressFirewall.Port(text(p, "protocol"), p.hasNonNull("port") ? p.get("port").asInt()
                        : null));
            }
            rules.add(new EgressFirewall.Rule(index++, text(r, "type"), text(to, "cidrSelector"), text(to, "dnsName"),
                    to.has("nodeSelector"), ports));
        }
        JsonNode status = k.object().path("status");
        return new EgressFirewall(k.namespace(), k.name(), rules, text(status, "status"),
                strings(status.get("messages")), Source.of(k.file(), k.line(), "egressfirewall/" + k.namespace()
                + "/" + k.name() + " rules=" + rules.size() + (text(status, "status") != null ? " status="
                + text(status, "status") : "")));
    }

    private CloudPrivateIPConfig cloudPrivateIp(KubeObject k) {
        JsonNode status = k.object().path("status");
        String assigned = null;
        String message = null;
        for (JsonNode c : status.path("conditions")) {
            if ("Assigned".equals(text(c, "type"))) {
                assigned = text(c, "status");
                message = join(text(c, "reason"), text(c, "message"));
            }
        }
        String specNode = text(k.object().path("spec"), "node");
        return new CloudPrivateIPConfig(k.name(), specNode, text(status, "node"), assigned, message,
                Source.of(k.file(), k.line(), "cloudprivateipconfig/" + k.name() + " spec.node=" + specNode
                        + " Assigned=" + assigned));
    }

    private PodNetworkConnectivityCheck pnc(KubeObject k) {
        JsonNode o = k.object();
        String reachable = null;
        for (JsonNode c : o.path("status").path("conditions")) {
            if ("Reachable".equals(text(c, "type"))) {
                reachable = text(c, "status");
            }
        }
        JsonNode failures = o.path("status").path("failures");
        String last = failures.isArray() && failures.size() > 0 ? text(failures.get(0), "message") : null;
        String target = text(o.path("spec"), "targetEndpoint");
        return new PodNetworkConnectivityCheck(k.name(), text(o.path("spec"), "sourcePod"), target, reachable, last,
                Source.of(k.file(), k.line(), "podnetworkconnectivitycheck/" + k.name() + " target=" + target
                        + " Reachable=" + reachable));
    }

    private NetworkClusterOperator clusterOperator(KubeObject k) {
        Boolean available = null;
        Boolean progressing = null;
        Boolean degraded = null;
        String message = null;
        for (JsonNode c : k.object().path("status").path("conditions")) {
            Boolean v = c.hasNonNull("status") ? "True".equals(text(c, "status")) : null;
            switch (String.valueOf(text(c, "type"))) {
                case "Available" -> available = v;
                case "Progressing" -> progressing = v;
                case "Degraded" -> {
                    degraded = v;
                    if (Boolean.TRUE.equals(v)) {
                        message = join(text(c, "reason"), text(c, "message"));
                    }
                }
                default -> {
                }
            }
        }
        return new NetworkClusterOperator(available, progressing, degraded, message, Source.of(k.file(), k.line(),
                "clusteroperator/network Available=" + available + " Progressing=" + progressing + " Degraded="
                        + degraded));
    }

    // ---- cluster settings --------------------------------------------------------------------

    /** OvnClusterConfig: each setting from the first source that says it; inputs install-config and ovnkube-config. */
    private void clusterConfig() {
        KubeObject installConfig = null;
        KubeObject ovnkubeConfig = null;
        for (KubeObject cm : in.objects(ClusterInputs.CONFIGMAPS)) {
            if ("kube-system".equals(cm.namespace()) && "cluster-config-v1".equals(cm.name()) && installConfig == null) {
                installConfig = cm;
            } else if (OVN_NAMESPACE.equals(cm.namespace()) && "ovnkube-config".equals(cm.name())
                    && ovnkubeConfig == null) {
                ovnkubeConfig = cm;
            }
        }
        List<String> machineNetworks = new ArrayList<>();
        if (installConfig != null && installConfig.object().path("data").hasNonNull("install-config")) {
            String yaml = installConfig.object().path("data").get("install-config").asText();
            try {
                JsonNode ic = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
                for (JsonNode mn : ic == null ? MAPPER.createArrayNode() : ic.path("networking").path("machineNetwork")) {
                    if (text(mn, "cidr") != null) {
                        machineNetworks.add(text(mn, "cidr"));
                    }
                }
                out.collected(INSTALL_CONFIG, installConfig.file());
            } catch (IOException e) {
                out.warning(new ParseWarning(installConfig.file(), installConfig.line(), "configmap kube-system/"
                        + "cluster-config-v1: its install-config is not valid YAML; ignored"));
                out.notCollected(INSTALL_CONFIG, installConfig.file() + ": install-config is not valid YAML");
            }
        } else {
            out.notCollected(INSTALL_CONFIG, installConfig == null ? "no ConfigMap kube-system/cluster-config-v1 was"
                    + " read" : installConfig.file() + ": cluster-config-v1 has no install-config key");
        }
        Map<String, Map<String, String>> ini = Map.of();
        if (ovnkubeConfig != null && ovnkubeConfig.object().path("data").hasNonNull("ovnkube.conf")) {
            ini = Ini.parse(ovnkubeConfig.object().path("data").get("ovnkube.conf").asText());
            out.collected(OVNKUBE_CONFIG, ovnkubeConfig.file());
        } else {
            out.notCollected(OVNKUBE_CONFIG, ovnkubeConfig == null ? "no ConfigMap " + OVN_NAMESPACE
                    + "/ovnkube-config was read" : ovnkubeConfig.file() + ": ovnkube-config has no ovnkube.conf key");
        }
        KubeObject operator = in.objects(ClusterInputs.NETWORKOPERATORS).stream()
                .filter(o -> "cluster".equals(o.name()) || o.name() == null).findFirst().orElse(null);
        NetworkConfig config = in.facts(NetworkConfig.class).stream().findFirst().orElse(null);
        if (operator == null && config == null && installConfig == null && ovnkubeConfig == null) {
            return;
        }
        JsonNode ovn = operator == null ? MAPPER.createObjectNode()
                : operator.object().path("spec").path("defaultNetwork").path("ovnKubernetesConfig");
        Map<String, String> def = ini.getOrDefault("default", Map.of());
        Integer mtu = config != null && config.clusterNetworkMTU() != null ? config.clusterNetworkMTU()
                : integer(def.get("mtu"));
        Integer geneve = ovn.hasNonNull("genevePort") ? Integer.valueOf(ovn.get("genevePort").asInt()) : integer(def.get("encap-port"));
        String ipsec = null;
        JsonNode ipsecConfig = ovn.get("ipsecConfig");
        if (ipsecConfig != null && ipsecConfig.isObject()) {
            // Before 4.15 IPsec was on when ipsecConfig was present, even empty.
            ipsec = ipsecConfig.hasNonNull("mode") ? text(ipsecConfig, "mode") : "Full";
        }
        JsonNode gwc = ovn.path("gatewayConfig");
        Boolean routingViaHost = gwc.path("routingViaHost").isBoolean() ? gwc.get("routingViaHost").asBoolean() : null;
        String join = text(ovn.path("ipv4"), "internalJoinSubnet");
        if (join == null) {
            join = text(ovn, "v4InternalSubnet");
        }
        Source source = operator != null ? operator.source() : config != null ? config.source()
                : ovnkubeConfig != null ? ovnkubeConfig.source() : installConfig.source();
        out.everySession(new OvnClusterConfig(mtu, geneve, ipsec, routingViaHost, text(gwc, "ipForwarding"), join,
                text(ovn.path("ipv4"), "internalTransitSwitchSubnet"),
                text(gwc.path("ipv4"), "internalMasqueradeSubnet"), ovn.hasNonNull("hybridOverlayConfig"),
                operator != null && operator.object().path("spec").path("migration").hasNonNull("mtu"),
                machineNetworks, ini.getOrDefault("gateway", Map.of()).get("mode"), source));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** An annotation {@code k8s.ovn.org/<name>} holding JSON, or null when absent; bad JSON is a warning. */
    private JsonNode json(KubeObject k, JsonNode annotations, String name) {
        return jsonAt(k, annotations, ANN + name);
    }

    private JsonNode jsonAt(KubeObject k, JsonNode annotations, String key) {
        String v = text(annotations, key);
        if (v == null) {
            return null;
        }
        try {
            return MAPPER.readTree(v);
        } catch (IOException e) {
            out.warning(new ParseWarning(k.file(), k.line(), k.source().text() + ": annotation " + key
                    + " is not valid JSON; ignored"));
            return null;
        }
    }

    /** An {@code {"ipv4": "...", "ipv6": "..."}} object's addresses, v4 first. */
    private static List<String> ipFamilies(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        for (String f : List.of("ipv4", "ipv6")) {
            if (text(n, f) != null) {
                out.add(text(n, f));
            }
        }
        return out;
    }

    /** A string or an array of strings, as annotations write single and dual stack. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> {
                if (x.isValueNode() && !x.isNull()) {
                    out.add(x.asText());
                }
            });
        } else if (n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }

    private Instant instant(KubeObject k, JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            out.warning(new ParseWarning(k.file(), k.line(), k.source().text() + ": "
                    + field + " " + v + " is not an RFC 3339 time; ignored"));
            return null;
        }
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String join(String reason, String message) {
        if (reason == null) {
            return message;
        }
        return message == null ? reason : reason + ": " + message;
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
