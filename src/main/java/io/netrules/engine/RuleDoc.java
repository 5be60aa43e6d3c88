package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;

/**
 * Everything known about one rule ID: its metadata, its DRL rules and its remediation text.
 * {@code plugin}: the network plugin the ID belongs to, null for every plugin.
 */
public record RuleDoc(String id, Severity severity, String layer, String guide, RuleMeta.Scope scope,
                      List<RuleMeta> rules, RuleText text, String plugin) {

    public RuleDoc(String id, Severity severity, String layer, String guide, RuleMeta.Scope scope,
                   List<RuleMeta> rules, RuleText text) {
        this(id, severity, layer, guide, scope, rules, text, rules.isEmpty() ? null : rules.get(0).plugin());
    }

    /** Whether the ID applies to a cluster of this plugin (an ID of every plugin applies to all). */
    public boolean appliesTo(String pluginId) {
        return plugin == null || plugin.equals(pluginId);
    }

    /** The inputs this ID needs, as written in the first of its DRL rules. */
    public List<List<String>> requires() {
        return rules.get(0).requires();
    }
}
