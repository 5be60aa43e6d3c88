package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * {@code clusteroperators/network} (input {@code clusteroperators}, catalogue {@code co-network}):
 * its conditions, for evidence only. A condition is null when the object does not have it.
 *
 * @param degradedMessage the {@code Degraded} condition's reason and message when it is True, else null
 */
public record NetworkClusterOperator(Boolean available, Boolean progressing, Boolean degraded,
                                     String degradedMessage, Source source) implements Sourced {
}
