package io.netrules.engine;

/**
 * One row of a report's node table: the node's address (its InternalIP, else its HostSubnet
 * hostIP), its pod subnet, its primary interface and that interface's MTU, and tun0's MTU
 * (the SDN MTU as the node runs it). Any field but {@code node} is null when the capture does
 * not tell it.
 */
public record NodeRow(String node, String ip, String subnet, String primaryInterface, Integer mtu, Integer tun0Mtu) {
}
