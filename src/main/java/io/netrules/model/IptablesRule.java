package io.netrules.model;

import java.util.List;

/**
 * One rule of an iptables table, in chain order ({@code position} counts from 1 within the
 * chain). The common matches are lifted out; {@code args} keeps every token after
 * {@code -A CHAIN}, so nothing the rule says is lost. A negated match keeps its {@code !} in
 * the lifted value (e.g. {@code "!10.128.0.0/14"}). {@code target} is the {@code -j} target
 * (or {@code -g} goto, flagged by {@code goTo}).
 */
public record IptablesRule(String node, String table, String chain, int position, String protocol,
                           String sourceAddr, String destAddr, String inIface, String outIface, String target,
                           boolean goTo, String comment, List<String> args, Source source) implements NodeFact {
    public IptablesRule {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
