package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovn-appctl -t ovn-northd status}: one line, {@code Status: active} (also {@code standby},
 * {@code paused}). A tool error (northd not running: {@code cannot connect to ...}) marks the
 * input failed; any other line is a warning.
 */
public class NorthdStatusParser extends OvnAppctlStatusParser {
    private static final Pattern STATUS = Pattern.compile("^Status:\\s*(\\S+)\\s*$");

    @Override
    protected boolean status(String text, Line line, ParseContext ctx) {
        Matcher m = STATUS.matcher(text);
        if (!m.matches()) {
            return false;
        }
        ctx.emit(new NorthdStatus(ctx.node(), m.group(1).toLowerCase(Locale.ROOT), ctx.source(line)));
        return true;
    }

    @Override
    protected String notAStatus() {
        return "not an ovn-northd status line (expected \"Status: active|standby|paused\")";
    }
}
