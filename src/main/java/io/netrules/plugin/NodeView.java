package io.netrules.plugin;

import io.netrules.model.NetInterface;
import io.netrules.model.PrimaryInterface;

import java.util.List;
import java.util.function.Function;

/**
 * What a node table column reads of one node: its primary interface and interfaces as parsed
 * from its files, and the cluster facts of its session (the cluster objects and what the plugin
 * derived from them, e.g. a HostSubnet or an OvnNode) by type.
 */
public record NodeView(String node, PrimaryInterface primary, List<NetInterface> interfaces,
                       Function<Class<?>, List<?>> clusterFacts) {

    /** The cluster facts of this type in the node's session (every node's, where the fact is every session's). */
    public <T> List<T> clusterFacts(Class<T> type) {
        return clusterFacts.apply(type).stream().map(type::cast).toList();
    }
}
