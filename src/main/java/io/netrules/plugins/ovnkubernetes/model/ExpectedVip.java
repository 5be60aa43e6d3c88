package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.NodeFact;
import io.netrules.model.Source;

import java.util.List;

/**
 * Derived, per node: one ClusterIP VIP of a service in scope and the backends OVN-Kubernetes must
 * give it on that node's switch — the eligible endpoints (catalogue "Eligible endpoints") with the
 * service's target port, restricted to the node's own endpoints when {@code internalTrafficPolicy}
 * is {@code Local}. The source is the Service's; the slices' resource versions are evidence.
 *
 * @param vip                 {@code 172.30.0.10:53} or {@code [fd02::10]:53}, as {@code Load_Balancer.vips} keys it
 * @param protocol            lower case: {@code tcp}, {@code udp}, {@code sctp}
 * @param backends            expected {@code ip:port} backends, sorted
 * @param eligibleEndpoints   the service has at least one eligible endpoint (cluster-wide)
 * @param sliceResourceVersions the EndpointSlices' {@code name@resourceVersion}, sorted
 */
public record ExpectedVip(String node, String namespace, String service, String vip, String protocol,
                          List<String> backends, boolean eligibleEndpoints, boolean idled,
                          List<String> sliceResourceVersions, Source source) implements NodeFact {
    public ExpectedVip {
        backends = backends == null ? List.of() : List.copyOf(backends);
        sliceResourceVersions = sliceResourceVersions == null ? List.of() : List.copyOf(sliceResourceVersions);
    }

    /**
     * The VIP in the canonical text of {@code LoadBalancerVip.vip} (null when it is no
     * {@code ip:port}), so that a rule can join the index on it.
     */
    public String canonicalVip() {
        return io.netrules.plugins.ovnkubernetes.rules.LoadBalancerChecks.canonicalEndpoint(vip);
    }
}
