package io.netrules.parse.ip;

import io.netrules.model.RouteLookup;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.regex.Pattern;

/**
 * Reads {@code ip route get <ip>} ({@code ip_route_get_<ip>}; {@link ParseContext#detail()} is
 * the address asked about).
 * <pre>
 * 10.0.0.2 dev eth0 src 10.0.0.1 uid 0
 *     cache
 * 10.1.0.9 via 10.0.0.254 dev eth0 src 10.0.0.1 uid 0
 *     cache
 * local 10.0.0.1 dev lo src 10.0.0.1 uid 0
 *     cache &lt;local&gt;
 * RTNETLINK answers: Network is unreachable
 * </pre>
 * Emits one {@link RouteLookup} per answer: destination (the answer's first address, else the
 * asked address), dev, via and src. "Network is unreachable" / "No route to host" is the
 * kernel's answer, not a failure of the tool: it becomes a RouteLookup with no dev and no via,
 * whose Source is that line. An iproute2 {@code Error:} (a bad argument, e.g. a file name that
 * does not hold an address) is a warning; other failures ({@code command not found}) are the
 * tool's failure.
 */
public class IpRouteGetParser implements CommandParser {
    private static final Pattern NO_ROUTE = Pattern.compile(
            "^RTNETLINK answers: (Network is unreachable|No route to host)\\s*$");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        ctx.eachLine(lines, "ip route get answer", line -> line(line, ctx));
    }

    private static void line(Line line, ParseContext ctx) {
        String text = line.text().strip();
        if (text.isEmpty()) {
            return;
        }
        if (!IpText.isText(text)) {
            ctx.warn(line, "unreadable bytes in ip route get output");
            return;
        }
        String[] t = IpText.tokens(text);
        if (t[0].equals("cache")) {
            return;
        }
        if (NO_ROUTE.matcher(text).matches()) {
            ctx.emit(new RouteLookup(ctx.node(), ctx.detail(), null, null, null, ctx.source(line)));
            return;
        }
        if (text.startsWith("Error: ")) {
            ctx.warn(line, "ip route get refused its argument: " + text);
            return;
        }
        ToolErrorKind failure = IpText.failureKind(text);
        if (failure != null) {
            ctx.toolFailed(failure, line);
            return;
        }
        int d = RouteFields.TYPES.contains(t[0]) ? 1 : 0;
        if (d >= t.length || !IpText.isAddress(t[d])) {
            ctx.warn(line, "not an ip route get answer");
            return;
        }
        RouteFields r = RouteFields.parse(t);
        String destination = r.destination != null ? r.destination : ctx.detail();
        ctx.emit(new RouteLookup(ctx.node(), destination, r.dev, r.via, r.src, ctx.source(line)));
    }
}
