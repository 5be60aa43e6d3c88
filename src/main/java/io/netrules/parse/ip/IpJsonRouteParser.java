package io.netrules.parse.ip;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.model.KernelRoute;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

/**
 * Reads {@code ip -j route} (file {@code ip_-j_route}; also {@code ip -j route show table all}
 * and the pretty-printed {@code -p} form), iproute2 4.14 and later.
 * <pre>
 * [{"dst":"default","gateway":"10.0.0.254","dev":"eth0","protocol":"dhcp","metric":100,"flags":[]},
 * {"dst":"10.0.0.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"10.0.0.1","metric":100,"flags":[]},
 * {"dst":"10.128.0.0/14","dev":"tun0","scope":"link","flags":[]},
 * {"type":"local","dst":"10.0.0.1","table":"local","dev":"eth0","protocol":"kernel","scope":"host","prefsrc":"10.0.0.1","flags":[]}]
 * </pre>
 * Emits what {@link IpRouteParser} emits for the text forms: one {@link KernelRoute} per route
 * object, with table ("main" when the object names none), type ("unicast" when it names none),
 * destination ({@code dst}: "default" or a CIDR, a bare address getting /32 or /128), gateway
 * ({@code gateway}, or {@code via.host} when the gateway is of the other family), dev,
 * {@code protocol}, scope, {@code prefsrc} and metric (an unsigned 32-bit metric that does not
 * fit an int is kept as Integer.MAX_VALUE, as the text parser does). A multipath route's
 * {@code nexthops} are passed over, as the text parser passes over its {@code nexthop} lines.
 * Source: the line where the route's object starts, with the object in one line of JSON as text.
 */
public class IpJsonRouteParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        IpJson.read(lines, ctx, "ip -j route", IpJsonRouteParser::route);
    }

    private static void route(IpJson.Item item, ParseContext ctx) {
        JsonNode o = item.node();
        if (o.isEmpty()) {
            return;
        }
        String dst = IpJson.text(o, "dst");
        if (dst == null) {
            ctx.warn(item.line(), "route without dst");
            return;
        }
        String destination = dst.equals("default") ? "default" : IpText.toCidr(dst);
        if (destination == null) {
            ctx.warn(item.line(), "route dst is not an address: " + dst);
            return;
        }
        String gateway = IpJson.text(o, "gateway");
        JsonNode via = o.get("via");
        if (gateway == null && via != null && via.isObject()) {
            gateway = IpJson.text(via, "host");
        }
        Long metric = IpJson.number(o, "metric");
        if (metric != null && metric < 0) {
            throw new IllegalArgumentException("negative metric " + metric);
        }
        String type = IpJson.text(o, "type");
        String table = IpJson.text(o, "table");
        ctx.emit(new KernelRoute(ctx.node(), table == null ? "main" : table, type == null ? "unicast" : type,
                destination, gateway, IpJson.text(o, "dev"), IpJson.text(o, "protocol"), IpJson.text(o, "scope"),
                IpJson.text(o, "prefsrc"), metric == null ? null : (int) Math.min(metric, Integer.MAX_VALUE),
                IpJson.source(ctx, item, o, false)));
    }
}
