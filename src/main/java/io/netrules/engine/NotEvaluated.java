package io.netrules.engine;

/**
 * A rule that could not be evaluated for a scope (node, or null for the cluster) because an
 * input it needs is missing. {@code missing} names the inputs by their capture file;
 * {@code reason} says why (not collected, the tool failed, what capture.json recorded).
 */
public record NotEvaluated(String id, String node, String missing, String reason) {
}
