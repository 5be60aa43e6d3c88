package io.netrules.model;

/** An OVS bridge, from {@code ovs-vsctl list-br} or a Bridge line of {@code ovs-vsctl show}. */
public record OvsBridge(String node, String name, Source source) implements NodeFact {
}
