package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.model.ServicePort;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.ExpectedVip;
import io.netrules.plugins.ovnkubernetes.model.OvnService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ClusterIP VIPs each node's switch must have, and their backends (catalogue "Eligible
 * endpoints", traps 11 and 12), computed once per capture and turned into {@link ExpectedVip}
 * facts only when a node's session is built ({@link #forNode}): N nodes × S services facts are
 * never all held at once, and the backend lists of {@code Cluster}-policy services are shared by
 * every node's facts.
 *
 * <p>Per service in scope, per port, per cluster IP: the EndpointSlices labelled with the
 * service's name, of the cluster IP's address family, not headless, not UDN mirrors
 * ({@code endpointslice-mirror-controller.k8s.ovn.org}); from them the eligible endpoints: all
 * with {@code publishNotReadyAddresses}, else the ready ones (a missing {@code ready} counts as
 * ready, as Kubernetes says), else, when none is ready, the serving and terminating ones. The
 * backend port is the slice port with the service port's name and protocol. With
 * {@code internalTrafficPolicy: Local} only the node's own endpoints count, the fallback decided
 * among them.
 */
public final class ExpectedVips {
    static final String MIRROR_CONTROLLER = "endpointslice-mirror-controller.k8s.ovn.org";

    /** One endpoint address with its port and node: the unit the per-node filter works on. */
    private record Backend(String address, String nodeName, Boolean ready, Boolean serving, Boolean terminating) {
    }

    /** One VIP of one service port, with what every node's fact is built from. */
    private record Vip(OvnService service, String vip, String protocol, boolean local, List<Backend> candidates,
                       List<String> clusterBackends, boolean eligible, List<String> sliceVersions) {
    }

    private final List<Vip> vips;
    private final Set<String> ovnNodes;

    private ExpectedVips(List<Vip> vips, Set<String> ovnNodes) {
        this.vips = vips;
        this.ovnNodes = ovnNodes;
    }

    /**
     * @param ovnNodes the OVN nodes' names: only their sessions get VIPs (a Windows node's switch
     *                 is not OVN's)
     */
    public static ExpectedVips of(List<OvnService> services, List<EndpointSlice> slices, Set<String> ovnNodes) {
        Map<String, List<EndpointSlice>> byService = new HashMap<>();
        for (EndpointSlice s : slices) {
            if (s.serviceName() == null || s.serviceName().isEmpty() || s.headless()
                    || MIRROR_CONTROLLER.equals(s.managedBy())) {
                continue;
            }
            byService.computeIfAbsent(s.namespace() + "/" + s.serviceName(), k -> new ArrayList<>()).add(s);
        }
        List<Vip> vips = new ArrayList<>();
        for (OvnService svc : services) {
            if (!svc.inScope()) {
                continue;
            }
            List<EndpointSlice> own = byService.getOrDefault(svc.namespace() + "/" + svc.name(), List.of());
            for (String ip : svc.clusterIPs()) {
                boolean v6 = ip.contains(":");
                String family = v6 ? "IPv6" : "IPv4";
                List<EndpointSlice> fam = own.stream().filter(s -> family.equals(s.addressType())).toList();
                List<String> versions = fam.stream().map(s -> s.name() + "@" + s.resourceVersion()).sorted().toList();
                for (ServicePort p : svc.ports()) {
                    String protocol = p.protocol() == null ? "TCP" : p.protocol();
                    List<Backend> candidates = new ArrayList<>();
                    for (EndpointSlice s : fam) {
                        Integer port = null;
                        for (EndpointSlice.Port sp : s.ports()) {
                            if (Objects.equals(blank(sp.name()), blank(p.name()))
                                    && protocol.equalsIgnoreCase(sp.protocol() == null ? "TCP" : sp.protocol())) {
                                port = sp.port();
                            }
                        }
                        if (port == null) {
                            continue;
                        }
                        for (EndpointSlice.Endpoint e : s.endpoints()) {
                            for (String a : e.addresses()) {
                                candidates.add(new Backend(hostPort(a, port), e.nodeName(), e.ready(), e.serving(),
                                        e.terminating()));
                            }
                        }
                    }
                    List<String> cluster = eligible(candidates, svc.publishNotReadyAddresses());
                    vips.add(new Vip(svc, hostPort(ip, p.port()), protocol.toLowerCase(Locale.ROOT),
                            "Local".equals(svc.internalTrafficPolicy()), candidates, cluster, !cluster.isEmpty(),
                            versions));
                }
            }
        }
        return new ExpectedVips(vips, Set.copyOf(ovnNodes));
    }

    /** The number of VIPs each OVN node gets. */
    public int vipsPerNode() {
        return vips.size();
    }

    /** The ExpectedVip facts of one node (none for a node that is not an OVN node). */
    public List<ExpectedVip> forNode(String node) {
        if (!ovnNodes.contains(node)) {
            return List.of();
        }
        List<ExpectedVip> out = new ArrayList<>(vips.size());
        for (Vip v : vips) {
            List<String> backends = v.clusterBackends();
            if (v.local()) {
                backends = eligible(v.candidates().stream().filter(b -> node.equals(b.nodeName())).toList(),
                        v.service().publishNotReadyAddresses());
            }
            out.add(new ExpectedVip(node, v.service().namespace(), v.service().name(), v.vip(), v.protocol(),
                    backends, v.eligible(), v.service().idled(), v.sliceVersions(), v.service().source()));
        }
        return out;
    }

    /** The eligible backends among these, sorted and without repeats. */
    private static List<String> eligible(List<Backend> candidates, boolean publishNotReady) {
        TreeSet<String> out = new TreeSet<>();
        if (publishNotReady) {
            candidates.forEach(b -> out.add(b.address()));
            return List.copyOf(out);
        }
        for (Backend b : candidates) {
            if (b.ready() == null || b.ready()) {
                out.add(b.address());
            }
        }
        if (out.isEmpty()) {
            for (Backend b : candidates) {
                boolean serving = b.serving() != null ? b.serving() : b.ready() == null || b.ready();
                if (serving && Boolean.TRUE.equals(b.terminating())) {
                    out.add(b.address());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** {@code ip:port}, {@code [ip]:port} for IPv6, as {@code Load_Balancer.vips} keys and values are written. */
    static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
