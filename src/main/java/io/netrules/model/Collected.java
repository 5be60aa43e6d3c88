package io.netrules.model;

/**
 * Collection marker: the input named {@code input} (a key of the fact-source registry, such as
 * {@code ovs-flows}) was collected and parsed for {@code node} (null = cluster scope).
 * {@code detail} narrows a per-target input (the peer IP of {@code route-get}, the interface of
 * {@code ethtool}). A rule can only conclude from an absence where the marker is present; the
 * engine reports rules whose inputs have no marker as not evaluated.
 */
public record Collected(String node, String input, String detail, Source source) {
    public static final String CLUSTER = null;
}
