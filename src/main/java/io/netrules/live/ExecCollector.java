package io.netrules.live;

import io.netrules.capture.CaptureException;
import io.netrules.capture.CaptureMetadata;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.collect.Durations;
import io.netrules.plugin.LiveNodePod;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code --exec-collect}: runs {@code netrules collect node} in the collector pod of each node
 * (docs/deploy/daemonset.yaml), several nodes at once, and puts the node folder each one sends
 * back (a tar stream on stdout) into the capture's {@code nodes/}. A node without a running
 * collector pod, whose exec fails, or that does not finish in time is not collected, with the
 * reason, for each of its inputs; the other nodes go on.
 * <p>
 * On OpenShift 4, a node without a collector pod is collected in the network plugin's own pod of
 * that node ({@link PodKind#PLUGIN}, {@link LiveNodePod}: openshift-sdn's {@code sdn} pod,
 * OVN-Kubernetes' {@code ovnkube-node} pod). netrules is not installed there, so a shell script
 * ({@link #script}) per container runs that container's read-only commands, each into its
 * capture file, and sends the folder as tar; a command that fails is listed with its exit status
 * and becomes "not collected" for that file; a container that cannot be exec'd (or the pod
 * lacks) makes its files not collected, the other containers go on.
 */
final class ExecCollector {
    /** What docs/deploy/ ships: the DaemonSet's pod label, its container, the launcher and the host's root. */
    static final String LABEL_KEY = "app";
    static final String LABEL_VALUE = "netrules-collector";
    static final String CONTAINER = "collector";
    static final String NETRULES = "/usr/local/bin/netrules";
    static final String HOST_ROOT = "/host";
    /** A node folder larger than this is refused (a flow dump of a very large node is some tens of MiB). */
    static final long MAX_NODE_BYTES = 1L << 30;

    /**
     * Runs in the pod: collect into a fresh folder of the container (never the node's), send it
     * as tar on stdout, remove it. Exit 3 of the collector (nothing collected) still sends what
     * it says in capture.json. Arguments: node name, peers (comma-separated), budget, timeout.
     * NETRULES and NETRULES_HOST_ROOT are unset in the pod; a test sets them to run the same
     * script on a fake node.
     */
    static final String SCRIPT = "set -e; out=$(mktemp -d); trap 'rm -rf \"$out\"' EXIT; "
            + "\"${NETRULES:-" + NETRULES + "}\" collect node --out \"$out\" --node-name \"$1\" ${2:+--peers=\"$2\"} "
            + "--host-root \"${NETRULES_HOST_ROOT:-" + HOST_ROOT + "}\" --budget \"$3\" --timeout \"$4\" >&2 "
            + "|| [ $? -eq 3 ]; tar -C \"$out\" -cf - .";

    /** A plugin pod's list of the commands that failed: "<file>\t<exit status>" lines. */
    static final String FAILED_LIST = "failed";

    /** Which pod a node is collected in. */
    enum PodKind {
        /** netrules' own DaemonSet: runs {@code netrules collect node}. */
        COLLECTOR,
        /** The network plugin's pod ({@link LiveNodePod}): runs {@link #script} in each of its containers. */
        PLUGIN
    }

    /** As {@code r <file> <argv>} and {@code c <file>} lines of {@link #script}. */
    static String commands(List<LiveNodePod.Command> commands) {
        StringBuilder sb = new StringBuilder();
        for (LiveNodePod.Command c : commands) {
            if (c.copied()) {
                sb.append("c ").append(quote(c.file())).append("; ");
            } else {
                sb.append("r ").append(quote(c.file()));
                for (String arg : c.argv()) {
                    sb.append(' ').append(quote(arg));
                }
                sb.append("; ");
            }
        }
        return sb.toString();
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * Runs in a container of a node's plugin pod: every command into its file under
     * {@code nodes/<node>/} of a fresh folder of the container (stdout and stderr, as the
     * collector keeps them; a failure's text is the evidence NR-OVS-001 reads), each cut at the
     * command timeout when {@code timeout} exists; the copied files from the host's root; then the
     * folder as tar on stdout. Read-only: it only lists. Arguments: node name, command timeout in
     * seconds.
     */
    static String script(List<LiveNodePod.Command> commands) {
        return "set -e; out=$(mktemp -d); trap 'rm -rf \"$out\"' EXIT; "
                + "d=\"$out/nodes/$1\"; mkdir -p \"$d\"; t=; command -v timeout >/dev/null 2>&1 && t=\"timeout $2\"; "
                + "h=\"${NETRULES_HOST_ROOT:-" + HOST_ROOT + "}\"; "
                + "r() { f=\"$1\"; shift; s=0; $t \"$@\" >\"$d/$f\" 2>&1 </dev/null || s=$?; "
                + "[ $s -eq 0 ] || printf '%s\\t%s\\n' \"$f\" \"$s\" >>\"$out/" + FAILED_LIST + "\"; }; "
                + "c() { if [ -r \"$h/$1\" ]; then mkdir -p \"$d/$(dirname \"$1\")\"; cat \"$h/$1\" >\"$d/$1\"; fi; }; "
                + commands(commands)
                + "tar -C \"$out\" -cf - .";
    }

    /** One node to collect: its pod (null when it has none), which kind it is, and the other nodes' addresses. */
    record Target(String node, String pod, List<String> peers, PodKind kind, LiveNodePod plugin,
                  List<String> containers) {
        Target(String node, String pod, List<String> peers) {
            this(node, pod, peers, PodKind.COLLECTOR, null, null);
        }

        /** A node collected in its plugin pod; {@code containers}: those the pod has (null: all of the runs'). */
        Target(String node, String pod, LiveNodePod plugin, List<String> containers) {
            this(node, pod, List.of(), PodKind.PLUGIN, plugin, containers);
        }
    }

    /** What came of one node. */
    record Outcome(String node, String failure, List<NotCollected> entries) {
        boolean collected() {
            return failure == null;
        }
    }

    private final NodeExec exec;
    private final String namespace;
    private final int parallel;
    private final Duration nodeTimeout;
    private final Duration commandTimeout;
    private final Consumer<String> progress;

    /**
     * @param progress gets a progress line after each node (null: no progress, as when stderr is no terminal)
     */
    ExecCollector(NodeExec exec, String namespace, int parallel, Duration nodeTimeout, Duration commandTimeout,
                  Consumer<String> progress) {
        this.exec = exec;
        this.namespace = namespace;
        this.parallel = Math.max(1, parallel);
        this.nodeTimeout = nodeTimeout;
        this.commandTimeout = commandTimeout;
        this.progress = progress;
    }

    /** The command exec'd in a container of a node's plugin pod. */
    List<String> command(Target t, LiveNodePod.Run run) {
        return command(t.node(), run.commands(), commandTimeout);
    }

    /** {@link #script} of these commands, exec'd for {@code node} with this limit for each command. */
    static List<String> command(String node, List<LiveNodePod.Command> commands, Duration commandTimeout) {
        long seconds = Math.max(1, (commandTimeout.toMillis() + 999) / 1000);
        return List.of("sh", "-c", script(commands), "netrules-collect", node, Long.toString(seconds));
    }

    /** Why a command of {@link #script} counts as failed, from its exit status. */
    static String exitReason(String status, String container, String where) {
        return "exit status " + status + (status.equals("127") ? " (not installed in the " + container + " image)"
                : status.equals("124") ? " (timed out)" : "") + " in " + where;
    }

    /** The command exec'd in a node's collector pod. */
    List<String> command(Target t) {
        // The collector stops starting commands at its budget and still has to tar: leave it a margin.
        long budget = Math.max(5_000, nodeTimeout.toMillis() - Math.min(30_000, nodeTimeout.toMillis() / 4));
        return List.of("sh", "-c", SCRIPT, "netrules-collect", t.node(), String.join(",", t.peers()),
                budget + "ms", commandTimeout.toMillis() + "ms");
    }

    List<Outcome> collect(List<Target> targets, Path captureDir) throws IOException {
        Path work = Files.createDirectories(captureDir.resolve(".exec"));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "netrules-exec");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> {
                    Outcome o = one(t, captureDir, work);
                    if (!o.collected()) {
                        failed.incrementAndGet();
                    }
                    if (progress != null) {
                        progress.accept("nodes collected: " + done.incrementAndGet() + "/" + targets.size()
                                + (failed.get() > 0 ? ", " + failed.get() + " failed" : ""));
                    }
                    return o;
                }));
            }
            return Futures.all(futures);
        } finally {
            pool.shutdownNow();
            LiveCapture.deleteTree(work);
        }
    }

    private Outcome one(Target t, Path captureDir, Path work) {
        if (t.pod() == null) {
            return failed(t.node(), "no ready " + LABEL_VALUE + " pod on this node in namespace " + namespace
                    + " (is the DaemonSet of docs/deploy/ deployed, and scheduled there?)");
        }
        if (t.kind() == PodKind.PLUGIN) {
            return plugin(t, captureDir, work);
        }
        Path tar = work.resolve(t.node() + ".tar");
        Path staging = work.resolve(t.node());
        try {
            NodeExec.Result r;
            try (OutputStream out = Files.newOutputStream(tar)) {
                r = exec.exec(namespace, t.pod(), CONTAINER, command(t), out, nodeTimeout);
            }
            if (r.exitStatus() != null && r.exitStatus() != 0) {
                return failed(t.node(), "netrules collect node in pod " + t.pod() + " exited with status "
                        + r.exitStatus() + lastLine(r.stderr()));
            }
            try (InputStream in = Files.newInputStream(tar)) {
                TarReader.extract(in, staging, MAX_NODE_BYTES);
            }
            Path folder = staging.resolve("nodes").resolve(t.node());
            if (!Files.isDirectory(folder)) {
                return failed(t.node(), "pod " + t.pod() + " sent no nodes/" + t.node() + "/ folder"
                        + lastLine(r.stderr()));
            }
            Files.createDirectories(captureDir.resolve("nodes"));
            Files.move(folder, captureDir.resolve("nodes").resolve(t.node()));
            List<NotCollected> entries = new ArrayList<>();
            Path meta = staging.resolve("capture.json");
            if (Files.isRegularFile(meta)) {
                for (NotCollected nc : CaptureMetadata.read(meta, "capture.json of pod " + t.pod()).notCollected()) {
                    if (t.node().equals(nc.node())) {
                        entries.add(nc);
                    }
                }
            }
            return new Outcome(t.node(), null, entries);
        } catch (TimeoutException e) {
            return failed(t.node(), "exec in pod " + t.pod() + " did not finish within " + Durations.format(nodeTimeout));
        } catch (TarReader.BadTarException e) {
            return failed(t.node(), "pod " + t.pod() + " sent a bad tar stream: " + e.getMessage());
        } catch (CaptureException e) {
            return failed(t.node(), e.getMessage());
        } catch (IOException e) {
            return failed(t.node(), "exec in pod " + t.pod() + " failed: " + ApiFailure.firstLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(t.node(), "interrupted");
        } finally {
            LiveCapture.deleteTree(staging);
            deleteQuietly(tar);
        }
    }

    /**
     * A node in its plugin pod: one exec per container, within the node's time limit all
     * together. With one container (openshift-sdn) a failed exec is the node's failure, as the
     * collector's is; with several, a container that fails makes only its own files not
     * collected, with the reason, and the node fails only when none sent its folder.
     */
    private Outcome plugin(Target t, Path captureDir, Path work) {
        LiveNodePod pod = t.plugin();
        boolean one = pod.runs().size() == 1;
        long deadline = System.nanoTime() + nodeTimeout.toNanos();
        List<NotCollected> entries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (LiveNodePod.Run run : pod.runs()) {
            // One container of one pod: "sdn pod sdn-x" as ever; of several, "container nbdb of pod ovnkube-node-x".
            String where = one ? run.container() + " pod " + t.pod() : "container " + run.container() + " of pod " + t.pod();
            String why = null;
            Path tar = work.resolve(t.node() + "." + run.container() + ".tar");
            Path staging = work.resolve(t.node() + "." + run.container());
            try {
                if (t.containers() != null && !t.containers().contains(run.container())) {
                    // e.g. a legacy-mode ovnkube-node pod: its databases and northd are central.
                    throw new MissingContainer("pod " + t.pod() + " has no " + run.container() + " container");
                }
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    throw new TimeoutException();
                }
                NodeExec.Result r;
                try (OutputStream out = Files.newOutputStream(tar)) {
                    r = exec.exec(pod.namespace(), t.pod(), run.container(), command(t, run), out, left);
                }
                if (r.exitStatus() != null && r.exitStatus() != 0) {
                    why = "the node commands in " + (one ? run.container() + " pod " + pod.namespace() + "/" + t.pod()
                            : where) + " exited with status " + r.exitStatus() + lastLine(r.stderr());
                } else {
                    try (InputStream in = Files.newInputStream(tar)) {
                        TarReader.extract(in, staging, MAX_NODE_BYTES);
                    }
                    Path folder = staging.resolve("nodes").resolve(t.node());
                    if (!Files.isDirectory(folder)) {
                        why = "pod " + t.pod() + " sent no nodes/" + t.node() + "/ folder" + lastLine(r.stderr());
                    } else {
                        LiveCapture.copyTree(folder, captureDir.resolve("nodes").resolve(t.node()));
                        sent++;
                        Path failedList = staging.resolve(FAILED_LIST);
                        if (Files.isRegularFile(failedList)) {
                            for (String line : Files.readAllLines(failedList)) {
                                String[] fileStatus = line.split("\t", 2);
                                if (fileStatus.length == 2) {
                                    String status = fileStatus[1].strip();
                                    entries.add(new NotCollected(t.node(), fileStatus[0],
                                            exitReason(status, run.container(), where)));
                                }
                            }
                        }
                    }
                }
            } catch (MissingContainer e) {
                why = e.getMessage();
            } catch (TimeoutException e) {
                why = "exec in " + (one ? "pod " + t.pod() : where) + " did not finish within "
                        + Durations.format(nodeTimeout);
            } catch (TarReader.BadTarException e) {
                why = (one ? "pod " + t.pod() : where) + " sent a bad tar stream: " + e.getMessage();
            } catch (IOException e) {
                why = "exec in " + (one ? "pod " + t.pod() : where) + " failed: "
                        + ApiFailure.firstLine(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(t.node(), "interrupted");
            } finally {
                LiveCapture.deleteTree(staging);
                deleteQuietly(tar);
            }
            if (why != null) {
                if (one) {
                    return failed(t.node(), why);
                }
                failures.add(why);
                for (LiveNodePod.Command c : run.commands()) {
                    entries.add(new NotCollected(t.node(), c.file(), why));
                }
            }
        }
        if (sent == 0) {
            return failed(t.node(), String.join("; ", failures));
        }
        return new Outcome(t.node(), null, entries);
    }

    private static final class MissingContainer extends IOException {
        MissingContainer(String message) {
            super(message);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left in .exec/, which goes as a whole
        }
    }

    static String lastLine(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        List<String> lines = stderr.strip().lines().toList();
        return ": " + lines.get(lines.size() - 1).strip();
    }

    /** A node not collected: every node input is, for the same reason. */
    static Outcome failed(String node, String why) {
        List<NotCollected> entries = new ArrayList<>();
        for (String input : nodeInputs()) {
            entries.add(new NotCollected(node, input, why));
        }
        return new Outcome(node, why, entries);
    }

    static Set<String> nodeInputs() {
        Set<String> inputs = new LinkedHashSet<>();
        for (FactSource s : FactSources.all()) {
            inputs.add(s.input());
        }
        return inputs;
    }

    /** Peers of a node: every other node's address. */
    static List<String> peers(String node, Map<String, String> addresses) {
        List<String> peers = new ArrayList<>();
        addresses.forEach((n, ip) -> {
            if (!n.equals(node) && ip != null && !peers.contains(ip)) {
                peers.add(ip);
            }
        });
        return peers;
    }
}
