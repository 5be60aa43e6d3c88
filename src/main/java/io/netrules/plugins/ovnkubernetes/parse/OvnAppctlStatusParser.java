package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

/**
 * The shape of a one-line {@code ovn-appctl -t <daemon> <status command>} output: blank lines
 * are skipped, each line the subclass recognises gives a fact, a tool error (the daemon not
 * running: {@code cannot connect to ...}) marks the input failed and ends the parse, and any
 * other line is a warning that says what was expected.
 */
abstract class OvnAppctlStatusParser implements CommandParser {
    /** Emits the fact of a status line (stripped, not blank) and says true, or says false when it is none. */
    protected abstract boolean status(String text, Line line, ParseContext ctx);

    /** The warning for a line that is neither a status nor a tool error. */
    protected abstract String notAStatus();

    @Override
    public final void parse(Iterable<Line> lines, ParseContext ctx) {
        for (Line line : lines) {
            String text = line.text().strip();
            if (text.isEmpty() || status(text, line, ctx)) {
                continue;
            }
            ToolErrorKind failure = ToolFailures.classify(text);
            if (failure == null && (text.contains("cannot connect to") || text.contains("failed to connect to"))) {
                // ovn-appctl: the daemon's control socket is not there (the daemon is not running).
                failure = ToolErrorKind.OTHER;
            }
            if (failure != null) {
                ctx.toolFailed(failure, line);
                return;
            }
            ctx.warn(line, notAStatus());
        }
    }
}
