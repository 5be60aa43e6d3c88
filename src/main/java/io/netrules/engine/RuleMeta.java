package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;

/**
 * The metadata of one DRL rule, from its annotations: {@code @id}, {@code @severity},
 * {@code @layer}, {@code @guide}, {@code @scope} (node or cluster) and {@code @requires}
 * (input keys, comma-separated; {@code a|b} means either). Several DRL rules may share an ID
 * (one heuristic, several shapes of evidence). {@code plugin} is the network plugin the rule
 * belongs to (its rules folder, or its {@code @plugin} annotation), null for every plugin.
 */
public record RuleMeta(String ruleName, String id, Severity severity, String layer, String guide, Scope scope,
                       List<List<String>> requires, String file, int line, String plugin) {

    /** Node and cluster rules find problems; links rules only connect findings (root cause over symptom). */
    public enum Scope { NODE, CLUSTER, LINKS }

    public RuleMeta {
        requires = requires == null ? List.of() : requires.stream().map(List::copyOf).toList();
    }

    /** A rule of every network plugin. */
    public RuleMeta(String ruleName, String id, Severity severity, String layer, String guide, Scope scope,
                    List<List<String>> requires, String file, int line) {
        this(ruleName, id, severity, layer, guide, scope, requires, file, line, null);
    }

    /** Whether the rule applies to a cluster of this plugin (a rule of every plugin applies to all). */
    public boolean appliesTo(String pluginId) {
        return plugin == null || plugin.equals(pluginId);
    }
}
