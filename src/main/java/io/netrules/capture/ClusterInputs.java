package io.netrules.capture;

import java.util.List;
import java.util.stream.Stream;

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

    /** discovery.k8s.io/v1 EndpointSlices. */
    public static final String ENDPOINTSLICES = "endpointslices";
    /** core/v1 Events. */
    public static final String EVENTS = "events";
    /** k8s.ovn.org/v1 EgressIPs (cluster-scoped). */
    public static final String EGRESSIPS = "egressips";
    /** k8s.ovn.org/v1 EgressFirewalls (one per namespace). */
    public static final String EGRESSFIREWALLS = "egressfirewalls";
    /** cloud.network.openshift.io/v1 CloudPrivateIPConfigs (cluster-scoped). */
    public static final String CLOUDPRIVATEIPCONFIGS = "cloudprivateipconfigs";
    /** controlplane.operator.openshift.io/v1alpha1 PodNetworkConnectivityChecks. */
    public static final String PODNETWORKCONNECTIVITYCHECKS = "podnetworkconnectivitychecks";
    /** config.openshift.io/v1 ClusterOperators (the network plugin reads {@code network}). */
    public static final String CLUSTEROPERATORS = "clusteroperators";
    /**
     * core/v1 ConfigMaps: only the few a plugin reads are collected (live: by name); what each
     * one means is the plugin's (e.g. {@code kube-system/cluster-config-v1}).
     */
    public static final String CONFIGMAPS = "configmaps";

    /**
     * The kinds the core reads but does not map itself: their objects are kept as
     * {@link KubeObject}s for the detected plugin's cluster-facts hook
     * ({@code NetworkPlugin#clusterFacts}), never inserted into a session as they are.
     */
    public static final List<String> RAW_KINDS = List.of(ENDPOINTSLICES, EVENTS, EGRESSIPS, EGRESSFIREWALLS,
            CLOUDPRIVATEIPCONFIGS, PODNETWORKCONNECTIVITYCHECKS, CLUSTEROPERATORS, CONFIGMAPS);

    /** Object kinds, in the order they are read. */
    public static final List<String> KINDS = java.util.stream.Stream.concat(Stream.of(NODES, HOSTSUBNETS,
            NETNAMESPACES, CLUSTERNETWORKS, PODS, SERVICES, ENDPOINTS, ROUTES, CLUSTERVERSIONS, NETWORKCONFIGS,
            NETWORKOPERATORS), RAW_KINDS.stream()).toList();

    /**
     * When the capture was taken: {@code capture.json collectedAt}, else a must-gather's
     * {@code timestamp} file (its first line). Derived, cluster scope.
     */
    public static final String CAPTURE_TIME = "capture-time";

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

    /**
     * A cluster kind, the probes, the capture time, or a cluster input a network plugin derives
     * ({@code NetworkPlugin#clusterInputs}).
     */
    public static boolean isClusterInput(String input) {
        return KINDS.contains(input) || PROBES.equals(input) || CAPTURE_TIME.equals(input)
                || io.netrules.plugin.NetworkPlugins.all().stream().anyMatch(p -> p.clusterInputs().contains(input));
    }

    /** The file name to name in a report when this input is missing. */
    public static String fileName(String input) {
        if (CAPTURE_TIME.equals(input)) {
            return "capture.json (collectedAt)";
        }
        if (!KINDS.contains(input) && !PROBES.equals(input)) {
            return io.netrules.plugin.NetworkPlugins.all().stream().map(p -> p.clusterInputFile(input))
                    .filter(java.util.Objects::nonNull).findFirst().orElse("cluster/" + input + ".json");
        }
        return PROBES.equals(input) ? PROBES_FILE : "cluster/" + input + ".json";
    }

    /** The command that lists this kind, for the live collector and for the report. */
    public static String command(String kind) {
        return switch (kind) {
            case NETWORKCONFIGS -> "oc get network.config.openshift.io cluster -o json";
            case NETWORKOPERATORS -> "oc get network.operator.openshift.io cluster -o json";
            case CLUSTERVERSIONS -> "oc get clusterversion -o json";
            case EGRESSIPS, CLOUDPRIVATEIPCONFIGS -> "oc get " + kind + " -o json";
            case PODNETWORKCONNECTIVITYCHECKS -> "oc get podnetworkconnectivitychecks -n openshift-network-diagnostics"
                    + " -o json";
            case CLUSTEROPERATORS -> "oc get clusteroperator network -o json";
            case CONFIGMAPS -> "oc get configmap -n kube-system cluster-config-v1 -o json; oc get configmap -n"
                    + " openshift-ovn-kubernetes ovnkube-config -o json";
            default -> "oc get " + kind + " --all-namespaces -o json";
        };
    }
}
