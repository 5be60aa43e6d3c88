package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Logical_Router_Port. {@code routerName}: the router whose {@code ports} hold it (or null);
 * {@code networks}: addresses with prefix ("10.128.0.1/23"); {@code peer}: the peer port's
 * name or null; {@code gatewayChassis}: names of its Gateway_Chassis rows.
 */
public record LogicalRouterPort(OvnDb db, String zone, String uuid, String name, String routerName, String mac,
                                List<String> networks, String peer, List<String> gatewayChassis,
                                Map<String, String> options, Map<String, String> externalIds,
                                Source source) implements OvnFact {
}
