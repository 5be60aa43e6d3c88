package io.netrules.collect;

import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSource.Collect;
import io.netrules.capture.FactSources;
import io.netrules.engine.Parallel;
import io.netrules.model.HostSubnet;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.Node;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code netrules collect node}: runs, on the node itself, the commands the fact-source
 * registry marks for collection ({@link FactSources#collected()}) and copies the node's files,
 * writing each output under its sosreport name into {@code OUT/nodes/<node>/}, and merges what
 * it could not collect, and why, into {@code OUT/capture.json}.
 *
 * <p>It only reads: every command it runs is one of the registry's read-only commands, and it
 * writes nothing outside {@code OUT}. {@code ip -d address} runs first (its interfaces decide
 * which {@code ethtool} to run); then the node's commands and the per-peer commands run in two
 * pools of {@code parallel} processes each, within the total time budget.
 */
public final class NodeCollector {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(2);
    public static final int DEFAULT_PARALLEL = 4;

    /** Variables handed on to the commands; the lab points OVS_* at each node's own OVS. */
    static final List<String> PASSED_ENV = List.of("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR", "TZ");
    /** Always searched after the caller's PATH: root's sbin directories are not on every PATH. */
    static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");
    /** Where a systemd unit file may be, relative to the host root. */
    static final List<String> UNIT_DIRS = List.of("etc/systemd/system", "run/systemd/system",
            "usr/lib/systemd/system", "lib/systemd/system");
    /** Interfaces whose ethtool output says nothing about the node's link (fallback selection only). */
    private static final Set<String> NOT_LINKS = Set.of("lo", "tun0", "docker0");
    private static final Pattern IFACE_NAME = Pattern.compile("[A-Za-z0-9_.:@+=-]{1,64}");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,252}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * What to collect and how.
     *
     * @param out          the capture folder (created if needed)
     * @param nodeName     the node's name in the cluster; null: from --cluster-facts by address, else the host name
     * @param peers        the other nodes' host IPs; empty: from the cluster facts
     * @param clusterFacts {@code oc get hostsubnets -o json} (or nodes) files
     * @param timeout      the time limit of each command
     * @param budget       the time limit of the whole collection
     * @param hostRoot     where the node's files are ({@code /}, or the host's root mounted in a container)
     * @param parallel     processes run at once in each of the two pools (node commands, peer commands)
     * @param path         the commands' PATH; null: the caller's PATH followed by the system directories
     */
    public record Options(Path out, String nodeName, List<String> peers, List<Path> clusterFacts, Duration timeout,
                          Duration budget, Path hostRoot, int parallel, String path) {
        public Options {
            Objects.requireNonNull(out, "out");
            peers = peers == null ? List.of() : List.copyOf(peers);
            clusterFacts = clusterFacts == null ? List.of() : List.copyOf(clusterFacts);
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
            budget = budget == null ? DEFAULT_BUDGET : budget;
            hostRoot = hostRoot == null ? Path.of("/") : hostRoot;
            parallel = parallel <= 0 ? DEFAULT_PARALLEL : parallel;
        }

        public static Options of(Path out) {
            return new Options(out, null, null, null, null, null, null, 0, null);
        }
    }

    /** One command run (or file copied), and whether it gave its input. */
    public record Item(String file, String command, boolean collected, String why, long millis) {
    }

    /** What a collection did. {@code notCollected} is what went into capture.json for this node. */
    public record Outcome(String node, Path nodeDir, List<Item> items, List<NotCollected> notCollected,
                          List<String> peers, List<String> interfaces, long millis) {
        public long collectedCount() {
            return items.stream().filter(Item::collected).count();
        }

        public boolean anyCollected() {
            return collectedCount() > 0;
        }
    }

    private final Options options;
    private final Consumer<String> progress;
    private final CommandRunner runner;
    private final Path hostRoot;
    private long t0;

    /** @param progress where progress lines go (one per command), or null for none */
    public NodeCollector(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.runner = new CommandRunner(childEnvironment(System.getenv(), options.path()));
        this.hostRoot = options.hostRoot().toAbsolutePath().normalize();
    }

    /**
     * The commands' environment: PATH, the C locale (parsers read English), a resolver that
     * gives up after one try of one second, and {@link #PASSED_ENV}. tracepath looks up the name
     * of every hop; with DNS down (one of the faults netrules looks for) each lookup would wait
     * out the resolver's default 5 s times 2 tries, and a tracepath take 20 s instead of 2.
     */
    static Map<String, String> childEnvironment(Map<String, String> parent, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path != null ? path : defaultPath(parent.get("PATH")));
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.put("RES_OPTIONS", "timeout:1 attempts:1");
        for (String name : PASSED_ENV) {
            String v = parent.get(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        return env;
    }

    /** The caller's PATH followed by the system directories it lacks. */
    public static String defaultPath(String callerPath) {
        Set<String> dirs = new LinkedHashSet<>();
        if (callerPath != null) {
            for (String d : callerPath.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(SYSTEM_PATH);
        return String.join(":", dirs);
    }

    public Outcome collect() throws CollectException, IOException {
        t0 = System.nanoTime();
        Instant startedAt = Instant.now();
        long deadline = t0 + options.budget().toNanos();
        Path out = options.out();
        CaptureJson.check(out);
        Cluster cluster = Cluster.read(options.clusterFacts());
        List<String> peersGiven = checkPeers(options.peers());
        Set<String> local = javaLocalAddresses();
        String node = options.nodeName() != null ? options.nodeName()
                : cluster.nameOf(local).orElseGet(NodeCollector::hostName);
        if (node == null || !NODE_NAME.matcher(node).matches() || node.equals(".") || node.equals("..")) {
            throw new CollectException("'" + node + "' cannot be a node folder name; give --node-name");
        }
        Path nodeDir = out.resolve("nodes").resolve(node);
        if (Files.isDirectory(nodeDir)) {
            try (Stream<Path> s = Files.list(nodeDir)) {
                if (s.findAny().isPresent()) {
                    throw new CollectException(nodeDir + " already exists: remove it or collect into another --out");
                }
            }
        }
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new CollectException(out + ": cannot write: " + e);
        }
        say("collecting node " + node + " into " + nodeDir);

        List<Item> items = Collections.synchronizedList(new ArrayList<>());
        List<NotCollected> missing = new ArrayList<>();

        // ip -d address first: which interface holds the node's address decides the ethtool runs.
        FactSource ipSource = only(FactSources.IP_ADDRESS);
        Item ip = runCommand(ipSource, null, nodeDir, deadline);
        items.add(ip);
        Interfaces ifs = Interfaces.read(ipSource, nodeDir, node);
        ifs.addresses().forEach(a -> local.add(a.address()));

        String ownIp = cluster.ownAddress(node, local);
        List<String> ifaces = ethtoolTargets(ifs, ownIp);
        List<String> peers = !peersGiven.isEmpty() ? peersGiven : cluster.peers(node, ownIp, local);
        say("node address " + (ownIp == null ? "unknown" : ownIp) + "; ethtool on " + ifaces + "; peers " + peers);

        List<Callable<Item>> nodeTasks = new ArrayList<>();
        List<Callable<Item>> peerTasks = new ArrayList<>();
        Set<String> unitInputs = new LinkedHashSet<>();
        for (FactSource s : FactSources.collected()) {
            if (s == ipSource) {
                continue;
            }
            if (s.copied()) {
                nodeTasks.add(() -> copy(s, nodeDir));
            } else if (s.collect() == Collect.IF_UNIT) {
                if (!unitInputs.add(s.input())) {
                    continue;
                }
                List<FactSource> alternatives = FactSources.forInput(s.input()).stream()
                        .filter(a -> a.collect() == Collect.IF_UNIT).toList();
                FactSource chosen = alternatives.stream().filter(a -> unitExists(a.unit())).findFirst().orElse(null);
                if (chosen == null) {
                    missing.add(new NotCollected(node, FactSources.preferredFileName(s.input()), "no "
                            + String.join(" or ", alternatives.stream().map(FactSource::unit).toList()) + " unit"));
                } else {
                    nodeTasks.add(() -> runCommand(chosen, null, nodeDir, deadline));
                }
            } else {
                switch (s.target()) {
                    case NONE -> nodeTasks.add(() -> runCommand(s, null, nodeDir, deadline));
                    case INTERFACE -> {
                        if (ifaces.isEmpty()) {
                            missing.add(new NotCollected(node, s.input(), "no interface to run it on ("
                                    + (ifs.addresses().isEmpty() ? "ip -d address gave none"
                                            : "no IPv4 address but on lo, tun0, docker0, veths or OVS ports")
                                    + ")"));
                        }
                        ifaces.forEach(i -> nodeTasks.add(() -> runCommand(s, i, nodeDir, deadline)));
                    }
                    case PEER -> {
                        if (peers.isEmpty()) {
                            missing.add(new NotCollected(node, s.input(),
                                    "no peer to run it for (give --peers or --cluster-facts)"));
                        }
                        peers.forEach(p -> peerTasks.add(() -> runCommand(s, p, nodeDir, deadline)));
                    }
                }
            }
        }
        items.addAll(runAll(nodeTasks, peerTasks));

        List<NotCollected> notCollected = new ArrayList<>();
        for (Item i : items) {
            if (!i.collected()) {
                notCollected.add(new NotCollected(node, i.file(), i.why()));
            }
        }
        notCollected.addAll(missing);
        CaptureJson.merge(out, node, startedAt, notCollected);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        say("done in " + millis + " ms: " + items.stream().filter(Item::collected).count() + " collected, "
                + notCollected.size() + " not collected");
        return new Outcome(node, nodeDir, List.copyOf(items), List.copyOf(notCollected), peers, ifaces, millis);
    }

    /** Runs the node's and the peers' tasks, each list in its own pool; results in submission order. */
    private List<Item> runAll(List<Callable<Item>> nodeTasks, List<Callable<Item>> peerTasks) {
        ExecutorService nodePool = pool(Math.min(options.parallel(), Math.max(1, nodeTasks.size())));
        ExecutorService peerPool = pool(Math.min(options.parallel(), Math.max(1, peerTasks.size())));
        try {
            List<Future<Item>> futures = new ArrayList<>();
            nodeTasks.forEach(t -> futures.add(nodePool.submit(t)));
            peerTasks.forEach(t -> futures.add(peerPool.submit(t)));
            return Parallel.all(futures);
        } finally {
            nodePool.shutdownNow();
            peerPool.shutdownNow();
        }
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "netrules-collect");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs one command of the registry into its sosreport-named file. */
    Item runCommand(FactSource source, String target, Path nodeDir, long deadline) {
        String file = target == null ? source.fileName() : source.fileNameFor(target);
        List<String> argv = source.argv(target);
        String command = String.join(" ", argv);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return report(new Item(file, command, false, "not run: the collection budget of "
                    + Durations.format(options.budget()) + " was used up", 0));
        }
        boolean budgetLimits = remaining < options.timeout().toNanos();
        Duration limit = budgetLimits ? Duration.ofNanos(remaining) : options.timeout();
        // Written under a partial name and renamed once the command has ended: a collector
        // killed midway leaves no file that reads as a complete output.
        Path output = nodeDir.resolve(file);
        Path partial = partialName(output);
        CommandRunner.Result r = runner.run(argv, partial, limit);
        Item item = switch (r.status()) {
            case EXITED -> {
                String renameFailed = finish(partial, output);
                if (renameFailed != null) {
                    yield new Item(file, command, false, renameFailed, r.millis());
                }
                if (r.exitCode() == 0 || source.collect() == Collect.PROBE) {
                    yield new Item(file, command, true, r.exitCode() == 0 ? null
                            : "exit status " + r.exitCode() + " (the command's answer; kept)", r.millis());
                }
                yield new Item(file, command, false, "exit status " + r.exitCode(), r.millis());
            }
            case NOT_INSTALLED -> new Item(file, command, false, argv.get(0) + ": not installed", r.millis());
            case NOT_STARTED -> {
                deleteQuietly(partial);
                yield new Item(file, command, false, r.message(), r.millis());
            }
            case TIMED_OUT -> {
                String why = budgetLimits
                        ? "stopped when the collection budget of " + Durations.format(options.budget()) + " ran out"
                        : "timed out after " + Durations.format(options.timeout());
                // A cut-off output would read as a complete one (a flow dump missing its last
                // flows): drop it. A probe's output so far is its answer so far (a tracepath
                // that hangs after "pmtu 1500" shows an MTU black hole): keep that.
                if (source.collect() == Collect.PROBE && size(partial) > 0) {
                    String renameFailed = finish(partial, output);
                    why += renameFailed == null ? " (output so far kept)" : "; " + renameFailed;
                } else {
                    deleteQuietly(partial);
                }
                yield new Item(file, command, false, why, r.millis());
            }
        };
        return report(item);
    }

    /** Copies one of the node's files from the host root to the same relative path in the node folder. */
    Item copy(FactSource source, Path nodeDir) {
        long start = System.nanoTime();
        String rel = source.fileName();
        String what = "copy " + rel;
        try {
            Path from = resolveUnder(hostRoot, rel);
            if (!Files.isRegularFile(from)) {
                return report(new Item(rel, what, false, "no such file", 0));
            }
            Path to = nodeDir.resolve(rel);
            Files.createDirectories(to.getParent());
            Path partial = partialName(to);
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            return report(new Item(rel, what, false, "cannot copy: " + e.getMessage(), 0));
        }
        return report(new Item(rel, what, true, null, (System.nanoTime() - start) / 1_000_000));
    }

    private Item report(Item item) {
        say(String.format(Locale.ROOT, "%-48s %s (%d ms)", item.command(),
                item.collected() ? (item.why() == null ? "ok" : item.why()) : "NOT COLLECTED: " + item.why(),
                item.millis()));
        return item;
    }

    private void say(String line) {
        if (progress != null) {
            double s = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(Locale.ROOT, "netrules: %6.2f s  %s", s, line));
        }
    }

    /**
     * A path under {@code root} with symbolic links followed as if root were {@code /}: an
     * absolute link target (resolv.conf is often one) is taken under root, and {@code ..} never
     * leaves it.
     */
    static Path resolveUnder(Path root, String relative) throws IOException {
        Deque<String> todo = new ArrayDeque<>(List.of(relative.split("/")));
        Path cur = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!cur.equals(root) && cur.getParent() != null) {
                    cur = cur.getParent();
                }
                continue;
            }
            Path next = cur.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++links > 40) {
                    throw new IOException(relative + ": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(next).toString();
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    cur = root;
                }
                continue;
            }
            cur = next;
        }
        return cur;
    }

    /** Whether a systemd unit file for this unit exists (and is not masked) under the host root. */
    boolean unitExists(String unit) {
        String file = unit.contains(".") ? unit : unit + ".service";
        for (String dir : UNIT_DIRS) {
            try {
                if (Files.isRegularFile(resolveUnder(hostRoot, dir + "/" + file))) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: look in the next directory
            }
        }
        return false;
    }

    /**
     * The interfaces to run ethtool on: the one holding the node's address when it is known and
     * found; otherwise every interface with an IPv4 address except lo, tun0, docker0, veths and
     * Open vSwitch internal ports.
     */
    static List<String> ethtoolTargets(Interfaces ifs, String ownIp) {
        if (ownIp != null) {
            for (InterfaceAddress a : ifs.addresses()) {
                if (ownIp.equals(a.address()) && IFACE_NAME.matcher(a.iface()).matches()) {
                    return List.of(a.iface());
                }
            }
        }
        Map<String, NetInterface> byName = new LinkedHashMap<>();
        ifs.interfaces().forEach(i -> byName.putIfAbsent(i.name(), i));
        Set<String> targets = new LinkedHashSet<>();
        for (InterfaceAddress a : ifs.addresses()) {
            if (!"inet".equals(a.family())) {
                continue;
            }
            String name = a.iface();
            NetInterface i = byName.get(name);
            String kind = i == null ? null : i.kind();
            if (NOT_LINKS.contains(name) || name.startsWith("veth") || "veth".equals(kind)
                    || "openvswitch".equals(kind) || !IFACE_NAME.matcher(name).matches() || name.startsWith("-")) {
                continue;
            }
            targets.add(name);
        }
        return List.copyOf(targets);
    }

    private static List<String> checkPeers(List<String> peers) throws CollectException {
        Set<String> out = new LinkedHashSet<>();
        for (String p : peers) {
            String ip = p.trim();
            if (ip.isEmpty()) {
                continue;
            }
            if (!isIp(ip)) {
                throw new CollectException("--peers: '" + p + "' is not an IP address");
            }
            out.add(ip);
        }
        return List.copyOf(out);
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || isIpv6(s);
    }

    private static boolean isIpv6(String s) {
        if (!IPV6.matcher(s).matches()) {
            return false;
        }
        try {
            // A literal: no name lookup happens.
            return InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static FactSource only(String input) {
        return FactSources.collected().stream().filter(s -> s.input().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the registry collects no " + input));
    }

    /**
     * Where a file is written until it is complete: {@code .<name>.partial} beside it, a name
     * the capture reader reports as incomplete and never reads (see {@link io.netrules.capture.NodeFolder#PARTIAL_SUFFIX}).
     */
    static Path partialName(Path file) {
        return file.resolveSibling("." + file.getFileName() + io.netrules.capture.NodeFolder.PARTIAL_SUFFIX);
    }

    /** The command ended: its output gets its real name. Null when done, else why not (the input is then not collected). */
    private static String finish(Path partial, Path output) {
        try {
            if (Files.exists(partial)) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return null;
        } catch (IOException e) {
            deleteQuietly(partial);
            return "cannot rename the finished output: " + e.getMessage();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left as it is; capture.json says it was not collected
        }
    }

    /** The kernel's host name, as {@code uname -n} prints it. */
    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask Java
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** This machine's addresses, as Java sees them (used before ip -d address has run). */
    private static Set<String> javaLocalAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            var nics = NetworkInterface.getNetworkInterfaces();
            while (nics != null && nics.hasMoreElements()) {
                var addrs = nics.nextElement().getInetAddresses();
                while (addrs.hasMoreElements()) {
                    String a = addrs.nextElement().getHostAddress();
                    int pct = a.indexOf('%');
                    addresses.add(pct < 0 ? a : a.substring(0, pct));
                }
            }
        } catch (SocketException e) {
            // none known: the cluster facts and ip -d address still tell
        }
        return addresses;
    }

    /** The interfaces and addresses {@code ip -d address} showed, read by the registry's parser. */
    record Interfaces(List<NetInterface> interfaces, List<InterfaceAddress> addresses) {
        static Interfaces read(FactSource source, Path nodeDir, String node) {
            Path file = nodeDir.resolve(source.fileName());
            if (!Files.isRegularFile(file) || source.parser() == null) {
                return new Interfaces(List.of(), List.of());
            }
            ParseContext.Collecting c = ParseContext.collecting(node, source.fileName(), source.input());
            try (Lines lines = Lines.open(file)) {
                source.parser().get().parse(lines, c.ctx);
            } catch (IOException | RuntimeException e) {
                return new Interfaces(List.of(), List.of());
            }
            return new Interfaces(c.facts(NetInterface.class), c.facts(InterfaceAddress.class));
        }
    }

    /** The HostSubnets and Nodes of {@code --cluster-facts}. */
    record Cluster(List<HostSubnet> subnets, List<Node> nodes) {
        static Cluster read(List<Path> files) throws CollectException {
            List<HostSubnet> subnets = new ArrayList<>();
            List<Node> nodes = new ArrayList<>();
            ClusterObjectReader reader = new ClusterObjectReader(o -> {
                if (o instanceof HostSubnet h) {
                    subnets.add(h);
                } else if (o instanceof Node n) {
                    nodes.add(n);
                }
            }, w -> { });
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new CollectException("--cluster-facts " + f + ": no such file");
                }
                try {
                    reader.read(f, f.toString(), "hostsubnets");
                    if (reader.incomplete() != null) {
                        // The peers would be some of them, silently: the user gives another file.
                        throw new CollectException("--cluster-facts " + f + ": " + reader.incomplete());
                    }
                } catch (CaptureException e) {
                    throw new CollectException("--cluster-facts " + e.getMessage());
                }
            }
            return new Cluster(subnets, nodes);
        }

        /** The name of the node (or HostSubnet host) whose address this machine holds. */
        java.util.Optional<String> nameOf(Set<String> local) {
            for (Node n : nodes) {
                if (n.internalIP() != null && local.contains(n.internalIP()) && n.name() != null) {
                    return java.util.Optional.of(n.name());
                }
            }
            for (HostSubnet h : subnets) {
                if (h.hostIP() != null && local.contains(h.hostIP())) {
                    return java.util.Optional.ofNullable(h.host() != null ? h.host() : h.name());
                }
            }
            return java.util.Optional.empty();
        }

        /** The node's own address: its InternalIP, its HostSubnet's hostIP, or one of those this machine holds. */
        String ownAddress(String node, Set<String> local) {
            for (Node n : nodes) {
                if (node.equals(n.name()) && n.internalIP() != null) {
                    return n.internalIP();
                }
            }
            for (HostSubnet h : subnets) {
                if ((node.equals(h.host()) || node.equals(h.name())) && h.hostIP() != null) {
                    return h.hostIP();
                }
            }
            for (Node n : nodes) {
                if (n.internalIP() != null && local.contains(n.internalIP())) {
                    return n.internalIP();
                }
            }
            for (HostSubnet h : subnets) {
                if (h.hostIP() != null && local.contains(h.hostIP())) {
                    return h.hostIP();
                }
            }
            return null;
        }

        /** Every other node's host IP: HostSubnet hostIPs (Node InternalIPs when there is no HostSubnet). */
        List<String> peers(String node, String ownIp, Set<String> local) {
            Set<String> peers = new LinkedHashSet<>();
            if (!subnets.isEmpty()) {
                for (HostSubnet h : subnets) {
                    if (h.hostIP() != null && !node.equals(h.host()) && !node.equals(h.name())) {
                        peers.add(h.hostIP());
                    }
                }
            } else {
                for (Node n : nodes) {
                    if (n.internalIP() != null && !node.equals(n.name())) {
                        peers.add(n.internalIP());
                    }
                }
            }
            peers.remove(ownIp);
            peers.removeAll(local);
            // They go on command lines: only addresses, never something that reads as an option.
            peers.removeIf(p -> !isIp(p));
            return List.copyOf(peers);
        }
    }
}
