package io.netrules.plugins.ovnkubernetes.model;

/**
 * One VIP a Load_Balancer row carries, in canonical {@code ip:port} text
 * ({@code LoadBalancerChecks.canonicalEndpoint}), keyed by the row's UUID (and its name, for the group join): an index, not a row.
 * The NR-OVNLB rules join an expected service VIP to it with {@code vip == $canonical}, which
 * Drools answers from a hash index, and only then test the few load balancers it names with the
 * constraints they always had. Without it each expected VIP was tested against every load
 * balancer of the zone (2000 × 2000 per node on a 2000-service cluster). It carries no source:
 * it is never evidence (the LoadBalancer row is).
 */
public record LoadBalancerVip(String loadBalancer, String name, String vip) {
}
