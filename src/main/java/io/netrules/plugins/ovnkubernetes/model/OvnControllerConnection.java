package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.NodeFact;
import io.netrules.model.Source;

/** {@code ovn-appctl -t ovn-controller connection-status}: whether a node's ovn-controller is connected to its SB. */
public record OvnControllerConnection(String node, boolean connected, Source source) implements NodeFact {
}
