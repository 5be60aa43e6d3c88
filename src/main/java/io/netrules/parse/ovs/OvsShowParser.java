package io.netrules.parse.ovs;

import io.netrules.model.OvsBridge;
import io.netrules.model.OvsDbPort;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code ovs-vsctl -t 5 show} (also {@code ovs-vsctl show}): the OVS database as a tree of
 * bridges, ports and interfaces. Emits an {@link OvsBridge} for each {@code Bridge} line and an
 * {@link OvsDbPort} for each {@code Port} once its block is complete, with the interface's
 * {@code type} (null when none is printed, i.e. a system device), {@code options} (quotes
 * removed) and the {@code error} OVS recorded on it. The port's source is its {@code Port}
 * line, or its {@code error} line when it has one, that being the evidence a rule cites.
 * Older OVS quotes every name, newer only those that need it:
 * <pre>
 * bb215e68-10dc-483f-863c-5cd67927ed6b
 *     Bridge "br0"
 *         fail_mode: secure
 *         Port "vxlan0"
 *             Interface "vxlan0"
 *                 type: vxlan
 *                 options: {dst_port="4789", key=flow, remote_ip=flow}
 *         Port "veth8a018953"
 *             Interface "veth8a018953"
 *                 error: "could not open network device veth8a018953 (No such device)"
 *     ovs_version: "2.9.0"
 * </pre>
 * Any other {@code key: value} line (tag, trunks, is_connected, datapath_type, bfd_status...)
 * is a column the parser does not need and is skipped without a warning; a line of no known
 * shape is a warning, and the tool's own failure ("database connection failed") is reported
 * through {@link ParseContext#toolFailed}.
 */
public final class OvsShowParser implements CommandParser {

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        new Run(ctx).parse(lines);
    }

    /** The state of one parse: the bridge being read and the port whose block is open. */
    private static final class Run {
        private final ParseContext ctx;
        private final OvsText.Failures failures;
        private String bridge;
        private PortBlock port;

        Run(ParseContext ctx) {
            this.ctx = ctx;
            this.failures = new OvsText.Failures(ctx, "ovs-vsctl");
        }

        void parse(Iterable<Line> lines) {
            ctx.eachLine(lines, "ovs-vsctl show line", line -> {
                String t = line.text().strip();
                if (!t.isEmpty()) {
                    line(line, t);
                }
            });
            flushPort();
            failures.finish();
        }

        private void line(Line line, String t) {
            if (t.startsWith("Bridge ")) {
                flushPort();
                bridge = OvsText.unquote(t.substring(7).strip());
                ctx.emit(new OvsBridge(ctx.node(), bridge, ctx.source(line)));
            } else if (t.startsWith("Port ")) {
                flushPort();
                if (bridge == null) {
                    ctx.warn(line, "Port outside of a Bridge");
                } else {
                    port = new PortBlock(bridge, OvsText.unquote(t.substring(5).strip()), line);
                }
            } else if (t.startsWith("Interface ")) {
                if (port == null) {
                    ctx.warn(line, "Interface outside of a Port");
                } else {
                    port.interfaces++;
                }
            } else if (t.startsWith("type:")) {
                if (port != null && port.interfaces > 0 && port.type == null) {
                    String type = OvsText.unquote(OvsText.valueAfterColon(t));
                    port.type = type.isEmpty() ? null : type;
                }
            } else if (t.startsWith("options:")) {
                if (port != null && port.interfaces > 0 && port.options.isEmpty()) {
                    OvsText.parseMap(OvsText.valueAfterColon(t), port.options);
                }
            } else if (t.startsWith("error:")) {
                if (port == null) {
                    ctx.warn(line, "error outside of a Port");
                } else if (port.error == null) {
                    port.error = OvsText.unquote(OvsText.valueAfterColon(t));
                    port.errorLine = line;
                }
            } else if (t.startsWith("ovs_version:")) {
                flushPort();
            } else if (isUuid(t) || t.startsWith("Manager ") || t.startsWith("Controller ")
                    || t.startsWith("Protocols")) {
                // the header UUID, manager and controller targets: nothing to keep
                return;
            } else if (failures.offer(line, t)) {
                // before the column test: "bash: ovs-vsctl: command not found" has a column's shape
                return;
            } else if (!isColumn(t)) {
                ctx.warn(line, "not an ovs-vsctl show line");
            }
        }

        private void flushPort() {
            if (port != null) {
                Line at = port.errorLine != null ? port.errorLine : port.line;
                ctx.emit(new OvsDbPort(ctx.node(), port.bridge, port.name, port.type, port.options, port.error,
                        ctx.source(at)));
                port = null;
            }
        }
    }

    private static final class PortBlock {
        final String bridge;
        final String name;
        final Line line;
        final Map<String, String> options = new LinkedHashMap<>();
        int interfaces;
        String type;
        String error;
        Line errorLine;

        PortBlock(String bridge, String name, Line line) {
            this.bridge = bridge;
            this.name = name;
            this.line = line;
        }
    }

    /** The database UUID that heads the output: 8-4-4-4-12 hex digits. */
    static boolean isUuid(String t) {
        if (t.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = t.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A {@code column: value} line: a lower-case identifier, a colon, then a space or nothing. */
    static boolean isColumn(String t) {
        int colon = t.indexOf(':');
        if (colon <= 0 || (colon + 1 < t.length() && t.charAt(colon + 1) != ' ')) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
