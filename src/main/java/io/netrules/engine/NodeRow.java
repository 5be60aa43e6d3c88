package io.netrules.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a report's node table: the node's address (its InternalIP, else its HostSubnet
 * hostIP), then the network plugin's columns in order, header to value
 * ({@link io.netrules.plugin.NetworkPlugin#nodeColumns}; openshift-sdn: subnet, primary interface,
 * MTU, tun0 MTU). Any value but {@code node} is null when the capture does not tell it.
 */
public record NodeRow(String node, String ip, Map<String, String> columns) {
    public NodeRow {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
