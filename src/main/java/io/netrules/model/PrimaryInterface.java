package io.netrules.model;

/**
 * The node's primary interface: the one holding the node's InternalIP, or failing that its
 * HostSubnet hostIP (capture-layout.md). Derived before the rules run; absent when neither the
 * address nor the interface listing was collected.
 */
public record PrimaryInterface(String node, String name, String address, int prefixLength, Integer mtu,
                               String addressFrom, Source source) implements NodeFact {
}
