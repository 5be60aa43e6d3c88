package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Logical_Router ({@code ovn_cluster_router}, {@code GR_<node>}). {@code ports}: names of its
 * Logical_Router_Ports; {@code staticRoutes}: UUIDs of its Logical_Router_Static_Routes (each
 * route fact names its router); load balancers and groups by name. {@code options} holds
 * {@code chassis} for a gateway router.
 */
public record LogicalRouter(OvnDb db, String zone, String uuid, String name, List<String> ports,
                            List<String> staticRoutes, List<String> loadBalancers, List<String> loadBalancerGroups,
                            Map<String, String> options, Map<String, String> externalIds,
                            Source source) implements OvnFact {
}
