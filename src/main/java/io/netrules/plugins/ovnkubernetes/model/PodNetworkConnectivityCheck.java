package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * A {@code podnetworkconnectivitychecks.controlplane.operator.openshift.io} object of
 * {@code openshift-network-diagnostics}.
 *
 * @param sourcePod      {@code spec.sourcePod}
 * @param targetEndpoint {@code spec.targetEndpoint} ({@code host:port})
 * @param reachable      condition {@code Reachable} status, or null
 * @param lastFailure    {@code status.failures[0].message} (newest first), or null
 */
public record PodNetworkConnectivityCheck(String name, String sourcePod, String targetEndpoint, String reachable,
                                          String lastFailure, Source source) implements Sourced {
}
