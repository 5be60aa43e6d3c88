package io.netrules.report;

import io.netrules.engine.Diagnosis;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.model.Severity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guide's traffic path as hops, and where each finding sits on it: client → DNS → router →
 * route → service → endpoints → node to node → br0 → vxlan0 → tun0 → pod. The first hops are
 * the cluster's; the last five exist once per node, so a node's findings can be drawn in that
 * node's own lane.
 *
 * <p>A rule is placed by its layer, except the few rule IDs whose subject is one particular
 * OVS port or the pod, which are placed on that hop (see {@link #ID_HOPS}); docs/reports.md has
 * the table.
 */
public final class TrafficPath {

    /** One hop of the path; {@code perNode} hops are drawn once per node. */
    public enum Hop {
        CLIENT("client", "client", false),
        DNS("dns", "DNS", false),
        ROUTER("router", "router", false),
        ROUTE("route", "route", false),
        SERVICE("service", "service", false),
        ENDPOINTS("endpoints", "endpoints", false),
        NODE_TO_NODE("node-to-node", "node to node", true),
        BR0("br0", "br0", true),
        VXLAN0("vxlan0", "vxlan0", true),
        TUN0("tun0", "tun0", true),
        POD("pod", "pod", true);

        public final String id;
        public final String label;
        public final boolean perNode;

        Hop(String id, String label, boolean perNode) {
            this.id = id;
            this.label = label;
            this.perNode = perNode;
        }
    }

    /**
     * What a hop shows: its worst finding; else fine when at least one rule that checks it ran
     * there; else not evaluated (no rule that checks it could run, or none checks it).
     */
    public enum State {
        ERROR("error"), WARNING("warning"), FINE("fine"), NOT_EVALUATED("not-evaluated"), ORIGIN("origin");

        public final String id;

        State(String id) {
            this.id = id;
        }
    }

    /** Where each layer of the rule catalogue sits on the path. */
    static final Map<String, Hop> LAYER_HOPS = Map.ofEntries(
            Map.entry("dns", Hop.DNS),
            Map.entry("egress-dns", Hop.DNS),
            Map.entry("router", Hop.ROUTER),
            Map.entry("route", Hop.ROUTE),
            Map.entry("service", Hop.SERVICE),
            Map.entry("endpoints", Hop.ENDPOINTS),
            Map.entry("node-to-node", Hop.NODE_TO_NODE),
            // OVS as a whole is the bridge; the node's kernel side of the SDN (routes through
            // tun0, forwarding, the FORWARD chain) is where pod traffic meets tun0; the MTU is
            // a matter of the VXLAN overhead.
            Map.entry("ovs", Hop.BR0),
            Map.entry("local-sdn", Hop.TUN0),
            Map.entry("iptables", Hop.TUN0),
            Map.entry("mtu", Hop.VXLAN0));

    /** Rule IDs whose subject is one port of br0, or a pod, rather than the bridge as a whole. */
    static final Map<String, Hop> ID_HOPS = Map.of(
            "NR-OVS-002", Hop.VXLAN0,   // br0 has no vxlan0 port
            "NR-OVS-005", Hop.VXLAN0,   // no VXLAN flows for a peer
            "NR-OVS-007", Hop.VXLAN0,   // flows point at a tunnel address no HostSubnet has
            "NR-OVS-003", Hop.TUN0,     // br0 has no tun0 port
            "NR-MTU-002", Hop.TUN0,     // tun0's MTU differs from the SDN MTU
            "NR-OVS-004", Hop.POD,      // a pod's flows use a port br0 does not have
            "NR-OVS-006", Hop.POD);     // a running pod lacks its flows

    private TrafficPath() {
    }

    /** The hop of a rule; a layer the path does not know (a user rule's typo cannot pass validation) goes to br0. */
    public static Hop hopOf(String id, String layer) {
        Hop h = ID_HOPS.get(id);
        if (h != null) {
            return h;
        }
        return LAYER_HOPS.getOrDefault(layer, Hop.BR0);
    }

    public static Hop hopOf(ReportFinding f) {
        return hopOf(f.id(), f.layer());
    }

    /**
     * One lane of the picture: the whole path ({@code node == null}: every finding, whatever
     * its node) or one node's hops (only that node's findings and not-evaluated rules).
     */
    public record Lane(String node, List<HopView> hops) {
        public boolean overview() {
            return node == null;
        }
    }

    /**
     * A hop as one lane shows it. {@code partial}: the hop is fine as far as the rules that ran
     * there can tell, but some rule that checks it could not run (its input is missing); those
     * are in {@code notEvaluated}.
     */
    public record HopView(Hop hop, State state, boolean rootCause, List<ReportFinding> findings,
                          List<NotEvaluated> notEvaluated, boolean checkedByAnyRule, boolean partial) {
    }

    /** Lanes are drawn for every node up to this many; past it, only for nodes with something to show. */
    public static final int ALL_LANES_UP_TO = 12;

    /** The overview lane, then one lane per node (see {@link #ALL_LANES_UP_TO}). */
    public static List<Lane> lanes(Diagnosis d, Collection<RuleDoc> rules) {
        Coverage coverage = new Coverage(d, rules);
        Set<String> rootCauses = rootCauseKeys(d);
        List<Lane> lanes = new ArrayList<>();
        List<HopView> overview = new ArrayList<>();
        for (Hop hop : Hop.values()) {
            overview.add(view(hop, null, d, coverage, rootCauses));
        }
        lanes.add(new Lane(null, overview));
        for (String node : laneNodes(d)) {
            List<HopView> hops = new ArrayList<>();
            for (Hop hop : Hop.values()) {
                if (hop.perNode) {
                    hops.add(view(hop, node, d, coverage, rootCauses));
                }
            }
            lanes.add(new Lane(node, hops));
        }
        return lanes;
    }

    /** Which rules check which hop, and where each rule could run. */
    private static final class Coverage {
        private final Map<Hop, List<RuleDoc>> byHop = new java.util.EnumMap<>(Hop.class);
        private final Map<String, String> layerById = new java.util.HashMap<>();
        /** Rule ID to the nodes it could not run on; a null element: it could not run at cluster scope. */
        private final Map<String, Set<String>> notRunOn = new java.util.HashMap<>();
        private final Set<String> nodes = new TreeSet<>();

        Coverage(Diagnosis d, Collection<RuleDoc> rules) {
            for (RuleDoc r : rules) {
                byHop.computeIfAbsent(TrafficPath.hopOf(r.id(), r.layer()), k -> new ArrayList<>()).add(r);
                layerById.put(r.id(), r.layer());
            }
            for (NotEvaluated n : d.notEvaluated()) {
                notRunOn.computeIfAbsent(n.id(), k -> new java.util.HashSet<>()).add(n.node());
            }
            d.nodes().forEach(r -> nodes.add(r.node()));
        }

        Hop hopOf(String id) {
            return TrafficPath.hopOf(id, layerById.getOrDefault(id, ""));
        }

        /** How many of the rules that check this hop ran for this lane (a node, or null for the whole path). */
        int ran(Hop hop, String node) {
            int ran = 0;
            for (RuleDoc r : byHop.getOrDefault(hop, List.of())) {
                Set<String> notRun = notRunOn.getOrDefault(r.id(), java.util.Collections.emptySet());
                boolean ok;
                if (notRun.contains(null)) {
                    ok = false;
                } else if (r.scope() != io.netrules.engine.RuleMeta.Scope.NODE) {
                    ok = true;
                } else if (node != null) {
                    ok = !notRun.contains(node);
                } else {
                    ok = nodes.stream().anyMatch(n -> !notRun.contains(n));
                }
                ran += ok ? 1 : 0;
            }
            return ran;
        }

        boolean anyRuleChecks(Hop hop) {
            return byHop.containsKey(hop);
        }
    }

    /** Nodes that get a lane: all of them in a small cluster, else those with findings or rules not evaluated. */
    static List<String> laneNodes(Diagnosis d) {
        TreeSet<String> all = new TreeSet<>();
        d.nodes().forEach(r -> all.add(r.node()));
        TreeSet<String> busy = new TreeSet<>();
        for (ReportFinding f : d.findings()) {
            if (f.node() != null && hopOf(f).perNode) {
                busy.add(f.node());
            }
        }
        for (NotEvaluated n : d.notEvaluated()) {
            if (n.node() != null) {
                busy.add(n.node());
            }
        }
        all.addAll(busy);
        return List.copyOf(all.size() <= ALL_LANES_UP_TO ? all : busy);
    }

    /** Nodes that have no lane of their own (a big cluster's nodes with nothing to show). */
    public static int nodesWithoutLane(Diagnosis d, List<Lane> lanes) {
        TreeSet<String> all = new TreeSet<>();
        d.nodes().forEach(r -> all.add(r.node()));
        lanes.stream().filter(l -> !l.overview()).forEach(l -> all.remove(l.node()));
        return all.size();
    }

    private static HopView view(Hop hop, String node, Diagnosis d, Coverage coverage, Set<String> rootCauses) {
        if (hop == Hop.CLIENT) {
            return new HopView(hop, State.ORIGIN, false, List.of(), List.of(), false, false);
        }
        List<ReportFinding> findings = new ArrayList<>();
        for (ReportFinding f : d.findings()) {
            if (hopOf(f) == hop && (node == null || node.equals(f.node()))) {
                findings.add(f);
            }
        }
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        for (NotEvaluated n : d.notEvaluated()) {
            if (coverage.hopOf(n.id()) == hop && (node == null || node.equals(n.node()))) {
                notEvaluated.add(n);
            }
        }
        State state;
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            state = State.ERROR;
        } else if (findings.stream().anyMatch(f -> f.severity() == Severity.WARN)) {
            state = State.WARNING;
        } else if (coverage.ran(hop, node) == 0) {
            // No rule that checks this hop could run here (or none checks it at all): nothing is known.
            state = State.NOT_EVALUATED;
        } else {
            state = State.FINE;
        }
        boolean partial = state == State.FINE && !notEvaluated.isEmpty();
        boolean rootCause = findings.stream().anyMatch(f -> rootCauses.contains(f.key()));
        return new HopView(hop, state, rootCause, findings, notEvaluated, coverage.anyRuleChecks(hop), partial);
    }

    /**
     * The root cause: the most severe findings of the summary's likely layer that no other
     * finding explains (the same choice the summary makes).
     */
    static Set<String> rootCauseKeys(Diagnosis d) {
        Set<String> keys = new java.util.HashSet<>();
        String layer = d.summary().layer();
        if (layer == null) {
            return keys;
        }
        Severity worst = null;
        for (ReportFinding f : d.findings()) {
            if (f.explainedBy().isEmpty() && (worst == null || f.severity().ordinal() < worst.ordinal())) {
                worst = f.severity();
            }
        }
        for (ReportFinding f : d.findings()) {
            if (f.explainedBy().isEmpty() && f.severity() == worst && layer.equals(f.layer())) {
                keys.add(f.key());
            }
        }
        return keys;
    }
}
