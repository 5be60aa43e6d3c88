package io.netrules.live;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.netrules.capture.ClusterInputs;

import java.util.List;

/**
 * One kind of API object live mode lists, and where the API server serves it. The input name is
 * the capture's {@code cluster/<input>.json}, so a live list and a captured file are one input.
 */
public record ClusterKind(String input, String group, String version, String kind, String plural,
                          boolean namespaced) {

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
