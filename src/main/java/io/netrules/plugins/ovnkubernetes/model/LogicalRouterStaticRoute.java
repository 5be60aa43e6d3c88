package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/**
 * Logical_Router_Static_Route. {@code routerName}: the router whose {@code static_routes} hold
 * it (or null); {@code policy}: "dst-ip" when unset, as OVN applies it; {@code outputPort} null
 * when unset.
 */
public record LogicalRouterStaticRoute(OvnDb db, String zone, String uuid, String routerName, String ipPrefix,
                                       String nexthop, String outputPort, String policy, String routeTable,
                                       Map<String, String> options, Map<String, String> externalIds,
                                       Source source) implements OvnFact {
}
