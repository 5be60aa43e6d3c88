package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerConnection;

/**
 * {@code ovn-appctl -t ovn-controller connection-status}: one word, {@code connected} or
 * {@code not connected}. A tool error (ovn-controller not running) marks the input failed; any
 * other line is a warning.
 */
public class OvnControllerConnectionParser extends OvnAppctlStatusParser {
    @Override
    protected boolean status(String text, Line line, ParseContext ctx) {
        if (!text.equals("connected") && !text.equals("not connected")) {
            return false;
        }
        ctx.emit(new OvnControllerConnection(ctx.node(), text.equals("connected"), ctx.source(line)));
        return true;
    }

    @Override
    protected String notAStatus() {
        return "not an ovn-controller connection status (expected \"connected\" or \"not connected\")";
    }
}
