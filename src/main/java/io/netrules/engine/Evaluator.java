package io.netrules.engine;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureMetadata;
import io.netrules.capture.ClusterInputs;
import io.netrules.parse.InputLimits;
import io.netrules.capture.ProbesReader;
import io.netrules.capture.NodeFolder;
import io.netrules.capture.mustgather.MustGather;
import io.netrules.parse.logs.CriLogParser;
import io.netrules.model.ClusterScope;
import io.netrules.model.Collected;
import io.netrules.model.EthtoolLink;
import io.netrules.model.Explains;
import io.netrules.model.Finding;
import io.netrules.model.PodLogLine;
import io.netrules.model.LinkScope;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.IptablesRule;
import io.netrules.rules.IptablesTable;
import io.netrules.model.NetInterface;
import io.netrules.model.NodeScope;
import io.netrules.model.NodeSummary;
import io.netrules.model.ParseWarning;
import io.netrules.model.PrimaryInterface;
import io.netrules.model.Severity;
import io.netrules.model.Source;
import io.netrules.model.Sourced;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import io.netrules.plugin.NetworkPlugins;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NodeColumn;
import io.netrules.plugin.NodeExtras;
import io.netrules.plugin.NodeView;
import io.netrules.plugin.NodeSink;
import io.netrules.plugin.PluginCapture;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Evaluates a capture one node at a time: a session per node holds that node's facts, streamed
 * from its files straight into working memory, plus the cluster facts it needs; then one
 * cluster session holds the cluster objects and probes. Memory grows with the largest node,
 * not with the cluster. Rules whose inputs are missing for a scope are not fired there and
 * are reported as not evaluated, with the missing input named.
 */
