package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.capture.Capture;
import io.netrules.capture.NodeFolder;
import io.netrules.capture.ProbesReader;
import io.netrules.capture.mustgather.MustGather;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.ParseWarning;
import io.netrules.parse.CommandParser;
import io.netrules.parse.InputLimits;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import io.netrules.plugin.NodeExtras;
import io.netrules.plugin.NodeSink;
import io.netrules.plugin.PluginCapture;
import io.netrules.plugins.ovnkubernetes.OvnKubernetesPlugin;
import io.netrules.plugins.ovnkubernetes.model.ForeignPortClaim;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import io.netrules.plugins.ovnkubernetes.model.OvnFact;
import io.netrules.plugins.ovnkubernetes.model.OvnFacts;
import io.netrules.plugins.ovnkubernetes.model.OvnZone;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;
import io.netrules.plugins.ovnkubernetes.model.OvsIdentity;
import io.netrules.plugins.ovnkubernetes.model.OvsInterface;
import io.netrules.plugins.ovnkubernetes.model.OvsOpenVswitch;
import io.netrules.plugins.ovnkubernetes.ovsdb.DatabaseStore;
import io.netrules.plugins.ovnkubernetes.ovsdb.NotOvsdbException;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbReader;
import io.netrules.plugins.ovnkubernetes.parse.OvnNodeLogParser;
import io.netrules.plugins.ovnkubernetes.parse.XfrmStateParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * OVN-Kubernetes' node facts that do not come from the node's own folder, prepared once per
 * capture and handed to each node's session:
 * <ul>
 * <li>the node's NB and SB rows (inputs {@code ovn-nb}, {@code ovn-sb}): every OVN database file
 * of the capture is read once, classified NB/SB by its content ({@link OvnDb#of}) and given its
 * zone ({@link OvnZone#of}, NB and SB of the same ovnkube-node pod or node folder together); a
 * zone is a node when it bears the node's name or its local chassis is the node's OVS
 * {@code system-id}. A database with several gateway routers and no zone is a legacy central one:
 * every node gets its rows minus the rows owned by another node ({@link CentralSplit}). A database
 * whose node cannot be told is a warning naming it, and is not used. Files: a node folder's
 * {@code ovsdb-client -f json dump} outputs, a node sosreport's {@code var/lib/ovn-ic/etc/} (or
 * {@code var/lib/ovn/etc/}) {@code ovnnb_db.db}/{@code ovnsb_db.db}, a capture's
 * {@code cluster/ovn/*}, a must-gather's {@code network_logs/ovnk_database_store.tar.gz} (streamed:
 * one pod's pair in memory at a time) and {@code network_logs/leader_nbdb.gz}/{@code leader_sbdb.gz};
 * the first file to give a node's NB (or SB) wins, a later one is a warning;</li>
 * <li>the pre-pass: every node's {@link OvsIdentity} (its {@code ovs-open_vswitch}, and its
 * {@code ip-address} for whether the encap IP is configured), given to every session, and each
 * {@link ForeignPortClaim} (an OVS interface's {@code iface-id} naming a pod of another node),
 * given to the pod node's session, and every node's {@code northd-status}, given to the other
 * nodes' sessions (legacy mode: the masters' northd instances);</li>
 * <li>a must-gather's ovnkube-node container logs ({@code logs:ovn-controller},
 * {@code logs:ovnkube-controller}; the older container {@code ovnkube-node} is ovnkube-controller)
 * and {@code network_logs/ipsec/xfrm/<pod>_state.log} ({@code xfrm-state}), each of the node the
 * pod runs on; read in that node's session.</li>
 * </ul>
 */
public final class OvnNodeData implements NodeExtras {
    /** {@code cluster/ovn/}: database files of the cluster (a legacy central DB; any DB, its content tells). */
    public static final String CLUSTER_FOLDER = "ovn";
    static final String NAMESPACE = "openshift-ovn-kubernetes";
    static final String NB_DUMP_FILE = io.netrules.capture.SosNaming.fileName(OvnKubernetesPlugin.NB_DUMP);
    static final String SB_DUMP_FILE = io.netrules.capture.SosNaming.fileName(OvnKubernetesPlugin.SB_DUMP);
    private static final List<String> SOS_DB_DIRS = List.of("var/lib/ovn-ic/etc/", "var/lib/ovn/etc/");
    static final String STORE = "network_logs/ovnk_database_store.tar.gz";
    static final String LEADER_NB = "network_logs/leader_nbdb.gz";
    static final String LEADER_SB = "network_logs/leader_sbdb.gz";
    static final String XFRM_DIR = "network_logs/ipsec/xfrm";
    /** {@code cluster/ovn/leader_ovnnb_status}, {@code <pod>_ovnsb_status}: RAFT status files beside the databases. */
    private static final java.util.regex.Pattern RAFT_STATUS_FILE = java.util.regex.Pattern.compile(".+_ovn(nb|sb)_status");

    /**
     * One node's own database (its zone's) and the file it came from: as facts (a node folder's,
     * cluster/ovn/), or, for a member of the must-gather's store, the pod's pair kept compressed
     * and made into facts in the node's session ({@link StorePair}).
     */
    private record OwnDb(List<OvnFact> facts, StorePair pair, String file) {
    }

    /** The tables that tell a database's zone and kind ({@link OvnZone#of}, the central test). */
    private static final java.util.Set<String> ZONE_TABLES = java.util.Set.of("NB_Global", "Logical_Router", "Chassis");

    /** A store member's bytes, deflated, until its node's session reads it whole. */
    private static final class StoreMember {
        final String display;
        private final byte[] deflated;
        private final int length;
        /** The first look read every record without a warning: the whole read need not check digests again. */
        final boolean clean;

        StoreMember(String display, byte[] bytes, boolean clean) {
            this.display = display;
            this.clean = clean;
            this.length = bytes.length;
            java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
            try {
                d.setInput(bytes);
                d.finish();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, bytes.length / 4));
                byte[] buf = new byte[65536];
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
                deflated = out.toByteArray();
            } finally {
                d.end();
            }
        }

        /** The member as the archive held it. */
        byte[] bytes() {
            java.util.zip.Inflater i = new java.util.zip.Inflater();
            try {
                i.setInput(deflated);
                byte[] bytes = new byte[length];
                int n = 0;
                while (n < length && !i.finished()) {
                    int got = i.inflate(bytes, n, length - n);
                    if (got == 0 && (i.needsInput() || i.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                return bytes;
            } catch (java.util.zip.DataFormatException x) {
                throw new IllegalStateException("a member deflated here does not inflate", x);
            } finally {
                i.end();
            }
        }
    }

    /**
     * One ovnkube-node pod's NB and SB (either may be missing) from the store, given to a node by
     * their zone tables only (read at preparation: NB_Global, the gateway routers, the chassis);
     * the node's session reads them whole, works the zone out again from all the rows, and uses
     * them only when it is still that node's.
     */
    private static final class StorePair {
        final StoreMember nb;
        final StoreMember sb;
        final String node;

        StorePair(StoreMember nb, StoreMember sb, String node) {
            this.nb = nb;
            this.sb = sb;
            this.node = node;
        }
    }

    /** A container log file of a must-gather. */
    private record LogFile(Path path, String display) {
    }

    private final InputLimits limits;
    private final List<ParseWarning> warnings;
    private final Map<String, EnumMap<OvnDb, OwnDb>> own = new HashMap<>();
    private final EnumMap<OvnDb, List<OvnFact>> centralFacts = new EnumMap<>(OvnDb.class);
    private final EnumMap<OvnDb, String> centralFiles = new EnumMap<>(OvnDb.class);
    private CentralSplit central;
    private int databasesRead;
    private final List<OvsIdentity> identities = new ArrayList<>();
    /** Each node's northd status ({@code northd-status}), for the other nodes' sessions. */
    private final List<NorthdStatus> northds = new ArrayList<>();
    private final Map<String, String> nodeOfSystemId = new HashMap<>();
    private final Map<String, List<ForeignPortClaim>> claims = new HashMap<>();
    /** Node, then input, then the files (previous before current). */
    private final Map<String, Map<String, List<LogFile>>> logs = new HashMap<>();
    private final Map<String, List<LogFile>> xfrm = new HashMap<>();
    private final PluginCapture pc;

    private OvnNodeData(PluginCapture pc) {
        this.pc = pc;
        this.limits = pc.capture().limits();
        this.warnings = pc.warnings();
    }

    /** Reads what every node session will need: identities, claims, databases; logs are only located. */
    public static OvnNodeData prepare(PluginCapture pc) {
        OvnNodeData d = new OvnNodeData(pc);
        d.prePass();
        d.readDatabases();
        d.locateCaptureLogs();
        d.locateMustGatherFiles();
        return d;
    }

    // ---- pre-pass ----

    private void prePass() {
        Map<String, List<ForeignPortClaim>> found = new TreeMap<>();
        for (Map.Entry<String, NodeFolder> e : new TreeMap<>(pc.capture().nodes()).entrySet()) {
            String node = e.getKey();
            NodeFolder folder = e.getValue();
            List<Object> ovs = parseInput(node, folder, OvnKubernetesPlugin.OVS_OPEN_VSWITCH);
            OvsOpenVswitch row = ovs.stream().filter(o -> o instanceof OvsOpenVswitch)
                    .map(o -> (OvsOpenVswitch) o).findFirst().orElse(null);
            if (row != null) {
                Boolean configured = null;
                if (row.encapIp() != null && folder.inputs().containsKey(io.netrules.capture.FactSources.IP_ADDRESS)) {
                    configured = parseInput(node, folder, io.netrules.capture.FactSources.IP_ADDRESS).stream()
                            .anyMatch(o -> o instanceof InterfaceAddress a && row.encapIp().equals(a.address()));
                }
                identities.add(new OvsIdentity(node, row.systemId(), row.encapIp(), configured, row.source()));
                if (row.systemId() != null) {
                    nodeOfSystemId.putIfAbsent(row.systemId(), node);
                }
            }
            // Legacy mode: each master runs a northd of the central DB; whether one is active needs
            // them all (NR-OVNDB-002), so every session also gets the other nodes' status.
            parseInput(node, folder, OvnKubernetesPlugin.NORTHD_STATUS).stream()
                    .filter(o -> o instanceof NorthdStatus).limit(1).forEach(o -> northds.add((NorthdStatus) o));
            for (Object o : parseInput(node, folder, OvnKubernetesPlugin.OVS_INTERFACE)) {
                if (o instanceof OvsInterface i && i.ifaceId() != null) {
                    int cut = i.ifaceId().indexOf('_');
                    if (cut <= 0 || cut == i.ifaceId().length() - 1) {
                        continue;
                    }
                    String podNode = pc.nodeOfPod().apply(i.ifaceId().substring(0, cut), i.ifaceId().substring(cut + 1));
                    if (podNode != null && !podNode.equals(node)) {
                        found.computeIfAbsent(podNode, k -> new ArrayList<>())
                                .add(new ForeignPortClaim(podNode, node, i.ifaceId(), i.source()));
                    }
                }
            }
        }
        claims.putAll(found);
    }

    /**
     * The facts of a node's input, from its preferred file, its warnings dropped: the node's own
     * session reads the same file and reports them.
     */
    private List<Object> parseInput(String node, NodeFolder folder, String input) {
        List<NodeFolder.InputFile> files = folder.inputs().get(input);
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        NodeFolder.InputFile f = files.get(0);
        List<Object> out = new ArrayList<>();
        try {
            if (Files.size(f.path()) > limits.fileSize()) {
                return List.of();
            }
            ParseContext ctx = new ParseContext(node, f.display(), input, f.target(), limits, out::add, w -> { });
            try (Lines lines = Lines.openToolOutput(f.path(), limits.lineLength(), (n, l) -> { })) {
                f.source().parser().get().parse(lines, ctx);
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // the node's session reads it again and says what is wrong
        }
        return out;
    }

    // ---- databases ----

    private void readDatabases() {
        try (InOrder work = new InOrder()) {
            readDatabases(work);
        }
        if (!centralFacts.isEmpty()) {
            central = CentralSplit.of(centralFacts.getOrDefault(OvnDb.NB, List.of()),
                    centralFacts.getOrDefault(OvnDb.SB, List.of()), pc.nodeNames());
        }
    }

    /**
     * What one database (or pair) does to this object, worked out on a worker thread (reading,
     * parsing, zone, facts: the costly part) as actions applied afterwards on the preparing
     * thread in the order the files were given: warnings, counts and which file wins come out as
     * they would reading one file at a time.
     */
    private static final class Out {
        final List<Runnable> actions = new ArrayList<>();

        void add(Runnable action) {
            actions.add(action);
        }
    }

    /**
     * Runs the database work on the cores, a bounded number of units in flight (so that a store of
     * 500 nodes is not held whole), and applies each unit's actions in submission order.
     */
    private final class InOrder implements AutoCloseable {
        private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                threads, r -> {
                    Thread t = new Thread(r, "ovn-db-reader");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.ArrayDeque<java.util.concurrent.Future<Out>> inFlight = new java.util.ArrayDeque<>();

        /** Work whose actions go in {@code out}. */
        void submit(java.util.function.Consumer<Out> unit) {
            while (inFlight.size() >= 2 * threads + 2) {
                applyHead();
            }
            inFlight.add(pool.submit(() -> {
                Out out = new Out();
                unit.accept(out);
                return out;
            }));
        }

        /** A warning in order with the units before and after it. */
        void warning(ParseWarning w) {
            submit(out -> out.add(() -> warnings.add(w)));
        }

        private void applyHead() {
            java.util.concurrent.Future<Out> head = inFlight.poll();
            try {
                head.get().actions.forEach(Runnable::run);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading OVN databases", x);
            } catch (java.util.concurrent.ExecutionException x) {
                if (x.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (x.getCause() instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(x.getCause());
            }
        }

        @Override
        public void close() {
            try {
                while (!inFlight.isEmpty()) {
                    applyHead();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void readDatabases(InOrder work) {
        for (Map.Entry<String, NodeFolder> e : new TreeMap<>(pc.capture().nodes()).entrySet()) {
            NodeFolder folder = e.getValue();
            work.submit(out -> pair(readFile(folder.file(NB_DUMP_FILE), out), readFile(folder.file(SB_DUMP_FILE), out), out));
            for (String dir : SOS_DB_DIRS) {
                work.submit(out -> pair(readFile(folder.file(dir + "ovnnb_db.db"), out),
                        readFile(folder.file(dir + "ovnsb_db.db"), out), out));
            }
        }
        Path clusterDir = pc.capture().root().resolve("cluster").resolve(CLUSTER_FOLDER);
        if (Files.isDirectory(clusterDir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.list(clusterDir)) {
                for (Path p : files.sorted().toList()) {
                    String display = "cluster/" + CLUSTER_FOLDER + "/" + p.getFileName();
                    if (RAFT_STATUS_FILE.matcher(p.getFileName().toString()).matches()) {
                        continue; // a RAFT member's cluster/status (input raft-status), not a database
                    }
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        work.submit(out -> consider(readFile(new NodeFolder.InputFile(null, null, p, display), out),
                                null, out));
                    } else {
                        work.warning(new ParseWarning(display, 0, "not a database file; ignored"));
                    }
                }
            } catch (IOException x) {
                work.warning(new ParseWarning("cluster/" + CLUSTER_FOLDER + "/", 0, "cannot read: " + x.getMessage()));
            }
        }
        MustGather mg = pc.capture().mustGather();
        if (mg != null) {
            for (MustGather.Root root : mg.roots()) {
                Path store = root.dir().resolve(STORE);
                if (Files.isRegularFile(store, LinkOption.NOFOLLOW_LINKS)) {
                    readStore(store, root.display() + STORE, work);
                }
                // Legacy (4.10-4.13): the raft leader's clustered NB and SB, the central databases.
                work.submit(out -> consider(readFile(mgFile(root, LEADER_NB), out), null, out));
                work.submit(out -> consider(readFile(mgFile(root, LEADER_SB), out), null, out));
            }
        }
    }

    private static NodeFolder.InputFile mgFile(MustGather.Root root, String relative) {
        Path p = root.dir().resolve(relative);
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                ? new NodeFolder.InputFile(null, null, p, root.display() + relative) : null;
    }

    /** A store member after its first look: the zone tables' rows, and its bytes kept for the session. */
    private record LightMember(OvsdbDatabase light, StoreMember member) {
    }

    /**
     * One pod's NB and SB are paired as the archive gives them. The archive is read on this
     * thread, its members looked at on the workers: each member's zone tables read (with every
     * check a whole read makes of the records: its warnings in archive order) and its bytes kept
     * deflated; the pair given its node once its second member is there. The rows are read in the
     * node's session ({@link #addTo}), so that what is held at once follows the sessions in
     * flight, not the cluster.
     */
    private void readStore(Path store, String display, InOrder work) {
        Map<String, java.util.concurrent.CompletableFuture<LightMember>> waiting = new LinkedHashMap<>();
        try {
            DatabaseStore.streamRaw(store, display, limits, raw -> {
                java.util.concurrent.CompletableFuture<LightMember> parsed = new java.util.concurrent.CompletableFuture<>();
                work.submit(out -> {
                    LightMember m = null;
                    try {
                        m = readLight(raw, out);
                    } catch (RuntimeException x) {
                        parsed.completeExceptionally(x);
                        throw x;
                    }
                    parsed.complete(m);
                });
                // A member that is no database (null) pairs with nothing, as before: it was never handed on.
                java.util.concurrent.CompletableFuture<LightMember> other = waiting.remove(raw.pod());
                if (other == null) {
                    waiting.put(raw.pod(), parsed);
                } else {
                    // Submitted after both members' parses: a worker waits only for work already under way.
                    work.submit(out -> {
                        LightMember second = parsed.join();
                        LightMember first = other.join();
                        if (second == null) {
                            alone(first, out);
                            return;
                        }
                        if (first == null) {
                            alone(second, out);
                            return;
                        }
                        out.add(() -> databasesRead += 2);
                        pair(second.light(), first.light(), second.member(), first.member(), out);
                    });
                }
            }, work::warning);
        } catch (IOException x) {
            work.warning(new ParseWarning(display, 0, "cannot read: " + x.getMessage()));
        }
        waiting.values().forEach(f -> work.submit(out -> {
            LightMember m = f.join();
            if (m != null) {
                out.add(() -> databasesRead++);
                consider(m.light(), null, m.member(), null, out);
            }
        }));
    }

    /** A member's zone tables and its kept bytes; null (a warning) when it is no OVSDB database. */
    private LightMember readLight(DatabaseStore.RawMember raw, Out out) {
        try {
            OvsdbDatabase light = OvsdbReader.readTables(new java.io.ByteArrayInputStream(raw.bytes()), raw.display(),
                    limits, ZONE_TABLES);
            List<ParseWarning> found = light.warnings();
            out.add(() -> warnings.addAll(found));
            return new LightMember(light, new StoreMember(raw.display(), raw.bytes(), found.isEmpty()));
        } catch (NotOvsdbException x) {
            ParseWarning w = raw.notOvsdb(x);
            out.add(() -> warnings.add(w));
        } catch (IOException x) {
            throw new UncheckedIOException(x); // a byte array does not fail
        }
        return null;
    }

    /** A store member whole, as the session reads it; null when it no longer reads (a warning said why). */
    private OvsdbDatabase readWhole(StoreMember m) {
        if (m == null) {
            return null;
        }
        try {
            java.io.InputStream in = new java.io.ByteArrayInputStream(m.bytes());
            OvsdbDatabase db = m.clean ? OvsdbReader.readAgain(in, m.display, limits)
                    : OvsdbReader.read(in, m.display, null, limits);
            warnings.addAll(db.warnings()); // the first look gave most of them: the report lists each once
            return db;
        } catch (NotOvsdbException x) {
            warnings.add(new ParseWarning(m.display, 0, x.getMessage()));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return null;
    }

    /** A member of the store that is no database, or whose pair is not: used alone. */
    private void alone(LightMember m, Out out) {
        out.add(() -> databasesRead++);
        consider(m.light(), null, m.member(), null, out);
    }

    private OvsdbDatabase readFile(NodeFolder.InputFile f, Out out) {
        if (f == null) {
            return null;
        }
        try {
            if (Files.size(f.path()) > limits.fileSize() && !f.path().toString().endsWith(".gz")) {
                ParseWarning warning = Capture.tooLarge(f.display(), Files.size(f.path()), limits,
                        "the rules that need this OVN database are not evaluated");
                out.add(() -> warnings.add(warning));
                return null;
            }
            OvsdbDatabase db = OvsdbReader.read(f.path(), f.display(), null, limits);
            List<ParseWarning> found = db.warnings();
            out.add(() -> {
                warnings.addAll(found);
                databasesRead++;
            });
            return db;
        } catch (NotOvsdbException x) {
            String m = x.getMessage();
            ParseWarning warning = new ParseWarning(f.display(), 0,
                    m.startsWith(f.display() + ":") ? m.substring(f.display().length() + 1).strip() : m);
            out.add(() -> warnings.add(warning));
        } catch (IOException | UncheckedIOException x) {
            ParseWarning warning = new ParseWarning(f.display(), 0, "cannot read: " + x.getMessage());
            out.add(() -> warnings.add(warning));
        }
        return null;
    }

    /** Two files of the same pod or node folder: whichever is NB and whichever SB, by their content. */
    private void pair(OvsdbDatabase a, OvsdbDatabase b, Out out) {
        pair(a, b, null, null, out);
    }

    /** As {@link #pair(OvsdbDatabase, OvsdbDatabase, Out)}; {@code ma}, {@code mb}: store members' first looks. */
    private void pair(OvsdbDatabase a, OvsdbDatabase b, StoreMember ma, StoreMember mb, Out out) {
        if (a == null || b == null) {
            consider(a, null, ma, null, out);
            consider(b, null, mb, null, out);
            return;
        }
        Optional<OvnDb> wa = OvnDb.of(a);
        Optional<OvnDb> wb = OvnDb.of(b);
        if (wa.isPresent() && wb.isPresent() && wa.get() != wb.get()) {
            boolean aIsNb = wa.get() == OvnDb.NB;
            consider(aIsNb ? a : b, aIsNb ? b : a, aIsNb ? ma : mb, aIsNb ? mb : ma, out);
        } else {
            consider(a, null, ma, null, out);
            consider(b, null, mb, null, out);
        }
    }

    /**
     * A database (with, for {@code nbWithSb}, its SB): its zone, then whose it is: a node's own,
     * the central one, or nobody's (a warning).
     *
     * @param db       an NB or SB; or, with {@code sb} given, the NB
     * @param sb       the same pod's SB, or null
     */
    private void consider(OvsdbDatabase db, OvsdbDatabase sb, Out out) {
        consider(db, sb, null, null, out);
    }

    /**
     * As {@link #consider(OvsdbDatabase, OvsdbDatabase, Out)}, for store members given by their
     * first look ({@code db}, {@code sb} hold the zone tables only; {@code mDb}, {@code mSb} the
     * members, null for a file read whole).
     */
    private void consider(OvsdbDatabase db, OvsdbDatabase sb, StoreMember mDb, StoreMember mSb, Out out) {
        if (db == null) {
            return;
        }
        Optional<OvnDb> which = OvnDb.of(db);
        if (which.isEmpty()) {
            ParseWarning warning = new ParseWarning(db.file(), 0, "neither an OVN Northbound nor a Southbound database"
                    + " (schema " + db.schemaName() + "); not used");
            out.add(() -> warnings.add(warning));
            if (sb != null) {
                consider(sb, null, mSb, null, out);
            }
            return;
        }
        OvsdbDatabase nb = which.get() == OvnDb.NB ? db : null;
        OvsdbDatabase south = which.get() == OvnDb.SB ? db : sb;
        StoreMember mNb = which.get() == OvnDb.NB ? mDb : null;
        StoreMember mSouth = which.get() == OvnDb.SB ? mDb : mSb;
        Optional<OvnZone> zone = OvnZone.of(nb, south);
        if (zone.isEmpty()) {
            boolean centralNb = nb != null && gatewayRouters(nb) > 1;
            boolean centralSb = nb == null && south != null && localChassis(south) > 1;
            if (centralNb || centralSb) {
                // A central database in the store (not what must-gather writes there): read whole now.
                addCentral(mNb == null ? nb : readWholeNow(mNb, out), mSouth == null ? south : readWholeNow(mSouth, out),
                        out);
            } else {
                String files = south != null && nb != null ? nb.file() + " and " + south.file() : db.file();
                ParseWarning warning = new ParseWarning(nb != null ? nb.file() : south.file(), 0, "cannot tell which node's"
                        + " OVN database this is (no NB_Global name, no single GR_ router, no single local"
                        + " chassis): " + files + " not used");
                out.add(() -> warnings.add(warning));
            }
            return;
        }
        String node = nodeOfZone(zone.get());
        if (node == null) {
            String files = south != null && nb != null ? nb.file() + " and " + south.file()
                    : (nb != null ? nb.file() : south.file());
            ParseWarning warning = new ParseWarning(nb != null ? nb.file() : south.file(), 0, "OVN zone " + zone.get().name()
                    + " is no node of the capture" + (zone.get().chassisName() == null ? ""
                    : " (nor is its chassis " + zone.get().chassisName() + " a node's OVS system-id)")
                    + ": " + files + " not used");
            out.add(() -> warnings.add(warning));
            return;
        }
        StorePair pair = mNb != null || mSouth != null ? new StorePair(mNb, mSouth, node) : null;
        if (nb != null) {
            addOwn(node, OvnDb.NB, nb, zone.get().name(), pair, out);
        }
        if (south != null) {
            addOwn(node, OvnDb.SB, south, zone.get().name(), pair, out);
        }
    }

    /** A store member read whole at preparation (on the worker); its warnings in order with the rest. */
    private OvsdbDatabase readWholeNow(StoreMember m, Out out) {
        try {
            OvsdbDatabase db = OvsdbReader.read(new java.io.ByteArrayInputStream(m.bytes()), m.display, null, limits);
            List<ParseWarning> found = db.warnings();
            out.add(() -> warnings.addAll(found));
            return db;
        } catch (NotOvsdbException | IOException x) {
            throw new IllegalStateException("a store member read once does not read again", x);
        }
    }

    /**
     * The facts are made here (on the worker), or for a store member in the node's session;
     * whether they are used, in file order.
     */
    private void addOwn(String node, OvnDb which, OvsdbDatabase db, String zone, StorePair pair, Out out) {
        List<OvnFact> facts = pair == null ? OvnFacts.of(db, which, zone) : null;
        String file = db.file(); // not the database: only its facts are kept
        out.add(() -> {
            EnumMap<OvnDb, OwnDb> dbs = own.computeIfAbsent(node, k -> new EnumMap<>(OvnDb.class));
            OwnDb first = dbs.get(which);
            if (first != null) {
                warnings.add(new ParseWarning(file, 0, first.file() + " already gives node " + node + "'s "
                        + which + " database; not used"));
                return;
            }
            dbs.put(which, new OwnDb(facts, pair, file));
        });
    }

    private void addCentral(OvsdbDatabase nb, OvsdbDatabase sb, Out out) {
        for (OvsdbDatabase db : new OvsdbDatabase[] {nb, sb}) {
            if (db == null) {
                continue;
            }
            OvnDb which = db == nb ? OvnDb.NB : OvnDb.SB;
            List<OvnFact> facts = OvnFacts.of(db, which, null);
            String file = db.file();
            out.add(() -> {
                String first = centralFiles.get(which);
                if (first != null) {
                    warnings.add(new ParseWarning(file, 0, first + " already gives the central " + which
                            + " database; not used"));
                    return;
                }
                centralFiles.put(which, file);
                centralFacts.put(which, facts);
            });
        }
    }

    private static long gatewayRouters(OvsdbDatabase nb) {
        return nb.rows("Logical_Router").stream().map(r -> r.string("name"))
                .filter(n -> n != null && n.startsWith("GR_") && n.length() > 3).count();
    }

    private static long localChassis(OvsdbDatabase sb) {
        return sb.rows("Chassis").stream().filter(c -> !"true".equals(c.map("other_config").get("is-remote"))).count();
    }

    /**
     * The node a zone is: the node of that name, else the node whose OVS system-id is the zone's
     * local chassis (the chassis ID the node's {@code k8s.ovn.org/node-chassis-id} also holds).
     */
    private String nodeOfZone(OvnZone zone) {
        if (pc.nodeNames().contains(zone.name())) {
            return zone.name();
        }
        return zone.chassisName() == null ? null : nodeOfChassis(zone.chassisName());
    }

    /** The node whose chassis (OVS system-id) this is, from the pre-pass; null when none. */
    private String nodeOfChassis(String chassisName) {
        return nodeOfSystemId.get(chassisName);
    }

    // ---- a netrules capture's container logs (live mode) ----

    /** The ovnkube-node containers whose logs the rules read, and the input each one is. */
    private static final Map<String, String> LOG_CONTAINERS = Map.of(
            "ovn-controller", OvnKubernetesPlugin.LOGS_OVN_CONTROLLER,
            "ovnkube-controller", OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER,
            // the older name of ovnkube-controller (legacy mode, 4.13 and before)
            "ovnkube-node", OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER);

    /**
     * {@code logs/openshift-ovn-kubernetes/<ovnkube-node pod>/<container>[.previous].log} of a
     * netrules capture (live mode writes them), each of the node the pod runs on; the previous
     * instance's log before the current one.
     */
    private void locateCaptureLogs() {
        Map<String, Map<String, List<LogFile>>> found = new HashMap<>();
        for (io.netrules.capture.Capture.ContainerLog l : pc.capture().containerLogs()) {
            String input = LOG_CONTAINERS.get(l.container());
            if (!NAMESPACE.equals(l.namespace()) || !l.pod().startsWith("ovnkube-node") || input == null) {
                continue;
            }
            String node = pc.nodeOfPod().apply(NAMESPACE, l.pod());
            if (node == null) {
                warnings.add(new ParseWarning(l.display(), 0, "pod not among the pods read (or not scheduled): cannot"
                        + " tell its node; log not read"));
                continue;
            }
            found.computeIfAbsent(node, k -> new LinkedHashMap<>()).computeIfAbsent(input, k -> new ArrayList<>())
                    .add(new LogFile(l.path(), l.display()));
        }
        found.forEach((node, byInput) -> logs.computeIfAbsent(node, k -> new LinkedHashMap<>()).putAll(byInput));
    }

    /**
     * Why capture.json says a node's container log of this input was not collected (live mode:
     * {@code logs/openshift-ovn-kubernetes/<pod>/<container>.log}), or null.
     */
    private String logNotCollected(String node, String input) {
        for (io.netrules.capture.CaptureMetadata.NotCollected nc : pc.capture().metadata().notCollected()) {
            if (node.equals(nc.node()) && nc.what() != null && nc.what().startsWith("logs/" + NAMESPACE + "/")) {
                String file = nc.what().substring(nc.what().lastIndexOf('/') + 1);
                String container = file.replaceFirst("(\\.previous)?\\.log$", "");
                if (input.equals(LOG_CONTAINERS.get(container))) {
                    return nc.why();
                }
            }
        }
        return null;
    }

    // ---- must-gather logs and xfrm states ----

    private void locateMustGatherFiles() {
        MustGather mg = pc.capture().mustGather();
        if (mg == null) {
            return;
        }
        for (MustGather.Root root : mg.roots()) {
            Path pods = root.dir().resolve("namespaces").resolve(NAMESPACE).resolve("pods");
            String podsDisplay = root.display() + "namespaces/" + NAMESPACE + "/pods/";
            for (Path pod : list(pods)) {
                String podName = pod.getFileName().toString();
                if (!podName.startsWith("ovnkube-node") || !Files.isDirectory(pod, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Map<String, String> containers = new LinkedHashMap<>();
                containers.put("ovn-controller", OvnKubernetesPlugin.LOGS_OVN_CONTROLLER);
                containers.put("ovnkube-controller", OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER);
                containers.put("ovnkube-node", OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER);
                String node = null;
                for (Map.Entry<String, String> c : containers.entrySet()) {
                    Path dir = pod.resolve(c.getKey()).resolve(c.getKey()).resolve("logs");
                    List<LogFile> files = new ArrayList<>();
                    for (String f : List.of("previous.log", "current.log")) {
                        if (Files.isRegularFile(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                            files.add(new LogFile(dir.resolve(f), podsDisplay + podName + "/" + c.getKey() + "/"
                                    + c.getKey() + "/logs/" + f));
                        }
                    }
                    if (files.isEmpty()) {
                        continue;
                    }
                    if (node == null) {
                        node = pc.nodeOfPod().apply(NAMESPACE, podName);
                    }
                    if (node == null) {
                        warnings.add(new ParseWarning(files.get(0).display(), 0, "pod not among the pods read (or not"
                                + " scheduled): cannot tell its node; log not read"));
                        continue;
                    }
                    logs.computeIfAbsent(node, k -> new LinkedHashMap<>()).putIfAbsent(c.getValue(), files);
                }
            }
            Path xfrmDir = root.dir().resolve(XFRM_DIR);
            for (Path f : list(xfrmDir)) {
                String fn = f.getFileName().toString();
                if (!fn.endsWith("_state.log") || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String display = root.display() + XFRM_DIR + "/" + fn;
                String node = pc.nodeOfPod().apply(NAMESPACE, fn.substring(0, fn.length() - "_state.log".length()));
                if (node == null) {
                    warnings.add(new ParseWarning(display, 0, "pod not among the pods read (or not scheduled):"
                            + " cannot tell its node; not read"));
                    continue;
                }
                xfrm.computeIfAbsent(node, k -> new ArrayList<>()).add(new LogFile(f, display));
            }
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- the node sessions ----

    /** A database row into the session, and for a load balancer its VIP index (LoadBalancerVip). */
    private static void insert(OvnFact f, NodeSink sink) {
        sink.fact(f);
        if (f instanceof io.netrules.plugins.ovnkubernetes.model.LoadBalancer lb) {
            io.netrules.plugins.ovnkubernetes.rules.LoadBalancerChecks.index(lb).forEach(sink::fact);
        }
    }

    @Override
    public void addTo(String node, NodeSink sink) {
        identities.forEach(sink::fact);
        identities.stream().filter(id -> id.encapIp() != null).findFirst().ifPresentOrElse(
                id -> sink.collected(OvnKubernetesPlugin.PEER_ENCAP_IPS, id.source().file()),
                () -> sink.notCollected(OvnKubernetesPlugin.PEER_ENCAP_IPS, "no node's ovn-encap-ip: no node folder or"
                        + " sosreport of the capture gives " + OvnKubernetesPlugin.OVS_OPEN_VSWITCH
                        + " (ovs-vsctl list Open_vSwitch) with external_ids:ovn-encap-ip"));
        // The node's own status comes from its own file, read in its session.
        northds.stream().filter(s -> !s.node().equals(node)).forEach(sink::fact);
        claims.getOrDefault(node, List.of()).forEach(sink::fact);
        EnumMap<OvnDb, OwnDb> dbs = own.getOrDefault(node, new EnumMap<>(OvnDb.class));
        EnumMap<OvnDb, List<OvnFact>> ownFacts = new EnumMap<>(OvnDb.class);
        Map<StorePair, Map<OvnDb, List<OvnFact>>> pairs = new java.util.IdentityHashMap<>(); // read once for NB and SB
        for (Map.Entry<OvnDb, OwnDb> d : dbs.entrySet()) {
            StorePair pair = d.getValue().pair();
            List<OvnFact> facts = pair == null ? d.getValue().facts()
                    : pairs.computeIfAbsent(pair, this::readPair).get(d.getKey());
            if (facts != null) {
                ownFacts.put(d.getKey(), facts);
            }
        }
        ownFacts.values().forEach(f -> f.forEach(fact -> insert(fact, sink)));
        java.util.Set<OvnDb> fromCentral = java.util.EnumSet.noneOf(OvnDb.class);
        for (OvnDb which : OvnDb.values()) {
            String input = which == OvnDb.NB ? OvnKubernetesPlugin.OVN_NB : OvnKubernetesPlugin.OVN_SB;
            OwnDb d = dbs.get(which);
            if (d != null && !ownFacts.containsKey(which)) {
                sink.notCollected(input, "none of the capture's OVN databases is this node's " + which
                        + " (its zone's): " + d.file() + " is another zone's when read whole");
            } else if (d != null) {
                sink.collected(input, d.file());
            } else if (centralFiles.containsKey(which)) {
                fromCentral.add(which);
                sink.collected(input, centralFiles.get(which));
            } else {
                sink.notCollected(input, missingDb(which));
            }
        }
        if (!fromCentral.isEmpty()) {
            // Legacy mode: the central NB and SB are every node's, split for the node.
            for (OvnFact f : central.forNode(node)) {
                if (fromCentral.contains(f.db())) {
                    insert(f, sink);
                }
            }
        }
        Map<String, List<LogFile>> nodeLogs = logs.getOrDefault(node, Map.of());
        nodeLogs.forEach((input, files) -> read(node, input, files, OvnNodeLogParser::new, sink));
        for (String input : List.of(OvnKubernetesPlugin.LOGS_OVN_CONTROLLER,
                OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER)) {
            if (nodeLogs.containsKey(input)) {
                continue;
            }
            String why = logNotCollected(node, input);
            if (why != null) {
                sink.notCollected(input, why);
            } else if (pc.capture().mustGather() != null) {
                sink.notCollected(input, "the must-gather has no log of this container of the node's"
                        + " ovnkube-node pod");
            }
        }
        NodeFolder folder = pc.capture().nodes().get(node);
        if (xfrm.containsKey(node) && (folder == null || !folder.inputs().containsKey(OvnKubernetesPlugin.XFRM_STATE))) {
            read(node, OvnKubernetesPlugin.XFRM_STATE, xfrm.get(node), XfrmStateParser::new, sink);
        }
    }

    /**
     * A store pair read whole in its node's session: its facts by database; none when the whole
     * read tells another zone than the first look (a warning says which), as preparation would
     * have said reading it whole.
     */
    private Map<OvnDb, List<OvnFact>> readPair(StorePair pair) {
        OvsdbDatabase nb = readWhole(pair.nb);
        OvsdbDatabase sb = readWhole(pair.sb);
        Map<OvnDb, List<OvnFact>> out = new EnumMap<>(OvnDb.class);
        if ((pair.nb != null && nb == null) || (pair.sb != null && sb == null)) {
            return out;
        }
        Optional<OvnZone> zone = OvnZone.of(nb, sb);
        String node = zone.map(this::nodeOfZone).orElse(null);
        String files = nb != null && sb != null ? nb.file() + " and " + sb.file() : (nb != null ? nb.file() : sb.file());
        String first = nb != null ? nb.file() : sb.file();
        if (zone.isEmpty()) {
            warnings.add(new ParseWarning(first, 0, "cannot tell which node's OVN database this is (no NB_Global"
                    + " name, no single GR_ router, no single local chassis): " + files + " not used"));
            return out;
        }
        if (node == null) {
            warnings.add(new ParseWarning(first, 0, "OVN zone " + zone.get().name() + " is no node of the capture"
                    + (zone.get().chassisName() == null ? ""
                    : " (nor is its chassis " + zone.get().chassisName() + " a node's OVS system-id)")
                    + ": " + files + " not used"));
            return out;
        }
        if (!node.equals(pair.node)) {
            warnings.add(new ParseWarning(first, 0, "OVN zone " + zone.get().name() + " is node " + node
                    + "'s, not " + pair.node + "'s as its NB_Global, gateway routers and chassis alone said: "
                    + files + " not used"));
            return out;
        }
        if (nb != null) {
            out.put(OvnDb.NB, OvnFacts.of(nb, OvnDb.NB, zone.get().name()));
        }
        if (sb != null) {
            out.put(OvnDb.SB, OvnFacts.of(sb, OvnDb.SB, zone.get().name()));
        }
        return out;
    }

    private String missingDb(OvnDb which) {
        // Live mode, legacy: the central database's dump failed (capture.json says why).
        String central = "cluster/" + CLUSTER_FOLDER + "/" + (which == OvnDb.NB ? NB_DUMP_FILE : SB_DUMP_FILE);
        for (io.netrules.capture.CaptureMetadata.NotCollected nc : pc.capture().metadata().notCollected()) {
            if (nc.node() == null && central.equals(nc.what()) && nc.why() != null) {
                return nc.why();
            }
        }
        if (databasesRead == 0) {
            return "the capture holds no OVN database (a must-gather's " + STORE + " or "
                    + (which == OvnDb.NB ? LEADER_NB : LEADER_SB) + ", cluster/" + CLUSTER_FOLDER + "/, or the node's "
                    + (which == OvnDb.NB ? NB_DUMP_FILE : SB_DUMP_FILE) + ")";
        }
        return "none of the capture's OVN databases is this node's " + which + " (its zone's)";
    }

    /** Reads a node's files of one input (a log as previous then current) with the input's parser. */
    private void read(String node, String input, List<LogFile> files, Supplier<CommandParser> parser, NodeSink sink) {
        String first = null;
        String incomplete = null;
        for (LogFile f : files) {
            try {
                long size = Files.size(f.path());
                if (size > limits.fileSize()) {
                    warnings.add(Capture.tooLarge(f.display(), size, limits, "not read"));
                    continue;
                }
                ParseContext ctx = new ParseContext(node, f.display(), input, null, limits, sink::fact, warnings::add);
                try (Lines lines = Lines.open(f.path(), limits.lineLength(),
                        (n, length) -> warnings.add(ProbesReader.longLine(f.display(), n, length, limits)))) {
                    parser.get().parse(lines, ctx);
                }
                if (ctx.toolError() != null) {
                    sink.failed(input, f.display(), ctx.toolError().source().text());
                    return;
                }
                if (ctx.incomplete() != null && incomplete == null) {
                    incomplete = ctx.incomplete();
                }
                if (first == null) {
                    first = f.display();
                }
            } catch (IOException | UncheckedIOException e) {
                warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
            }
        }
        if (first != null && incomplete == null) {
            sink.collected(input, first);
        } else if (first != null) {
            sink.failed(input, first, incomplete);
        }
    }

    @Override
    public List<Object> clusterFacts() {
        return List.copyOf(identities);
    }

    /** How many database files were read (each once), for the benchmarks and tests. */
    public int databasesRead() {
        return databasesRead;
    }
}
