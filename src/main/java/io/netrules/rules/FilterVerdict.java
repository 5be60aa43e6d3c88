package io.netrules.rules;

import io.netrules.model.IptablesRule;

import java.util.List;

/**
 * What the filter walk decided for a packet class. {@code verdict} is the deciding target
 * (ACCEPT, DROP, REJECT, QUEUE) with {@code rule} the rule that decided; or {@code POLICY} when
 * the walk reached the end of the built-in chain {@code chain}, whose policy then decides (the
 * walk does not read chain policies: the DRL binds the chain's fact). {@code path} is the chain
 * stack at the decision, from the built-in chain to the deciding rule's chain. {@code notes}
 * lists the rules the walk passed over because it could not say they match the whole class
 * (a port, part of the address range, an unknown module), in walk order.
 */
public record FilterVerdict(String verdict, IptablesRule rule, String chain, List<String> path, List<String> notes) {
    public static final String POLICY = "POLICY";

    public FilterVerdict {
        path = path == null ? List.of() : List.copyOf(path);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A rule's DROP or REJECT (or TARPIT) decided: the packet class is blocked. */
    public boolean blocking() {
        return rule != null && ("DROP".equals(verdict) || "REJECT".equals(verdict) || "TARPIT".equals(verdict));
    }

    /** No rule decided: the built-in chain's policy does. */
    public boolean reachedPolicy() {
        return POLICY.equals(verdict);
    }

    /** The chain stack as text: {@code FORWARD -> OPENSHIFT-FIREWALL-FORWARD}. */
    public String pathText() {
        return String.join(" -> ", path);
    }

    /** Where it was decided, in words: {@code rule 1 of FORWARD} or {@code the FORWARD policy}. */
    public String decidedAt() {
        return rule != null ? "rule " + rule.position() + " of " + rule.chain() : "the " + chain + " policy";
    }

    /** The notes as text for a report: at most five, then how many more; "none" when empty. */
    public String notesText() {
        if (notes.isEmpty()) {
            return "none";
        }
        List<String> shown = notes.size() > 5 ? notes.subList(0, 5) : notes;
        String text = String.join("; ", shown);
        return notes.size() > 5 ? text + "; and " + (notes.size() - 5) + " more" : text;
    }
}
