package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.model.Pod;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import io.netrules.plugins.ovnkubernetes.model.OvnkubeMaster;
import io.netrules.plugins.ovnkubernetes.model.PodContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the control-plane rules (NR-OVNCP-*, NR-OVNDB-*) compute: unready containers as evidence,
 * node-subnet capacity, the node annotations the cluster manager and ovnkube-controller write,
 * and the age of the {@code e2e_timestamp} that ovnkube-controller writes into NB_Global.
 */
public final class ControlPlaneChecks {
    private ControlPlaneChecks() {
    }

    /** How long a new node may lack its subnet before that is a fault (the catalogue's 10 minutes). */
    public static final Duration SUBNET_GRACE = Duration.ofMinutes(10);

    /** How stale an {@code e2e_timestamp} may be: ovnkube-controller rewrites it every 30 s. */
    public static final long E2E_STALE_SECONDS = 120;

    /**
     * The containers that are not ready, sorted by name, each with its restarts and last
     * termination: {@code ovnkube-controller (ready false, 12 restarts, last terminated Error:
     * failed to start ...)}; {@code none} when all are ready.
     */
    public static String unready(Collection<PodContainer> containers) {
        List<String> out = new ArrayList<>();
        containers.stream().filter(c -> !c.ready()).sorted(Comparator.comparing(PodContainer::container))
                .forEach(c -> out.add(describe(c)));
        return out.isEmpty() ? "none" : String.join("; ", out);
    }

