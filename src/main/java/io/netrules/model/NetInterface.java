package io.netrules.model;

import java.util.List;

/**
 * A network interface as {@code ip address} shows it. {@code kind} is the {@code ip -d} link
 * kind (veth, vxlan, openvswitch, bridge, ...) where known; {@code operState} is UP, DOWN,
 * UNKNOWN...; {@code flags} are the angle-bracket flags (UP, LOWER_UP, ...); {@code mac} is the
 * {@code link/ether} address (lower case), null for a link that has none or when not shown.
 */
public record NetInterface(String node, int index, String name, Integer mtu, String operState, List<String> flags,
                           String kind, String master, List<String> addresses, String mac, Source source)
        implements NodeFact {
    public NetInterface {
        flags = flags == null ? List.of() : List.copyOf(flags);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** An interface whose link address is not known. */
    public NetInterface(String node, int index, String name, Integer mtu, String operState, List<String> flags,
                        String kind, String master, List<String> addresses, Source source) {
        this(node, index, name, mtu, operState, flags, kind, master, addresses, null, source);
    }

    public boolean adminUp() {
        return flags.contains("UP");
    }

    public boolean lowerUp() {
        return flags.contains("LOWER_UP");
    }
}
