package io.netrules.plugin;

import io.netrules.model.ParseWarning;

/**
 * Where a network plugin's cluster facts go ({@link NetworkPlugin#clusterFacts}): which sessions
 * get each fact, and the state of the inputs it derives. Every fact also reaches the cluster
 * session.
 */
public interface ClusterFactSink {

    /** A fact for every session: each node's and the cluster's (cluster-wide settings, every node's identity). */
    void everySession(Object fact);

    /** A fact of one node: that node's session, and the cluster session. */
    void nodeSession(String node, Object fact);

    /**
     * Facts of each node computed when its session is built, for that session only: per node
     * facts of cluster size (N nodes × S services) are never all held at once.
     */
    void perNode(java.util.function.Function<String, java.util.List<?>> factsOfNode);

    /** A fact for the cluster session only. */
    void clusterSession(Object fact);

    /** A cluster-scope input the plugin derived was collected, from this file. */
    void collected(String input, String file);

    /** A cluster-scope input the plugin derives could not be derived, and why. */
    void notCollected(String input, String why);

    /** A node-scope input the plugin derives from cluster objects was collected for this node. */
    void nodeCollected(String node, String input, String file);

    /** A node-scope input the plugin derives could not be derived for this node, and why. */
    void nodeNotCollected(String node, String input, String why);

    /** A problem with what was read (file and line). */
    void warning(ParseWarning warning);
}
