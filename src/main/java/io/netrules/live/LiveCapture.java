package io.netrules.live;

import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureMetadata;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.TempTrees;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netrules.ExitCodes;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NetworkPlugins;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.probe.Prober;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code diagnose --cluster}: reads the live cluster into a capture directory — {@code cluster/}
 * from the API server, {@code nodes/} from {@code --node-captures} (and {@code --exec-collect}),
 * {@code probes/} from the active probes, and {@code capture.json} with what could not be
 * collected and why — which is then diagnosed exactly as {@code diagnose --capture} diagnoses a
 * folder. There is one path from raw output to facts; live mode only writes the raw output.
 * The directory is {@code --save-capture DIR}, or a temporary one removed afterwards.
 */
public final class LiveCapture implements AutoCloseable {

    /** What to collect, from the command line. */
    public record Options(Path kubeconfig, String context, String namespace, Duration apiTimeout,
                          List<Path> nodeCaptures, Path saveTo, String userAgent, String url, List<String> services,
                          Duration probeTimeout, boolean execCollect, String collectorNamespace, int parallel,
                          Duration nodeTimeout, Duration commandTimeout, boolean terminal) {
        public Options {
            nodeCaptures = nodeCaptures == null ? List.of() : List.copyOf(nodeCaptures);
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    private final Path dir;
    private final boolean temporary;
    private final String title;

    private LiveCapture(Path dir, boolean temporary, String title) {
        this.dir = dir;
        this.temporary = temporary;
        this.title = title;
    }

    /** The capture directory written. */
    public Path dir() {
        return dir;
    }

    /** How the report names what it diagnosed: the API server, and the context. */
    public String title() {
        return title;
    }

    /**
     * Collects. {@code err} gets one line per thing that could not be collected.
     *
     * @throws LiveException exit 2 for bad options or input (kubeconfig, folders), exit 3 when
     *                       nothing could be read from the API server
     */
    public static LiveCapture collect(Options o, PrintWriter err) throws LiveException {
        if (o.url() != null) {
            try {
                Prober.checkUrl(o.url());
            } catch (IllegalArgumentException e) {
                throw new LiveException(ExitCodes.BAD_INPUT, "--url " + e.getMessage());
            }
        }
        for (String s : o.services()) {
            ServiceProbes.check(s);
        }
        Map<String, Path> nodeFolders = nodeFolders(o.nodeCaptures());
        List<NotCollected> notCollected = new ArrayList<>(nodeEntries(o.nodeCaptures()));
        ClusterConnection.Connected c = ClusterConnection.open(o.kubeconfig(), o.context(), o.apiTimeout(),
                o.userAgent());
        boolean temporary = o.saveTo() == null;
        // A --save-capture folder netrules made goes again when the run fails: no half capture left behind.
        boolean made = !temporary && !Files.exists(o.saveTo());
        Path dir;
        try {
            dir = prepare(o.saveTo());
        } catch (LiveException e) {
            c.close();
            throw e;
        }
        boolean done = false;
        try (c) {
            ClusterLister lister = new ClusterLister(c.client(), o.namespace(), o.apiTimeout());
            Files.createDirectories(dir.resolve("cluster"));
            // network.config first: its network type says whose kinds to list next. Not served
            // (404: not OpenShift 4) is no failure: the kinds of ClusterKind.ALL, as ever.
            ClusterLister.Outcome networkConfig = lister.list(ClusterKind.NETWORK_CONFIG, dir.resolve("cluster"));
            NetworkPlugin plugin = networkConfig.collected() ? networkPlugin(dir) : null;
            if (plugin != null) {
                lister.keepAnnotations(plugin.liveAnnotationPrefixes());
            }
            List<ClusterLister.Outcome> outcomes = new ArrayList<>(lister.listAll(dir.resolve("cluster"),
                    liveKinds(plugin)));
            // Exit 3 only when nothing at all was collected: node captures given are something.
            // network.config alone is no usable read (nothing is diagnosed from it alone).
            boolean apiUsable = outcomes.stream().anyMatch(ClusterLister.Outcome::collected);
            if (!networkConfig.collected() && networkConfig.failure().httpStatus() != 404) {
                outcomes.add(networkConfig);
            }
            if (!apiUsable && nodeFolders.isEmpty()) {
                throw new LiveException(ExitCodes.COLLECTION_FAILED, nothingCollected(SecretStripper.withoutUserInfo(c.server()), outcomes));
            }
            if (!apiUsable) {
                err.println("netrules: " + nothingCollected(SecretStripper.withoutUserInfo(c.server()), outcomes)
                        + "; the report is from --node-captures alone");
            }
            for (ClusterLister.Outcome r : outcomes) {
                if (!r.collected()) {
                    notCollected.add(new NotCollected(null, r.kind().fileName(), r.failure().reason()));
                    if (apiUsable) {
                        err.println("netrules: " + r.kind().fileName() + " not collected: " + r.failure().reason());
                    }
                }
            }
            addNodeFolders(dir, nodeFolders, temporary);
            Map<String, String> collectorPods = null;
            if (o.execCollect() && apiUsable) {
                collectorPods = new TreeMap<>();
                List<NotCollected> nodeEntries = execCollect(o, c, dir, nodeFolders.keySet(), collectorPods, plugin, err);
                if (plugin != null && openShift4(dir)) {
                    // What the plugin reads once per cluster beside the nodes' pods (NetworkPlugin#liveCollect).
                    PluginCluster cluster = new PluginCluster(c.client(), new Fabric8NodeExec(c.client()),
                            new Fabric8NodeExec(c.client(), Duration.ofSeconds(1)), dir, o.parallel(), o.nodeTimeout(),
                            o.commandTimeout(), o.apiTimeout(), err);
                    try {
                        plugin.liveCollect(cluster);
                    } finally {
                        deleteTree(dir.resolve(".exec"));
                    }
                    nodeEntries = cluster.merge(nodeEntries);
                }
                notCollected.addAll(nodeEntries);
            }
            probe(o, dir, err, collectorPods == null ? null : new Fabric8NodeExec(c.client()), collectorPods);
            LiveCaptureJson.write(dir, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    SecretStripper.withoutUserInfo(o.url()), notCollected);
            err.flush();
            done = true;
            String title = SecretStripper.withoutUserInfo(c.server())
                    + (c.context() != null ? " (context " + c.context() + ")" : "");
            return new LiveCapture(dir, temporary, title);
        } catch (IOException | UncheckedIOException e) {
            throw new LiveException(ExitCodes.BAD_INPUT, dir + ": cannot write the capture: " + e.getMessage());
        } finally {
            if (!done && (temporary || made)) {
                deleteTree(dir);
            }
        }
    }

    /**
     * The kinds to list once the plugin is known: the core's and the plugin's own
     * ({@link NetworkPlugin#liveKinds}), in {@link ClusterKind#ALL} order, then the plugin's
     * others; no plugin known (no network.config, or a type no plugin recognizes): ALL.
     */
    static List<ClusterKind> liveKinds(NetworkPlugin plugin) {
        if (plugin == null) {
            return ClusterKind.ALL;
        }
        List<String> wanted = new ArrayList<>(ClusterKind.CORE);
        wanted.addAll(plugin.liveKinds());
        List<ClusterKind> kinds = new ArrayList<>();
        for (ClusterKind k : ClusterKind.ALL) {
            if (wanted.remove(k.input())) {
                kinds.add(k);
            }
        }
        for (String spec : wanted) {
            kinds.add(ClusterKind.of(spec));
        }
        return kinds;
    }

    /** The plugin network.config's network type (status first, as the cluster runs it, else spec) names, or null. */
    static NetworkPlugin networkPlugin(Path dir) throws IOException {
        JsonNode list = new ObjectMapper().readTree(dir.resolve(ClusterKind.NETWORK_CONFIG.fileName()).toFile());
        for (JsonNode item : list.path("items")) {
            for (String at : List.of("/status/networkType", "/spec/networkType")) {
                java.util.Optional<NetworkPlugin> p = NetworkPlugins.recognizing(item.at(at).asText(null));
                if (p.isPresent()) {
                    return p.get();
                }
            }
        }
        return null;
    }

    /**
     * Runs the collector in the DaemonSet pod of every node not given by --node-captures (on
     * OpenShift 4, in the network plugin's own pod of a node without one), and returns what
     * could not be collected. The report comes out whatever fails here.
     */
    private static List<NotCollected> execCollect(Options o, ClusterConnection.Connected c, Path dir,
                                                  java.util.Set<String> given, Map<String, String> podByNode,
                                                  NetworkPlugin detected, PrintWriter err) throws IOException {
        // OpenShift 4 whose network.config could not be read: openshift-sdn, its default before 4.12.
        NetworkPlugin plugin = detected != null ? detected : NetworkPlugins.recognizing("OpenShiftSDN").orElse(null);
        Map<String, String> addresses = nodeAddresses(dir);
        if (addresses.isEmpty()) {
            err.println("netrules: --exec-collect: no node to collect from (neither cluster/nodes.json nor "
                    + "cluster/hostsubnets.json was collected)");
            return List.of();
        }
        String listFailure = null;
        try {
            for (Pod p : c.client().pods().inNamespace(o.collectorNamespace())
                    .withLabel(ExecCollector.LABEL_KEY, ExecCollector.LABEL_VALUE).list().getItems()) {
                if (p.getSpec() != null && p.getSpec().getNodeName() != null && ready(p)
                        && p.getMetadata().getDeletionTimestamp() == null) {
                    podByNode.putIfAbsent(p.getSpec().getNodeName(), p.getMetadata().getName());
                }
            }
        } catch (KubernetesClientException e) {
            listFailure = "cannot list the collector pods: " + ApiFailure.of(e, "list", "pods", true,
                    o.collectorNamespace(), null, o.apiTimeout()).reason();
        }
        // OpenShift 4: a node without a collector pod is collected in its network plugin's pod.
        io.netrules.plugin.LiveNodePod pluginPod = plugin == null ? null : plugin.liveNodePod();
        Map<String, String> pluginPodByNode = new TreeMap<>();
        Map<String, List<String>> pluginPodContainers = new TreeMap<>();
        String pluginListFailure = null;
        if (pluginPod != null && openShift4(dir)
                && addresses.keySet().stream().anyMatch(n -> !given.contains(n) && !podByNode.containsKey(n))) {
            java.util.Set<String> containers = new java.util.HashSet<>();
            pluginPod.runs().forEach(r -> containers.add(r.container()));
            try {
                for (Pod p : c.client().pods().inNamespace(pluginPod.namespace())
                        .withLabel(pluginPod.labelKey(), pluginPod.labelValue()).list().getItems()) {
                    if (p.getSpec() != null && p.getSpec().getNodeName() != null && ready(p)
                            && p.getMetadata().getDeletionTimestamp() == null && p.getSpec().getContainers() != null
                            && p.getSpec().getContainers().stream().anyMatch(k -> containers.contains(k.getName()))) {
                        pluginPodByNode.putIfAbsent(p.getSpec().getNodeName(), p.getMetadata().getName());
                        pluginPodContainers.put(p.getMetadata().getName(), p.getSpec().getContainers().stream()
                                .map(k -> k.getName()).toList());
                    }
                }
            } catch (KubernetesClientException e) {
                pluginListFailure = "cannot list the " + pluginPod.labelValue() + " pods: " + ApiFailure.of(e, "list",
                        "pods", true, pluginPod.namespace(), null, o.apiTimeout()).reason();
            }
        }
        List<ExecCollector.Target> targets = new ArrayList<>();
        List<ExecCollector.Outcome> outcomes = new ArrayList<>();
        for (String node : addresses.keySet()) {
            if (given.contains(node)) {
                continue;
            }
            if (!podByNode.containsKey(node) && pluginPodByNode.containsKey(node)) {
                String pod = pluginPodByNode.get(node);
                targets.add(new ExecCollector.Target(node, pod, pluginPod, pluginPodContainers.get(pod)));
            } else if (listFailure != null) {
                outcomes.add(ExecCollector.failed(node, listFailure
                        + (pluginListFailure != null ? "; " + pluginListFailure : "")));
            } else if (!podByNode.containsKey(node) && pluginListFailure != null) {
                outcomes.add(ExecCollector.failed(node, "no ready " + ExecCollector.LABEL_VALUE + " pod on this node in "
                        + "namespace " + o.collectorNamespace() + ", and " + pluginListFailure));
            } else {
                targets.add(new ExecCollector.Target(node, podByNode.get(node), ExecCollector.peers(node, addresses)));
            }
        }
        java.util.function.Consumer<String> progress = o.terminal() ? line -> {
            err.print("\rnetrules: " + line);
            err.flush();
        } : null;
        ExecCollector collector = new ExecCollector(new Fabric8NodeExec(c.client()), o.collectorNamespace(),
                o.parallel(), o.nodeTimeout(), o.commandTimeout(), progress);
        outcomes.addAll(collector.collect(targets, dir));
        if (progress != null && !targets.isEmpty()) {
            err.println();
        }
        List<NotCollected> entries = new ArrayList<>();
        outcomes.sort(java.util.Comparator.comparing(ExecCollector.Outcome::node));
        for (ExecCollector.Outcome out : outcomes) {
            if (!out.collected()) {
                err.println("netrules: node " + out.node() + " not collected: " + out.failure());
            }
            entries.addAll(out.entries());
        }
        return entries;
    }

    /**
     * True when the nodes' kubelets say OpenShift 4 ({@link io.netrules.engine.PlatformMajor}): its
     * openshift-sdn runs in sdn pods with the host's tools (3.11's OVS tools are in the ovs pod).
     * A network.config listed says so first: only OpenShift 4 serves it.
     */
    static boolean openShift4(Path dir) throws IOException {
        Path config = dir.resolve(ClusterKind.NETWORK_CONFIG.fileName());
        if (Files.isRegularFile(config) && new ObjectMapper().readTree(config.toFile()).path("items").size() > 0) {
            return true;
        }
        Path f = dir.resolve("cluster/nodes.json");
        if (!Files.isRegularFile(f)) {
            return false;
        }
        List<String> versions = new ArrayList<>();
        try {
            new io.netrules.capture.ClusterObjectReader(fact -> {
                if (fact instanceof io.netrules.model.Node n) {
                    versions.add(n.kubeletVersion());
                }
            }, w -> { }).read(f, "cluster/nodes.json", "nodes");
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }
        Integer major = io.netrules.engine.PlatformMajor.detect(null, versions, false);
        return major != null && major == 4;
    }

    /** Running and Ready: the pod can be exec'd at once. */
    private static boolean ready(Pod p) {
        return p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Each node's address, by name: its HostSubnet hostIP, else its InternalIP. */
    static Map<String, String> nodeAddresses(Path dir) throws IOException {
        Map<String, String> byName = new TreeMap<>();
        Map<String, String> hostIPs = new TreeMap<>();
        io.netrules.capture.ClusterObjectReader reader = new io.netrules.capture.ClusterObjectReader(fact -> {
            if (fact instanceof io.netrules.model.Node n && n.name() != null) {
                byName.putIfAbsent(n.name(), n.internalIP());
            } else if (fact instanceof io.netrules.model.HostSubnet h && h.host() != null) {
                hostIPs.put(h.host(), h.hostIP());
            }
        }, w -> { });
        try {
            for (String kind : List.of("nodes", "hostsubnets")) {
                Path f = dir.resolve("cluster/" + kind + ".json");
                if (Files.isRegularFile(f)) {
                    reader.read(f, "cluster/" + kind + ".json", kind);
                }
            }
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }
        hostIPs.forEach((node, ip) -> byName.put(node, ip != null ? ip : byName.get(node)));
        return byName;
    }

    /**
     * The active probes: --url from here ({@code from: client}); --service from here too, or,
     * with --exec-collect, from a collector pod ({@code from: node/<name>}). Into probes/probes.jsonl.
     */
    private static void probe(Options o, Path dir, PrintWriter err, NodeExec exec, Map<String, String> pods)
            throws LiveException, IOException {
        if (o.url() == null && o.services().isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        try (Prober prober = new Prober("client", o.probeTimeout(), o.userAgent())) {
            if (o.url() != null) {
                prober.url(o.url()).forEach(l -> lines.add(l.json()));
            }
            for (String s : o.services()) {
                if (exec != null) {
                    lines.addAll(PodProbes.run(exec, o.collectorNamespace(), pods, s,
                            ServiceProbes.targets(dir, s, err), o.probeTimeout(), err));
                } else {
                    prober.all(ServiceProbes.probes(dir, s, prober, err)).forEach(l -> lines.add(l.json()));
                }
            }
        }
        writeProbes(dir, lines);
    }

    static void writeProbes(Path dir, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        Path file = dir.resolve(ClusterInputs.PROBES_FILE);
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String nothingCollected(String server, List<ClusterLister.Outcome> outcomes) {
        for (ClusterLister.Outcome r : outcomes) {
            if (!r.failure().reachedServer()) {
                return "cannot reach the API server " + server + ": " + r.failure().reason();
            }
        }
        return "nothing could be read from the API server " + server + ": " + outcomes.get(0).kind().fileName()
                + ": " + outcomes.get(0).failure().reason();
    }

    /** The capture folder: --save-capture (created; must be empty), else a temporary one. */
    private static Path prepare(Path saveTo) throws LiveException {
        try {
            if (saveTo == null) {
                return Files.createTempDirectory("netrules-live-");
            }
            if (Files.exists(saveTo) && !Files.isDirectory(saveTo)) {
                throw new LiveException(ExitCodes.BAD_INPUT, saveTo + ": --save-capture is not a directory");
            }
            if (Files.isDirectory(saveTo)) {
                try (Stream<Path> s = Files.list(saveTo)) {
                    if (s.findAny().isPresent()) {
                        throw new LiveException(ExitCodes.BAD_INPUT, saveTo
                                + ": --save-capture folder is not empty (netrules writes a whole capture there)");
                    }
                }
            }
            return Files.createDirectories(saveTo);
        } catch (IOException e) {
            throw new LiveException(ExitCodes.BAD_INPUT, (saveTo == null ? "temporary folder" : saveTo.toString())
                    + ": cannot create: " + e.getMessage());
        }
    }

    /** The node folders of each --node-captures DIR (what `collect node --out DIR` wrote): DIR/nodes/<node>/. */
    private static Map<String, Path> nodeFolders(List<Path> captures) throws LiveException {
        Map<String, Path> folders = new TreeMap<>();
        for (Path c : captures) {
            Path nodes = c.resolve("nodes");
            if (!Files.isDirectory(c)) {
                throw new LiveException(ExitCodes.BAD_INPUT, c + ": --node-captures folder does not exist");
            }
            if (!Files.isDirectory(nodes)) {
                throw new LiveException(ExitCodes.BAD_INPUT, c + ": no nodes/ folder in it (give the --out folder "
                        + "of netrules collect node)");
            }
            try (Stream<Path> s = Files.list(nodes)) {
                for (Path n : s.filter(Files::isDirectory).sorted().toList()) {
                    Path before = folders.put(n.getFileName().toString(), n);
                    if (before != null) {
                        throw new LiveException(ExitCodes.BAD_INPUT, n + ": node " + n.getFileName()
                                + " is also in " + before + "; give each node once");
                    }
                }
            } catch (IOException e) {
                throw new LiveException(ExitCodes.BAD_INPUT, nodes + ": cannot read: " + e.getMessage());
            }
        }
        return folders;
    }

    /** What each --node-captures capture.json says its collector could not collect, per node. */
    private static List<NotCollected> nodeEntries(List<Path> captures) throws LiveException {
        List<NotCollected> entries = new ArrayList<>();
        for (Path c : captures) {
            Path file = c.resolve("capture.json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                for (NotCollected nc : CaptureMetadata.read(file, file.toString()).notCollected()) {
                    if (nc.node() != null) {
                        entries.add(nc);
                    }
                }
            } catch (CaptureException e) {
                throw new LiveException(ExitCodes.BAD_INPUT, e.getMessage());
            }
        }
        return entries;
    }

    /**
     * Puts the node folders into the capture: copied when the capture is kept, linked when it is a
     * temporary one (a large cluster's flow dumps are not worth copying to read once).
     */
    private static void addNodeFolders(Path dir, Map<String, Path> folders, boolean temporary) throws IOException {
        if (folders.isEmpty()) {
            return;
        }
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        for (Map.Entry<String, Path> e : folders.entrySet()) {
            Path target = nodes.resolve(e.getKey());
            if (temporary) {
                Files.createSymbolicLink(target, e.getValue().toAbsolutePath());
            } else {
                copyTree(e.getValue(), target);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) {
        TempTrees.deleteQuietly(root);
    }

    /** Removes the capture when it was a temporary one. */
    @Override
    public void close() {
        if (temporary) {
            deleteTree(dir);
        }
    }
}
