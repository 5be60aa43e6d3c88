package io.netrules.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What live mode ({@code diagnose --cluster --exec-collect}) lets a network plugin do once per
 * cluster, beside the per-node pods of {@link LiveNodePod} ({@link NetworkPlugin#liveCollect}):
 * find its pods, run read-only commands in their containers (the same script a node pod's
 * container runs), read container logs, and write what it got into the capture, saying what
 * could not be collected and why. The live package implements it and names no plugin; every
 * call only reads the cluster.
 */
public interface LiveCluster {

    /**
     * A running pod (ready or not: a database member that fails its readiness probe is the one
     * whose status matters), its node, its containers, and each container's restart count.
     */
    record Pod(String name, String node, List<String> containers, boolean ready, Map<String, Integer> restarts) {
        public Pod {
            containers = List.copyOf(containers);
            restarts = Map.copyOf(restarts);
        }
    }

    /** The pods could not be listed; the message says why, in one line. */
    final class Unavailable extends Exception {
        public Unavailable(String why) {
            super(why);
        }
    }

    /**
     * What one run in a container gave: each command's output by its file name ({@code output}),
     * why a command failed (its exit status, by file; its output is still in {@code output}), or,
     * when the exec itself failed, {@code failure} and nothing else.
     */
    record Result(Map<String, byte[]> output, Map<String, String> failed, String failure) {
    }

    /**
     * One container log to read into the capture file {@code file}: the current container's, or
     * the previous instance's (it restarted).
     */
    record LogRequest(String namespace, Pod pod, String container, boolean previous, String file) {
    }

    /** A log written to its file ({@code failure} null), or why it could not be read. */
    record Log(LogRequest request, String failure) {
    }

    /** Running pods of a namespace with this label, by name, not being deleted. */
    List<Pod> pods(String namespace, String labelKey, String labelValue) throws Unavailable;

    /** Runs the commands in one container of a pod, each within the command time limit, all within the node's. */
    Result run(String namespace, Pod pod, String container, List<LiveNodePod.Command> commands);

    /**
     * Reads container logs into their files, several at once, each the last {@code tailLines}
     * lines with the runtime's timestamps ({@code oc logs --timestamps --tail=N [--previous]}); a
     * file appears only once its log was read whole.
     */
    List<Log> logs(List<LogRequest> requests, int tailLines);

    /** The capture folder being written: the cluster objects listed so far are in {@code cluster/}. */
    Path captureDir();

    /** Writes a file of the capture ({@code cluster/<plugin folder>/...}, {@code nodes/<node>/...}, {@code logs/...}). */
    void write(String relative, byte[] content) throws IOException;

    /** A file of the capture (of a node, or of the cluster when {@code node} is null) could not be collected. */
    void notCollected(String node, String what, String why);

    /**
     * A node file that this plugin's pods on the nodes do not hold in this cluster: what the
     * node pods said of it ("pod X has no nbdb container") is replaced by {@code why}, or
     * dropped when {@code why} is null (the plugin read it elsewhere, e.g. a central database).
     * A node whose file was written by this hook keeps no such entry either.
     */
    void elsewhere(String nodeFile, String why);
}
