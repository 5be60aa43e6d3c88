package io.netrules.plugins.openshiftsdn.rules;

import org.kie.api.runtime.rule.AccumulateFunction;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * DRL accumulate function {@code sdnLog}: gathers a node's log lines ({@code JournalLine},
 * {@code PodLogLine}) into one {@link SdnLogScan}. Its result is not a collection, so the
 * engine does not turn every line of the log into evidence; the rule binds the
 * {@link SdnLogHit#evidence()} of what the scan found.
 * <pre>
 * import accumulate io.netrules.plugins.openshiftsdn.rules.SdnLogAccumulate sdnLog;
 * ...
 * accumulate( $l : JournalLine(node == $n); $scan : sdnLog($l) )
 * $h : SdnLogHit($ev : evidence) from $scan.setupScriptErrors()
 * </pre>
 */
public final class SdnLogAccumulate implements AccumulateFunction<SdnLogAccumulate.Context> {

    /** The lines gathered so far (the engine never serializes a live context). */
    public static final class Context implements Serializable {
        private static final long serialVersionUID = 1L;
        transient List<Object> lines = new ArrayList<>();
        transient SdnLogScan scan;
    }

    @Override
    public Context createContext() {
        return new Context();
    }

    @Override
    public void init(Context context) {
        context.lines = new ArrayList<>();
        context.scan = null;
    }

    @Override
    public void accumulate(Context context, Object value) {
        context.lines.add(value);
        context.scan = null;
    }

    @Override
    public void reverse(Context context, Object value) {
        context.lines.remove(value);
        context.scan = null;
    }

    @Override
    public Object getResult(Context context) {
        if (context.scan == null) {
            context.scan = SdnLogScan.of(context.lines);
        }
        return context.scan;
    }

    @Override
    public boolean supportsReverse() {
        return true;
    }

    @Override
    public Class<?> getResultType() {
        return SdnLogScan.class;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
    }

    @Override
    public void readExternal(ObjectInput in) {
    }
}
