package io.netrules.engine;

import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;

import java.util.ArrayList;
import java.util.List;

/**
 * Which facts a KieBase's rules can match at all: those whose class is, or extends, the type of
 * some pattern. A node session is fed every cluster object a node rule might need and every fact
 * its files give; a fact of a type no rule names (a Node object in a node session, the Collected
 * markers, journal lines while no rule reads them) would cost an insert and its memory in every one
 * of up to 2000 sessions and change nothing, so it is not inserted. The types come from the
 * compiled network itself (its object type nodes), so a user's rule that names a new type gets
 * those facts; when the network cannot be read, everything passes.
 */
final class FactFilter {
    private final List<Class<?>> types;
    private final ClassValue<Boolean> accepted = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> t : types) {
                if (t.isAssignableFrom(type)) {
                    return true;
                }
            }
            return false;
        }
    };

    private FactFilter(List<Class<?>> types) {
        this.types = types;
    }

    static FactFilter of(KieBase kieBase) {
        List<Class<?>> types = new ArrayList<>();
        try {
            for (ObjectTypeNode otn : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
                ObjectType type = otn.getObjectType();
                if (!(type instanceof ClassObjectType c) || c.getClassType() == null) {
                    return new FactFilter(List.of(Object.class));
                }
                types.add(c.getClassType());
            }
        } catch (RuntimeException | LinkageError e) {
            // Another Drools build or an unexpected KieBase: insert everything, as before.
            return new FactFilter(List.of(Object.class));
        }
        return new FactFilter(List.copyOf(types));
    }

    boolean accepts(Object fact) {
        return fact != null && accepted.get(fact.getClass());
    }
}
