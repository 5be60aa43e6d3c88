package io.netrules.engine;

import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.drools.base.base.ValueResolver;
import org.drools.base.rule.constraint.AlphaNodeFieldConstraint;
import org.drools.core.common.DefaultFactHandle;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

/**
 * Which facts a KieBase's rules can match at all, read from the compiled network itself: a fact
 * is inserted only when, for some pattern of its type, it passes every constraint of that
 * pattern that reads the fact alone (the alpha constraints: {@code table == "nat"},
 * {@code bridge == "br0"}, {@code inPort != null}, ...). Those constraints are evaluated here
 * exactly as the engine would evaluate them on insert; a fact that fails them for every pattern
 * would reach no join, no {@code not}, no {@code exists} and no accumulate, and would only cost
 * its insert and its memory in every node session. Constraints that join with other facts
 * ({@code node == $n}) are not evaluated: those facts are kept.
 *
 * <p>So a node session gets no Node objects, no Collected markers, no iptables rules of a table
 * no rule reads; and a user's rule ({@code --rules DIR}) on a new type, table or chain makes the
 * network select those facts, and they are inserted. When the network cannot be read (another
 * Drools build), or a constraint fails to evaluate, the fact is inserted, as before.
 */
final class FactFilter {
    /** A way into the network for facts of a type: the alpha constraints on one path to a join or rule. */
    private record Path(AlphaNodeFieldConstraint[] constraints) {
    }

    /** An object type node's type and its paths; an empty constraint array accepts every fact of the type. */
    private record TypePaths(Class<?> type, List<Path> paths) {
    }

    /** For a fact class: the paths of every type it is an instance of; null: accept every fact of it. */
    private final ClassValue<Path[]> byClass = new ClassValue<>() {
        @Override
        protected Path[] computeValue(Class<?> c) {
            List<Path> all = new ArrayList<>();
            for (TypePaths t : types) {
                if (t.type().isAssignableFrom(c)) {
                    for (Path p : t.paths()) {
                        if (p.constraints().length == 0) {
                            return null;
                        }
                        all.add(p);
                    }
                }
            }
            return all.toArray(new Path[0]);
        }
    };
    private final List<TypePaths> types;
    private final boolean everything;

    private FactFilter(List<TypePaths> types, boolean everything) {
        this.types = types;
        this.everything = everything;
    }

    /** A filter that inserts everything (no filtering), for comparisons. */
    static FactFilter none() {
        return new FactFilter(List.of(), true);
    }

    static FactFilter of(KieBase kieBase) {
        List<TypePaths> types = new ArrayList<>();
        try {
            for (ObjectTypeNode otn : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
                ObjectType type = otn.getObjectType();
                if (!(type instanceof ClassObjectType c) || c.getClassType() == null) {
                    return none();
                }
                List<Path> paths = new ArrayList<>();
                ObjectSink[] sinks = otn.getObjectSinkPropagator().getSinks();
                if (sinks.length == 0) {
                    paths.add(new Path(new AlphaNodeFieldConstraint[0]));
                }
                for (ObjectSink sink : sinks) {
                    paths(sink, new ArrayList<>(), paths);
                }
                types.add(new TypePaths(c.getClassType(), List.copyOf(paths)));
            }
        } catch (RuntimeException | LinkageError e) {
            // Another Drools build or an unexpected KieBase: insert everything, as before.
            return none();
        }
        return new FactFilter(List.copyOf(types), false);
    }

    /** Follows alpha nodes down to whatever is not one (a join's input, a rule's left input...). */
    private static void paths(ObjectSink sink, List<AlphaNodeFieldConstraint> above, List<Path> out) {
        if (sink instanceof AlphaNode alpha) {
            above.add(alpha.getConstraint());
            ObjectSink[] below = alpha.getObjectSinkPropagator().getSinks();
            for (ObjectSink s : below) {
                paths(s, above, out);
            }
            above.remove(above.size() - 1);
        } else {
            out.add(new Path(above.toArray(new AlphaNodeFieldConstraint[0])));
        }
    }

    /**
     * Whether some pattern can match the fact, as far as the fact alone can tell. {@code session}
     * is the session it would go into: constraints that read a global read it there.
     */
    boolean accepts(Object fact, KieSession session) {
        if (fact == null) {
            return false;
        }
        if (everything) {
            return true;
        }
        Path[] paths = byClass.get(fact.getClass());
        if (paths == null) {
            return true;
        }
        if (paths.length == 0) {
            return false;
        }
        DefaultFactHandle handle = new DefaultFactHandle(0, fact);
        ValueResolver resolver = session instanceof ValueResolver v ? v : null;
        for (Path p : paths) {
            if (passes(p, handle, resolver)) {
                return true;
            }
        }
        return false;
    }

    private static boolean passes(Path path, DefaultFactHandle handle, ValueResolver resolver) {
        for (AlphaNodeFieldConstraint c : path.constraints()) {
            try {
                if (!c.isAllowed(handle, resolver)) {
                    return false;
                }
            } catch (RuntimeException e) {
                // The engine would meet the same constraint on insert: let it decide (and fail) there.
                return true;
            }
        }
        return true;
    }
}
