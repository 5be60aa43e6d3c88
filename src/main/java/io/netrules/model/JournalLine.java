package io.netrules.model;

/** One line of the node service journal (or the openshift-sdn pod log), message text only. */
public record JournalLine(String node, int lineNo, String message, Source source) implements NodeFact {
}
