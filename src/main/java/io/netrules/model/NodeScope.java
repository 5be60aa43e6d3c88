package io.netrules.model;

/**
 * The node a session evaluates. Node rules bind {@code NodeScope($n : name)} and join every
 * node fact on {@code node == $n}, so a rule never mixes the facts of two nodes.
 */
public record NodeScope(String name) {
}
