package io.netrules.rules;

import io.netrules.model.IptablesRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules of one iptables table of one node, chain by chain in rule order: what the filter
 * walk ({@link FilterWalk}) and the kube-proxy NAT checks read. The engine inserts one per node
 * and table (filter, nat, mangle, raw, security, and any other the node's rules name), built from
 * every {@code IptablesRule} the node's files gave, so a rule matches
 * {@code $t : IptablesTable(node == $n, name == "nat")} instead of tens of thousands of rule facts
 * (kube-proxy writes about fifteen a service on every node); a table without rules is there,
 * empty. The {@code iptablesTable} accumulate function ({@link IptablesTableAccumulate}) builds
 * the same from IptablesRule facts, for a rule that wants only some of them. Either way the table
 * is not itself evidence: only the rule lines a DRL rule binds afterwards (the deciding rule, the
 * service's NAT rules) become evidence.
 */
public final class IptablesTable {
    /** The tables the engine always inserts, empty when a node has no rule in them. */
    public static final java.util.List<String> STANDARD_TABLES = java.util.List.of("filter", "nat", "mangle", "raw",
            "security");

    private final String node;
    private final String name;
    /** How deep the NAT helpers follow jumps (KUBE-SERVICES → KUBE-SVC → KUBE-SEP is 2). */
    private static final int NAT_DEPTH = 8;

    private final Map<String, List<IptablesRule>> byChain;
    /** Each rule's tokens read once, however many packets or services ask (built lazily). */
    private final Map<IptablesRule, RuleSpec> specs = new IdentityHashMap<>();
    /** KUBE-SERVICES jumps to KUBE-SVC chains by "clusterIP/32 proto port" (built lazily). */
    private Map<String, IptablesRule> serviceRules;

    private IptablesTable(String node, String name, Map<String, List<IptablesRule>> byChain) {
        this.node = node;
        this.name = name;
        this.byChain = byChain;
    }

    /** The node, or null for a table built by the accumulate function. */
    public String node() {
        return node;
    }

    /** The table's name ({@code filter}, {@code nat}...), or null for a table built by the accumulate function. */
    public String name() {
        return name;
    }

    /** The rule's tokens read back into matches and target. */
    RuleSpec spec(IptablesRule rule) {
        return specs.computeIfAbsent(rule, r -> RuleSpec.parse(r.args()));
    }

    /** The rules given (of one table of one node), grouped by chain and sorted by position. */
    public static IptablesTable of(Collection<IptablesRule> rules) {
        return of(null, null, rules);
    }

    /** The table {@code name} of a node, from its rules (all of that table and node), in file order. */
    public static IptablesTable of(String node, String name, Collection<IptablesRule> rules) {
        Map<String, List<IptablesRule>> byChain = new LinkedHashMap<>();
        for (IptablesRule r : rules) {
            byChain.computeIfAbsent(r.chain(), k -> new ArrayList<>()).add(r);
        }
        for (List<IptablesRule> chain : byChain.values()) {
            // A parser gives a chain's rules in order: sort only when they are not.
            for (int i = 1; i < chain.size(); i++) {
                if (chain.get(i - 1).position() > chain.get(i).position()) {
                    chain.sort(Comparator.comparingInt(IptablesRule::position));
                    break;
                }
            }
        }
        return new IptablesTable(node, name, byChain);
    }

    /** The rules of a chain in order; empty when the chain has none. */
    public List<IptablesRule> chain(String name) {
        return byChain.getOrDefault(name, List.of());
    }

    /** True when some rule belongs to the chain (a jump target with rules is a user chain). */
    public boolean hasRules(String chain) {
        return byChain.containsKey(chain);
    }

    @Override
    public String toString() {
        return "IptablesTable[node=" + node + ", name=" + name + ", rules=" + size() + "]";
    }

    public int size() {
        return byChain.values().stream().mapToInt(List::size).sum();
    }

    /** The filter walk of FORWARD for one packet class (see {@link FilterWalk}). */
    public FilterVerdict walkForward(FilterPacket packet) {
        return FilterWalk.walk(this, "FORWARD", packet);
    }

    // ---- kube-proxy (nat table) ----

    /**
     * The KUBE-SERVICES rule kube-proxy writes for a service port's cluster IP:
     * {@code -d <clusterIP>/32 -p <proto> ... --dport <port> -j KUBE-SVC-...}; null when there is
     * none. The KUBE-MARK-MASQ companion rule (same match, {@code ! -s <cluster network>}) does
     * not count: it only marks.
     */
    public IptablesRule serviceRule(String clusterIP, int port, String protocol) {
        if (clusterIP == null || protocol == null) {
            return null;
        }
        if (serviceRules == null) {
            serviceRules = new HashMap<>();
            for (IptablesRule r : chain("KUBE-SERVICES")) {
                if (r.destAddr() == null || r.destAddr().startsWith("!") || r.protocol() == null
                        || r.target() == null || !r.target().startsWith("KUBE-SVC-")) {
                    continue;
                }
                String dport = spec(r).moduleOption("--dport", "--destination-port");
                if (dport != null) {
                    serviceRules.putIfAbsent(r.destAddr() + " " + r.protocol() + " " + dport, r);
                }
            }
        }
        return serviceRules.get(clusterIP + "/32 " + protocol.toLowerCase(Locale.ROOT) + " " + port);
    }

    /** The DNAT rules reachable from a chain (a KUBE-SVC chain: its KUBE-SEP chains' DNATs). */
    public List<IptablesRule> dnatRules(String chain) {
        List<IptablesRule> out = new ArrayList<>();
        collectDnat(chain, 0, new HashSet<>(), out);
        return out;
    }

    private void collectDnat(String chain, int depth, Set<String> seen, List<IptablesRule> out) {
        if (chain == null || depth > NAT_DEPTH || !seen.add(chain)) {
            return;
        }
        for (IptablesRule r : chain(chain)) {
            if ("DNAT".equals(r.target())) {
                out.add(r);
            } else if (r.target() != null && hasRules(r.target())) {
                collectDnat(r.target(), depth + 1, seen, out);
            }
        }
    }

    /** The {@code --to-destination} values (ip:port) of the DNAT rules reachable from a chain, sorted. */
    public SortedSet<String> dnatDestinations(String chain) {
        SortedSet<String> out = new TreeSet<>();
        for (IptablesRule r : dnatRules(chain)) {
            String to = spec(r).targetOption("--to-destination");
            if (to != null) {
                out.add(to);
            }
        }
        return out;
    }
}
