package io.netrules.capture;

import java.util.List;

/**
 * Cluster-scope inputs: one {@code cluster/<name>.json|yaml} file per object kind, as
 * {@code oc get <kind> --all-namespaces -o json} prints it, and the probes file. The input key
 * is the file's stem, and the command is what the live collector (and a person) runs.
 */
public final class ClusterInputs {
    public static final String NODES = "nodes";
    public static final String HOSTSUBNETS = "hostsubnets";
    public static final String NETNAMESPACES = "netnamespaces";
    public static final String CLUSTERNETWORKS = "clusternetworks";
    public static final String PODS = "pods";
    public static final String SERVICES = "services";
    public static final String ENDPOINTS = "endpoints";
    public static final String ROUTES = "routes";
    public static final String PROBES = "probes";
    /** config.openshift.io/v1 ClusterVersion (4.x): the platform's version. */
    public static final String CLUSTERVERSIONS = "clusterversions";
    /** config.openshift.io/v1 Network {@code cluster} (4.x): the network type, MTU and networks. */
    public static final String NETWORKCONFIGS = "networkconfigs";
    /** operator.openshift.io/v1 Network {@code cluster} (4.x): the plugin's deployment settings. */
    public static final String NETWORKOPERATORS = "networkoperators";

    /** Object kinds, in the order they are read. */
    public static final List<String> KINDS = List.of(NODES, HOSTSUBNETS, NETNAMESPACES, CLUSTERNETWORKS, PODS,
            SERVICES, ENDPOINTS, ROUTES, CLUSTERVERSIONS, NETWORKCONFIGS, NETWORKOPERATORS);

    /**
     * The kinds live mode lists ({@code io.netrules.live.ClusterKind}): the 4.x configuration
     * kinds are read from a capture but not yet listed live.
     */
    public static final List<String> LIVE_KINDS = List.of(NODES, HOSTSUBNETS, NETNAMESPACES, CLUSTERNETWORKS, PODS,
            SERVICES, ENDPOINTS, ROUTES);

    public static final String PROBES_FILE = "probes/probes.jsonl";

    /**
     * Container logs, {@code logs/<namespace>/<pod>.log}: a node input, collected for a node when
     * the log of at least one of its pods is in the capture.
     */
    public static final String POD_LOGS = "pod-logs";
    public static final String POD_LOGS_FILE = "logs/<namespace>/<pod>.log";

    private ClusterInputs() {
    }

    public static boolean isClusterInput(String input) {
        return KINDS.contains(input) || PROBES.equals(input);
    }

    /** The file name to name in a report when this input is missing. */
    public static String fileName(String input) {
        return PROBES.equals(input) ? PROBES_FILE : "cluster/" + input + ".json";
    }

    /** The command that lists this kind, for the live collector and for the report. */
    public static String command(String kind) {
        return switch (kind) {
            case NETWORKCONFIGS -> "oc get network.config.openshift.io cluster -o json";
            case NETWORKOPERATORS -> "oc get network.operator.openshift.io cluster -o json";
            case CLUSTERVERSIONS -> "oc get clusterversion -o json";
            default -> "oc get " + kind + " --all-namespaces -o json";
        };
    }
}