public final class Evaluator {
    private final RuleBase rules;
    private final int parallelism;
    private final boolean filterFacts;
    /** Each KieBases' fact filters, made once (a batch shares this Evaluator between workers). */
    private final Map<RuleBase.KieBases, Engine> engines = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The KieBases a capture is evaluated with (its plugin's), which facts each can match, and
     * their sessions. Sessions come from Drools' session pools: {@code dispose()} hands a session
     * back, reset (its facts, agenda, listeners and globals dropped, its node memories kept), and
     * the next node or capture takes it instead of creating the memories of every node of the
     * network again (about a tenth of a small capture's evaluation in a batch profile).
     */
    private record Engine(RuleBase.KieBases kieBases, FactFilter nodeFacts, FactFilter clusterFacts,
                          org.kie.api.runtime.KieSessionsPool nodeSessions,
                          org.kie.api.runtime.KieSessionsPool clusterSessions) {
        Engine(RuleBase.KieBases kieBases, FactFilter nodeFacts, FactFilter clusterFacts) {
            this(kieBases, nodeFacts, clusterFacts, kieBases.node().newKieSessionsPool(1),
                    kieBases.cluster().newKieSessionsPool(1));
        }

        KieSession newNodeSession() {
            return nodeSessions.newKieSession();
        }

        KieSession newClusterSession() {
            return clusterSessions.newKieSession();
        }
    }

    public Evaluator(RuleBase rules, int parallelism) {
        this(rules, parallelism, true);
    }

    /**
     * {@code filterFacts} false inserts every fact into every session, whether a rule can match it
     * or not: the same findings, slower; tests compare the two.
     */
    public Evaluator(RuleBase rules, int parallelism, boolean filterFacts) {
        this.rules = rules;
        this.parallelism = Math.max(1, parallelism);
        this.filterFacts = filterFacts;
    }

    /** The engine of a capture of this plugin (null: not known): its KieBases are made on first use. */
    private Engine engine(String plugin) {
        RuleBase.KieBases kb = rules.kieBases(plugin);
        return engines.computeIfAbsent(kb, k -> new Engine(k,
                filterFacts ? FactFilter.of(k.node()) : FactFilter.none(),
                filterFacts ? FactFilter.of(k.cluster()) : FactFilter.none()));
    }

    /** Inserts only what some rule of the session's KieBase can match (see {@link FactFilter}). */
    private static Consumer<Object> inserter(KieSession session, FactFilter filter) {
        return fact -> {
            if (filter.accepts(fact, session)) {
                session.insert(fact);
            }
        };
    }

    /**
     * A node's iptables rules gathered by table, whatever parser gave them, for the one
     * {@link IptablesTable} fact per table that rules match instead of the rules one by one.
     */
    private static final class NodeTables {
        private final Map<String, List<IptablesRule>> byTable = new LinkedHashMap<>();

        void add(IptablesRule rule) {
            byTable.computeIfAbsent(rule.table(), k -> new ArrayList<>()).add(rule);
        }

        /** One table a name: every standard table (empty when the node has no rule in it), then any other. */
        void insert(String node, Consumer<Object> insert) {
            for (String name : IptablesTable.STANDARD_TABLES) {
                insert.accept(IptablesTable.of(node, name, byTable.getOrDefault(name, List.of())));
            }
            for (Map.Entry<String, List<IptablesRule>> e : byTable.entrySet()) {
                if (e.getKey() != null && !IptablesTable.STANDARD_TABLES.contains(e.getKey())) {
                    insert.accept(IptablesTable.of(node, e.getKey(), e.getValue()));
                }
            }
        }
    }

    /**
     * The listener that turns inserted Findings into results, added only once the facts are in:
     * every insert into a session with a runtime listener makes an event object, and a large
     * node inserts tens of thousands of facts.
     */
    private static FindingListener listen(KieSession session) {
        FindingListener listener = new FindingListener();
        session.addEventListener((AgendaEventListener) listener);
        session.addEventListener((RuleRuntimeEventListener) listener);
        return listener;
    }

    public Diagnosis evaluate(Capture capture, String captureName) throws CaptureException {
        List<ParseWarning> warnings = Collections.synchronizedList(new ArrayList<>(capture.warnings()));
        ClusterFacts cluster = ClusterFacts.read(capture, warnings);
        NetworkDetection network = NetworkDetection.detect(cluster, capture);
        cluster.applyPlugin(network.plugin(), capture, warnings);

        TreeSet<String> nodeNames = new TreeSet<>(capture.nodes().keySet());
        nodeNames.addAll(cluster.nodeNames());

        NodeExtras extras = nodeExtras(capture, cluster, network, nodeNames, warnings);
        Engine engine = engine(network.plugin());
        List<ScopeResult> results = perNode(nodeNames, node -> evaluateNode(engine, node, capture, cluster, warnings,
                network, extras));
        if (nodeNames.isEmpty()) {
            results.add(noNodes(network));
        }
        List<NodeSummary> summaries = results.stream().map(ScopeResult::summary).filter(java.util.Objects::nonNull)
                .toList();
        results.add(evaluateCluster(engine, cluster, summaries, network, extras));

        for (String key : capture.podLogs().keySet()) {
            String[] nsPod = key.split("/", 2);
            if (cluster.nodeOf(nsPod[0], nsPod[1]) == null) {
                warnings.add(new ParseWarning("logs/" + key + ".log", 0,
                        "pod not in cluster/pods.json (or not scheduled): cannot tell its node; log not read"));
            }
        }
        if (capture.mustGather() != null) {
            for (Map.Entry<String, List<MustGather.LogFile>> e : capture.mustGather().podLogs().entrySet()) {
                String[] nsPod = e.getKey().split("/", 2);
                if (!capture.podLogs().containsKey(e.getKey()) && cluster.nodeOf(nsPod[0], nsPod[1]) == null) {
                    warnings.add(new ParseWarning(e.getValue().get(0).display(), 0,
                            "pod not among the pods read (or not scheduled): cannot tell its node; log not read"));
                }
            }
        }
        List<ReportFinding> findings = new ArrayList<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        List<EvaluatedInPart> evaluatedInPart = new ArrayList<>();
        for (ScopeResult r : results) {
            findings.addAll(r.findings());
            notEvaluated.addAll(r.notEvaluated());
            evaluatedInPart.addAll(r.evaluatedInPart());
        }
        findings = link(engine, findings, cluster, summaries, network);
        List<String> layers = io.netrules.model.Layer.of(network.plugin());
        findings.sort(findingOrder(layers));
        notEvaluated.sort(Comparator.comparing(NotEvaluated::id)
                .thenComparing(n -> n.node() == null ? "" : n.node()));
        List<ParseWarning> sortedWarnings = new ArrayList<>(new LinkedHashSet<>(warnings));
        sortedWarnings.sort(Comparator.comparing(ParseWarning::source).thenComparingInt(ParseWarning::line)
                .thenComparing(ParseWarning::text));
        List<NodeRow> nodeRows = results.stream().map(ScopeResult::row).filter(java.util.Objects::nonNull).toList();
        Summary counts = summarize(findings, layers);
        Summary summary = new Summary(counts.layer(), counts.errors(), counts.warnings(), counts.info(),
                network.platform(), network.plugin(), notApplicable(network));
        return new Diagnosis(captureName, capture.metadata(), summary, findings, notEvaluated, sortedWarnings,
                nodeRows, cluster.sources(), EvaluatedInPart.grouped(evaluatedInPart));
    }

    /** The detected plugin's node extras (NetworkPlugin#nodeExtras); none when the plugin is not known. */
    static NodeExtras nodeExtras(Capture capture, ClusterFacts cluster, NetworkDetection network,
                                 java.util.Set<String> nodeNames, List<ParseWarning> warnings) {
        if (network.plugin() == null) {
            return NodeExtras.NONE;
        }
        return NetworkPlugins.byId(network.plugin())
                .map(p -> p.nodeExtras(new PluginCapture(capture, java.util.Collections.unmodifiableSet(nodeNames),
                        cluster::nodeOf, warnings)))
                .orElse(NodeExtras.NONE);
    }

    /**
     * The node table's row: the address from the cluster objects, then the plugin's columns
     * (NetworkPlugin#nodeColumns; the primary interface and its MTU when the plugin is not known),
     * read from the node's interfaces and the facts of its session.
     */
    private static NodeRow nodeRow(String node, ClusterFacts cluster, PrimaryInterface primary,
                                   List<NetInterface> interfaces, KieSession session, NetworkDetection network) {
        io.netrules.model.Node object = cluster.node(node);
        io.netrules.model.HostSubnet hostSubnet = cluster.hostSubnetOf(node);
        String ip = object != null && object.internalIP() != null ? object.internalIP()
                : hostSubnet != null ? hostSubnet.hostIP() : null;
        List<NodeColumn> columns = network.plugin() == null ? NodeColumn.PRIMARY
                : NetworkPlugins.byId(network.plugin()).map(NetworkPlugin::nodeColumns).orElse(NodeColumn.PRIMARY);
        Map<Class<?>, List<?>> byType = new HashMap<>();
        NodeView view = new NodeView(node, primary, interfaces, type -> byType.computeIfAbsent(type,
                t -> List.copyOf(session.getObjects(t::isInstance))));
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeColumn c : columns) {
            Object v = c.value().apply(view);
            values.put(c.header(), v == null ? null : String.valueOf(v));
        }
        return new NodeRow(node, ip, values);
    }

    /** Runs one task per node, {@code parallelism} at once; results in the order of the names. */
    private <T> List<T> perNode(Collection<String> nodeNames, Function<String, T> task) {
        List<T> results = new ArrayList<>();
        if (parallelism == 1 || nodeNames.size() < 2) {
            for (String node : nodeNames) {
                results.add(task.apply(node));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, nodeNames.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String node : nodeNames) {
                futures.add(pool.submit(() -> task.apply(node)));
            }
            results.addAll(Parallel.all(futures));
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** What {@link #parseOnly} read. */
    public record ParseCount(int nodes, long files, long facts, int warnings) {
    }

    /**
     * Reads and parses every file of the capture into facts exactly as {@link #evaluate} does
     * (same files, same parsers, the network plugin's node extras, same parallelism), but hands the
     * facts to no session and fires no rule: the baseline the benchmarks compare a whole diagnosis with.
     */
    public static ParseCount parseOnly(Capture capture, int parallelism) throws CaptureException {
        return parseOnly(capture, parallelism, fact -> { }, new ArrayList<>());
    }

    /**
     * As {@link #parseOnly(Capture, int)}, also handing every fact to {@code factSink} (from the
     * reading threads: with parallelism above 1 it must be thread-safe) and adding every warning
     * to {@code warningSink}: the fuzz tests check each fact's source and each warning.
     */
    public static ParseCount parseOnly(Capture capture, int parallelism, Consumer<Object> factSink,
                                       List<ParseWarning> warningSink) throws CaptureException {
        Evaluator reader = new Evaluator(null, parallelism);
        List<ParseWarning> warnings = Collections.synchronizedList(new ArrayList<>(capture.warnings()));
        ClusterFacts cluster = ClusterFacts.read(capture, warnings);
        NetworkDetection network = NetworkDetection.detect(cluster, capture);
        cluster.applyPlugin(network.plugin(), capture, warnings);
        LongAdder facts = new LongAdder();
        LongAdder files = new LongAdder();
        Consumer<Object> count = fact -> {
            facts.increment();
            factSink.accept(fact);
        };
        cluster.all(count);
        TreeSet<String> nodeNames = new TreeSet<>(capture.nodes().keySet());
        nodeNames.addAll(cluster.nodeNames());
        // The plugin's node facts (OVN: the node's NB/SB rows, from whichever DB file holds them) are
        // read as a diagnosis reads them.
        NodeExtras extras = nodeExtras(capture, cluster, network, nodeNames, warnings);
        extras.clusterFacts().forEach(count);
        reader.perNode(nodeNames, node -> {
            InputStates states = new InputStates(cluster.states());
            NodeFolder folder = capture.nodes().get(node);
            List<InterfaceAddress> addresses = new ArrayList<>();
            List<NetInterface> interfaces = new ArrayList<>();
            List<EthtoolLink> links = new ArrayList<>();
            if (folder != null) {
                for (Map.Entry<NodeFolder.InputFile, List<String>> e : folder.files().entrySet()) {
                    files.increment();
                    readInput(node, e.getValue(), e.getKey(), count, states, warnings, addresses, interfaces, links,
                            capture.limits());
                }
            }
            readPodLogs(node, capture, cluster, count, states, warnings);
            extras.addTo(node, sink(node, count, states));
            return node;
        });
        warningSink.addAll(warnings);
        return new ParseCount(nodeNames.size(), files.sum() + capture.clusterFiles().size(), facts.sum(),
                new HashSet<>(warnings).size());
    }

    /** Findings by severity, then along the plugin's path ({@code layers}), then by ID, node and subject. */
    static Comparator<ReportFinding> findingOrder(List<String> layers) {
        return Comparator
                .comparing(ReportFinding::severity)
                .thenComparingInt(f -> io.netrules.model.Layer.order(layers, f.layer()))
                .thenComparing(ReportFinding::id)
                .thenComparing(f -> f.node() == null ? "" : f.node())
                .thenComparing(f -> f.subject() == null ? "" : f.subject());
    }

    /**
     * How many rule IDs belong to another network plugin than the capture's: not applicable,
     * neither evaluated nor listed as not evaluated. None when the plugin is not known: then
     * plugin-specific rules are not evaluated, with the reason.
     */
    private int notApplicable(NetworkDetection network) {
        if (network.plugin() == null) {
            return 0;
        }
        return (int) rules.docs().values().stream().filter(d -> !d.appliesTo(network.plugin())).count();
    }

    /** What one session found. */
    record ScopeResult(List<ReportFinding> findings, List<NotEvaluated> notEvaluated, NodeSummary summary,
                       NodeRow row, List<EvaluatedInPart> evaluatedInPart) {
        ScopeResult(List<ReportFinding> findings, List<NotEvaluated> notEvaluated) {
            this(findings, notEvaluated, null, null, List.of());
        }
    }

    private ScopeResult evaluateNode(Engine engine, String node, Capture capture, ClusterFacts cluster,
                                     List<ParseWarning> warnings, NetworkDetection network, NodeExtras extras) {
        KieSession session = engine.newNodeSession();
        try {
            NodeTables tables = new NodeTables();
            Consumer<Object> filtered = inserter(session, engine.nodeFacts());
            List<io.netrules.model.OvsDbPort> ovsPorts = new ArrayList<>();
            Consumer<Object> insert = fact -> {
                if (fact instanceof IptablesRule r && node.equals(r.node())) {
                    tables.add(r);
                } else if (fact instanceof io.netrules.model.OvsDbPort p && node.equals(p.node())) {
                    ovsPorts.add(p);
                }
                filtered.accept(fact);
            };
            session.insert(new NodeScope(node));
            cluster.forNode(node, insert);

            InputStates states = new InputStates(cluster.states());
            cluster.nodeInputStates(node, states);
            for (CaptureMetadata.NotCollected nc : capture.metadata().notCollected()) {
                if (node.equals(nc.node()) && nc.what() != null) {
                    states.notCollectedReason(ClusterFacts.inputOf(nc.what()), nc.why());
                }
            }
            List<InterfaceAddress> addresses = new ArrayList<>();
            List<NetInterface> interfaces = new ArrayList<>();
            List<EthtoolLink> links = new ArrayList<>();
            NodeFolder folder = capture.nodes().get(node);
            if (folder == null && capture.mustGather() != null) {
                states.nodeInputsNotCollected("a must-gather holds no node network state (addresses, routes, flows,"
                        + " iptables); add the node's sosreport to the capture as nodes/" + node + "/");
            }
            if (folder != null) {
                folder.interrupted().forEach(states::notCollectedReason);
                for (Map.Entry<NodeFolder.InputFile, List<String>> e : folder.files().entrySet()) {
                    readInput(node, e.getValue(), e.getKey(), insert, states, warnings, addresses, interfaces, links,
                            capture.limits());
                }
            }
            readPodLogs(node, capture, cluster, insert, states, warnings);
            extras.addTo(node, sink(node, insert, states));
            PrimaryInterface primary = PrimaryInterfaces.derive(node, cluster.node(node), cluster.hostSubnetOf(node),
                    addresses, interfaces, ovsPorts);
            if (primary != null) {
                insert.accept(primary);
                states.collected(RuleBase.PRIMARY_INTERFACE, primary.source().file());
            }
            tables.insert(node, filtered);
            ScopeResult r = fire(session, listen(session), RuleMeta.Scope.NODE, node, states, network,
                    cluster.platformMajor());
            EthtoolLink primaryLink = primary == null || primary.link() == null ? null : links.stream()
                    .filter(l -> primary.link().equals(l.iface())).findFirst().orElse(null);
            NodeSummary summary = new NodeSummary(node, r.findings().stream().map(ReportFinding::key).sorted().toList(),
                    r.notEvaluated().stream().map(NotEvaluated::id).sorted().toList(), primary, primaryLink);
            return new ScopeResult(r.findings(), r.notEvaluated(), summary,
                    nodeRow(node, cluster, primary, interfaces, session, network), r.evaluatedInPart());
        } finally {
            session.dispose();
        }
    }

    /** A plugin's way into one node's session and input states. */
    private static NodeSink sink(String node, Consumer<Object> insert, InputStates states) {
        return new NodeSink() {
            @Override
            public void fact(Object fact) {
                insert.accept(fact);
            }

            @Override
            public void collected(String input, String file) {
                insert.accept(new Collected(node, input, null, Source.file(file)));
                states.collected(input, file);
            }

            @Override
            public void failed(String input, String file, String reason) {
                states.failed(input, file, reason);
            }

            @Override
            public void notCollected(String input, String reason) {
                states.notCollectedReason(input, reason);
            }
        };
    }

    /** Reads one file once and marks every input it serves as collected (or failed). */
    private static void readInput(String node, List<String> inputs, NodeFolder.InputFile f, Consumer<Object> session,
                                  InputStates states, List<ParseWarning> warnings,
                                  List<InterfaceAddress> addresses, List<NetInterface> interfaces,
                                  List<EthtoolLink> links, InputLimits limits) {
        ParseContext ctx = new ParseContext(node, f.display(), inputs.get(0), f.target(), limits, fact -> {
            session.accept(fact);
            if (fact instanceof InterfaceAddress a) {
                addresses.add(a);
            } else if (fact instanceof NetInterface i) {
                interfaces.add(i);
            } else if (fact instanceof EthtoolLink l) {
                links.add(l);
            }
        }, warnings::add);
        try {
            long size = Files.size(f.path());
            if (size > limits.fileSize()) {
                // Not read at all, whatever the kind: half a flow dump or iptables-save would make
                // what is past the cut look missing, and half a journal would pass as "no error".
                warnings.add(Capture.tooLarge(f.display(), size, limits, "the rules that need it are not evaluated"));
                inputs.forEach(input -> states.notCollectedReason(input, f.display()
                        + " is larger than the file-size limit (" + InputLimits.bytes(limits.fileSize()) + ")"));
                return;
            }
        } catch (IOException e) {
            warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
            inputs.forEach(input -> states.failed(input, f.display(), "cannot read the file"));
            return;
        }
        // A tool's output ends with a line end; a copied file (resolv.conf...) need not, and a
        // probe killed at its time limit keeps its output so far on purpose (tracepath prints
        // " 2:  " and waits for the hop's answer): that is its answer, not a cut file.
        boolean toolOutput = f.source().command() != null
                && f.source().collect() != io.netrules.capture.FactSource.Collect.PROBE;
        Lines.LongLineHandler longLines = (n, length) -> warnings.add(ProbesReader.longLine(f.display(), n, length,
                limits));
        try (Lines lines = toolOutput ? Lines.openToolOutput(f.path(), limits.lineLength(), longLines)
                : Lines.open(f.path(), limits.lineLength(), longLines)) {
            f.source().parser().get().parse(lines, ctx);
            if (f.truncated() != null) {
                // Its head is gone: what was there would read as absent, as in a file cut short.
                ctx.incomplete(0, f.truncated());
            }
            if (lines.cutLine() != null) {
                io.netrules.parse.Line cut = lines.cutLine();
                String text = cut.text().length() > 80 ? cut.text().substring(0, 80) + "..." : cut.text();
                ctx.incomplete(cut, "cut short: the file ends inside line " + cut.number() + " (\"" + text.strip()
                        + "\"), which was not read");
            }
        } catch (IOException | UncheckedIOException e) {
            warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
            inputs.forEach(input -> states.failed(input, f.display(), "cannot read the file"));
            return;
        } catch (RuntimeException e) {
            // A parser bug must not take the report down: what it emitted stays, the rest is a warning.
            warnings.add(new ParseWarning(f.display(), 0, "parser failed: " + e));
        }
        for (String input : inputs) {
            if (ctx.incomplete() != null && ctx.toolError() == null) {
                states.incomplete(input, f.display(), ctx.incomplete());
            } else if (ctx.toolError() == null) {
                session.accept(new Collected(node, input, f.target(), Source.file(f.display())));
                states.collected(input, f.display());
            } else {
                states.failed(input, f.display(), ctx.toolError().source().text());
            }
        }
    }

    /** Streams the logs of this node's pods into its session, a PodLogLine per line. */
    private static void readPodLogs(String node, Capture capture, ClusterFacts cluster, Consumer<Object> session,
                                    InputStates states, List<ParseWarning> warnings) {
        for (io.netrules.model.Pod pod : cluster.podsOn(node)) {
            Path log = capture.podLogs().get(pod.namespace() + "/" + pod.name());
            if (log == null && capture.mustGather() != null) {
                List<MustGather.LogFile> files = capture.mustGather().podLogs().get(pod.namespace() + "/" + pod.name());
                if (files != null) {
                    readMustGatherLogs(node, pod, files, capture.limits(), session, states, warnings);
                }
                continue;
            }
            if (log == null) {
                continue;
            }
            String display = "logs/" + pod.namespace() + "/" + pod.name() + ".log";
            InputLimits limits = capture.limits();
            try {
                long size = Files.size(log);
                if (size > limits.fileSize()) {
                    warnings.add(Capture.tooLarge(display, size, limits, "this pod's log is not read"));
                    continue;
                }
            } catch (IOException e) {
                warnings.add(new ParseWarning(display, 0, "cannot read: " + e.getMessage()));
                continue;
            }
            try (Lines lines = Lines.open(log, limits.lineLength(),
                    (n, length) -> warnings.add(ProbesReader.longLine(display, n, length, limits)))) {
                for (io.netrules.parse.Line line : lines) {
                    session.accept(new PodLogLine(node, pod.namespace(), pod.name(), line.number(), line.text(),
                            Source.of(display, line.number(), line.text().strip())));
                }
                session.accept(new Collected(node, ClusterInputs.POD_LOGS, pod.namespace() + "/" + pod.name(),
                        Source.file(display)));
                states.collected(ClusterInputs.POD_LOGS, display);
            } catch (IOException | UncheckedIOException e) {
                warnings.add(new ParseWarning(display, 0, "cannot read: " + e.getMessage()));
            }
        }
    }

    /**
     * A must-gather pod's container logs, oldest file first, as one log: the CRI and timestamp
     * prefixes are removed (CriLogParser), each line keeps its file and line as its source, and the
     * lines are numbered on across the files so a reader of the log sees them in order.
     */
    private static void readMustGatherLogs(String node, io.netrules.model.Pod pod, List<MustGather.LogFile> files,
                                           InputLimits limits, Consumer<Object> session, InputStates states,
                                           List<ParseWarning> warnings) {
        int[] sequence = {0};
        String first = null;
        for (MustGather.LogFile f : files) {
            try {
                long size = f.gzip() ? gunzippedSize(f.path(), limits.fileSize()) : Files.size(f.path());
                if (size > limits.fileSize()) {
                    warnings.add(Capture.tooLarge(f.display(), size, limits, "this log file is not read"));
                    continue;
                }
            } catch (IOException e) {
                warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
                continue;
            }
            Lines.LongLineHandler longLines = (n, length) -> warnings.add(ProbesReader.longLine(f.display(), n, length,
                    limits));
            try (Lines lines = f.gzip()
                    ? Lines.open(new java.util.zip.GZIPInputStream(Files.newInputStream(f.path())), limits.lineLength(),
                    longLines)
                    : Lines.open(f.path(), limits.lineLength(), longLines)) {
                CriLogParser parser = new CriLogParser(f.cri() ? CriLogParser.Format.CRI
                        : CriLogParser.Format.TIMESTAMPED, l -> session.accept(new PodLogLine(node, pod.namespace(),
                        pod.name(), ++sequence[0], l.text(), Source.of(f.display(), l.number(), l.text().strip()))));
                for (io.netrules.parse.Line line : lines) {
                    parser.accept(line);
                }
                parser.finish();
                if (first == null) {
                    first = f.display();
                }
            } catch (IOException | UncheckedIOException e) {
                warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
            }
        }
        if (first != null) {
            session.accept(new Collected(node, ClusterInputs.POD_LOGS, pod.namespace() + "/" + pod.name(),
                    Source.file(first)));
            states.collected(ClusterInputs.POD_LOGS, first);
        }
    }

    /** A gzip file's size once decompressed, counted up to just past {@code max}. */
    private static long gunzippedSize(Path file, long max) throws IOException {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    break;
                }
            }
        }
        return total;
    }

    private ScopeResult evaluateCluster(Engine engine, ClusterFacts cluster, List<NodeSummary> nodes,
                                        NetworkDetection network, NodeExtras extras) {
        KieSession session = engine.newClusterSession();
        try {
            Consumer<Object> insert = inserter(session, engine.clusterFacts());
            session.insert(new ClusterScope());
            cluster.all(insert);
            extras.clusterFacts().forEach(insert);
            nodes.forEach(insert);
            return fire(session, listen(session), RuleMeta.Scope.CLUSTER, null, cluster.states(), network,
                    cluster.platformMajor());
        } finally {
            session.dispose();
        }
    }

    /**
     * The links session: every finding, the node summaries and the cluster facts, and only the
     * {@code @scope("links")} rules, which insert {@link Explains} facts. Each finding then gets
     * its {@code explains} and {@code explainedBy} keys.
     */
    private List<ReportFinding> link(Engine engine, List<ReportFinding> findings, ClusterFacts cluster,
                                     List<NodeSummary> nodes, NetworkDetection network) {
        if (findings.size() < 2 || rules.linkRules().isEmpty()) {
            return findings;
        }
        KieSession session = engine.newClusterSession();
        List<Explains> links = new ArrayList<>();
        try {
            session.insert(new LinkScope());
            for (ReportFinding f : findings) {
                Finding fact = Finding.of(f.id()).node(f.node()).subject(f.subject());
                for (Map.Entry<String, String> p : f.params().entrySet()) {
                    fact = fact.param(p.getKey(), p.getValue());
                }
                session.insert(fact);
            }
            Consumer<Object> insert = inserter(session, engine.clusterFacts());
            nodes.forEach(insert);
            cluster.all(insert);
            Set<String> linkRuleNames = new HashSet<>();
            // Another plugin's links (or a plugin's, when the plugin is not known) stay out.
            rules.linkRules().stream().filter(m -> m.plugin() == null || m.plugin().equals(network.plugin()))
                    .forEach(m -> linkRuleNames.add(m.ruleName()));
            session.fireAllRules(match -> linkRuleNames.contains(match.getRule().getName()));
            for (Object o : session.getObjects(o -> o instanceof Explains)) {
                links.add((Explains) o);
            }
        } finally {
            session.dispose();
        }
        Map<String, TreeSet<String>> explains = new HashMap<>();
        Map<String, TreeSet<String>> explainedBy = new HashMap<>();
        for (Explains e : links) {
            if (!e.cause().equals(e.symptom())) {
                explains.computeIfAbsent(e.cause(), k -> new TreeSet<>()).add(e.symptom());
                explainedBy.computeIfAbsent(e.symptom(), k -> new TreeSet<>()).add(e.cause());
            }
        }
        List<ReportFinding> out = new ArrayList<>();
        for (ReportFinding f : findings) {
            out.add(f.withLinks(List.copyOf(explains.getOrDefault(f.key(), new TreeSet<>())),
                    List.copyOf(explainedBy.getOrDefault(f.key(), new TreeSet<>()))));
        }
        return out;
    }

    /** An empty capture: node rules are not evaluated for want of any node. */
    private ScopeResult noNodes(NetworkDetection network) {
        List<NotEvaluated> ne = new ArrayList<>();
        for (RuleDoc doc : rules.docs().values()) {
            if (doc.scope() != RuleMeta.Scope.NODE) {
                continue;
            }
            if (doc.appliesTo(network.plugin())) {
                ne.add(new NotEvaluated(doc.id(), null, "nodes/<node>/", "no node was collected"));
            } else if (network.plugin() == null) {
                ne.add(new NotEvaluated(doc.id(), null, NetworkDetection.PLUGIN_FILES, network.notKnown()));
            }
        }
        return new ScopeResult(List.of(), ne);
    }

    private ScopeResult fire(KieSession session, FindingListener listener, RuleMeta.Scope scope, String node,
                             InputStates states, NetworkDetection network, Integer platformMajor) {
        Set<String> blocked = new HashSet<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        List<EvaluatedInPart> evaluatedInPart = new ArrayList<>();
        for (RuleDoc doc : rules.docs().values()) {
            if (doc.scope() != scope) {
                continue;
            }
            if (!doc.appliesTo(network.plugin())) {
                // Another plugin's rule is not applicable: never fired, not listed (counted in the
                // summary). With the plugin not known, a plugin's rule is not evaluated, and why.
                doc.rules().forEach(m -> blocked.add(m.ruleName()));
                if (network.plugin() == null) {
                    notEvaluated.add(new NotEvaluated(doc.id(), node, NetworkDetection.PLUGIN_FILES,
                            network.notKnown()));
                }
                continue;
            }
            List<String> bestMissing = null;
            boolean anyRuns = false;
            boolean anyRunsWhole = false;
            Set<String> inPart = new java.util.TreeSet<>();
            for (RuleMeta m : doc.rules()) {
                List<String> missing = missing(m, states);
                if (missing.isEmpty()) {
                    anyRuns = true;
                    List<String> partial = byNamespaceInputs(m, states);
                    if (partial.isEmpty()) {
                        anyRunsWhole = true;
                    } else {
                        inPart.addAll(partial);
                    }
                } else {
                    blocked.add(m.ruleName());
                    if (bestMissing == null || missing.size() < bestMissing.size()) {
                        bestMissing = missing;
                    }
                }
            }
            if (!anyRuns && bestMissing != null) {
                List<String> files = new ArrayList<>();
                List<String> reasons = new ArrayList<>();
                for (String alternatives : bestMissing) {
                    List<String> names = new ArrayList<>();
                    for (String input : alternatives.split("\\|")) {
                        names.add(InputStates.fileName(input));
                        reasons.add(InputStates.fileName(input) + ": " + states.reason(input));
                    }
                    files.add(String.join(" or ", names));
                }
                notEvaluated.add(new NotEvaluated(doc.id(), node, String.join(", ", files), String.join("; ", reasons)));
            } else if (anyRuns && !anyRunsWhole) {
                // Every rule of the ID that ran needed a kind held for some namespaces only.
                evaluatedInPart.add(EvaluatedInPart.of(doc.id(), node, inPart, states));
            }
        }
        session.fireAllRules(match -> !blocked.contains(match.getRule().getName()));
        return new ScopeResult(toReport(listener.fired(), states, platformMajor), notEvaluated, null, null,
                evaluatedInPart);
    }

    /**
     * The requirements of a rule that this scope does not meet, each as "a|b" alternatives. A
     * {@code @perNamespace} rule takes an input held whole for some namespaces as met.
     */
    private static List<String> missing(RuleMeta meta, InputStates states) {
        List<String> missing = new ArrayList<>();
        java.util.function.Predicate<String> met = meta.perNamespace() ? states::okPerNamespace : states::ok;
        for (List<String> alternatives : meta.requires()) {
            if (alternatives.stream().noneMatch(met)) {
                missing.add(String.join("|", alternatives));
            }
        }
        return missing;
    }

    /**
     * The inputs a rule that runs here takes held for some namespaces only: of each requirement
     * none of whose alternatives is collected whole, the alternatives held by namespace.
     */
    private static List<String> byNamespaceInputs(RuleMeta meta, InputStates states) {
        List<String> partial = new ArrayList<>();
        if (!meta.perNamespace()) {
            return partial;
        }
        for (List<String> alternatives : meta.requires()) {
            if (alternatives.stream().noneMatch(states::ok)) {
                alternatives.stream().filter(states::byNamespace).forEach(partial::add);
            }
        }
        return partial;
    }

    private List<ReportFinding> toReport(List<FiredFinding> fired, InputStates states, Integer platformMajor) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (FiredFinding ff : fired) {
            Finding f = ff.finding();
            RuleDoc doc = rules.doc(f.id());
            if (doc == null) {
                // A then-part inserted an ID no rule declares: a rule bug, reported under the rule's own ID.
                doc = rules.doc(rules.meta(ff.ruleName()).id());
            }
            String key = ReportFinding.key(doc.id(), f.node(), f.subject());
            Merged m = merged.computeIfAbsent(key, k -> new Merged(ff, new LinkedHashMap<>(), new LinkedHashSet<>(),
                    new java.util.TreeSet<>()));
            RuleMeta firedRule = rules.meta(ff.ruleName());
            m.rules.add(firedRule.file() + ":" + firedRule.line() + " \"" + firedRule.ruleName() + "\"");
            f.params().forEach(m.params::putIfAbsent);
            for (Object o : ff.matched()) {
                if (o instanceof Sourced s && s.source() != null) {
                    Source src = s.source();
                    m.evidence.add(new Evidence(src.file(), src.line(), src.text(), o.getClass().getSimpleName()));
                }
            }
            for (Finding.Absence a : f.absences()) {
                m.evidence.add(new Evidence(states.file(a.input()), 0, "not found: " + a.pattern(), Evidence.ABSENT));
            }
        }
        List<ReportFinding> out = new ArrayList<>();
        for (Merged m : merged.values()) {
            Finding f = m.first.finding();
            RuleDoc doc = rules.doc(f.id()) != null ? rules.doc(f.id()) : rules.doc(rules.meta(m.first.ruleName()).id());
            Map<String, String> params = new HashMap<>(m.params);
            params.put("node", f.node() == null ? "" : f.node());
            params.put("subject", f.subject() == null ? "" : f.subject());
            RuleText text = doc.text();
            Map<String, String> shown = text.shown(params);
            out.add(new ReportFinding(doc.id(), doc.severity(), doc.layer(), f.node(), f.subject(),
                    RuleText.render(text.title(), shown), RuleText.render(text.fix(platformMajor), shown), doc.guide(),
                    m.evidence.stream().sorted(EVIDENCE_ORDER).toList(), List.of(), List.of(), m.params,
                    List.copyOf(m.rules)));
        }
        return out;
    }

