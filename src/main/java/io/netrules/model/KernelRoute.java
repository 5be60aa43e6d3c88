package io.netrules.model;

/**
 * A kernel route from {@code ip route show table all}. {@code destination} is "default" or a
 * CIDR (a bare address becomes /32); {@code table} is "main" when the line names none;
 * {@code type} is "unicast" unless the line starts with local, broadcast, unreachable...
 */
public record KernelRoute(String node, String table, String type, String destination, String gateway, String dev,
                          String proto, String scope, String src, Integer metric, Source source) implements NodeFact {
}
