package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ToolFailures;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerConnection;

/**
 * {@code ovn-appctl -t ovn-controller connection-status}: one word, {@code connected} or
 * {@code not connected}. A tool error (ovn-controller not running) marks the input failed; any
 * other line is a warning.
 */
public class OvnControllerConnectionParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        for (Line line : lines) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equals("connected") || text.equals("not connected")) {
                ctx.emit(new OvnControllerConnection(ctx.node(), text.equals("connected"), ctx.source(line)));
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
            ctx.warn(line, "not an ovn-controller connection status (expected \"connected\" or \"not connected\")");
        }
    }
}
