package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.HostSubnet;
import io.netrules.model.Pod;
import io.netrules.model.ProbeResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Small pure functions the probe rules call ({@code import function}): what counts as a
 * connection test and as its failure, who ran a probe, and which node an endpoint lives on.
 */
public final class Probes {
    private Probes() {
    }

    /** A connection test: {@code tcp} or {@code http}. ping, tracepath and dns say nothing about a port. */
    public static boolean connects(String kind) {
        return "tcp".equals(kind) || "http".equals(kind);
    }

    /**
     * The probe got no connection: {@code refused}, {@code timeout}, {@code unreachable} or
     * {@code error}. {@code ok} (whatever HTTP status came back) and no result at all are not failures.
     */
    public static boolean failed(String result) {
        return result != null && !result.isBlank() && !"ok".equals(result);
    }

    /**
     * A prober inside the cluster network: {@code node/<name>} or {@code pod/<ns>/<name>}. The
     * client, outside the cluster, cannot reach pod and service IPs by design.
     */
    public static boolean inCluster(String from) {
        return from != null && (from.startsWith("node/") || from.startsWith("pod/"));
    }

    /** True when {@code a} comes before {@code b} in the probes file (ties: never). */
    public static boolean earlier(ProbeResult a, ProbeResult b) {
        if (a == null || b == null || a.source() == null || b.source() == null) {
            return false;
        }
        return a.source().line() < b.source().line();
    }

    /** The namespace of {@code <ns>/<name>}, or null. */
    public static String namespaceOf(String nsName) {
        if (nsName == null) {
            return null;
        }
        int slash = nsName.indexOf('/');
        return slash <= 0 ? null : nsName.substring(0, slash);
    }

    /** The project of a pod prober {@code pod/<ns>/<name>}, or null for any other prober. */
    public static String podProject(String from) {
        return from != null && from.startsWith("pod/") ? namespaceOf(from.substring(4)) : null;
    }

    /** True when {@code from} is {@code pod/<namespace>/<name>}. */
    public static boolean isPod(String from, String namespace, String name) {
        return from != null && namespace != null && name != null && from.equals("pod/" + namespace + "/" + name);
    }

    /**
     * The project a probe's target lies in: the namespace of its {@code toPod}, else of the
     * service whose endpoint ({@code endpointOf}) or cluster IP ({@code service}) it tested; null
     * when it names none.
     */
    public static String targetProject(ProbeResult p) {
        if (p == null) {
            return null;
        }
        if (p.toPod() != null) {
            return namespaceOf(p.toPod());
        }
        if (p.endpointOf() != null) {
            return namespaceOf(p.endpointOf());
        }
        return p.service() == null ? null : namespaceOf(p.service());
    }

    /** What a probe tested, as a finding subject: {@code pod/<ns>/<name>} or {@code service/<ns>/<name>}. */
    public static String targetSubject(ProbeResult p) {
        if (p.toPod() != null) {
            return "pod/" + p.toPod();
        }
        if (p.endpointOf() != null) {
            return "service/" + p.endpointOf();
        }
        return p.service() == null ? "host/" + p.host() : "service/" + p.service();
    }

    /**
     * ovs-multitenant isolates two projects when both have a non-zero NETID and they differ
     * (NETID 0 is global: it reaches and is reached by every project).
     */
    public static boolean isolated(String pluginName, Long fromNetid, Long toNetid) {
        return "redhat/openshift-ovs-multitenant".equals(pluginName) && fromNetid != null && toNetid != null
                && fromNetid != 0 && toNetid != 0 && !fromNetid.equals(toNetid);
    }

    /** True when {@code item} is one of the entries of a {@code ", "}-separated list (as rules write them). */
    public static boolean inList(String list, String item) {
        if (list == null || item == null || item.isEmpty()) {
            return false;
        }
        for (String s : list.split(",")) {
            if (s.strip().equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** True when two {@code ", "}-separated lists share an entry. */
    public static boolean listsShare(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        for (String s : a.split(",")) {
            if (inList(b, s.strip())) {
                return true;
            }
        }
        return false;
    }

    /** True when the collection holds the value ({@code contains} is a DRL keyword). */
    public static boolean holds(Collection<?> values, Object value) {
        return values != null && value != null && values.contains(value);
    }

    /** True when one of the addresses lies in the CIDR. */
    public static boolean anyIn(Collection<String> addresses, String cidr) {
        if (addresses == null || cidr == null) {
            return false;
        }
        for (String a : addresses) {
            if (Rules.inCidr(a, cidr)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The addresses that none of the given facts places on a node: an {@link EndpointAddress}
     * or {@link Pod} with that IP and a node name places it.
     */
    public static List<String> unplaced(Collection<String> addresses, Collection<?> placedBy) {
        List<String> out = new ArrayList<>();
        if (addresses == null) {
            return out;
        }
        for (String a : addresses) {
            if (nodeFrom(a, placedBy) == null) {
                out.add(a);
            }
        }
        return out;
    }

    /** The addresses that neither group of facts places on a node (see {@link #unplaced}). */
    public static List<String> unplacedBy(Collection<String> addresses, Collection<?> first, Collection<?> second) {
        return unplaced(unplaced(addresses, first), second);
    }

    /**
     * The node each address lives on: an Endpoints address's {@code nodeName}, else the node of
     * the pod with that IP, else the node whose HostSubnet holds it (a pod IP) or whose hostIP it
     * is (a host-network endpoint). Addresses no fact places are left out.
     */
    public static Map<String, String> nodesOf(Collection<String> addresses, Collection<?> endpointAddresses,
                                              Collection<?> pods, Collection<?> hostSubnets) {
        Map<String, String> out = new TreeMap<>();
        if (addresses == null) {
            return out;
        }
        for (String a : addresses) {
            String node = nodeFrom(a, endpointAddresses);
            if (node == null) {
                node = nodeFrom(a, pods);
            }
            if (node == null && hostSubnets != null) {
                for (Object o : hostSubnets) {
                    if (o instanceof HostSubnet h && h.host() != null
                            && (a.equals(h.hostIP()) || (h.subnet() != null && Rules.inCidr(a, h.subnet())))) {
                        node = h.host();
                        break;
                    }
                }
            }
            if (node != null) {
                out.put(a, node);
            }
        }
        return out;
    }

    private static String nodeFrom(String address, Collection<?> facts) {
        if (facts == null) {
            return null;
        }
        for (Object o : facts) {
            if (o instanceof EndpointAddress e && address.equals(e.ip()) && e.nodeName() != null) {
                return e.nodeName();
            }
            if (o instanceof Pod p && address.equals(p.podIP()) && p.nodeName() != null) {
                return p.nodeName();
            }
        }
        return null;
    }

    /** The distinct node names of a placement, sorted, as {@code "node-2, node-3"}. */
    public static String nodeList(Map<String, String> nodeOf) {
        return String.join(", ", new TreeSet<>(nodeOf.values()));
    }
}
