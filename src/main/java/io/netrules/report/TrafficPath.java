package io.netrules.report;

import io.netrules.engine.Diagnosis;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleDoc;
import io.netrules.model.Severity;

import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NetworkPlugins;
import io.netrules.plugin.NodePath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The traffic path as hops, and where each finding sits on it: client → DNS → router → route →
 * service → endpoints, then the network plugin's own hops on each node (openshift-sdn: node to
 * node → br0 → vxlan0 → tun0), then the pod, then the plugin's hops after the pod if it has any (the
 * way out of the node). The first hops are the cluster's; the plugin's
 * and the pod exist once per node, so a node's findings can be drawn in that node's own lane.
 * The plugin is the capture's ({@code summary.plugin}); its {@link NodePath} says which hops it
 * has and where its layers and rules sit.
 *
 * <p>A rule is placed by its layer, except the few rule IDs whose subject is one particular hop
 * (an OVS port, the pod), which the plugin places on that hop; docs/reports.md has the table.
 */
public final class TrafficPath {

    /** One hop of the path; {@code perNode} hops are drawn once per node. */
    public record Hop(String id, String label, boolean perNode) {
        public static final Hop CLIENT = new Hop("client", "client", false);
        public static final Hop DNS = new Hop("dns", "DNS", false);
        public static final Hop ROUTER = new Hop("router", "router", false);
        public static final Hop ROUTE = new Hop("route", "route", false);
        public static final Hop SERVICE = new Hop("service", "service", false);
        public static final Hop ENDPOINTS = new Hop("endpoints", "endpoints", false);
        public static final Hop POD = new Hop("pod", "pod", true);
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

    /** The hops of the cluster's part of the path, whatever the plugin. */
    static final List<Hop> CLUSTER_HOPS = List.of(Hop.CLIENT, Hop.DNS, Hop.ROUTER, Hop.ROUTE, Hop.SERVICE,
            Hop.ENDPOINTS);

    /** Where each plugin-agnostic layer on the cluster's part of the path sits. */
    static final Map<String, String> COMMON_LAYER_HOPS = Map.of("dns", "dns", "egress-dns", "dns", "router", "router",
            "route", "route", "service", "service", "endpoints", "endpoints");

    /**
     * The node part of the path when the plugin is not known: node to node, then the node as a
     * whole (the plugin's rules are not evaluated then, so there is nothing finer to place).
     */
    static final NodePath UNKNOWN_PLUGIN = new NodePath(
            List.of(new NodePath.Hop("node-to-node", "node to node"), new NodePath.Hop("node", "node")),
            Map.of("node-to-node", "node-to-node"), Map.of(), "node");

    /**
     * A whole path: the cluster's hops, a plugin's per-node hops, the pod; and where each layer
     * and each rule ID with a hop of its own sits.
     */
    public record Path(List<Hop> hops, Map<String, Hop> layerHops, Map<String, Hop> ruleHops, Hop defaultHop) {

        /** The hop of a rule; a layer the path does not know goes to the plugin's default hop. */
        public Hop hopOf(String id, String layer) {
            Hop h = ruleHops.get(id);
            if (h != null) {
                return h;
            }
            return layerHops.getOrDefault(layer, defaultHop);
        }

        public Hop hopOf(ReportFinding f) {
            return hopOf(f.id(), f.layer());
        }

        /** The hop with this ID, or null. */
        public Hop hop(String id) {
            return hops.stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
        }
    }

    /** The path of a plugin (by ID); a plugin that is null or not known gets a path without its hops. */
    public static Path path(String pluginId) {
        NodePath node = pluginId == null ? UNKNOWN_PLUGIN
                : NetworkPlugins.byId(pluginId).map(NetworkPlugin::nodePath).orElse(UNKNOWN_PLUGIN);
        List<Hop> hops = new ArrayList<>(CLUSTER_HOPS);
        node.hops().forEach(h -> hops.add(new Hop(h.id(), h.label(), true)));
        hops.add(Hop.POD);
        node.afterPod().forEach(h -> hops.add(new Hop(h.id(), h.label(), true)));
        Map<String, Hop> byId = new java.util.HashMap<>();
        hops.forEach(h -> byId.put(h.id(), h));
        Map<String, Hop> layerHops = new java.util.HashMap<>();
        COMMON_LAYER_HOPS.forEach((layer, hop) -> layerHops.put(layer, byId.get(hop)));
        node.layerHops().forEach((layer, hop) -> layerHops.put(layer, required(byId, hop, pluginId)));
        Map<String, Hop> ruleHops = new java.util.HashMap<>();
        node.ruleHops().forEach((rule, hop) -> ruleHops.put(rule, required(byId, hop, pluginId)));
        return new Path(List.copyOf(hops), Map.copyOf(layerHops), Map.copyOf(ruleHops),
                required(byId, node.defaultHop(), pluginId));
    }

