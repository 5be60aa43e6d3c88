package io.netrules.capture;

import io.netrules.capture.mustgather.MustGather;
import io.netrules.parse.InputLimits;
import io.netrules.model.ParseWarning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A capture directory (capture-layout.md), indexed: which cluster files, which probes file and
 * which node folders it has. Opening a capture reads only capture.json and the directory
 * listing; the evaluator streams the files one node at a time.
 */
public final class Capture {
    /**
     * Top-level names a capture may hold besides its data; a case folder's README.md (the
     * engineer's notes on the case, what a shipped sample says is wrong with it) is not data.
     */
    private static final Set<String> KNOWN_TOP = Set.of("capture.json", "cluster", "nodes", "probes", "logs",
            "README.md");

    private final Path root;
    private final CaptureMetadata metadata;
    private final Map<String, ClusterFile> clusterFiles;
    private final Path probesFile;
    private final Map<String, NodeFolder> nodes;
    private final List<ParseWarning> warnings;
    private final Map<String, Path> podLogs;
    private final InputLimits limits;
    private final List<Path> nodeArchives;
    private final MustGather mustGather;
    private final List<CaptureArchive.Extracted> nested;

    /** A cluster object file and the input (kind) it is read as. */
    public record ClusterFile(String input, Path path, String display) {
    }

    private Capture(Path root, CaptureMetadata metadata, Map<String, ClusterFile> clusterFiles, Path probesFile,
                    Map<String, NodeFolder> nodes, List<ParseWarning> warnings, Map<String, Path> podLogs,
                    InputLimits limits, List<Path> nodeArchives, MustGather mustGather,
                    List<CaptureArchive.Extracted> nested) {
        this.root = root;
        this.metadata = metadata;
        this.clusterFiles = clusterFiles;
        this.probesFile = probesFile;
        this.nodes = nodes;
        this.warnings = warnings;
        this.podLogs = podLogs;
        this.limits = limits;
        this.nodeArchives = List.copyOf(nodeArchives);
        this.mustGather = mustGather;
        this.nested = List.copyOf(nested);
    }

    /** The same capture with these node folders and warnings (node sosreports added to it). */
    Capture withNodes(Map<String, NodeFolder> nodes, List<ParseWarning> warnings) {
        return new Capture(root, metadata, clusterFiles, probesFile, new TreeMap<>(nodes), new ArrayList<>(warnings),
                podLogs, limits, List.of(), mustGather, nested);
    }

    /**
     * Sosreport archives placed under {@code nodes/} ({@code nodes/sosreport-<host>-....tar.xz}),
     * not read yet: {@link CaptureArchive#open(Path, InputLimits, List)} extracts them and
     * matches each to its Node by address.
     */
    public List<Path> nodeArchives() {
        return nodeArchives;
    }

    public static Capture open(Path root) throws CaptureException {
        return open(root, InputLimits.DEFAULTS);
    }

    /** Opens a capture that is read within these limits (file size, line length, files, JSON/YAML). */
    public static Capture open(Path root, InputLimits limits) throws CaptureException {
        return open(root, limits, List.of());
    }

    /**
     * A folder netrules reads as a capture rather than as a folder of captures (or of an archive's
     * contents): it has one of a capture's top-level entries (capture-layout.md).
     */
    public static boolean looksLikeCapture(Path dir) {
        return Files.isRegularFile(dir.resolve("capture.json")) || Files.isDirectory(dir.resolve("cluster"))
                || Files.isDirectory(dir.resolve("nodes")) || Files.isDirectory(dir.resolve("probes"))
                || Files.isDirectory(dir.resolve("logs")) || MustGather.isMustGather(dir) || holdsMustGatherArchive(dir);
    }

