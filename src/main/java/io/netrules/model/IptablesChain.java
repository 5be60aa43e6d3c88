package io.netrules.model;

/**
 * A chain of an iptables table. {@code policy} is ACCEPT/DROP for built-in chains and null for
 * user-defined ones ({@code -} in iptables-save).
 */
public record IptablesChain(String node, String table, String chain, String policy, Source source)
        implements NodeFact {
    public boolean builtIn() {
        return policy != null;
    }
}
