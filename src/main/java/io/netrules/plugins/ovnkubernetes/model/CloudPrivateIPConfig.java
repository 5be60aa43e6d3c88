package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * A {@code cloudprivateipconfigs.cloud.network.openshift.io} object, named after the IP it holds.
 *
 * @param assigned        condition {@code Assigned} status ({@code True}, {@code False}, {@code Unknown}), or null
 * @param assignedMessage that condition's reason and message, or null
 */
public record CloudPrivateIPConfig(String name, String specNode, String statusNode, String assigned,
                                   String assignedMessage, Source source) implements Sourced {
}
