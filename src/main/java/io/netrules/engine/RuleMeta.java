package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;

/**
 * The metadata of one DRL rule, from its annotations: {@code @id}, {@code @severity},
 * {@code @layer}, {@code @guide}, {@code @scope} (node or cluster) and {@code @requires}
 * (input keys, comma-separated; {@code a|b} means either). Several DRL rules may share an ID
 * (one heuristic, several shapes of evidence). {@code plugin} is the network plugin the rule
 * belongs to (its rules folder, or its {@code @plugin} annotation), null for every plugin.
 * {@code perNamespace} ({@code @perNamespace}): the rule is sound when its namespaced inputs
 * (pods, services, endpointslices, events, egressfirewalls...) are whole for some namespaces only,
 * as a must-gather holds them: every conclusion is about an object that is present, never drawn
 * from the absence of a namespaced object. Such a rule runs on a must-gather's inspected
 * namespaces, and the report says it was evaluated in part.
 */
public record RuleMeta(String ruleName, String id, Severity severity, String layer, String guide, Scope scope,
                       List<List<String>> requires, String file, int line, String plugin, boolean perNamespace) {

    /** Node and cluster rules find problems; links rules only connect findings (root cause over symptom). */
    public enum Scope { NODE, CLUSTER, LINKS }

    public RuleMeta {
        requires = requires == null ? List.of() : requires.stream().map(List::copyOf).toList();
    }

    /** A rule that needs its inputs whole. */
    public RuleMeta(String ruleName, String id, Severity severity, String layer, String guide, Scope scope,
                    List<List<String>> requires, String file, int line, String plugin) {
        this(ruleName, id, severity, layer, guide, scope, requires, file, line, plugin, false);
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
