package io.netrules.engine;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureMetadata;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.capture.FactSources;
import io.netrules.capture.CaptureLimitException;
import io.netrules.parse.InputLimits;
import io.netrules.capture.ProbesReader;
import io.netrules.capture.mustgather.MustGather;
import io.netrules.model.ClusterNetwork;
import io.netrules.model.Collected;
import io.netrules.model.HostSubnet;
import io.netrules.model.Node;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import io.netrules.model.ProbeResult;
import io.netrules.model.Source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The cluster-scope facts of a capture: API objects and probe results, with their collection
 * markers. Node sessions get the part they need ({@link #forNode}); pods are handed only to the
 * session of the node they run on.
 */
final class ClusterFacts {
    private final List<Object> shared = new ArrayList<>();
    private final Map<String, List<Pod>> podsByNode = new HashMap<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<ProbeResult> probes = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<HostSubnet> hostSubnets = new ArrayList<>();
    private final List<Collected> markers = new ArrayList<>();
    private final InputStates states = new InputStates(null);
    private final Map<String, String> sources = new java.util.LinkedHashMap<>();
    /** Objects kept for the plugin's cluster-facts hook; dropped once it has run. */
    private List<io.netrules.capture.KubeObject> raw = new ArrayList<>();
    /** The plugin's facts of one node (its session and the cluster session). */
    private final Map<String, List<Object>> pluginNodeFacts = new java.util.TreeMap<>();
    /** Producers of a node's facts, run when its session is built. */
    private final List<java.util.function.Function<String, List<?>>> perNodeProducers = new ArrayList<>();
    /** The plugin's facts for the cluster session only. */
    private final List<Object> clusterOnly = new ArrayList<>();
    /** The plugin's derived node inputs, by node: input to {collected?, file or reason}. */
    private final Map<String, Map<String, String[]>> nodeInputStates = new HashMap<>();
    private Integer platformMajor;
    // Lookups by name, built on first use once reading is done: a node session asks for its own
    // Node and HostSubnet, and there can be 2000 of each (and tens of thousands of pods).
    private volatile Map<String, Node> nodeByName;
    private volatile Map<String, HostSubnet> hostSubnetByHost;
    private volatile Map<String, String> podNodes;

    static ClusterFacts read(Capture capture, List<ParseWarning> warnings) throws CaptureException {
        ClusterFacts facts = new ClusterFacts();
        Consumer<ParseWarning> warn = warnings::add;
        InputLimits limits = capture.limits();
        for (Capture.ClusterFile f : capture.clusterFiles().values()) {
            if (facts.tooLarge(f.path(), f.display(), f.input(), limits, warnings)) {
                continue;
            }
            // A file's objects are kept only once all of it is read: a file stopped by a limit
            // halfway gives nothing, so its rules are not evaluated rather than misled. A file cut
            // short keeps the items before the cut, but counts as incomplete (its rules are not
            // evaluated either).
            List<Object> read = new ArrayList<>();
            ClusterObjectReader reader = new ClusterObjectReader(read::add, warn, limits).keepingRawNodesAndPods();
            try {
                reader.read(f.path(), f.display(), f.input());
            } catch (CaptureLimitException e) {
                warnings.add(new ParseWarning(f.display(), e.line(), e.reason() + ": not read; the rules that need"
                        + " it are not evaluated"));
                facts.states.notCollectedReason(f.input(), f.display() + " is over a reading limit");
                continue;
            }
            read.forEach(facts::add);
            if (reader.incomplete() != null) {
                facts.states.incomplete(f.input(), f.display(), reader.incomplete());
            } else {
                facts.markCollected(f.input(), f.display());
            }
        }
        if (capture.mustGather() != null) {
            facts.readMustGather(capture, warnings);
        }
        if (capture.probesFile() != null
                && !facts.tooLarge(capture.probesFile(), ClusterInputs.PROBES_FILE, ClusterInputs.PROBES, limits,
                warnings)) {
            ProbesReader.read(capture.probesFile(), ClusterInputs.PROBES_FILE, facts::add, warn, limits);
            facts.markCollected(ClusterInputs.PROBES, ClusterInputs.PROBES_FILE);
        }
        facts.shared.stream().filter(o -> o instanceof ClusterNetwork cn && cn.mtu() != null).findFirst()
                .ifPresentOrElse(cn -> facts.states.collected(RuleBase.CLUSTER_MTU, ((ClusterNetwork) cn).source().file()),
                        () -> facts.states.notCollectedReason(RuleBase.CLUSTER_MTU,
                                "no ClusterNetwork has an mtu (OpenShift 4 sets one; OKD 3.11 uses node-config.yaml)"));
        // On openshift-sdn the network operator writes the effective MTU into ClusterNetwork.mtu,
        // the same value network.config reports as status.clusterNetworkMTU: one source suffices.
        boolean nodeConfig = capture.nodes().values().stream()
                .anyMatch(n -> n.inputs().containsKey(io.netrules.capture.FactSources.NODE_CONFIG));
        // The release of a ClusterVersion when there is one (OpenShift 4), else the kubelets' and
        // node-config's word.
        String release = facts.ofType(io.netrules.model.ClusterVersion.class).stream()
                .map(io.netrules.model.ClusterVersion::version).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        facts.platformMajor = PlatformMajor.detect(release,
                facts.nodes.stream().map(Node::kubeletVersion).toList(), nodeConfig);
        for (CaptureMetadata.NotCollected nc : capture.metadata().notCollected()) {
            if (nc.node() == null && nc.what() != null) {
                facts.states.notCollectedReason(inputOf(nc.what()), nc.why());
            }
        }
        facts.readClock(capture, warnings);
        return facts;
    }

    private static final java.util.regex.Pattern GO_TIME = java.util.regex.Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)? ([+-]\\d\\d)(\\d\\d)\\b.*");

    /**
     * The capture's clock: {@code capture.json collectedAt}, else the first line (the start) of a
     * must-gather's {@code timestamp} file, as Go prints a time ({@code 2021-08-03 12:11:56.91501602
     * +0200 CEST m=+1.65}). Input {@code capture-time}.
     */
    private void readClock(Capture capture, List<ParseWarning> warnings) {
        String at = capture.metadata().collectedAt();
        if (at != null) {
            try {
                add(new io.netrules.model.CaptureClock(java.time.OffsetDateTime.parse(at).toInstant(),
                        Source.of("capture.json", 0, "collectedAt " + at)));
                markCollected(ClusterInputs.CAPTURE_TIME, "capture.json");
                return;
            } catch (java.time.format.DateTimeParseException e) {
                warnings.add(new ParseWarning("capture.json", 0, "collectedAt " + at + " is not an RFC 3339 time;"
                        + " ignored"));
            }
        }
        MustGather.MgFile stamp = capture.mustGather() == null ? null : capture.mustGather().topTimestamp();
        if (stamp != null) {
            try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(stamp.path())) {
                String first = r.readLine();
                java.util.regex.Matcher m = first == null ? null : GO_TIME.matcher(first.strip());
                if (m != null && m.matches()) {
                    String iso = m.group(1) + "T" + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + m.group(4)
                            + ":" + m.group(5);
                    add(new io.netrules.model.CaptureClock(java.time.OffsetDateTime.parse(iso).toInstant(),
                            Source.of(stamp.display(), 1, first.strip())));
                    markCollected(ClusterInputs.CAPTURE_TIME, stamp.display());
                    return;
                }
                warnings.add(new ParseWarning(stamp.display(), 1, "not a time as oc writes it; ignored"));
            } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
                warnings.add(new ParseWarning(stamp.display(), 1, "cannot read the time: " + e.getMessage()));
            }
        }
        states.notCollectedReason(ClusterInputs.CAPTURE_TIME, "capture.json has no collectedAt"
                + (capture.mustGather() != null ? " and the must-gather no timestamp file" : ""));
    }

    /**
     * Runs the detected plugin's cluster-facts hook ({@link NetworkPlugin#clusterFacts}) over
     * the objects read, then drops them. Without a plugin they are only dropped.
     */
    void applyPlugin(String pluginId, Capture capture, List<ParseWarning> warnings) {
        List<io.netrules.capture.KubeObject> objects = raw;
        raw = List.of();
        if (pluginId == null) {
            return;
        }
        io.netrules.plugin.NetworkPlugin plugin = io.netrules.plugin.NetworkPlugins.byId(pluginId).orElse(null);
        if (plugin == null) {
            return;
        }
        Map<String, List<io.netrules.capture.KubeObject>> byInput = new HashMap<>();
        objects.forEach(o -> byInput.computeIfAbsent(o.input(), k -> new ArrayList<>()).add(o));
        io.netrules.plugin.ClusterObjects in = new io.netrules.plugin.ClusterObjects() {
            @Override
            public List<io.netrules.capture.KubeObject> objects(String input) {
                return byInput.getOrDefault(input, List.of());
            }

            @Override
            public <T> List<T> facts(Class<T> type) {
                if (type == Pod.class) {
                    return pods.stream().map(type::cast).toList();
                }
                if (type == ProbeResult.class) {
                    return probes.stream().map(type::cast).toList();
                }
                return ofType(type);
            }

            @Override
            public boolean collected(String input) {
                return states.ok(input);
            }

            @Override
            public boolean wholeIn(String input, String namespace) {
                return states.ok(input)
                        || states.byNamespace(input) && states.state(input).namespaces().contains(namespace);
            }

            @Override
            public String collectedFrom(String input) {
                return states.ok(input) ? states.state(input).file() : null;
            }

            @Override
            public String notCollectedReason(String input) {
                return states.ok(input) ? null : states.state(input).reason();
            }

            @Override
            public List<TextFile> mustGatherFiles(String relative) {
                return capture.mustGather() == null ? List.of() : capture.mustGather().rootFiles(relative).stream()
                        .map(f -> new TextFile(f.path(), f.display())).toList();
            }

            @Override
            public List<TextFile> captureFiles(String relative) {
                java.nio.file.Path f = capture.root() == null ? null : capture.root().resolve(relative);
                return f != null && java.nio.file.Files.isRegularFile(f) ? List.of(new TextFile(f, relative)) : List.of();
            }

            @Override
            public List<TextFile> captureFolder(String relative) {
                java.nio.file.Path d = capture.root() == null ? null : capture.root().resolve(relative);
                if (d == null || !java.nio.file.Files.isDirectory(d)) {
                    return List.of();
                }
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(d)) {
                    return files.filter(f -> java.nio.file.Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                            .sorted().map(f -> new TextFile(f, relative + "/" + f.getFileName())).toList();
                } catch (java.io.IOException e) {
                    return List.of();
                }
            }

            @Override
            public boolean mustGather() {
                return capture.mustGather() != null;
            }
        };
        io.netrules.plugin.ClusterFactSink out = new io.netrules.plugin.ClusterFactSink() {
            @Override
            public void everySession(Object fact) {
                shared.add(fact);
            }

            @Override
            public void nodeSession(String node, Object fact) {
                pluginNodeFacts.computeIfAbsent(node, k -> new ArrayList<>()).add(fact);
            }

            @Override
            public void perNode(java.util.function.Function<String, List<?>> factsOfNode) {
                perNodeProducers.add(factsOfNode);
            }

            @Override
            public void clusterSession(Object fact) {
                clusterOnly.add(fact);
            }

            @Override
            public void collected(String input, String file) {
                markCollected(input, file);
            }

            @Override
            public void notCollected(String input, String why) {
                states.notCollectedReason(input, why);
            }

            @Override
            public void nodeCollected(String node, String input, String file) {
                nodeInputStates.computeIfAbsent(node, k -> new HashMap<>()).put(input, new String[]{"collected",
                        file});
            }

            @Override
            public void nodeNotCollected(String node, String input, String why) {
                nodeInputStates.computeIfAbsent(node, k -> new HashMap<>()).putIfAbsent(input, new String[]{null,
                        why});
            }

            @Override
            public void warning(ParseWarning warning) {
                warnings.add(warning);
            }
        };
        plugin.clusterFacts(in, out);
    }

    /** The plugin's derived node inputs of this node, into its session's input states. */
    void nodeInputStates(String node, InputStates nodeStates) {
        nodeInputStates.getOrDefault(node, Map.of()).forEach((input, st) -> {
            if (st[0] != null) {
                nodeStates.collected(input, st[1]);
            } else {
                nodeStates.notCollectedReason(input, st[1]);
            }
        });
    }

    /**
     * The kinds cluster/ does not give, from the must-gather: a {@code cluster/<kind>.json} wins
     * for its whole kind (the must-gather's objects of that kind are not read). A kind a
     * must-gather holds whole (nodes, clusternetworks, hostsubnets where present, the
     * config/operator objects) counts as collected; a kind it holds for its own namespaces only
     * (pods, services, endpoints, routes) is read, for what it tells (which node an sdn pod runs
     * on), but counts as not collected, with the reason and what to add - except for the rules
     * that are sound on the namespaces it inspected whole ({@code @perNamespace}): for them it is
     * held "by namespace" (InputStates.Status.BY_NAMESPACE).
     */
    private void readMustGather(Capture capture, List<ParseWarning> warnings) {
        MustGather mg = capture.mustGather();
        for (String kind : ClusterInputs.KINDS) {
            Capture.ClusterFile file = capture.clusterFiles().get(kind);
            if (file != null) {
                sources.put(kind, file.display());
                continue;
            }
            MustGather.KindRead r = mg.read(kind, this::add, warnings, capture.limits());
            if (!r.found()) {
                states.notCollectedReason(kind, mg.notCollectedReason(kind));
                continue;
            }
            if (MustGather.PARTIAL_KINDS.contains(kind)) {
                sources.put(kind, "must-gather (its own namespaces only)");
                if (MustGather.NAMESPACED_PARTIAL_KINDS.contains(kind) && r.incompleteFile() == null) {
                    // Whole for the namespaces inspected whole: a @perNamespace rule may run on them.
                    states.byNamespace(kind, mg.inspectedNamespaces(), r.where(), mg.notCollectedReason(kind));
                } else {
                    states.notCollectedReason(kind, mg.notCollectedReason(kind));
                }
            } else if (r.incompleteFile() != null) {
                sources.put(kind, "must-gather");
                states.incomplete(kind, r.incompleteFile(), r.incompleteReason());
            } else {
                sources.put(kind, "must-gather");
                markCollected(kind, r.where());
            }
        }
    }

    /** Which source gave each cluster kind, when the capture holds a must-gather; else empty. */
    Map<String, String> sources() {
        return sources;
    }

    /** The input a capture.json {@code what} names: a file name, a cluster kind, or an input key. */
    static String inputOf(String what) {
        String w = what.replaceFirst("^cluster/", "").replaceFirst("\\.(json|ya?ml)$", "");
        if (ClusterInputs.isClusterInput(w) || FactSources.isNodeInput(w)) {
            return w;
        }
        if (ClusterInputs.PROBES_FILE.equals(what)) {
            return ClusterInputs.PROBES;
        }
        return FactSources.match(what).map(m -> m.source().input()).orElse(what);
    }

    /**
     * A cluster file over the file-size limit is not read at all: half a pods.json would make the
     * pods past the cut look missing. Its input counts as not collected, with the reason.
     */
    private boolean tooLarge(java.nio.file.Path file, String display, String input, InputLimits limits,
                             List<ParseWarning> warnings) throws CaptureException {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new CaptureException(display + ": cannot read: " + e.getMessage());
        }
        if (size <= limits.fileSize()) {
            return false;
        }
        warnings.add(Capture.tooLarge(display, size, limits, "the rules that need it are not evaluated"));
        states.notCollectedReason(input, display + " is larger than the file-size limit ("
                + InputLimits.bytes(limits.fileSize()) + ")");
        return true;
    }

    private void markCollected(String input, String file) {
        markers.add(new Collected(Collected.CLUSTER, input, null, Source.file(file)));
        states.collected(input, file);
    }

    private void add(Object fact) {
        if (fact instanceof io.netrules.capture.KubeObject k) {
            raw.add(k);
            return;
        }
        if (fact instanceof Pod p) {
            pods.add(p);
            if (p.nodeName() != null) {
                podsByNode.computeIfAbsent(p.nodeName(), k -> new ArrayList<>()).add(p);
            }
            return;
        }
        if (fact instanceof ProbeResult r) {
            probes.add(r);
            return;
        }
        if (fact instanceof Node n) {
            nodes.add(n);
        } else if (fact instanceof HostSubnet h) {
            hostSubnets.add(h);
        }
        shared.add(fact);
    }

    /** The cluster objects of one type (not pods or probes), in reading order. */
    <T> List<T> ofType(Class<T> type) {
        return shared.stream().filter(type::isInstance).map(type::cast).toList();
    }

    InputStates states() {
        return states;
    }

    /** 3, 4, or null when unknown: which remediation text the findings get ({@link PlatformMajor}). */
    Integer platformMajor() {
        return platformMajor;
    }

    /** The cluster facts a node session needs: shared objects, this node's pods, and the markers. */
    void forNode(String node, Consumer<Object> sink) {
        shared.forEach(sink);
        podsByNode.getOrDefault(node, List.of()).forEach(sink);
        pluginNodeFacts.getOrDefault(node, List.of()).forEach(sink);
        perNodeProducers.forEach(p -> p.apply(node).forEach(sink));
        markers.forEach(sink);
    }

    /** Everything, for the cluster session. */
    void all(Consumer<Object> sink) {
        shared.forEach(sink);
        pods.forEach(sink);
        probes.forEach(sink);
        pluginNodeFacts.values().forEach(l -> l.forEach(sink));
        clusterOnly.forEach(sink);
        markers.forEach(sink);
    }

    /** Every node name the cluster objects mention (Node objects and HostSubnet hosts). */
    TreeSet<String> nodeNames() {
        TreeSet<String> names = new TreeSet<>();
        nodes.forEach(n -> {
            if (n.name() != null) {
                names.add(n.name());
            }
        });
        hostSubnets.forEach(h -> {
            if (h.host() != null) {
                names.add(h.host());
            }
        });
        return names;
    }

    Node node(String name) {
        if (nodeByName == null) {
            Map<String, Node> byName = new HashMap<>();
            nodes.forEach(n -> byName.putIfAbsent(n.name(), n));
            nodeByName = byName;
        }
        return nodeByName.get(name);
    }

    /** The pods that run on a node (for reading their logs into its session). */
    List<Pod> podsOn(String node) {
        return podsByNode.getOrDefault(node, List.of());
    }

    /** The node a pod runs on, or null when the pod is not in cluster/pods.json. */
    String nodeOf(String namespace, String pod) {
        if (podNodes == null) {
            Map<String, String> byName = new HashMap<>();
            pods.forEach(p -> byName.putIfAbsent(p.namespace() + "/" + p.name(), p.nodeName()));
            podNodes = byName;
        }
        return podNodes.get(namespace + "/" + pod);
    }

    HostSubnet hostSubnetOf(String node) {
        if (hostSubnetByHost == null) {
            Map<String, HostSubnet> byHost = new HashMap<>();
            hostSubnets.forEach(h -> byHost.putIfAbsent(h.host(), h));
            hostSubnetByHost = byHost;
        }
        return hostSubnetByHost.get(node);
    }
}
