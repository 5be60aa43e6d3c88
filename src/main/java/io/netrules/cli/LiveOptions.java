package io.netrules.cli;

import io.netrules.live.LiveCapture;
import io.netrules.live.LiveException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code diagnose --cluster}: where the cluster is, and what else to collect. */
final class LiveOptions {

    @Option(names = "--cluster", description = "Diagnose the live cluster: read its objects from the API server "
            + "(read-only: list only), with the kubeconfig oc uses.")
    boolean cluster;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig (default: as oc: KUBECONFIG, ~/.kube/config, else the pod's service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current one).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Read pods, services, endpoints and routes of this namespace only (default: all namespaces).")
    String namespace;

    @Option(names = "--api-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = CollectCommand.DurationConverter.class,
            description = "Time limit of each API call (default: ${DEFAULT-VALUE}).")
    Duration apiTimeout;

    @Option(names = "--node-captures", paramLabel = "DIR",
            description = "A folder written by `netrules collect node --out DIR` on the nodes: its nodes/<node>/ "
                    + "folders are diagnosed with the live objects; repeatable.")
    List<Path> nodeCaptures = new ArrayList<>();

    @Option(names = "--save-capture", paramLabel = "DIR",
            description = "Also write everything collected to DIR, in the capture layout (diagnose --capture DIR "
                    + "reads it back).")
    Path saveCapture;

    @Option(names = "--url", paramLabel = "URL",
            description = "What the user cannot reach: from here, look its host up, connect to each address, and "
                    + "send one HTTP(S) request without checking the certificate (as curl -k); recorded in probes/.")
    String url;

    @Option(names = "--service", paramLabel = "NAMESPACE/NAME",
            description = "Connect (TCP) from here to the service's cluster IP and to each of its endpoints; repeatable.")
    List<String> services = new ArrayList<>();

    @Option(names = "--probe-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = CollectCommand.DurationConverter.class,
            description = "Time limit of each probe (default: ${DEFAULT-VALUE}).")
    Duration probeTimeout;

    @Option(names = "--exec-collect",
            description = "Run `netrules collect node` in the collector pod of each node (the DaemonSet of "
                    + "docs/deploy/) through the API, --parallel nodes at once (default 8), and diagnose the "
                    + "node folders too.")
    boolean execCollect;

    @Option(names = "--collector-namespace", paramLabel = "NS", defaultValue = "netrules",
            description = "Where the collector DaemonSet runs (default: ${DEFAULT-VALUE}).")
    String collectorNamespace;

    @Option(names = "--node-timeout", paramLabel = "DURATION", defaultValue = "3m",
            converter = CollectCommand.DurationConverter.class,
            description = "Time limit of one node's collection with --exec-collect (default: ${DEFAULT-VALUE}).")
    Duration nodeTimeout;

    @Option(names = "--command-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = CollectCommand.DurationConverter.class,
            description = "With --exec-collect, the collector's time limit for each command on the node "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    /** Nodes collected at once by --exec-collect when --parallel is not given. */
    static final int DEFAULT_EXEC_PARALLEL = 8;

    /** Options that only mean something with --cluster. */
    void check(CommandLine cl) {
        if (cluster) {
            return;
        }
        List<String> given = new ArrayList<>();
        if (kubeconfig != null) {
            given.add("--kubeconfig");
        }
        if (context != null) {
            given.add("--context");
        }
        if (namespace != null) {
            given.add("--namespace");
        }
        if (!nodeCaptures.isEmpty()) {
            given.add("--node-captures");
        }
        if (saveCapture != null) {
            given.add("--save-capture");
        }
        if (url != null) {
            given.add("--url");
        }
        if (!services.isEmpty()) {
            given.add("--service");
        }
        if (execCollect) {
            given.add("--exec-collect");
        }
        if (!given.isEmpty()) {
            throw new CommandLine.ParameterException(cl, String.join(", ", given) + " need --cluster");
        }
    }

    /**
     * @param parallel --parallel as given (0: not given)
     */
    LiveCapture collect(PrintWriter err, String version, int parallel) throws LiveException {
        return LiveCapture.collect(new LiveCapture.Options(kubeconfig, context, namespace, apiTimeout, nodeCaptures,
                saveCapture, "netrules/" + version, url, services, probeTimeout, execCollect, collectorNamespace,
                parallel > 0 ? parallel : DEFAULT_EXEC_PARALLEL, nodeTimeout, commandTimeout,
                Terminal.stderrIsTerminal()), err);
    }
}
