package io.netrules.model;

/**
 * Present only in the links session, which runs after every node and cluster session and holds
 * their findings. Root-cause link rules start with {@code LinkScope()}.
 */
public record LinkScope() {
}
