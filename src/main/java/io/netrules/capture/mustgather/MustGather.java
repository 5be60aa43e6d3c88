package io.netrules.capture.mustgather;

import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureLimitException;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.capture.FileBudget;
import io.netrules.model.EndpointAddress;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import io.netrules.model.Route;
import io.netrules.model.Service;
import io.netrules.parse.InputLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenShift 4 {@code oc adm must-gather} (or {@code oc adm inspect}) output, read as the cluster
 * objects of a capture (docs/ocp4.md). Its "roots" are the image folders: a folder holding
 * {@code cluster-scoped-resources/} or {@code namespaces/}, found under the top folder
 * ({@code must-gather.local.<n>/}, any name), one per gather image, one level deeper with
 * {@code --node-selector}. Several roots (images, an extra {@code inspect.local.<n>}) are read
 * as one: an object met twice (a single-object file and a List, or two images) is taken once,
 * from the single-object file.
 *
 * <p>Opening indexes the file names only; {@link #read} streams one kind's files. A file that
 * is not valid YAML is a warning naming its line, and only its objects are missing: the kind then
 * counts as incomplete (its rules are not evaluated), never as bad input.
 */
public final class MustGather {
    /** How deep under a folder the image folders are looked for (top folder, node-selector level, image). */
    private static final int ROOT_DEPTH = 3;

    /** Files {@code oc adm must-gather} writes at its top, next to the image folders. */
    private static final Set<String> TOP_FILES = Set.of("timestamp", "event-filter.html", "must-gather.logs");

    /**
     * Whose container logs are read: by namespace, the container. Only the sdn container of the
     * openshift-sdn pods (the log rules read it); a must-gather holds hundreds of other logs.
     */
    private static final Map<String, String> LOG_CONTAINERS = Map.of("openshift-sdn", "sdn");

    /** One image folder, and how evidence names it (relative to the capture, ending with '/'). */
    public record Root(Path dir, String display) {
    }

    /** A file of the must-gather and how evidence names it. */
    public record MgFile(Path path, String display, boolean single) {
    }

    /** One container log file: CRI means a rotated CRI-O file; else the kubelet's timestamped lines. */
    public record LogFile(Path path, String display, boolean cri, boolean gzip) {
    }

    /**
     * The kinds a must-gather holds only in part: the objects of the namespaces it inspected
     * (openshift-*, default, kube-system...), never the applications' — and of NetNamespaces at
     * most the few the network operator creates. Their objects are read, but the kind counts as
     * not collected: an application's service missing from them is no evidence.
     */
    public static final Set<String> PARTIAL_KINDS = Set.of(ClusterInputs.PODS, ClusterInputs.SERVICES,
            ClusterInputs.ENDPOINTS, ClusterInputs.ROUTES, ClusterInputs.NETNAMESPACES, ClusterInputs.ENDPOINTSLICES,
            ClusterInputs.EVENTS, ClusterInputs.EGRESSFIREWALLS);

    /**
     * The partial kinds whose objects live in namespace folders: whole for every namespace the
     * must-gather inspected whole ({@link #inspectedNamespaces()}), which a {@code @perNamespace}
     * rule may use. NetNamespaces are cluster-scoped: never whole.
     */
    public static final Set<String> NAMESPACED_PARTIAL_KINDS = Set.of(ClusterInputs.PODS, ClusterInputs.SERVICES,
            ClusterInputs.ENDPOINTS, ClusterInputs.ROUTES, ClusterInputs.ENDPOINTSLICES, ClusterInputs.EVENTS,
            ClusterInputs.EGRESSFIREWALLS);

    /** The namespaces whose ConfigMaps are read: those holding the ConfigMaps a plugin reads. */
    private static final Set<String> CONFIGMAP_NAMESPACES = Set.of("kube-system", "openshift-ovn-kubernetes");

    /** Why a kind is not collected from this must-gather, and what to add to the capture. */
    public String notCollectedReason(String kind) {
        String add = "; add `" + command(kind) + "` to the capture as cluster/" + kind + (kind.equals(
                ClusterInputs.PODS) || kind.equals(ClusterInputs.SERVICES) || kind.equals(ClusterInputs.ENDPOINTS)
                || kind.equals(ClusterInputs.ROUTES) || kind.equals(ClusterInputs.ENDPOINTSLICES)
                || kind.equals(ClusterInputs.EVENTS) || kind.equals(ClusterInputs.EGRESSFIREWALLS) ? ".json" : ".yaml");
        return switch (kind) {
            case ClusterInputs.HOSTSUBNETS -> "not in this must-gather (a default must-gather of OpenShift 4.2 to 4.12"
                    + " has no HostSubnets)" + add;
            case ClusterInputs.NETNAMESPACES -> "not in a default must-gather (at most the few NetNamespaces the"
                    + " network operator creates)" + add;
            case ClusterInputs.PODS, ClusterInputs.SERVICES, ClusterInputs.ENDPOINTS, ClusterInputs.ROUTES,
                    ClusterInputs.ENDPOINTSLICES, ClusterInputs.EVENTS, ClusterInputs.EGRESSFIREWALLS -> {
                Set<String> not = notInspectedNamespaces();
                String folders = not.isEmpty() ? "" : "; namespace folders without their namespace file were not"
                        + " inspected: " + String.join(", ", not.stream().limit(5).toList())
                        + (not.size() > 5 ? " and " + (not.size() - 5) + " more" : "");
                yield "a must-gather holds the " + kind + " of the namespaces it inspected only (" + inspected.size()
                        + ": " + String.join(", ", inspected.stream().limit(5).toList())
                        + (inspected.size() > 5 ? "..." : "") + "), not the applications'" + folders + add;
            }
            default -> "not in this must-gather" + add;
        };
    }

    /** The command that lists a kind, for the user to add to a capture. */
    private static String command(String kind) {
        return switch (kind) {
            case ClusterInputs.PODS, ClusterInputs.SERVICES, ClusterInputs.ENDPOINTS, ClusterInputs.ROUTES,
                    ClusterInputs.ENDPOINTSLICES, ClusterInputs.EVENTS, ClusterInputs.EGRESSFIREWALLS ->
                    "oc get " + kind + " -A -o json";
            case ClusterInputs.PODNETWORKCONNECTIVITYCHECKS, ClusterInputs.CONFIGMAPS, ClusterInputs.CLUSTEROPERATORS ->
                    ClusterInputs.command(kind).replace("-o json", "-o yaml");
            case ClusterInputs.NETWORKCONFIGS -> "oc get networks.config.openshift.io -o yaml";
            case ClusterInputs.NETWORKOPERATORS -> "oc get networks.operator.openshift.io -o yaml";
            default -> "oc get " + kind + " -o yaml";
        };
    }

    /** What reading one kind gave: whether anything was found, and the first file that was incomplete. */
    public record KindRead(boolean found, String where, String incompleteFile, String incompleteReason) {
    }

    private final List<Root> roots;
    private final Map<String, List<MgFile>> files = new LinkedHashMap<>();
    private final TreeSet<String> inspected = new TreeSet<>();
    private final TreeSet<String> notInspected = new TreeSet<>();
    private final Map<String, List<LogFile>> podLogs = new TreeMap<>();

    private MustGather(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Whether a folder is an image folder: it holds {@code cluster-scoped-resources/} or {@code namespaces/}. */
    public static boolean isImageFolder(Path dir) {
        return Files.isDirectory(dir.resolve("cluster-scoped-resources"), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(dir.resolve("namespaces"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether a folder is a must-gather itself: an image folder, a folder holding one (the top
     * folder), or a top folder (it has the {@code timestamp} file) holding a node-selector level.
     */
    public static boolean isMustGather(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (isImageFolder(dir)) {
            return true;
        }
        int depth = Files.isRegularFile(dir.resolve("timestamp"), LinkOption.NOFOLLOW_LINKS) ? 2 : 1;
        return !findRoots(dir, depth).isEmpty();
    }

    /** Whether a top-level name of a must-gather's top folder is one oc writes there. */
    public static boolean isTopFile(String name) {
        return TOP_FILES.contains(name);
    }

    /** The image folders under {@code dir} (itself included), at most {@code ROOT_DEPTH} levels down. */
    public static List<Path> findRoots(Path dir) {
        return findRoots(dir, ROOT_DEPTH);
    }

    private static List<Path> findRoots(Path dir, int depth) {
        List<Path> found = new ArrayList<>();
        walk(dir, depth, found);
        return found;
    }

    private static void walk(Path dir, int depth, List<Path> found) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (isImageFolder(dir)) {
            found.add(dir);
            return;
        }
        if (depth == 0) {
            return;
        }
        List<Path> children;
        try (var s = Files.list(dir)) {
            // A must-gather's top holds a few entries; a folder of thousands is no must-gather.
            children = s.limit(1000).sorted().toList();
        } catch (IOException e) {
            return;
        }
        for (Path c : children) {
            if (!c.getFileName().toString().startsWith(".")) {
                walk(c, depth - 1, found);
            }
        }
    }

    /** Indexes the image folders given (each with how evidence names it); no object is read yet. */
    public static MustGather open(List<Root> roots, List<ParseWarning> warnings, FileBudget budget)
            throws IOException {
        MustGather mg = new MustGather(roots);
        for (Root r : roots) {
            mg.index(r, warnings, budget);
        }
        return mg;
    }

    public List<Root> roots() {
        return roots;
    }

    /** The namespaces some root inspected whole ({@code namespaces/<ns>/<ns>.yaml} is there). */
    public Set<String> inspectedNamespaces() {
        return inspected;
    }

    /** Namespace folders without their namespace file: only single objects of them were gathered. */
    public Set<String> notInspectedNamespaces() {
        TreeSet<String> not = new TreeSet<>(notInspected);
        not.removeAll(inspected);
        return not;
    }

    /**
     * A file at a path relative to an image folder ({@code network_logs/leader_ovnnb_status}), in
     * every root that has it, with how evidence names it.
     */
    public List<MgFile> rootFiles(String relative) {
        List<MgFile> out = new ArrayList<>();
        for (Root r : roots) {
            Path p = r.dir().resolve(relative);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new MgFile(p, r.display() + relative, true));
            }
        }
        return out;
    }

    /**
     * The {@code timestamp} file {@code oc adm must-gather} writes at its top (start and end of
     * the gathering, one line each), next to the image folders; else null.
     */
    public MgFile topTimestamp() {
        for (Root r : roots) {
            Path top = r.dir().getParent();
            if (top == null || r.display().isEmpty()) {
                // The image folder is the capture's root: its parent is not the capture's.
                continue;
            }
            Path p = top.resolve("timestamp");
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                String d = r.display().substring(0, r.display().lastIndexOf('/', r.display().length() - 2) + 1);
                return new MgFile(p, d + "timestamp", true);
            }
        }
        return null;
    }

    /** Whether the must-gather has files of this kind. */
    public boolean has(String kind) {
        return !files.getOrDefault(kind, List.of()).isEmpty();
    }

    /** The container logs read into node sessions, by {@code namespace/pod}, oldest file first. */
    public Map<String, List<LogFile>> podLogs() {
        return podLogs;
    }

    private void add(String kind, Path path, String display, boolean single) {
        files.computeIfAbsent(kind, k -> new ArrayList<>()).add(new MgFile(path, display, single));
    }

    private void index(Root root, List<ParseWarning> warnings, FileBudget budget) throws IOException {
        Path csr = root.dir().resolve("cluster-scoped-resources");
        String csrDisplay = root.display() + "cluster-scoped-resources/";
        clusterScoped(csr, csrDisplay, "core", "nodes", ClusterInputs.NODES, budget);
        clusterScoped(csr, csrDisplay, "network.openshift.io", "hostsubnets", ClusterInputs.HOSTSUBNETS, budget);
        clusterScoped(csr, csrDisplay, "network.openshift.io", "netnamespaces", ClusterInputs.NETNAMESPACES, budget);
        clusterScoped(csr, csrDisplay, "network.openshift.io", "clusternetworks", ClusterInputs.CLUSTERNETWORKS,
                budget);
        clusterScoped(csr, csrDisplay, "config.openshift.io", "clusterversions", ClusterInputs.CLUSTERVERSIONS, budget);
        clusterScoped(csr, csrDisplay, "config.openshift.io", "networks", ClusterInputs.NETWORKCONFIGS, budget);
        clusterScoped(csr, csrDisplay, "operator.openshift.io", "networks", ClusterInputs.NETWORKOPERATORS, budget);
        clusterScoped(csr, csrDisplay, "config.openshift.io", "clusteroperators", ClusterInputs.CLUSTEROPERATORS,
                budget);
        clusterScoped(csr, csrDisplay, "k8s.ovn.org", "egressips", ClusterInputs.EGRESSIPS, budget);
        clusterScoped(csr, csrDisplay, "cloud.network.openshift.io", "cloudprivateipconfigs",
                ClusterInputs.CLOUDPRIVATEIPCONFIGS, budget);
        // gather_network_logs_basics (4.11+): `oc get podnetworkconnectivitychecks -n
        // openshift-network-diagnostics -o yaml`, a List.
        Path pnc = root.dir().resolve("pod_network_connectivity_check").resolve("podnetworkconnectivitychecks.yaml");
        if (Files.isRegularFile(pnc, LinkOption.NOFOLLOW_LINKS)) {
            add(ClusterInputs.PODNETWORKCONNECTIVITYCHECKS, pnc, root.display()
                    + "pod_network_connectivity_check/podnetworkconnectivitychecks.yaml", false);
        }

        Path nsDir = root.dir().resolve("namespaces");
        if (!Files.isDirectory(nsDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path ns : budget.list(nsDir, root.display() + "namespaces/")) {
            if (!Files.isDirectory(ns, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String name = ns.getFileName().toString();
            String d = root.display() + "namespaces/" + name + "/";
            if (Files.isRegularFile(ns.resolve(name + ".yaml"), LinkOption.NOFOLLOW_LINKS)) {
                inspected.add(name);
            } else {
                notInspected.add(name);
            }
            Path podsDir = ns.resolve("pods");
            if (Files.isDirectory(podsDir, LinkOption.NOFOLLOW_LINKS)) {
                for (Path pod : budget.list(podsDir, d + "pods/")) {
                    String podName = pod.getFileName().toString();
                    Path yaml = pod.resolve(podName + ".yaml");
                    if (Files.isRegularFile(yaml, LinkOption.NOFOLLOW_LINKS)) {
                        add(ClusterInputs.PODS, yaml, d + "pods/" + podName + "/" + podName + ".yaml", true);
                    }
                    String container = LOG_CONTAINERS.get(name);
                    if (container != null) {
                        indexLogs(name, podName, pod.resolve(container).resolve(container).resolve("logs"),
                                d + "pods/" + podName + "/" + container + "/" + container + "/logs/", budget);
                    }
                }
            }
            namespaced(ns, d, "core", "pods", ClusterInputs.PODS, budget);
            namespaced(ns, d, "core", "services", ClusterInputs.SERVICES, budget);
            namespaced(ns, d, "core", "endpoints", ClusterInputs.ENDPOINTS, budget);
            namespaced(ns, d, "route.openshift.io", "routes", ClusterInputs.ROUTES, budget);
            namespaced(ns, d, "discovery.k8s.io", "endpointslices", ClusterInputs.ENDPOINTSLICES, budget);
            namespaced(ns, d, "core", "events", ClusterInputs.EVENTS, budget);
            namespaced(ns, d, "k8s.ovn.org", "egressfirewalls", ClusterInputs.EGRESSFIREWALLS, budget);
            if (CONFIGMAP_NAMESPACES.contains(name)) {
                namespaced(ns, d, "core", "configmaps", ClusterInputs.CONFIGMAPS, budget);
            }
        }
    }

    /** {@code <group>/<resource>/<name>.yaml} (single objects) first, then the List {@code <group>/<resource>.yaml}. */
    private void clusterScoped(Path csr, String display, String group, String resource, String kind,
                               FileBudget budget) throws IOException {
        groupFiles(csr.resolve(group), display + group + "/", resource, kind, budget);
    }

    private void namespaced(Path ns, String display, String group, String resource, String kind, FileBudget budget)
            throws IOException {
        groupFiles(ns.resolve(group), display + group + "/", resource, kind, budget);
    }

    private void groupFiles(Path groupDir, String display, String resource, String kind, FileBudget budget)
            throws IOException {
        Path single = groupDir.resolve(resource);
        if (Files.isDirectory(single, LinkOption.NOFOLLOW_LINKS)) {
            for (Path f : budget.list(single, display + resource + "/")) {
                String fn = f.getFileName().toString();
                if ((fn.endsWith(".yaml") || fn.endsWith(".yml")) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    add(kind, f, display + resource + "/" + fn, true);
                }
            }
        }
        Path list = groupDir.resolve(resource + ".yaml");
        if (Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) {
            add(kind, list, display + resource + ".yaml", false);
        }
    }

    private static final Pattern ROTATED = Pattern.compile("(\\d+)\\.log\\.(\\d{8}-\\d{6})(\\.gz)?");

    /**
     * One container's logs, oldest first: the rotated CRI-O files (by their stamp), then
     * {@code previous} and {@code current}. Of {@code x.log} and its retry {@code x.insecure.log}
     * the one with content is read (the other is empty when the retry was needed).
     */
    private void indexLogs(String ns, String pod, Path logs, String display, FileBudget budget) throws IOException {
        if (!Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<LogFile> out = new ArrayList<>();
        Path rotated = logs.resolve("rotated");
        if (Files.isDirectory(rotated, LinkOption.NOFOLLOW_LINKS)) {
            TreeMap<String, LogFile> byStamp = new TreeMap<>();
            for (Path f : budget.list(rotated, display + "rotated/")) {
                Matcher m = ROTATED.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    byStamp.put(m.group(2) + "/" + String.format("%09d", Long.parseLong(m.group(1))),
                            new LogFile(f, display + "rotated/" + f.getFileName(), true, m.group(3) != null));
                }
            }
            out.addAll(byStamp.values());
        }
        for (String base : List.of("previous", "current")) {
            Path plain = logs.resolve(base + ".log");
            Path insecure = logs.resolve(base + ".insecure.log");
            Path pick = nonEmpty(plain) ? plain : nonEmpty(insecure) ? insecure : null;
            if (pick != null) {
                out.add(new LogFile(pick, display + pick.getFileName(), false, false));
            }
        }
        if (!out.isEmpty()) {
            podLogs.put(ns + "/" + pod, out);
        }
    }

    private static boolean nonEmpty(Path f) {
        try {
            return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Where this kind is read from, for the "not found" evidence: the folder of its single-object
     * files, or its List file, in the first root that has it.
     */
    public String where(String kind) {
        List<MgFile> list = files.getOrDefault(kind, List.of());
        if (list.isEmpty()) {
            return null;
        }
        MgFile first = list.get(0);
        return first.single() ? first.display().substring(0, first.display().lastIndexOf('/') + 1) : first.display();
    }

    /**
     * Streams the objects of one kind into {@code facts}. An object met before (same kind,
     * namespace and name, from another file) is skipped. A file that is not valid YAML, or over a
     * reading limit, gives none of its objects and a warning with its line; a file cut short
     * gives the objects before the cut. Either makes the result incomplete, naming the file.
     */
    public KindRead read(String kind, Consumer<Object> facts, List<ParseWarning> warnings, InputLimits limits) {
        List<MgFile> list = files.getOrDefault(kind, List.of());
        Set<String> seen = new HashSet<>();
        String incompleteFile = null;
        String incompleteReason = null;
        for (MgFile f : list) {
            try {
                long size = Files.size(f.path());
                if (size > limits.fileSize()) {
                    warnings.add(new ParseWarning(f.display(), 0, "larger than the file-size limit ("
                            + InputLimits.bytes(size) + " > " + InputLimits.bytes(limits.fileSize())
                            + ", --limit file-size): not read; its objects are missing"));
                    if (incompleteFile == null) {
                        incompleteFile = f.display();
                        incompleteReason = f.display() + " is larger than the file-size limit: not read";
                    }
                    continue;
                }
            } catch (IOException e) {
                warnings.add(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
                continue;
            }
            List<Object> read = new ArrayList<>();
            List<ParseWarning> fileWarnings = new ArrayList<>();
            ClusterObjectReader reader = new ClusterObjectReader(read::add, fileWarnings::add, limits)
                    .keepingRawNodesAndPods();
            try {
                reader.read(f.path(), f.display(), kind);
            } catch (CaptureLimitException e) {
                warnings.addAll(fileWarnings);
                warnings.add(new ParseWarning(f.display(), e.line(), e.reason() + "; its objects are not read"));
                if (incompleteFile == null) {
                    incompleteFile = f.display();
                    incompleteReason = f.display() + " is over a reading limit: its objects were not read";
                }
                continue;
            } catch (CaptureException e) {
                if (!endsWithLineEnd(f.path())) {
                    // The parse error comes from the cut: say so, not "not valid YAML".
                    int line = lastLine(f.path());
                    warnings.add(new ParseWarning(f.display(), line, "cut short (it does not end with a line end):"
                            + " this file's objects are not read"));
                    if (incompleteFile == null) {
                        incompleteFile = f.display();
                        incompleteReason = f.display() + ":" + line + " is cut short: its objects were not read";
                    }
                    continue;
                }
                warnings.addAll(fileWarnings);
                int line = lineOf(e.getMessage(), f.display());
                String why = e.getMessage().startsWith(f.display() + ":")
                        ? e.getMessage().substring(f.display().length() + 1).replaceFirst("^\\d+:\\d+: ", "").strip()
                        : e.getMessage();
                warnings.add(new ParseWarning(f.display(), line, "not valid YAML (" + why
                        + "): this file's objects are not read"));
                if (incompleteFile == null) {
                    incompleteFile = f.display();
                    incompleteReason = f.display() + (line > 0 ? ":" + line : "")
                            + " is not valid YAML: its objects were not read";
                }
                continue;
            }
            String cut = cutShort(f.path(), reader);
            if (cut != null) {
                // A cut YAML file often still parses: a List that lost its tail reads as a shorter
                // List, an object as one without its status. oc ends every file with a line end
                // and every List with its kind (keys are sorted: kind comes after items).
                int line = lastLine(f.path());
                warnings.add(new ParseWarning(f.display(), line, "cut short (" + cut
                        + "): this file's objects are not read"));
                if (incompleteFile == null) {
                    incompleteFile = f.display();
                    incompleteReason = f.display() + ":" + line + " is cut short: its objects were not read";
                }
                continue;
            }
            warnings.addAll(fileWarnings);
            Set<String> thisFile = new HashSet<>();
            for (Object o : read) {
                String key = key(o);
                if (key != null && seen.contains(key)) {
                    continue;
                }
                if (key != null) {
                    thisFile.add(key);
                }
                facts.accept(o);
            }
            seen.addAll(thisFile);
        }
        return new KindRead(!list.isEmpty(), where(kind), incompleteFile, incompleteReason);
    }

    /** Why a file that parsed was nonetheless cut short, or null when it is whole. */
    private static String cutShort(Path file, ClusterObjectReader reader) {
        if (reader.incomplete() != null) {
            return reader.incomplete();
        }
        if (!endsWithLineEnd(file)) {
            return "it does not end with a line end";
        }
        if (reader.wasList() && reader.topKind() == null) {
            return "the List ends before its kind, which oc writes after the items";
        }
        return null;
    }

    /** Whether the file is empty or ends with a line end, as every file oc writes does. */
    private static boolean endsWithLineEnd(Path file) {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            if (size == 0) {
                return true;
            }
            raf.seek(size - 1);
            return raf.read() == '\n';
        } catch (IOException e) {
            return true;
        }
    }

    /** The number of the file's last line. */
    private static int lastLine(Path file) {
        int lines = 0;
        int last = '\n';
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    lines++;
                }
                last = b;
            }
        } catch (IOException e) {
            return 0;
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static final Pattern LINE = Pattern.compile(":(\\d+):(\\d+): ");

    private static int lineOf(String message, String display) {
        if (message == null || !message.startsWith(display)) {
            return 0;
        }
        Matcher m = LINE.matcher(message.substring(display.length()));
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The identity of an object for de-duplication across files: kind, namespace and name. */
    private static String key(Object o) {
        if (o instanceof io.netrules.capture.KubeObject k) {
            return "raw/" + k.input() + "/" + k.namespace() + "/" + k.name();
        }
        if (o instanceof Pod p) {
            return "pod/" + p.namespace() + "/" + p.name();
        }
        if (o instanceof Service s) {
            return "service/" + s.namespace() + "/" + s.name();
        }
        if (o instanceof EndpointAddress e) {
            // One Endpoints object gives several addresses, all with this key: the object is the unit.
            return "endpoints/" + e.namespace() + "/" + e.service();
        }
        if (o instanceof Route r) {
            return "route/" + r.namespace() + "/" + r.name();
        }
        if (o instanceof io.netrules.model.Node n) {
            return "node/" + n.name();
        }
        if (o instanceof io.netrules.model.HostSubnet h) {
            return "hostsubnet/" + h.name();
        }
        if (o instanceof io.netrules.model.NetNamespace n) {
            return "netnamespace/" + n.netname();
        }
        if (o instanceof io.netrules.model.ClusterNetwork c) {
            return "clusternetwork/" + c.name();
        }
        if (o instanceof io.netrules.model.ClusterVersion v) {
            return "clusterversion/" + v.name();
        }
        if (o instanceof io.netrules.model.NetworkConfig c) {
            return "networkconfig/" + c.name();
        }
        if (o instanceof io.netrules.model.NetworkOperator c) {
            return "networkoperator/" + c.name();
        }
        return null;
    }
}
