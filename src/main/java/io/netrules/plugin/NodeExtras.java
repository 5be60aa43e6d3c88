package io.netrules.plugin;

import java.util.List;

/**
 * What a network plugin adds to each node's session from outside that node's own files (a
 * must-gather's database archive, a cluster-level database split by node, small facts about the
 * other nodes), prepared once per capture by {@link NetworkPlugin#nodeExtras}. {@link #addTo} is
 * called from the node sessions' threads, one call per node, possibly in parallel.
 */
public interface NodeExtras {
    /** Nothing to add (openshift-sdn, and any plugin that does not need it). */
    NodeExtras NONE = new NodeExtras() {
        @Override
        public void addTo(String node, NodeSink sink) {
        }
    };

    /** Adds the node's facts and input markers. */
    void addTo(String node, NodeSink sink);

    /** Facts of every node the cluster session also holds (the same objects every node session gets). */
    default List<Object> clusterFacts() {
        return List.of();
    }
}