    /** Evidence in a fixed order, whatever order the rules fired in: by file, line, then text. */
    private static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparing(Evidence::source)
            .thenComparingInt(Evidence::line).thenComparing(e -> e.text() == null ? "" : e.text());

    private record Merged(FiredFinding first, Map<String, String> params, Set<Evidence> evidence,
                          Set<String> rules) {
    }

    /**
     * The likely layer: among the most severe findings that no other finding explains, the layer
     * with most of them; a tie goes to the layer nearer the client on the guide's path.
     */
    static Summary summarize(List<ReportFinding> findings, List<String> layers) {
        int errors = 0;
        int warns = 0;
        int info = 0;
        for (ReportFinding f : findings) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARN -> warns++;
                case INFO -> info++;
            }
        }
        String layer = null;
        for (Severity sev : Severity.values()) {
            Map<String, Integer> count = new HashMap<>();
            for (ReportFinding f : findings) {
                if (f.severity() == sev && f.explainedBy().isEmpty()) {
                    count.merge(f.layer(), 1, Integer::sum);
                }
            }
            if (!count.isEmpty()) {
                layer = count.entrySet().stream()
                        .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                                .thenComparing(e -> -io.netrules.model.Layer.order(layers, e.getKey())))
                        .map(Map.Entry::getKey).orElse(null);
                break;
            }
        }
        return new Summary(layer, errors, warns, info);
    }
}
