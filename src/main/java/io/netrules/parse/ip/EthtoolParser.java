package io.netrules.parse.ip;

import io.netrules.model.EthtoolLink;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ethtool <iface>} ({@code ethtool_<iface>}; {@link ParseContext#detail()} is the
 * interface).
 * <pre>
 * Settings for eth0:
 * 	Supported ports: [ ]
 * 	Supported link modes:   Not reported
 * 	Speed: Unknown!
 * 	Duplex: Unknown! (255)
 * 	Port: Other
 * 	Auto-negotiation: off
 * 	Link detected: yes
 * </pre>
 * Emits one {@link EthtoolLink} per {@code Settings for} block: speed in Mb/s (null for
 * {@code Unknown!}, as virtio prints), duplex {@code Full}/{@code Half} (null for
 * {@code Unknown! (255)}), link detected (null when there is no {@code Link detected:} line, as
 * when ethtool runs without privileges — never false for that), auto-negotiation as printed.
 * Its Source text sums up speed, duplex and link as printed, at the line of
 * {@code Link detected:} if present, else of the header. The {@code Cannot get ...:} lines
 * ethtool prints among its output are quiet; when the file has no settings at all and only such
 * lines ({@code Cannot get device settings: No such device}, {@code No data available},
 * {@code netlink error: ...}), the tool failed.
 */
public class EthtoolParser implements CommandParser {
    private static final Pattern HEADER = Pattern.compile("^Settings for (\\S+?):$");
    private static final Pattern SPEED = Pattern.compile("^(\\d+)\\s*Mb/s$");
    private static final Pattern FAILURE = Pattern.compile(
            "^(Cannot [^:]+: .*|No data available|netlink error: .*|Operation not supported|No such device)$");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][^:]*):\\s*(.*)$");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        final class Run {
            Block block = null;
            Line failureLine = null;
            ToolErrorKind failureKind = null;
            boolean sawSettings = false;

            void line(Line line) {
                String raw = line.text();
                String text = raw.strip();
                if (text.isEmpty()) {
                    return;
                }
                if (!IpText.isText(text)) {
                    ctx.warn(line, "unreadable bytes in ethtool output");
                    return;
                }
                Matcher header = HEADER.matcher(text);
                if (header.matches()) {
                    sawSettings |= finish(block, ctx);
                    block = new Block(header.group(1), line);
                    return;
                }
                ToolErrorKind failure = FAILURE.matcher(text).matches() ? ToolErrorKind.OTHER : null;
                ToolErrorKind classified = IpText.failureKind(text);
                if (classified != null) {
                    failure = classified;
                }
                if (failure != null) {
                    if (failureLine == null) {
                        failureLine = line;
                        failureKind = failure;
                    }
                    return;
                }
                if (block == null) {
                    ctx.warn(line, "not part of an ethtool Settings block");
                    return;
                }
                Matcher field = FIELD.matcher(text);
                if (field.matches()) {
                    block.field(field.group(1).strip(), field.group(2).strip(), line, ctx);
                } else if (!IpText.indented(raw)) {
                    ctx.warn(line, "unexpected line in ethtool Settings block");
                }
                // an indented line without a colon continues a list (link modes, message level)
            }
        }
        Run run = new Run();
        ctx.eachLine(lines, "ethtool line", run::line);
        run.sawSettings |= finish(run.block, ctx);
        if (!run.sawSettings && run.failureLine != null) {
            ctx.toolFailed(run.failureKind, run.failureLine);
        } else if (run.block != null && run.block.fields == 0) {
            ctx.warn(run.block.header, "ethtool Settings block holds no settings");
        }
    }

    /** Emits the block's EthtoolLink when it holds settings; true when it did. */
    private static boolean finish(Block block, ParseContext ctx) {
        if (block == null) {
            return false;
        }
        if (block.fields == 0) {
            return false;
        }
        List<String> summary = new ArrayList<>();
        if (block.speedText != null) {
            summary.add("Speed: " + block.speedText);
        }
        if (block.duplexText != null) {
            summary.add("Duplex: " + block.duplexText);
        }
        if (block.linkText != null) {
            summary.add("Link detected: " + block.linkText);
        }
        String text = summary.isEmpty() ? block.header.text().strip() : String.join(", ", summary);
        int lineNo = block.linkLine > 0 ? block.linkLine : block.header.number();
        ctx.emit(new EthtoolLink(ctx.node(), block.iface, block.speed, block.duplex, block.link, block.autoNeg,
                ctx.source(lineNo, text)));
        return true;
    }

    /** One {@code Settings for} block being read. */
    private static final class Block {
        final String iface;
        final Line header;
        int fields;
        Integer speed;
        String speedText;
        String duplex;
        String duplexText;
        Boolean link;
        String linkText;
        int linkLine;
        String autoNeg;

        Block(String name, Line header) {
            int at = name.indexOf('@');
            this.iface = at > 0 ? name.substring(0, at) : name;
            this.header = header;
        }

        void field(String key, String value, Line line, ParseContext ctx) {
            fields++;
            switch (key) {
                case "Speed" -> {
                    speedText = value;
                    Matcher m = SPEED.matcher(value);
                    if (m.matches()) {
                        speed = Integer.valueOf(m.group(1));
                    } else if (!value.startsWith("Unknown")) {
                        ctx.warn(line, "unexpected ethtool speed: " + value);
                    }
                }
                case "Duplex" -> {
                    duplexText = value;
                    if (value.equals("Full") || value.equals("Half")) {
                        duplex = value;
                    } else if (!value.startsWith("Unknown")) {
                        ctx.warn(line, "unexpected ethtool duplex: " + value);
                    }
                }
                case "Link detected" -> {
                    linkText = value;
                    linkLine = line.number();
                    switch (value) {
                        case "yes" -> link = Boolean.TRUE;
                        case "no" -> link = Boolean.FALSE;
                        default -> ctx.warn(line, "unexpected ethtool link state: " + value);
                    }
                }
                case "Auto-negotiation" -> autoNeg = value.isEmpty() ? null : value;
                default -> {
                    // other settings (ports, link modes, PHYAD, Wake-on ...) are not kept
                }
            }
        }
    }
}