    private static Hop required(Map<String, Hop> byId, String hop, String pluginId) {
        Hop h = byId.get(hop);
        if (h == null) {
            throw new IllegalStateException("network plugin " + pluginId + " places a layer or rule on hop '" + hop
                    + "', which is not on its path");
        }
        return h;
    }

    /** The hop of a rule on the path of the capture's plugin. */
    public static Hop hopOf(Diagnosis d, String id, String layer) {
        return path(d.summary().plugin()).hopOf(id, layer);
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
        Path path = path(d.summary().plugin());
        Coverage coverage = new Coverage(d, rules, path);
        Set<String> rootCauses = rootCauseKeys(d);
        List<Lane> lanes = new ArrayList<>();
        List<HopView> overview = new ArrayList<>();
        for (Hop hop : path.hops()) {
            overview.add(view(hop, null, d, coverage, rootCauses, path));
        }
        lanes.add(new Lane(null, overview));
        for (String node : laneNodes(d, path)) {
            List<HopView> hops = new ArrayList<>();
            for (Hop hop : path.hops()) {
                if (hop.perNode()) {
                    hops.add(view(hop, node, d, coverage, rootCauses, path));
                }
            }
            lanes.add(new Lane(node, hops));
        }
        return lanes;
    }

    /** Which rules check which hop, and where each rule could run. */
    private static final class Coverage {
        private final Map<Hop, List<RuleDoc>> byHop = new java.util.HashMap<>();
        private final Map<String, String> layerById = new java.util.HashMap<>();
        /** Rule ID to the nodes it could not run on; a null element: it could not run at cluster scope. */
        private final Map<String, Set<String>> notRunOn = new java.util.HashMap<>();
        private final Set<String> nodes = new TreeSet<>();

        private final Path path;

        Coverage(Diagnosis d, Collection<RuleDoc> rules, Path path) {
            this.path = path;
            for (RuleDoc r : rules) {
                if (d.summary().plugin() != null && !r.appliesTo(d.summary().plugin())) {
                    continue; // another plugin's rule checks nothing on this path
                }
                byHop.computeIfAbsent(path.hopOf(r.id(), r.layer()), k -> new ArrayList<>()).add(r);
                layerById.put(r.id(), r.layer());
            }
            for (NotEvaluated n : d.notEvaluated()) {
                notRunOn.computeIfAbsent(n.id(), k -> new java.util.HashSet<>()).add(n.node());
            }
            d.nodes().forEach(r -> nodes.add(r.node()));
        }

        Hop hopOf(String id) {
            return path.hopOf(id, layerById.getOrDefault(id, ""));
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
    static List<String> laneNodes(Diagnosis d, Path path) {
        TreeSet<String> all = new TreeSet<>();
        d.nodes().forEach(r -> all.add(r.node()));
        TreeSet<String> busy = new TreeSet<>();
        for (ReportFinding f : d.findings()) {
            if (f.node() != null && path.hopOf(f).perNode()) {
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

    private static HopView view(Hop hop, String node, Diagnosis d, Coverage coverage, Set<String> rootCauses,
                                Path path) {
        if (hop.equals(Hop.CLIENT)) {
            return new HopView(hop, State.ORIGIN, false, List.of(), List.of(), false, false);
        }
        List<ReportFinding> findings = new ArrayList<>();
        for (ReportFinding f : d.findings()) {
            if (path.hopOf(f).equals(hop) && (node == null || node.equals(f.node()))) {
                findings.add(f);
            }
        }
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        for (NotEvaluated n : d.notEvaluated()) {
            if (coverage.hopOf(n.id()).equals(hop) && (node == null || node.equals(n.node()))) {
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
