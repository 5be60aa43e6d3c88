package io.netrules.model;

/**
 * The node's primary interface: the one holding the node's InternalIP, or failing that its
 * HostSubnet hostIP (capture-layout.md). Derived before the rules run; absent when neither the
 * address nor the interface listing was collected.
 *
 * <p>{@code link} is the interface whose link state and speed ({@code ethtool}) are the primary
 * interface's: the interface itself, except when it is an OVS internal port (OVN-Kubernetes puts
 * the node IP on the bridge {@code br-ex}), which has no link worth reading: then its bridge's
 * one uplink port (NIC or bond) as {@code ovs-vsctl show} lists it, or null when that is not known.
 */
public record PrimaryInterface(String node, String name, String address, int prefixLength, Integer mtu,
                               String addressFrom, String link, Source source) implements NodeFact {

    /** A primary interface whose link is its own. */
    public PrimaryInterface(String node, String name, String address, int prefixLength, Integer mtu,
                            String addressFrom, Source source) {
        this(node, name, address, prefixLength, mtu, addressFrom, name, source);
    }
}
