package io.netrules.live;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netrules.capture.ClusterInputs;

import java.util.List;

/**
 * One kind of API object live mode lists, and where the API server serves it. The input name is
 * the capture's {@code cluster/<input>.json}, so a live list and a captured file are one input.
 */
public record ClusterKind(String input, String group, String version, String kind, String plural,
                          boolean namespaced, List<String> names) {

    /**
     * @param names empty: the kind is listed; else only these objects are read, each by name
     *              ({@code namespace/name} for a namespaced kind): RBAC can grant "get" of a few
     *              named objects (a ConfigMap may hold anything), never "list" of some
     */
    public ClusterKind {
        names = List.copyOf(names);
    }

    public ClusterKind(String input, String group, String version, String kind, String plural, boolean namespaced) {
        this(input, group, version, kind, plural, namespaced, List.of());
    }

    /** Every kind live mode reads, in {@link ClusterInputs#LIVE_KINDS} order; the only ones it reads. */
    public static final List<ClusterKind> ALL = List.of(
            new ClusterKind(ClusterInputs.NODES, "", "v1", "Node", "nodes", false),
            new ClusterKind(ClusterInputs.HOSTSUBNETS, "network.openshift.io", "v1", "HostSubnet", "hostsubnets", false),
            new ClusterKind(ClusterInputs.NETNAMESPACES, "network.openshift.io", "v1", "NetNamespace", "netnamespaces",
                    false),
            new ClusterKind(ClusterInputs.CLUSTERNETWORKS, "network.openshift.io", "v1", "ClusterNetwork",
                    "clusternetworks", false),
            new ClusterKind(ClusterInputs.PODS, "", "v1", "Pod", "pods", true),
            new ClusterKind(ClusterInputs.SERVICES, "", "v1", "Service", "services", true),
            new ClusterKind(ClusterInputs.ENDPOINTS, "", "v1", "Endpoints", "endpoints", true),
            new ClusterKind(ClusterInputs.ROUTES, "route.openshift.io", "v1", "Route", "routes", true));

    /**
     * {@code network.config.openshift.io}, listed before the others on every cluster: its network
     * type names the plugin whose kinds are listed next ({@code NetworkPlugin#liveKinds}). Not
     * served (not OpenShift 4): the kinds of {@link #ALL}, as before there was a second plugin.
     */
    public static final ClusterKind NETWORK_CONFIG = new ClusterKind(ClusterInputs.NETWORKCONFIGS,
            "config.openshift.io", "v1", "Network", "networks", false);

    /** The kinds every cluster is listed for, whatever its plugin (the rest of {@link #ALL} is openshift-sdn's). */
    public static final List<String> CORE = List.of(ClusterInputs.NODES, ClusterInputs.PODS, ClusterInputs.SERVICES,
            ClusterInputs.ENDPOINTS, ClusterInputs.ROUTES);

    /** The other kinds a plugin may name in its live kinds, by input name. */
    private static final List<ClusterKind> PLUGIN_KINDS = List.of(
            new ClusterKind(ClusterInputs.NETWORKOPERATORS, "operator.openshift.io", "v1", "Network", "networks",
                    false),
            new ClusterKind(ClusterInputs.ENDPOINTSLICES, "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices",
                    true),
            new ClusterKind(ClusterInputs.EVENTS, "", "v1", "Event", "events", true),
            new ClusterKind(ClusterInputs.EGRESSIPS, "k8s.ovn.org", "v1", "EgressIP", "egressips", false),
            new ClusterKind(ClusterInputs.EGRESSFIREWALLS, "k8s.ovn.org", "v1", "EgressFirewall", "egressfirewalls",
                    true),
            new ClusterKind(ClusterInputs.CLOUDPRIVATEIPCONFIGS, "cloud.network.openshift.io", "v1",
                    "CloudPrivateIPConfig", "cloudprivateipconfigs", false),
            new ClusterKind(ClusterInputs.PODNETWORKCONNECTIVITYCHECKS, "controlplane.operator.openshift.io",
                    "v1alpha1", "PodNetworkConnectivityCheck", "podnetworkconnectivitychecks", true),
            new ClusterKind(ClusterInputs.CLUSTEROPERATORS, "config.openshift.io", "v1", "ClusterOperator",
                    "clusteroperators", false),
            // The platform's version (the report's "platform"); OpenShift 4 only.
            new ClusterKind(ClusterInputs.CLUSTERVERSIONS, "config.openshift.io", "v1", "ClusterVersion",
                    "clusterversions", false),
            // Only ever read by name (a ConfigMap may hold anything).
            new ClusterKind(ClusterInputs.CONFIGMAPS, "", "v1", "ConfigMap", "configmaps", true));

    /** Every kind live mode may read: {@link #ALL}, network.config, and those plugins name. */
    public static List<ClusterKind> every() {
        List<ClusterKind> all = new java.util.ArrayList<>(ALL);
        all.add(NETWORK_CONFIG);
        all.addAll(PLUGIN_KINDS);
        return all;
    }

    /**
     * A kind by its input name; {@code kind/name} (and {@code kind/ns/name}, several separated by
     * commas) reads only those objects by name, e.g. {@code clusteroperators/network}.
     */
    public static ClusterKind of(String spec) {
        int slash = spec.indexOf('/');
        String input = slash < 0 ? spec : spec.substring(0, slash);
        List<String> names = slash < 0 ? List.of() : List.of(spec.substring(slash + 1).split(","));
        ClusterKind k = java.util.stream.Stream.concat(ALL.stream(), PLUGIN_KINDS.stream())
                .filter(c -> c.input().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live kind " + input));
        return names.isEmpty() ? k : new ClusterKind(k.input(), k.group(), k.version(), k.kind(), k.plural(),
                k.namespaced(), names);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource as RBAC and {@code oc auth can-i} name it: {@code hostsubnets.network.openshift.io}. */
    public String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The capture file this kind is written to. */
    public String fileName() {
        return "cluster/" + input + ".json";
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }
}
