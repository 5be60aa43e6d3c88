package io.netrules.live;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.collect.Durations;
import io.netrules.plugin.LiveCluster;
import io.netrules.plugin.LiveNodePod;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LiveCluster} for the detected plugin's {@code liveCollect}: pods by label, the same
 * read-only script a node pod's container runs ({@link ExecCollector#script}), container logs
 * through the {@code pods/log} subresource, and the capture's files and "not collected" entries.
 * Whatever fails is an entry with the reason (and one line on stderr); nothing here stops the run.
 */
final class PluginCluster implements LiveCluster {
    private final KubernetesClient client;
    private final NodeExec exec;
    private final NodeExec notReadyExec;
    private final Path dir;
    private final int parallel;
    private final Duration nodeTimeout;
    private final Duration commandTimeout;
    private final Duration apiTimeout;
    private final PrintWriter err;
    private final List<NotCollected> entries = new ArrayList<>();
    private final Map<String, String> elsewhere = new LinkedHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    /** The files {@link #write} wrote, relative to the capture. */
    private final java.util.Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param exec         for ready pods
     * @param notReadyExec for pods not ready (the client's wait for readiness cut short)
     */
    PluginCluster(KubernetesClient client, NodeExec exec, NodeExec notReadyExec, Path dir, int parallel,
                  Duration nodeTimeout, Duration commandTimeout, Duration apiTimeout, PrintWriter err) {
        this.client = client;
        this.exec = exec;
        this.notReadyExec = notReadyExec;
        this.dir = dir;
        this.parallel = Math.max(1, parallel);
        this.nodeTimeout = nodeTimeout;
        this.commandTimeout = commandTimeout;
        this.apiTimeout = apiTimeout;
        this.err = err;
    }

    @Override
    public List<LiveCluster.Pod> pods(String namespace, String labelKey, String labelValue) throws Unavailable {
        List<LiveCluster.Pod> pods = new ArrayList<>();
        try {
            for (io.fabric8.kubernetes.api.model.Pod p : client.pods().inNamespace(namespace).withLabel(labelKey, labelValue).list().getItems()) {
                if (p.getSpec() == null || p.getSpec().getNodeName() == null || p.getStatus() == null
                        || !"Running".equals(p.getStatus().getPhase()) || p.getMetadata().getDeletionTimestamp() != null
                        || p.getSpec().getContainers() == null) {
                    continue;
                }
                Map<String, Integer> restarts = new HashMap<>();
                if (p.getStatus().getContainerStatuses() != null) {
                    for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                        restarts.put(s.getName(), s.getRestartCount() == null ? 0 : s.getRestartCount());
                    }
                }
                boolean ready = p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                pods.add(new LiveCluster.Pod(p.getMetadata().getName(), p.getSpec().getNodeName(),
                        p.getSpec().getContainers().stream().map(c -> c.getName()).toList(), ready, restarts));
            }
        } catch (KubernetesClientException e) {
            throw new Unavailable("cannot list the " + labelValue + " pods: " + ApiFailure.of(e, "list", "pods", true,
                    namespace, null, apiTimeout).reason());
        }
        pods.sort(java.util.Comparator.comparing(LiveCluster.Pod::name));
        return pods;
    }

    @Override
    public Result run(String namespace, LiveCluster.Pod pod, String container, List<LiveNodePod.Command> commands) {
        String where = "container " + container + " of pod " + pod.name();
        if (!pod.containers().contains(container)) {
            return new Result(Map.of(), Map.of(), "pod " + pod.name() + " has no " + container + " container");
        }
        Path work;
        try {
            work = Files.createDirectories(dir.resolve(".exec"));
        } catch (IOException e) {
            return new Result(Map.of(), Map.of(), "cannot write: " + e.getMessage());
        }
        String name = pod.name() + "." + container + "." + runs.incrementAndGet();
        Path tar = work.resolve(name + ".tar");
        Path staging = work.resolve(name);
        try {
            NodeExec.Result r;
            try (OutputStream out = Files.newOutputStream(tar)) {
                r = (pod.ready() ? exec : notReadyExec).exec(namespace, pod.name(), container,
                        ExecCollector.command(pod.node(), commands, commandTimeout), out, nodeTimeout);
            }
            if (r.exitStatus() != null && r.exitStatus() != 0) {
                return new Result(Map.of(), Map.of(), "the commands in " + where + " exited with status "
                        + r.exitStatus() + ExecCollector.lastLine(r.stderr()));
            }
            try (InputStream in = Files.newInputStream(tar)) {
                TarReader.extract(in, staging, ExecCollector.MAX_NODE_BYTES);
            }
            Path folder = staging.resolve("nodes").resolve(pod.node());
            if (!Files.isDirectory(folder)) {
                return new Result(Map.of(), Map.of(), where + " sent no output folder" + ExecCollector.lastLine(r.stderr()));
            }
            Map<String, byte[]> output = new TreeMap<>();
            for (LiveNodePod.Command c : commands) {
                Path f = folder.resolve(c.file());
                if (Files.isRegularFile(f)) {
                    output.put(c.file(), Files.readAllBytes(f));
                }
            }
            Map<String, String> failed = new TreeMap<>();
            Path failedList = staging.resolve(ExecCollector.FAILED_LIST);
            if (Files.isRegularFile(failedList)) {
                for (String line : Files.readAllLines(failedList)) {
                    String[] fileStatus = line.split("\t", 2);
                    if (fileStatus.length == 2) {
                        byte[] said = output.get(fileStatus[0]);
                        failed.put(fileStatus[0], ExecCollector.exitReason(fileStatus[1].strip(), container, where)
                                + (said == null ? "" : shortLine(new String(said,
                                java.nio.charset.StandardCharsets.UTF_8))));
                    }
                }
            }
            return new Result(output, failed, null);
        } catch (TimeoutException e) {
            return new Result(Map.of(), Map.of(), "exec in " + where + " did not finish within "
                    + Durations.format(nodeTimeout));
        } catch (TarReader.BadTarException e) {
            return new Result(Map.of(), Map.of(), where + " sent a bad tar stream: " + e.getMessage());
        } catch (IOException e) {
            return new Result(Map.of(), Map.of(), "exec in " + where + " failed: " + ApiFailure.firstLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Map.of(), Map.of(), "interrupted");
        } finally {
            LiveCapture.deleteTree(staging);
            try {
                Files.deleteIfExists(tar);
            } catch (IOException e) {
                // .exec/ goes as a whole at the end
            }
        }
    }

