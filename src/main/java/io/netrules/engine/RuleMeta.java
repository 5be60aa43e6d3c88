package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;

/**
 * The metadata of one DRL rule, from its annotations: {@code @id}, {@code @severity},
 * {@code @layer}, {@code @guide}, {@code @scope} (node or cluster) and {@code @requires}
 * (input keys, comma-separated; {@code a|b} means either). Several DRL rules may share an ID
 * (one heuristic, several shapes of evidence).
 */
public record RuleMeta(String ruleName, String id, Severity severity, String layer, String guide, Scope scope,
                       List<List<String>> requires, String file, int line) {

    /** Node and cluster rules find problems; links rules only connect findings (root cause over symptom). */
    public enum Scope { NODE, CLUSTER, LINKS }

    public RuleMeta {
        requires = requires == null ? List.of() : requires.stream().map(List::copyOf).toList();
    }
}