    /**
     * A support case's folder: a must-gather archive at its top, named as {@code oc adm
     * must-gather} users name it ({@code must-gather*.tar.gz}, {@code .tgz}, {@code .tar.xz},
     * {@code .zip}); an archive of another name is only known for one once extracted.
     */
    private static boolean holdsMustGatherArchive(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("must-gather")
                    && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && CaptureArchive.isArchive(p));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A node sosreport at a capture's top: an archive named {@code sosreport-*} (as sos names
     * it), or a folder with {@code sos_commands/}.
     */
    private static boolean isTopSosreport(Path p) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Files.isDirectory(p.resolve("sos_commands"));
        }
        return name.startsWith("sosreport-") && NodeSosreports.isSosArchive(p);
    }

    /** Opens a capture, with the warnings of what came before (the archive it was extracted from). */
    static Capture open(Path root, InputLimits limits, List<ParseWarning> earlier) throws CaptureException {
        if (!Files.exists(root)) {
            throw new CaptureException(root + ": capture directory does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new CaptureException(root + ": not a directory (a capture is a directory; see capture-layout)");
        }
        List<ParseWarning> warnings = new ArrayList<>(earlier);
        FileBudget budget = new FileBudget(limits.files(), warnings);
        List<CaptureArchive.Extracted> nested = new ArrayList<>();
        try {
            if (MustGather.isImageFolder(root) && !CaptureMetadata.exists(root)
                    && !Files.isDirectory(root.resolve("cluster")) && !Files.isDirectory(root.resolve("probes"))
                    && !Files.isDirectory(root.resolve("logs"))) {
                // A must-gather's image folder: its nodes/ (4.14+ gather_ppc) is no node folder of ours.
                MustGather mg = MustGather.open(List.of(new MustGather.Root(root, "")), warnings, budget);
                return new Capture(root, CaptureMetadata.NONE, new LinkedHashMap<>(), null, new TreeMap<>(), warnings,
                        new TreeMap<>(), limits, List.of(), mg, nested);
            }
            CaptureMetadata meta = CaptureMetadata.NONE;
            if (CaptureMetadata.exists(root)) {
                Path json = root.resolve("capture.json");
                if (Files.size(json) > limits.fileSize()) {
                    warnings.add(tooLarge("capture.json", Files.size(json), limits,
                            "its notCollected reasons are not known"));
                } else {
                    try {
                        meta = CaptureMetadata.read(json, "capture.json", limits);
                    } catch (CaptureLimitException e) {
                        warnings.add(new ParseWarning("capture.json", e.line(), e.reason()
                                + ": not read; its notCollected reasons are not known"));
                    }
                }
            }
            List<MustGather.Root> mgRoots = new ArrayList<>();
            List<Path> nodeSosreports = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (Path p : budget.list(root, "./")) {
                String fn = p.getFileName().toString();
                if (KNOWN_TOP.contains(fn) || fn.startsWith(".")) {
                    continue;
                }
                if (isTopSosreport(p)) {
                    // A support case as it arrives: node sosreports next to the must-gather. Each
                    // is matched to its Node by address, as under nodes/ or with --sosreport.
                    nodeSosreports.add(p);
                    continue;
                }
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    List<Path> found = MustGather.findRoots(p);
                    found.forEach(r -> mgRoots.add(new MustGather.Root(r, display(root, r))));
                    if (found.isEmpty()) {
                        unknown.add(fn + "/");
                    }
                } else if (CaptureArchive.isArchive(p) && Files.isRegularFile(p)) {
                    // A must-gather as its archive, next to cluster/ or nodes/: extracted with the
                    // same checks and limits as a capture's archive; evidence names the archive.
                    CaptureArchive.Extracted x = CaptureArchive.extractInside(p, limits);
                    nested.add(x);
                    warnings.addAll(x.warnings());
                    List<Path> found = MustGather.findRoots(x.root());
                    found.forEach(r -> mgRoots.add(new MustGather.Root(r, fn + "/" + display(x.root(), r))));
                    if (found.isEmpty()) {
                        warnings.add(new ParseWarning(fn, 0, "archive holds no must-gather (no folder with"
                                + " cluster-scoped-resources/ or namespaces/); ignored"));
                    }
                } else {
                    unknown.add(fn);
                }
            }
            for (String fn : unknown) {
                if (!(MustGather.isTopFile(fn) && !mgRoots.isEmpty())) {
                    warnings.add(new ParseWarning(fn, 0, "unknown file; ignored"));
                }
            }
            MustGather mg = mgRoots.isEmpty() ? null : MustGather.open(mgRoots, warnings, budget);
            Map<String, ClusterFile> cluster = indexCluster(root.resolve("cluster"), warnings, budget);
            Path probes = root.resolve(ClusterInputs.PROBES_FILE);
            Map<String, NodeFolder> nodes = new TreeMap<>();
            List<Path> nodeArchives = new ArrayList<>(nodeSosreports);
            Path nodesDir = root.resolve("nodes");
            if (Files.isDirectory(nodesDir)) {
                for (Path d : budget.list(nodesDir, "nodes/")) {
                    String name = d.getFileName().toString();
                    if (Files.isDirectory(d)) {
                        nodes.put(name, NodeFolder.index(d, name, "nodes/" + name + "/", warnings, budget));
                    } else if (NodeSosreports.isSosArchive(d)) {
                        nodeArchives.add(d);
                    } else {
                        warnings.add(new ParseWarning("nodes/" + name, 0, "not a node folder; ignored"));
                    }
                }
            }
            return new Capture(root, meta, cluster, Files.isRegularFile(probes) ? probes : null, nodes, warnings,
                    indexLogs(root.resolve("logs"), warnings, budget), limits, nodeArchives, mg, nested);
        } catch (IOException e) {
            nested.forEach(CaptureArchive.Extracted::close);
            throw new CaptureException(root + ": cannot read capture: " + e.getMessage());
        } catch (CaptureException | RuntimeException | Error e) {
            nested.forEach(CaptureArchive.Extracted::close);
            throw e;
        }
    }

    /** A path under {@code base} as evidence names it: relative, '/'-separated, ending with '/'. */
    private static String display(Path base, Path dir) {
        String rel = base.relativize(dir).toString().replace(java.io.File.separatorChar, '/');
        return rel.isEmpty() ? "" : rel + "/";
    }

    /** The warning for a file over the file-size limit, which is therefore not read. */
    public static ParseWarning tooLarge(String display, long size, InputLimits limits, String consequence) {
        return new ParseWarning(display, 0, "larger than the file-size limit (" + InputLimits.bytes(size) + " > "
                + InputLimits.bytes(limits.fileSize()) + ", --limit file-size): not read; " + consequence);
    }

    private static Map<String, ClusterFile> indexCluster(Path dir, List<ParseWarning> warnings, FileBudget budget)
            throws IOException {
        Map<String, ClusterFile> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        Map<String, Path> present = new TreeMap<>();
        budget.list(dir, "cluster/").forEach(p -> present.put(p.getFileName().toString(), p));
        for (String kind : ClusterInputs.KINDS) {
            for (String ext : List.of(".json", ".yaml", ".yml")) {
                Path p = present.remove(kind + ext);
                if (p != null && !files.containsKey(kind)) {
                    files.put(kind, new ClusterFile(kind, p, "cluster/" + kind + ext));
                } else if (p != null) {
                    warnings.add(new ParseWarning("cluster/" + kind + ext, 0,
                            "another file already gives " + kind + "; ignored"));
                }
            }
        }
        for (String other : present.keySet()) {
            if (Files.isDirectory(present.get(other)) && io.netrules.plugin.NetworkPlugins.all().stream()
                    .anyMatch(p -> p.clusterFolders().contains(other))) {
                continue; // a plugin's own folder (cluster/ovn/), read by that plugin
            }
            warnings.add(new ParseWarning("cluster/" + other, 0, "unknown file; ignored"));
        }
        return files;
    }

    /** {@code logs/<namespace>/<pod>.log} files, keyed {@code namespace/pod}. */
    private static Map<String, Path> indexLogs(Path dir, List<ParseWarning> warnings, FileBudget budget)
            throws IOException {
        Map<String, Path> logs = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return logs;
        }
        for (Path ns : budget.list(dir, "logs/")) {
            if (!Files.isDirectory(ns)) {
                warnings.add(new ParseWarning("logs/" + ns.getFileName(), 0, "not a namespace folder; ignored"));
                continue;
            }
            for (Path f : budget.list(ns, "logs/" + ns.getFileName() + "/")) {
                String fn = f.getFileName().toString();
                if (Files.isRegularFile(f) && fn.endsWith(".log")) {
                    logs.put(ns.getFileName() + "/" + fn.substring(0, fn.length() - 4), f);
                } else if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a pod's container logs (containerLogs), read by the plugin that reads them
                } else {
                    warnings.add(new ParseWarning("logs/" + ns.getFileName() + "/" + fn, 0,
                            "not a <pod>.log file; ignored"));
                }
            }
        }
        return logs;
    }

    /** The must-gather(s) the capture holds, read as its cluster objects where cluster/ has none; or null. */
    public MustGather mustGather() {
        return mustGather;
    }

    /** Removes the folders the must-gather archives inside the capture were extracted to. */
    public void closeNested() {
        nested.forEach(CaptureArchive.Extracted::close);
    }

    /**
     * One container's log in a netrules capture: {@code logs/<namespace>/<pod>/<container>.log},
     * and {@code <container>.previous.log} for the instance before its last restart (live mode
     * writes them, as {@code oc logs [--previous]} prints them).
     */
    public record ContainerLog(String namespace, String pod, String container, boolean previous, Path path,
                               String display) {
    }

    /** The capture's container logs, by namespace, pod and container, each container's previous log first. */
    public List<ContainerLog> containerLogs() {
        List<ContainerLog> out = new ArrayList<>();
        Path logs = root == null ? null : root.resolve("logs");
        if (logs == null || !Files.isDirectory(logs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (java.util.stream.Stream<Path> namespaces = Files.list(logs)) {
            for (Path ns : namespaces.sorted().toList()) {
                if (!Files.isDirectory(ns, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (java.util.stream.Stream<Path> pods = Files.list(ns)) {
                    for (Path pod : pods.sorted().toList()) {
                        if (!Files.isDirectory(pod, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            continue;
                        }
                        try (java.util.stream.Stream<Path> files = Files.list(pod)) {
                            TreeMap<String, ContainerLog> byName = new TreeMap<>();
                            for (Path f : files.toList()) {
                                String fn = f.getFileName().toString();
                                if (!fn.endsWith(".log") || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                                    continue;
                                }
                                boolean previous = fn.endsWith(".previous.log");
                                String container = fn.substring(0, fn.length() - (previous ? 13 : 4));
                                String display = "logs/" + ns.getFileName() + "/" + pod.getFileName() + "/" + fn;
                                byName.put(container + (previous ? "\u0000" : "\u0001"), new ContainerLog(
                                        ns.getFileName().toString(), pod.getFileName().toString(), container, previous,
                                        f, display));
                            }
                            out.addAll(byName.values());
                        }
                    }
                }
            }
        } catch (IOException e) {
            warnings.add(new ParseWarning("logs/", 0, "cannot read: " + e.getMessage()));
        }
        return out;
    }

    /** Container logs by {@code namespace/pod}. */
    public Map<String, Path> podLogs() {
        return podLogs;
    }

    public Path root() {
        return root;
    }

    /** The limits the capture is read within. */
    public InputLimits limits() {
        return limits;
    }

    public CaptureMetadata metadata() {
        return metadata;
    }

    public Map<String, ClusterFile> clusterFiles() {
        return clusterFiles;
    }

    public Path probesFile() {
        return probesFile;
    }

    public Map<String, NodeFolder> nodes() {
        return nodes;
    }

    /** Layout warnings found while indexing (unknown files...). */
    public List<ParseWarning> warnings() {
        return warnings;
    }
}
