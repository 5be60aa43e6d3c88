package io.netrules.model;

/**
 * Present only in the cluster session. Cluster rules start with {@code ClusterScope()}, node
 * rules with {@code NodeScope($n : name)}, so a rule is never evaluated in the other kind of
 * session (Drools links a rule only when its first pattern has a fact).
 */
public record ClusterScope() {
}
