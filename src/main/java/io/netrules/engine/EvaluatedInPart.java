package io.netrules.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A rule that ran on part of the namespaces only: a {@code @perNamespace} rule whose namespaced
 * inputs (pods, services...) a must-gather holds whole for the namespaces it inspected, and for no
 * other. What it found is true; what it did not find says nothing about the other namespaces.
 * {@code node}: the node of a node rule, null for a cluster rule or when every node it ran on says
 * the same ({@code nodes} of them); {@code inputs} names the inputs by their capture file;
 * {@code namespaces} the namespaces held whole (sorted).
 */
public record EvaluatedInPart(String id, String node, int nodes, String inputs, SortedSet<String> namespaces,
                              String reason) {
    /** How many namespace names a reason spells out. */
    private static final int NAMES = 8;

    public EvaluatedInPart {
        namespaces = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
    }

    /** The entry of one rule ID in one scope, from the inputs it took held by namespace. */
    static EvaluatedInPart of(String id, String node, Set<String> inputs, InputStates states) {
        TreeSet<String> namespaces = null;
        List<String> files = new ArrayList<>();
        for (String input : inputs) {
            files.add(InputStates.fileName(input));
            SortedSet<String> of = states.state(input).namespaces();
            if (namespaces == null) {
                namespaces = new TreeSet<>(of);
            } else {
                namespaces.retainAll(of);
            }
        }
        namespaces = namespaces == null ? new TreeSet<>() : namespaces;
        return new EvaluatedInPart(id, node, node == null ? 0 : 1, String.join(", ", files), namespaces,
                reason(inputs, namespaces));
    }

    /**
     * "evaluated for the 3 namespaces the must-gather inspected whole (...); the pods of other
     * namespaces were not collected: add ..."
     */
    static String reason(Set<String> inputs, SortedSet<String> namespaces) {
        List<String> names = namespaces.stream().limit(NAMES).toList();
        String list = String.join(", ", names) + (namespaces.size() > NAMES ? " and " + (namespaces.size() - NAMES)
                + " more" : "");
        boolean noApp = namespaces.stream().allMatch(EvaluatedInPart::platformNamespace);
        List<String> kinds = List.copyOf(inputs);
        String kindList = kinds.size() == 1 ? kinds.get(0)
                : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1);
        String whole = kinds.size() == 1 ? "`oc get " + kinds.get(0) + " -A -o json` to the capture as cluster/"
                + kinds.get(0) + ".json" : "`oc get <kind> -A -o json` to the capture as cluster/<kind>.json for each";
        return "evaluated for the " + namespaces.size() + " namespace" + (namespaces.size() == 1 ? "" : "s")
                + " the must-gather inspected whole (" + list + ")" + (noApp ? ", none of them an application's" : "")
                + "; the " + kindList + " of other namespaces were not collected: add `oc adm inspect ns/<namespace>`"
                + " to the must-gather for each application namespace, or " + whole;
    }

    /** OpenShift's and Kubernetes' own namespaces, which a must-gather inspects. */
    private static boolean platformNamespace(String ns) {
        return ns.equals("default") || ns.startsWith("openshift") || ns.startsWith("kube-");
    }

    /**
     * One entry per rule ID where every node it ran on in part says the same (node null, the
     * number of nodes in {@code nodes}); else one per node. Sorted by ID, then node.
     */
    static List<EvaluatedInPart> grouped(List<EvaluatedInPart> entries) {
        Map<String, List<EvaluatedInPart>> byId = new LinkedHashMap<>();
        entries.stream().sorted(ORDER).forEach(e -> byId.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e));
        List<EvaluatedInPart> out = new ArrayList<>();
        for (List<EvaluatedInPart> same : byId.values()) {
            EvaluatedInPart first = same.get(0);
            boolean alike = same.size() > 1 && same.stream().allMatch(e -> e.node() != null
                    && e.inputs().equals(first.inputs()) && e.namespaces().equals(first.namespaces())
                    && e.reason().equals(first.reason()));
            if (alike) {
                out.add(new EvaluatedInPart(first.id(), null, same.size(), first.inputs(), first.namespaces(),
                        first.reason()));
            } else {
                out.addAll(same);
            }
        }
        return out;
    }

    private static final Comparator<EvaluatedInPart> ORDER = Comparator.comparing(EvaluatedInPart::id)
            .thenComparing(e -> e.node() == null ? "" : e.node());
}