    @Override
    public List<Log> logs(List<LogRequest> requests, int tailLines) {
        if (requests.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, requests.size()), r -> {
            Thread t = new Thread(r, "netrules-logs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Log>> futures = new ArrayList<>();
            for (LogRequest q : requests) {
                futures.add(pool.submit(() -> log(q, tailLines)));
            }
            return Futures.all(futures);
        } catch (IOException e) {
            // log() answers every failure itself; Futures.all only rethrows what it cannot
            throw new java.io.UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One log, retried once when the connection broke (no HTTP answer), as every API call of live
     * mode is: a streamed answer is not retried by the client itself.
     */
    private Log log(LogRequest q, int tailLines) {
        Log first = logOnce(q, tailLines);
        return first.failure() != null && first.failure().startsWith(BROKEN) ? logOnce(q, tailLines) : first;
    }

    /** How a failure that got no HTTP answer starts (see {@link #logOnce}). */
    private static final String BROKEN = "reading the log failed: ";

    private Log logOnce(LogRequest q, int tailLines) {
        Path file = dir.resolve(q.file());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            ContainerResource c = client.pods().inNamespace(q.namespace()).withName(q.pod().name())
                    .inContainer(q.container());
            TimeTailPrettyLoggable stamped = q.previous() ? c.usingTimestamps().terminated() : c.usingTimestamps();
            try (InputStream in = stamped.tailingLines(tailLines).getLogInputStream();
                 OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Log(q, null);
        } catch (KubernetesClientException e) {
            deleteQuietly(part);
            String reason = ApiFailure.of(e, "get", "pods/log", true, q.namespace(), null, apiTimeout).reason();
            return new Log(q, e.getCode() > 0 ? reason : BROKEN + reason);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            return new Log(q, BROKEN + ApiFailure.firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** The last line a failed command printed (its error), cut to a readable length. */
    private static String shortLine(String output) {
        String line = ExecCollector.lastLine(output);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // a .part file is ignored by the reader
        }
    }

    @Override
    public Path captureDir() {
        return dir;
    }

    @Override
    public void write(String relative, byte[] content) throws IOException {
        Path f = dir.resolve(relative).normalize();
        if (!f.startsWith(dir)) {
            throw new IOException(relative + ": outside the capture");
        }
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        written.add(dir.relativize(f).toString().replace('\\', '/'));
    }

    @Override
    public synchronized void notCollected(String node, String what, String why) {
        entries.add(new NotCollected(node, what, why));
        err.println("netrules: " + (node == null ? what : "node " + node + ": " + what) + " not collected: " + why);
    }

    @Override
    public synchronized void elsewhere(String nodeFile, String why) {
        elsewhere.put(nodeFile, why);
    }

    /**
     * The node pods' entries as this hook leaves them: an entry for a file the hook wrote for
     * that node, or gave its own entry for, goes; one for a file the plugin reads elsewhere gets
     * the plugin's reason, or goes; then the hook's own entries.
     */
    List<NotCollected> merge(List<NotCollected> nodeEntries) {
        List<NotCollected> out = new ArrayList<>();
        java.util.Set<String> own = new java.util.HashSet<>();
        entries.forEach(e -> own.add(e.node() + "\u0000" + e.what()));
        for (NotCollected e : nodeEntries) {
            if (e.node() != null && e.what() != null && (own.contains(e.node() + "\u0000" + e.what())
                    || written.contains("nodes/" + e.node() + "/" + e.what()))) {
                continue;
            }
            if (e.node() != null && elsewhere.containsKey(e.what())) {
                String why = elsewhere.get(e.what());
                if (why != null) {
                    out.add(new NotCollected(e.node(), e.what(), why));
                }
                continue;
            }
            out.add(e);
        }
        out.addAll(entries);
        return out;
    }
}
