package io.netrules.parse.ovs;

import io.netrules.model.OvsBridge;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

/**
 * Reads {@code ovs-vsctl -t 5 list-br} (also {@code ovs-vsctl list-br}): one bridge name a line,
 * unquoted. Emits one {@link OvsBridge} a line. An empty file is a valid "no bridges". When
 * OVS is not running the file holds the tool's failure instead, which is reported through
 * {@link ParseContext#toolFailed}:
 * <pre>
 * br0
 * </pre>
 * <pre>
 * ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)
 * </pre>
 */
public final class OvsListBrParser implements CommandParser {

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        final class Run {
            OvsText.Failures failures = new OvsText.Failures(ctx, "ovs-vsctl");

            void line(Line line) {
                String t = line.text().strip();
                if (t.isEmpty()) {
                    return;
                }
                if (isBridgeName(t)) {
                    ctx.emit(new OvsBridge(ctx.node(), t, ctx.source(line)));
                } else if (!failures.offer(line, t)) {
                    ctx.warn(line, "not a bridge name");
                }
            }
        }
        Run run = new Run();
        ctx.eachLine(lines, "list-br line", run::line);
        run.failures.finish();
    }

    /** A bridge name as list-br prints it: one word of printable ASCII, no quotes or slashes. */
    static boolean isBridgeName(String t) {
        if (t.length() > 255) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == '/' || c == '\\') {
                return false;
            }
        }
        // "ovs-vsctl:" alone (a truncated failure) is not a name either.
        return !t.endsWith(":");
    }
}
