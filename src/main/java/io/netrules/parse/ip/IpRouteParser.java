package io.netrules.parse.ip;

import io.netrules.model.KernelRoute;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

/**
 * Reads {@code ip route show table all} ({@code ip_route_show_table_all}) and plain
 * {@code ip route} ({@code ip_route}), IPv4 and IPv6, old (RHEL 7, two spaces between fields)
 * and new iproute2 spacing.
 * <pre>
 * default via 10.0.0.254 dev eth0 proto dhcp metric 100
 * 10.0.0.0/24 dev eth0  proto kernel  scope link  src 10.0.0.1  metric 100
 * 10.128.0.0/14 dev tun0 scope link
 * 172.30.0.0/16 dev tun0
 * broadcast 10.0.0.255 dev eth0 table local proto kernel scope link src 10.0.0.1
 * local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1
 * fe80::/64 dev eth0 proto kernel metric 256 pref medium
 * </pre>
 * Emits one {@link KernelRoute} per route line: table ("main" when the line names none), type
 * ("unicast" unless the line starts with local, broadcast, unreachable...), destination
 * ("default" or a CIDR; a bare address gets /32 or /128), gateway ({@code via}), dev, proto,
 * scope, src and metric. The indented {@code nexthop} lines of a multipath route and the
 * {@code cache} lines of IPv6 cached routes are passed over quietly.
 */
public class IpRouteParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        ctx.eachLine(lines, "route", line -> line(line, ctx));
    }

    private static void line(Line line, ParseContext ctx) {
        String text = line.text().strip();
        if (text.isEmpty()) {
            return;
        }
        if (!IpText.isText(text)) {
            ctx.warn(line, "unreadable bytes in ip route output");
            return;
        }
        String[] t = IpText.tokens(text);
        if (t[0].equals("nexthop") || t[0].equals("cache")) {
            return;
        }
        int d = RouteFields.TYPES.contains(t[0]) ? 1 : 0;
        if (d >= t.length || !(t[d].equals("default") || IpText.toCidr(t[d]) != null)) {
            // Only a line that is no route can be the tool's failure: the failure patterns are
            // regular expressions, too slow to try on every route of a large table.
            ToolErrorKind failure = IpText.failureKind(text);
            if (failure != null) {
                ctx.toolFailed(failure, line);
            } else {
                ctx.warn(line, "not a route");
            }
            return;
        }
        RouteFields r = RouteFields.parse(t);
        String destination = r.destination.equals("default") ? "default" : IpText.toCidr(r.destination);
        ctx.emit(new KernelRoute(ctx.node(), r.table == null ? "main" : r.table, r.type, destination, r.via,
                r.dev, r.proto, r.scope, r.src, r.metric, ctx.source(line)));
    }
}
