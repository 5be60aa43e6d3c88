package io.netrules.plugin;

import java.util.List;
import java.util.function.Function;

/**
 * A column of the report's node table that a network plugin gives ({@link NetworkPlugin#nodeColumns}):
 * its header and the node's value (null when the capture does not tell it).
 */
public record NodeColumn(String header, Function<NodeView, Object> value) {
    /** The node's primary interface (the one holding its InternalIP). */
    public static final NodeColumn PRIMARY_INTERFACE = new NodeColumn("primary interface",
            v -> v.primary() == null ? null : v.primary().name());
    /** The primary interface's MTU. */
    public static final NodeColumn PRIMARY_MTU = new NodeColumn("MTU", v -> v.primary() == null ? null : v.primary().mtu());
    /** What every plugin has: the primary interface and its MTU. */
    public static final List<NodeColumn> PRIMARY = List.of(PRIMARY_INTERFACE, PRIMARY_MTU);

    /** The column of one interface's MTU, e.g. {@code tun0 MTU}. */
    public static NodeColumn interfaceMtu(String name) {
        return new NodeColumn(name + " MTU", v -> v.interfaces().stream().filter(i -> name.equals(i.name()))
                .map(io.netrules.model.NetInterface::mtu).filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }
}
