package io.netrules.plugin;

/**
 * Where a plugin's node facts go ({@link NodeExtras#addTo}): the node's session, and the node's
 * record of which inputs were collected, failed or are missing, which decides whether a rule
 * that {@code @requires} them is evaluated.
 */
public interface NodeSink {
    /** A fact of the node's session (filtered like every other: only what some rule can match). */
    void fact(Object fact);

    /** The input was collected from this file (also inserts its {@code Collected} marker). */
    void collected(String input, String file);

    /** The file was there but could not be used. */
    void failed(String input, String file, String reason);

    /** The input is missing for this reason (when no file of the node gives it either). */
    void notCollected(String input, String reason);
}
