package io.netrules.model;

import java.util.List;

/**
 * What the cluster session knows of a node: its node session's result, not its raw facts.
 * {@code findings} are the keys ({@code ID@node/subject}) of the node's findings,
 * {@code notEvaluated} the IDs that could not be evaluated there; {@code primary} is the
 * node's primary interface, or null when it could not be told, and {@code primaryLink} what
 * ethtool says about it (null when not collected).
 */
public record NodeSummary(String node, List<String> findings, List<String> notEvaluated, PrimaryInterface primary,
                          EthtoolLink primaryLink) {
    public NodeSummary {
        findings = List.copyOf(findings);
        notEvaluated = List.copyOf(notEvaluated);
    }

    public boolean hasFinding(String id) {
        return findings.stream().anyMatch(k -> k.startsWith(id + "@"));
    }
}
