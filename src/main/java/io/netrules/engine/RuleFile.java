package io.netrules.engine;

/**
 * A DRL file and the remediation text beside it ({@code NAME.drl} and {@code NAME.md}).
 * {@code display} is how errors name it: {@code rules/common/service/NR-SVC-001.drl} for built-in
 * rules, the path as the user gave it for {@code --rules DIR}. {@code plugin} is the network
 * plugin whose folder holds it (the first folder under the rules root, when it is a plugin's ID:
 * {@code rules/openshift-sdn/...}), or null for a rule of every plugin ({@code common/}, or any
 * other folder); a rule's {@code @plugin} annotation overrides it.
 */
public record RuleFile(String display, String drl, String remediationDisplay, String remediation, String plugin) {

    /** A rule file of every plugin. */
    public RuleFile(String display, String drl, String remediationDisplay, String remediation) {
        this(display, drl, remediationDisplay, remediation, null);
    }
}
