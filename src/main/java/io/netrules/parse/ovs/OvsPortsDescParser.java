package io.netrules.parse.ovs;

import io.netrules.model.OvsPort;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

/**
 * Reads {@code ovs-ofctl -O OpenFlow13 dump-ports-desc br0} (also without {@code -O}): the
 * OpenFlow ports of one bridge ({@link ParseContext#detail()}, "br0" when not given). Emits an
 * {@link OvsPort} for each port block once it is complete: the number and name of its header
 * line ({@code LOCAL} is {@link OvsPort#LOCAL}), {@code portDown} when {@code config:} holds
 * PORT_DOWN and {@code linkDown} when {@code state:} holds LINK_DOWN:
 * <pre>
 * OFPST_PORT_DESC reply (OF1.3) (xid=0x2):
 *  1(vxlan0): addr:9e:f1:7d:4d:19:4f
 *      config:     0
 *      state:      0
 *      speed: 0 Mbps now, 0 Mbps max
 *  LOCAL(br0): addr:0a:7f:b4:33:c2:43
 *      config:     PORT_DOWN
 *      state:      LINK_DOWN
 *      speed: 0 Mbps now, 0 Mbps max
 * </pre>
 * The tool's failures ("br0 is not a bridge or a socket", "failed to open socket (Connection
 * refused)", "version negotiation failed") are reported through {@link ParseContext#toolFailed}.
 */
public final class OvsPortsDescParser implements CommandParser {

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        String bridge = OvsText.bridge(ctx);
        OvsText.Failures failures = new OvsText.Failures(ctx, "ovs-ofctl");
        final class Run {
            Block block = null;

            void line(Line line) {
                String t = line.text().strip();
                if (t.isEmpty()) {
                    return;
                }
                if (t.startsWith("OFPST_PORT_DESC reply")) {
                    block = emit(block, bridge, ctx);
                    return;
                }
                Block header = header(line, t);
                if (header != null) {
                    emit(block, bridge, ctx);
                    block = header;
                    return;
                }
                String key = propertyKey(t);
                if (key != null) {
                    if (block == null) {
                        ctx.warn(line, "port property outside of a port");
                    } else if (key.equals("config")) {
                        block.portDown = hasWord(t, "PORT_DOWN");
                    } else if (key.equals("state")) {
                        block.linkDown = hasWord(t, "LINK_DOWN");
                    }
                    return;
                }
                block = emit(block, bridge, ctx);
                if (!failures.offer(line, t)) {
                    ctx.warn(line, "not a dump-ports-desc line");
                }
            }
        }
        Run run = new Run();
        ctx.eachLine(lines, "dump-ports-desc line", run::line);
        emit(run.block, bridge, ctx);
        failures.finish();
    }

    private static Block emit(Block block, String bridge, ParseContext ctx) {
        if (block != null) {
            ctx.emit(new OvsPort(ctx.node(), bridge, block.ofport, block.name, block.portDown, block.linkDown,
                    ctx.source(block.line)));
        }
        return null;
    }

    /** {@code 1(vxlan0): addr:...} or {@code LOCAL(br0): addr:...}; null for any other line. */
    private static Block header(Line line, String t) {
        int open = t.indexOf('(');
        if (open <= 0) {
            return null;
        }
        int close = t.indexOf("):", open + 1);
        if (close < 0) {
            return null;
        }
        String number = t.substring(0, open);
        int ofport;
        if (number.equals("LOCAL")) {
            ofport = OvsPort.LOCAL;
        } else if (isDigits(number)) {
            ofport = Integer.parseInt(number);
        } else {
            return null;
        }
        return new Block(ofport, OvsText.unquote(t.substring(open + 1, close)), line);
    }

    private static final String[] PROPERTIES = {"config", "state", "current", "advertised", "supported", "peer",
        "speed"};

    /** The key of a property line of a port block, or null. */
    private static String propertyKey(String t) {
        int colon = t.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        for (String p : PROPERTIES) {
            if (p.length() == colon && t.startsWith(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean hasWord(String t, String word) {
        for (String w : OvsText.valueAfterColon(t).split("\\s+")) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static final class Block {
        final int ofport;
        final String name;
        final Line line;
        boolean portDown;
        boolean linkDown;

        Block(int ofport, String name, Line line) {
            this.ofport = ofport;
            this.name = name;
            this.line = line;
        }
    }
}
