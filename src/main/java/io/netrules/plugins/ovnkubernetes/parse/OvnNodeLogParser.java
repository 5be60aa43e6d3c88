package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog.Kind;
import io.netrules.plugins.ovnkubernetes.model.OvnkubeMtuTooSmall;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the logs of the {@code ovnkube-node} containers {@code ovn-controller} and
 * {@code ovnkube-controller} (older clusters: {@code ovnkube-node}) and keeps the lines the
 * rules read. A line may carry the container runtime's stamp first, as {@code oc logs
 * --timestamps} and must-gather print it ({@code 2024-01-02T03:04:05.123456789Z }, also the raw
 * CRI file's {@code ... stdout F }); it is removed here, so the parser takes lines with or
 * without it.
 * <pre>
 * 2024-01-02T03:04:05.123456789Z 2024-01-02T03:04:05.678Z|00012|binding|INFO|Changing chassis for lport demo_web-7d9f6c5b8-x2klq from 7e2d4b51-9a3c-4e78-8c2f-3d8b1f4a0e22 to 5d1c3a40-8f2b-4f67-9b1e-2c7a0f3e9d11.
 * 2024-01-02T03:04:07.001Z|00013|reconnect|WARN|ssl:10.0.0.3:9642: connection dropped (Connection reset by peer)
 * 2024-01-02T03:04:09.002Z|00016|reconnect|INFO|ssl:10.0.0.3:9642: connected
 * F0102 03:04:05.123456    4567 ovnkube.go:137] failed to run ovnkube: failed to start node network controller: failed to start default node network controller: MTU (1400) of network interface br-ex is too small for specified overlay MTU (1458)
 * </pre>
 * Emits {@link OvnControllerLog} for ovn-controller's chassis changes ({@code binding}) and SB
 * connection events ({@code reconnect}), and {@link OvnkubeMtuTooSmall} for ovnkube-controller's
 * MTU refusal (also its older form {@code interface MTU (<n>) is too small for specified overlay MTU
 * (<m>)}, which names no interface); Source: the line. Lines in ovn-controller's or klog's format that say something
 * else pass quietly (a log is mostly such lines), and so do lines with the runtime's stamp in
 * any other shape (the start script's shell trace, Go stack traces: they are the container's
 * output all the same). A known message that does not read as its format is a warning; lines
 * with neither a stamp nor one of the two formats are counted and reported as one warning at
 * the first of them, so that a file that is not such a log is visible without a warning per line.
 */
public class OvnNodeLogParser implements CommandParser {
    /** The runtime's RFC 3339 stamp, optionally followed by the CRI stream and tag. */
    private static final Pattern CRI = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)) (?:(?:stdout|stderr) [FP] )?");
    /** ovn-controller's vlog: {@code TIME|SEQ|MODULE|LEVEL|MESSAGE}. */
    private static final Pattern VLOG = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)\\|(\\d+)\\|([^|]+)\\|([A-Z]+)\\|(.*)$");
    /** klog: {@code Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg}. */
    private static final Pattern KLOG = Pattern.compile(
            "^([IWEF])(\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+)\\s+\\d+ [^\\]]*\\] (.*)$");
    private static final Pattern CHASSIS = Pattern.compile(
            "^Changing chassis for lport (\\S+) from (\\S+) to (\\S+?)\\.?$");
    private static final Pattern RECONNECT = Pattern.compile(
            "^(\\S+): (connected|connection dropped|connection closed by peer|connection attempt failed)(?: \\((.*)\\))?$");
    private static final Pattern MTU = Pattern.compile(
            "MTU \\((\\d+)\\)(?: of network interface (\\S+))? is too small for specified overlay MTU \\((\\d+)\\)");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        int foreign = 0;
        Line firstForeign = null;
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            String runtimeTime = null;
            Matcher cri = CRI.matcher(text);
            if (cri.find()) {
                runtimeTime = cri.group(1);
                text = text.substring(cri.end());
            }
            Matcher v = VLOG.matcher(text);
            if (v.matches()) {
                vlog(v.group(1), v.group(3), v.group(4), v.group(5), line, ctx);
                continue;
            }
            Matcher k = KLOG.matcher(text);
            if (k.matches()) {
                mtu(k.group(2), k.group(3), line, ctx);
                continue;
            }
            if (text.contains("is too small for specified overlay MTU")) {
                mtu(runtimeTime, text, line, ctx);
            } else if (runtimeTime == null) {
                if (firstForeign == null) {
                    firstForeign = line;
                }
                foreign++;
            }
        }
        if (firstForeign != null) {
            ctx.warn(firstForeign, foreign + " line(s) in neither ovn-controller's nor klog's format, the first here");
        }
    }

    private static void vlog(String time, String moduleAndThread, String level, String message, Line line,
                             ParseContext ctx) {
        // vlog's %c%T: "binding", or "binding(ovn_pinctrl0)" when logged from another thread
        int paren = moduleAndThread.indexOf('(');
        String module = paren < 0 ? moduleAndThread : moduleAndThread.substring(0, paren);
        if (module.equals("binding") && message.startsWith("Changing chassis for lport")) {
            Matcher m = CHASSIS.matcher(message);
            if (m.matches()) {
                ctx.emit(new OvnControllerLog(ctx.node(), Kind.CHASSIS_CHANGE, time, level, m.group(1), m.group(2),
                        m.group(3), null, null, ctx.source(line)));
            } else {
                ctx.warn(line, "chassis change without its port, old and new chassis");
            }
        } else if (module.equals("reconnect")) {
            Matcher m = RECONNECT.matcher(message);
            if (m.matches()) {
                Kind kind = switch (m.group(2)) {
                    case "connected" -> Kind.CONNECTED;
                    case "connection dropped" -> Kind.CONNECTION_DROPPED;
                    case "connection closed by peer" -> Kind.CONNECTION_CLOSED;
                    default -> Kind.CONNECTION_ATTEMPT_FAILED;
                };
                ctx.emit(new OvnControllerLog(ctx.node(), kind, time, level, null, null, null, m.group(1), m.group(3),
                        ctx.source(line)));
            }
        }
    }

    private static void mtu(String time, String message, Line line, ParseContext ctx) {
        if (!message.contains("is too small for specified overlay MTU")) {
            return;
        }
        Matcher m = MTU.matcher(message);
        if (!m.find()) {
            ctx.warn(line, "MTU refusal without its MTU, interface and overlay MTU");
            return;
        }
        try {
            ctx.emit(new OvnkubeMtuTooSmall(ctx.node(), time, m.group(2), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(3)), ctx.source(line)));
        } catch (NumberFormatException e) {
            ctx.warn(line, "MTU out of range");
        }
    }
}
