package io.netrules.engine;

import io.netrules.model.Severity;

import java.util.List;

/** Everything known about one rule ID: its metadata, its DRL rules and its remediation text. */
public record RuleDoc(String id, Severity severity, String layer, String guide, RuleMeta.Scope scope,
                      List<RuleMeta> rules, RuleText text) {

    /** The inputs this ID needs, as written in the first of its DRL rules. */
    public List<List<String>> requires() {
        return rules.get(0).requires();
    }
}
