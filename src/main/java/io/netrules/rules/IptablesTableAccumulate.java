package io.netrules.rules;

import io.netrules.model.IptablesRule;
import org.kie.api.runtime.rule.AccumulateFunction;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * DRL accumulate function {@code iptablesTable}: gathers IptablesRule facts into one
 * {@link IptablesTable}. Unlike {@code collectList}, its result is not a collection, so the
 * engine does not turn every rule of the table into evidence; a DRL rule binds the lines that
 * matter afterwards.
 * <pre>
 * import accumulate io.netrules.rules.IptablesTableAccumulate iptablesTable;
 * ...
 * accumulate( $r : IptablesRule(node == $n, table == "filter"); $t : iptablesTable($r) )
 * </pre>
 */
public final class IptablesTableAccumulate implements AccumulateFunction<IptablesTableAccumulate.Context> {

    /** The rules gathered so far (the engine never serializes a live context). */
    public static final class Context implements Serializable {
        private static final long serialVersionUID = 1L;
        transient List<IptablesRule> rules = new ArrayList<>();
    }

    @Override
    public Context createContext() {
        return new Context();
    }

    @Override
    public void init(Context context) {
        context.rules = new ArrayList<>();
    }

    @Override
    public void accumulate(Context context, Object value) {
        if (value instanceof IptablesRule r) {
            context.rules.add(r);
        }
    }

    @Override
    public void reverse(Context context, Object value) {
        context.rules.remove(value);
    }

    @Override
    public Object getResult(Context context) {
        return IptablesTable.of(context.rules);
    }

    @Override
    public boolean supportsReverse() {
        return true;
    }

    @Override
    public Class<?> getResultType() {
        return IptablesTable.class;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
    }

    @Override
    public void readExternal(ObjectInput in) {
    }
}
