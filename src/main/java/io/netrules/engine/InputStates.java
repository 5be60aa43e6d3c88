package io.netrules.engine;

import io.netrules.capture.ClusterInputs;
import io.netrules.capture.FactSources;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What happened to each input of one scope: collected (and from which file), collected but the
 * tool failed, or not collected (with the reason capture.json gives, if any). This is what
 * decides whether a rule is evaluated, and what a "not evaluated" line says.
 *
 * <p>{@code BY_NAMESPACE}: a namespaced kind held whole for some namespaces only (a must-gather's
 * pods, services... of the namespaces it inspected). It is not {@link #ok}: a rule runs on it only
 * when it says it is sound on part of the namespaces ({@code @perNamespace}, {@link #okPerNamespace});
 * for every other rule it reads as not collected, with the same reason as before.
 */
final class InputStates {
    enum Status { COLLECTED, FAILED, INCOMPLETE, NOT_COLLECTED, BY_NAMESPACE }

    /** {@code namespaces}: for BY_NAMESPACE, the namespaces held whole (sorted); else empty. */
    record State(Status status, String file, String reason, SortedSet<String> namespaces) {
        State(Status status, String file, String reason) {
            this(status, file, reason, java.util.Collections.emptySortedSet());
        }
    }

    private final Map<String, State> states = new LinkedHashMap<>();
    private final Map<String, String> notCollectedReasons = new HashMap<>();
    private final InputStates parent;
    private String nodeInputsReason;

    InputStates(InputStates parent) {
        this.parent = parent;
    }

    void collected(String input, String file) {
        State old = states.get(input);
        if (old == null || (old.status() != Status.COLLECTED && old.status() != Status.INCOMPLETE)) {
            states.put(input, new State(Status.COLLECTED, file, null));
        }
    }

    /**
     * A file of this input was cut short. It outweighs every other file of the input, whatever
     * the order they were read in: one cut ping file is enough for "a peer did not answer" to be
     * unknowable.
     */
    void incomplete(String input, String file, String reason) {
        State old = states.get(input);
        if (old == null || old.status() != Status.INCOMPLETE || file.compareTo(old.file()) < 0) {
            states.put(input, new State(Status.INCOMPLETE, file, reason));
        }
    }

    void failed(String input, String file, String reason) {
        states.putIfAbsent(input, new State(Status.FAILED, file, reason));
    }

    /**
     * The input's objects are whole for these namespaces only; {@code why} says what is missing
     * for the others and what to add (as a not-collected reason would). An input already known
     * otherwise (collected, failed, incomplete) keeps that.
     */
    void byNamespace(String input, Set<String> namespaces, String where, String why) {
        states.putIfAbsent(input, new State(Status.BY_NAMESPACE, where, why,
                java.util.Collections.unmodifiableSortedSet(new TreeSet<>(namespaces))));
    }

    void notCollectedReason(String input, String why) {
        notCollectedReasons.putIfAbsent(input, why);
    }

    /**
     * Why every node input not otherwise explained is missing (a must-gather without the node's
     * own folder holds no node network state).
     */
    void nodeInputsNotCollected(String why) {
        nodeInputsReason = why;
    }

    State state(String input) {
        State s = states.get(input);
        if (s == null && parent != null) {
            s = parent.states.get(input);
        }
        if (s != null) {
            return s;
        }
        String why = notCollectedReasons.get(input);
        if (why == null && parent != null) {
            why = parent.notCollectedReasons.get(input);
        }
        if (why == null && nodeInputsReason != null && !ClusterInputs.isClusterInput(input)
                && !ClusterInputs.POD_LOGS.equals(input) && !RuleBase.PRIMARY_INTERFACE.equals(input)) {
            why = nodeInputsReason;
        }
        return new State(Status.NOT_COLLECTED, null, why);
    }

    boolean ok(String input) {
        return state(input).status() == Status.COLLECTED;
    }

    /** Whether a rule that is sound on part of the namespaces can use this input: collected, or whole for some. */
    boolean okPerNamespace(String input) {
        Status s = state(input).status();
        return s == Status.COLLECTED || s == Status.BY_NAMESPACE;
    }

    /** Whether the input is held whole for some namespaces only. */
    boolean byNamespace(String input) {
        return state(input).status() == Status.BY_NAMESPACE;
    }

    /** The file that gave this input, for evidence of an absence. */
    String file(String input) {
        State s = state(input);
        return s.file() != null && s.status() != Status.BY_NAMESPACE ? s.file() : fileName(input);
    }

    static String fileName(String input) {
        if (ClusterInputs.isClusterInput(input)) {
            return ClusterInputs.fileName(input);
        }
        if (RuleBase.PRIMARY_INTERFACE.equals(input)) {
            return "primary interface";
        }
        if (RuleBase.CLUSTER_MTU.equals(input)) {
            return ClusterInputs.fileName(ClusterInputs.CLUSTERNETWORKS) + " (mtu)";
        }
        if (ClusterInputs.POD_LOGS.equals(input)) {
            return ClusterInputs.POD_LOGS_FILE;
        }
        return FactSources.preferredFileName(input);
    }

    /** Why an input is missing, for people. */
    String reason(String input) {
        State s = state(input);
        return switch (s.status()) {
            case COLLECTED -> "collected";
            case FAILED -> "the tool failed: " + s.reason();
            case INCOMPLETE -> "incomplete: " + s.reason();
            // As before BY_NAMESPACE existed: for a rule that needs the whole kind, it is not collected.
            case BY_NAMESPACE -> s.reason() != null ? "not collected: " + s.reason() : "not collected";
            case NOT_COLLECTED -> {
                if (RuleBase.PRIMARY_INTERFACE.equals(input)) {
                    yield "cannot tell the primary interface (needs the node's InternalIP from cluster/nodes.json"
                            + " or its HostSubnet hostIP, and the node's ip address listing)";
                }
                yield s.reason() != null ? "not collected: " + s.reason() : "not collected";
            }
        };
    }
}
