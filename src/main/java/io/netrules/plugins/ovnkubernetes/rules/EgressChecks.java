package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall;
import io.netrules.plugins.ovnkubernetes.model.EgressIP;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What the egress rules (NR-OVNEGR-*) compute: which EgressIP addresses were not assigned and
 * which nodes could host them, the CloudPrivateIPConfig of an address, and the verdict of an
 * EgressFirewall for a destination (first matching rule wins, as OVN's ACL priorities make it).
 */
public final class EgressChecks {
    private EgressChecks() {
    }

    /** The addresses of {@code spec.egressIPs} that no {@code status.items[].egressIP} holds, in spec order. */
    public static List<String> unassigned(EgressIP e) {
        List<String> out = new ArrayList<>();
        for (String ip : e.specEgressIPs()) {
            boolean assigned = e.status().stream().anyMatch(a -> CpAddresses.sameAddress(ip, a.egressIP()));
            if (!assigned) {
                out.add(ip);
            }
        }
        return out;
    }

    /**
     * True when a node could host the address as OVN-K decides it: one of its
     * {@code k8s.ovn.org/host-cidrs} or, on clouds, its {@code egress-ipconfig} subnets contains it.
     */
    public static boolean canHost(OvnNode node, String ip) {
        return CpAddresses.inAnyCidr(node.hostCidrs(), ip) || CpAddresses.inAnyCidr(node.egressIpConfigSubnets(), ip);
    }

    /** The names of the nodes, sorted and comma-separated, or {@code none}. */
    public static String names(Collection<OvnNode> nodes) {
        List<String> names = nodes.stream().map(OvnNode::name).sorted().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The names of those nodes that could host the address ({@link #canHost}), or {@code none}. */
    public static String hostingNames(Collection<OvnNode> nodes, String ip) {
        return names(nodes.stream().filter(n -> canHost(n, ip)).toList());
    }

    /**
     * The name of the CloudPrivateIPConfig that holds an address: the IPv4 address itself; an
     * IPv6 address fully expanded with its colons replaced by dots (object names cannot hold
     * colons: {@code fc00:f853:ccd:e793::54} gives {@code fc00.f853.0ccd.e793.0000.0000.0000.0054}).
     */
    public static String cloudPrivateIpConfigName(String ip) {
        if (!CpAddresses.isIpv6(ip)) {
            return ip == null ? null : ip.strip();
        }
        return CpAddresses.expandedIpv6(ip).replace(':', '.');
    }

    /**
     * The first rule of the firewall, in {@code spec.egress} order, that matches traffic to
     * {@code ip} with this protocol and port: its {@code cidrSelector} contains the address, and
     * it has no {@code ports} or one of them names the protocol (and the port, or every port).
     * {@code protocol} null (ICMP, as ping sends) matches only rules without ports. Rules with a
     * {@code dnsName} or a node selector are skipped: what they match is not in the capture
     * ({@link #skippedBefore} says which). Null when no rule matches (the traffic is allowed).
     */
    public static EgressFirewall.Rule firstMatch(EgressFirewall ef, String ip, String protocol, Integer port) {
        for (EgressFirewall.Rule r : ordered(ef)) {
            if (r.cidrSelector() == null || r.dnsName() != null || r.nodeSelector()) {
                continue;
            }
            if (CpAddresses.inCidr(ip, r.cidrSelector()) && portsMatch(r.ports(), protocol, port)) {
                return r;
            }
        }
        return null;
    }

    /** True when the first matching rule ({@link #firstMatch}) is a {@code Deny}. */
    public static boolean denies(EgressFirewall ef, String ip, String protocol, Integer port) {
        EgressFirewall.Rule r = firstMatch(ef, ip, protocol, port);
        return r != null && "Deny".equalsIgnoreCase(r.type());
    }

    static boolean portsMatch(List<EgressFirewall.Port> ports, String protocol, Integer port) {
        if (ports.isEmpty()) {
            return true;
        }
        if (protocol == null) {
            return false;
        }
        for (EgressFirewall.Port p : ports) {
            if (protocol.equalsIgnoreCase(p.protocol()) && (p.port() == null || p.port().equals(port))) {
                return true;
            }
        }
        return false;
    }

    private static List<EgressFirewall.Rule> ordered(EgressFirewall ef) {
        List<EgressFirewall.Rule> rules = new ArrayList<>(ef.rules());
        rules.sort(java.util.Comparator.comparingInt(EgressFirewall.Rule::index));
        return rules;
    }

    /**
     * The rules before {@code rule} (all rules when it is null) that were not evaluated because
     * they select by {@code dnsName} or node selector, as {@code spec.egress[i] (dnsName x)}
     * comma-separated, or {@code none}.
     */
    public static String skippedBefore(EgressFirewall ef, EgressFirewall.Rule rule) {
        List<String> out = new ArrayList<>();
        for (EgressFirewall.Rule r : ordered(ef)) {
            if (rule != null && r.index() >= rule.index()) {
                break;
            }
            if (r.dnsName() != null) {
                out.add("spec.egress[" + r.index() + "] (" + r.type() + " dnsName " + r.dnsName() + ")");
            } else if (r.nodeSelector()) {
                out.add("spec.egress[" + r.index() + "] (" + r.type() + " nodeSelector)");
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * The API server endpoints ({@code address:port} of the EndpointSlices given, those of
     * {@code default/kubernetes}) that the firewall's first matching rule denies, in slice order.
     */
    public static List<String> deniedEndpoints(EgressFirewall ef, Collection<?> slices) {
        List<String> out = new ArrayList<>();
        forEachDenied(ef, slices, (addr, proto, port) -> {
            String hostPort = (CpAddresses.isIpv6(addr) ? "[" + addr + "]" : addr) + ":" + port;
            if (!out.contains(hostPort)) {
                out.add(hostPort);
            }
            return false;
        });
        return out;
    }

    /** The rule that denies the first of {@link #deniedEndpoints}, described ({@link #describe}); "" when none. */
    public static String denyingRule(EgressFirewall ef, Collection<?> slices) {
        String[] rule = {""};
        forEachDenied(ef, slices, (addr, proto, port) -> {
            rule[0] = describe(firstMatch(ef, addr, proto, port));
            return true;
        });
        return rule[0];
    }

    /** What to do with one denied endpoint port; true stops the walk. */
    private interface DeniedVisitor {
        boolean visit(String address, String protocol, Integer port);
    }

    /** Calls the visitor for each endpoint address and port (slice order) that the firewall denies. */
    private static void forEachDenied(EgressFirewall ef, Collection<?> slices, DeniedVisitor visitor) {
        for (Object o : slices) {
            if (!(o instanceof EndpointSlice s)) {
                continue;
            }
            for (EndpointSlice.Endpoint ep : s.endpoints()) {
                for (String addr : ep.addresses()) {
                    for (EndpointSlice.Port p : s.ports()) {
                        String proto = p.protocol() == null ? "TCP" : p.protocol();
                        if (denies(ef, addr, proto, p.port()) && visitor.visit(addr, proto, p.port())) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** A rule as the evidence names it: {@code spec.egress[2] Deny to 0.0.0.0/0 (TCP/6443)}. */
    public static String describe(EgressFirewall.Rule r) {
        if (r == null) {
            return "";
        }
        StringBuilder s = new StringBuilder("spec.egress[" + r.index() + "] " + r.type() + " to " + r.cidrSelector());
        if (!r.ports().isEmpty()) {
            List<String> ports = new ArrayList<>();
            for (EgressFirewall.Port p : r.ports()) {
                ports.add(p.protocol() + (p.port() == null ? "" : "/" + p.port()));
            }
            s.append(" (").append(String.join(", ", ports)).append(")");
        }
        return s.toString();
    }

    /**
     * True when an address is inside the cluster: in a cluster network or the service network
     * (the config's, else the catalogue's defaults 10.128.0.0/14 and 172.30.0.0/16). Egress
     * firewalls apply only to traffic leaving the cluster network.
     */
    public static boolean inCluster(String ip, NetworkConfig nc) {
        List<String> cidrs = new ArrayList<>();
        if (nc != null) {
            nc.clusterNetworks().forEach(b -> cidrs.add(b.cidr()));
            cidrs.addAll(nc.serviceNetworks());
        }
        if (nc == null || nc.clusterNetworks().isEmpty()) {
            cidrs.add("10.128.0.0/14");
        }
        if (nc == null || nc.serviceNetworks().isEmpty()) {
            cidrs.add("172.30.0.0/16");
        }
        return CpAddresses.inAnyCidr(cidrs, ip);
    }

    /** The transport protocol of a probe kind: TCP for tcp and http, null (ICMP) for ping, else null. */
    public static String probeProtocol(String kind) {
        return kind == null ? null : switch (kind.toLowerCase(Locale.ROOT)) {
            case "tcp", "http" -> "TCP";
            default -> null;
        };
    }

    /** The destination port of a probe: its {@code port}, else the URL's (explicit, or 80/443 by scheme). */
    public static Integer probePort(Integer port, String url) {
        if (port != null || url == null) {
            return port;
        }
        try {
            java.net.URI u = new java.net.URI(url);
            if (u.getPort() > 0) {
                return u.getPort();
            }
            return "https".equalsIgnoreCase(u.getScheme()) ? 443 : "http".equalsIgnoreCase(u.getScheme()) ? 80 : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The host of a probe's URL ({@code http://10.0.0.5:8080/} gives {@code 10.0.0.5}), or null. */
    public static String urlHost(String url) {
        if (url == null) {
            return null;
        }
        try {
            String h = new java.net.URI(url).getHost();
            return h != null && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