    /** The names of the unready containers, sorted and comma-separated, or {@code none}. */
    public static String unreadyNames(Collection<PodContainer> containers) {
        List<String> names = containers.stream().filter(c -> !c.ready()).map(PodContainer::container).sorted()
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** True when the pod's label {@code app} is the value ({@code ovnkube-node}, {@code ovnkube-control-plane}...). */
    public static boolean hasApp(Map<String, String> labels, String app) {
        return labels != null && app != null && app.equals(labels.get("app"));
    }

    /** Pods with their phase and node, sorted by name: {@code ovnkube-control-plane-5d8f (Pending, on master-0)}; {@code none}. */
    public static String podStates(Collection<Pod> pods) {
        List<String> out = new ArrayList<>();
        pods.stream().sorted(Comparator.comparing(Pod::name)).forEach(p -> out.add(p.name() + " ("
                + (p.phase() == null ? "phase unknown" : p.phase())
                + (p.nodeName() == null ? "" : ", on " + p.nodeName()) + ")"));
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static String describe(PodContainer c) {
        StringBuilder s = new StringBuilder(c.container()).append(" (not ready, ").append(c.restartCount())
                .append(c.restartCount() == 1 ? " restart" : " restarts");
        if (c.lastTerminatedReason() != null || c.lastTerminatedMessage() != null) {
            s.append(", last terminated");
            if (c.lastTerminatedReason() != null) {
                s.append(' ').append(c.lastTerminatedReason());
            }
            if (c.lastTerminatedMessage() != null && !c.lastTerminatedMessage().isBlank()) {
                s.append(": ").append(firstLine(c.lastTerminatedMessage()));
            }
        }
        return s.append(')').toString();
    }

    private static String firstLine(String message) {
        String m = message.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /**
     * How many node subnets the cluster network can hand out: Σ over the IPv4
     * {@code clusterNetwork[]} entries of 2^(hostPrefix − prefix length); the catalogue's default
     * 10.128.0.0/14 with hostPrefix 23 (512) when the config lists none. 0 when an entry cannot be read.
     */
    public static long subnetCapacity(NetworkConfig nc) {
        List<NetworkConfig.CidrBlock> blocks = nc == null ? List.of() : nc.clusterNetworks();
        if (blocks.isEmpty()) {
            blocks = List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23));
        }
        long total = 0;
        for (NetworkConfig.CidrBlock b : blocks) {
            if (b.cidr() == null || CpAddresses.isIpv6(b.cidr())) {
                continue;
            }
            int len = CpAddresses.prefixLength(b.cidr());
            if (len < 0 || b.hostPrefix() == null || b.hostPrefix() < len || b.hostPrefix() - len > 32) {
                return 0;
            }
            total += 1L << (b.hostPrefix() - len);
        }
        return total;
    }

    /** How many IPv4 node subnets the nodes' {@code node-subnets} annotations hold. */
    public static long ipv4SubnetsHandedOut(Collection<OvnNode> nodes) {
        long n = 0;
        for (OvnNode node : nodes) {
            for (String s : node.subnets()) {
                if (CpAddresses.isAddress(s) && !CpAddresses.isIpv6(s)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The other annotations OVN-K writes for a node that it lacks: {@code node-chassis-id},
     * {@code l3-gateway-config}, and in IC mode {@code node-id}; comma-separated, or {@code none}.
     */
    public static String missingAnnotations(OvnNode node, boolean interconnect) {
        List<String> out = new ArrayList<>();
        if (node.chassisId() == null || node.chassisId().isBlank()) {
            out.add("k8s.ovn.org/node-chassis-id");
        }
        if (!node.l3GatewayConfigAnnotated()) {
            out.add("k8s.ovn.org/l3-gateway-config");
        }
        if (interconnect && node.nodeId() == null) {
            out.add("k8s.ovn.org/node-id");
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * True when a node without a subnet is a fault rather than a node still joining: it is
     * {@code Ready}, or it was created at least {@link #SUBNET_GRACE} before the capture.
     */
    public static boolean settled(OvnNode node, Instant collectedAt) {
        if (node.ready()) {
            return true;
        }
        return node.created() != null && collectedAt != null
                && !node.created().plus(SUBNET_GRACE).isAfter(collectedAt);
    }

    /** The node's age at capture time as {@code 3h12m} ({@code unknown} without a creation time). */
    public static String age(Instant created, Instant collectedAt) {
        if (created == null || collectedAt == null) {
            return "unknown";
        }
        Duration d = Duration.between(created, collectedAt);
        if (d.isNegative()) {
            return "0m";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        return (days > 0 ? days + "d" : "") + (days > 0 || hours > 0 ? hours + "h" : "") + minutes + "m";
    }

    /**
     * The {@code e2e_timestamp} of an NB_Global or SB_Global {@code options} map, in Unix
     * seconds, or null when absent or not a number (older releases do not write it).
     */
    public static Long e2eTimestamp(Map<String, String> options) {
        String v = options == null ? null : options.get("e2e_timestamp");
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Seconds from {@code older} to {@code newer} (negative when {@code older} is later). */
    public static long lagSeconds(long older, long newer) {
        return newer - older;
    }

    /** An e2e timestamp as UTC text ({@code 2026-12-07T10:15:00Z}). */
    public static String utc(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /**
     * Legacy mode: true when the northd status of every master's northd is known and none is
     * {@code active} (two standby beside one active are normal; a master whose status was not
     * collected might be the active one, so then nothing can be said).
     */
    public static boolean noNorthdActive(Collection<?> masters, Collection<?> statuses) {
        Map<String, String> byNode = northdByNode(statuses);
        List<String> nodes = masterNodes(masters);
        return !nodes.isEmpty() && nodes.stream().allMatch(byNode::containsKey)
                && nodes.stream().noneMatch(n -> "active".equals(byNode.get(n)));
    }

    /** Each master's northd status, {@code <node>=<status>}, by node name. */
    public static List<String> northdStates(Collection<?> masters, Collection<?> statuses) {
        Map<String, String> byNode = northdByNode(statuses);
        return masterNodes(masters).stream().map(n -> n + "=" + byNode.getOrDefault(n, "unknown")).toList();
    }

    private static List<String> masterNodes(Collection<?> masters) {
        return masters.stream().filter(o -> o instanceof OvnkubeMaster).map(o -> ((OvnkubeMaster) o).node())
                .distinct().sorted().toList();
    }

    private static Map<String, String> northdByNode(Collection<?> statuses) {
        Map<String, String> byNode = new java.util.TreeMap<>();
        for (Object o : statuses) {
            if (o instanceof NorthdStatus s && s.node() != null) {
                byNode.putIfAbsent(s.node(), s.status());
            }
        }
        return byNode;
    }
}
