package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.NodeFact;
import io.netrules.model.Source;

/** {@code ovn-appctl -t ovn-northd status} of the northd on a node: {@code active}, {@code standby} or {@code paused}. */
public record NorthdStatus(String node, String status, Source source) implements NodeFact {
}
