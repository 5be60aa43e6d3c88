package io.netrules.model;

/** A fact that belongs to one node: rules join node facts only on the node of their NodeScope. */
public interface NodeFact extends Sourced {
    String node();
}
