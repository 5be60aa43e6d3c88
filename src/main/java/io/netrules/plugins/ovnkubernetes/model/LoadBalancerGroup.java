package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;

/** Load_Balancer_Group ({@code clusterLBGroup}, ...): {@code loadBalancers} by name. */
public record LoadBalancerGroup(OvnDb db, String zone, String uuid, String name, List<String> loadBalancers,
                                Source source) implements OvnFact {
}
