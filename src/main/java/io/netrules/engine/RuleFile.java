package io.netrules.engine;

/**
 * A DRL file and the remediation text beside it ({@code NAME.drl} and {@code NAME.md}).
 * {@code display} is how errors name it: {@code rules/ovs/NR-OVS-005.drl} for built-in rules,
 * the path as the user gave it for {@code --rules DIR}.
 */
public record RuleFile(String display, String drl, String remediationDisplay, String remediation) {
}
