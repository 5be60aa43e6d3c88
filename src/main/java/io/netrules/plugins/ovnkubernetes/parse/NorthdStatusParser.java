package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;
import io.netrules.model.ToolErrorKind;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovn-appctl -t ovn-northd status}: one line, {@code Status: active} (also {@code standby},
 * {@code paused}). A tool error (northd not running: {@code cannot connect to ...}) marks the
 * input failed; any other line is a warning.
 */
public class NorthdStatusParser implements CommandParser {
    private static final Pattern STATUS = Pattern.compile("^Status:\\s*(\\S+)\\s*$");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        for (Line line : lines) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher m = STATUS.matcher(text);
            if (m.matches()) {
                ctx.emit(new NorthdStatus(ctx.node(), m.group(1).toLowerCase(Locale.ROOT), ctx.source(line)));
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
            ctx.warn(line, "not an ovn-northd status line (expected \"Status: active|standby|paused\")");
        }
    }
}
