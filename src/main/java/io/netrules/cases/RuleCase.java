package io.netrules.cases;

import java.util.List;
import java.util.Map;

/**
 * One test case of a rule, as data: a capture (a base sample plus changes, or files alone) and
 * what the rule must report on it.
 *
 * @param base         a sample capture to start from (folder name under facts-samples/, or a
 *                     path relative to the cases file), or null to start empty
 * @param delete       capture-relative paths to remove
 * @param files        capture-relative paths to write, with their whole content
 * @param patch        capture-relative path to line edits: each {@code find} must occur in the file
 * @param expect       the findings of this rule, each {@code node} and/or {@code subject}, and
 *                     optionally {@code explainedBy}: the IDs of the findings that must be linked
 *                     as its root cause; an empty list means the rule must stay quiet (a near miss)
 * @param notEvaluated the scopes (node names, or "cluster") where the rule must report itself
 *                     not evaluated; null means "not checked"
 */
public record RuleCase(String file, String rule, String name, String base, List<String> delete,
                       Map<String, String> files, Map<String, List<Edit>> patch, List<Expected> expect,
                       List<String> notEvaluated) {

    public record Edit(String find, String replace) {
    }

    public record Expected(String node, String subject, List<String> explainedBy) {
        public Expected {
            explainedBy = explainedBy == null ? null : List.copyOf(explainedBy);
        }
    }

    /** A case that fires expects at least one finding; a near miss expects none. */
    public boolean fires() {
        return !expect.isEmpty();
    }
}
