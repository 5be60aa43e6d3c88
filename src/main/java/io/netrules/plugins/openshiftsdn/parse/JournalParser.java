package io.netrules.plugins.openshiftsdn.parse;

import io.netrules.model.JournalLine;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the node service journal, {@code journalctl --no-pager --unit origin-node} (files
 * {@code journalctl_--no-pager_--unit_origin-node} and {@code ..._atomic-openshift-node}), into
 * one {@link JournalLine} per log line, streaming (these files can be large):
 *
 * <pre>
 * -- Logs begin at Sun 2015-11-01 20:11:02 UTC, end at Sun 2015-11-01 21:55:31 UTC. --
 * Nov 01 21:55:19 node-1.example.com origin-node[26898]: I1101 21:55:19.412210   26898 controller.go:38] Output of setup script:
 * Nov 01 21:55:19 node-1.example.com origin-node[26898]: + ip link set br0 up
 * Nov 01 21:55:20 node-1.example.com origin-node[26898]: I1101 21:55:20.003112   26898 controller.go:66] Output of adding table=0,cookie=0x0a00000c,tun_src=10.0.0.12,actions=goto_table:1:  (&lt;nil&gt;)
 * -- Reboot --
 * Nov 26 10:00:02 node-1.example.com atomic-openshift-node[1234]: E1126 10:00:02.100233    1234 cni.go:260] Error adding network: ...
 * </pre>
 *
 * <p>The message is the text after the {@code ident[pid]: } prefix (journalctl's short,
 * short-precise, short-iso and short-full timestamps are recognised). A line without that
 * prefix (the indented continuation of a multi-line entry, a cut-off first line) is kept whole.
 * journalctl's own markers ({@code -- Logs begin at ... --}, {@code -- Reboot --},
 * {@code -- No entries --}) and notices are no fact and no warning. A failure printed before any
 * journal line ({@code command not found}, the "not seeing messages from other users" hint of
 * an unprivileged run) is the tool's failure. A line without prefix that holds control
 * characters or undecodable bytes is a warning, not a message.
 */
public final class JournalParser implements CommandParser {
    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final Pattern PREFIX = Pattern.compile("^(?:"
            + MONTH + " [ 0-9]\\d \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?"
            + "|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?"
            + "|[A-Z][a-z]{2} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})? [A-Za-z0-9+/_-]+"
            + ") \\S+ [^\\s\\[]+?(?:\\[\\d+])?:(?: (.*))?$");
    private static final Pattern MARKER = Pattern.compile("^-- .*--$");
    private static final Pattern NOTICE = Pattern.compile(
            "^(No journal files were found\\.|Warning: Journal has been rotated since unit was started\\..*"
                    + "|Users in groups .* can see all messages\\.|Pass -q to turn off this notice\\.)$");
    private static final Pattern BINARY = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F\\uFFFD]");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        final class Run {
            boolean sawEntry = false;

            void line(Line line) {
                String text = line.text().stripTrailing();
                if (text.isBlank()) {
                    return;
                }
                Matcher m = PREFIX.matcher(text);
                if (m.matches()) {
                    sawEntry = true;
                    String message = m.group(1) == null ? "" : m.group(1);
                    ctx.emit(new JournalLine(ctx.node(), line.number(), message, ctx.source(line)));
                    return;
                }
                String stripped = text.strip();
                if (MARKER.matcher(stripped).matches() && !Character.isWhitespace(text.charAt(0))) {
                    return;
                }
                if (!sawEntry) {
                    ToolErrorKind kind = ToolFailures.classify(stripped);
                    if (kind != null) {
                        ctx.toolFailed(kind, line);
                        return;
                    }
                    if (NOTICE.matcher(stripped).matches() || ctx.toolError() != null) {
                        return; // journalctl's notices, or the rest of the failure it printed
                    }
                } else if (NOTICE.matcher(stripped).matches()) {
                    return;
                }
                if (BINARY.matcher(stripped).find()) {
                    ctx.warn(line, "binary data in the journal, not a log line");
                    return;
                }
                ctx.emit(new JournalLine(ctx.node(), line.number(), stripped, ctx.source(line)));
            }
        }
        Run run = new Run();
        ctx.eachLine(lines, "journal line", run::line);
    }
}
