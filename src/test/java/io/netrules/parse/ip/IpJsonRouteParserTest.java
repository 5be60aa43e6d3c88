package io.netrules.parse.ip;

import io.netrules.model.KernelRoute;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpJsonRouteParserTest {
    private static ParseContext.Collecting parse(String file, String text) {
        return ParseContext.collecting("node-3", "nodes/node-3/" + file, "ip-route")
                .parse(new IpJsonRouteParser(), text);
    }

    /** A route as a rule sees it, without where it was read. */
    private static String route(KernelRoute r) {
        return String.join(" | ", r.node(), r.table(), r.type(), r.destination(), String.valueOf(r.gateway()),
                String.valueOf(r.dev()), String.valueOf(r.proto()), String.valueOf(r.scope()), String.valueOf(r.src()),
                String.valueOf(r.metric()));
    }

    private static KernelRoute find(ParseContext.Collecting c, String table, String destination) {
        return c.facts(KernelRoute.class).stream()
                .filter(r -> r.table().equals(table) && r.destination().equals(destination))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + table + " " + destination));
    }

    @Test
    void oneLineJsonGivesTheFactsOfTheTextForm() {
        var json = parse("ip_-j_route", Samples.read("ip_-j_route"));
        var text = ParseContext.collecting("node-3", "nodes/node-3/ip_route", "ip-route")
                .parse(new IpRouteParser(), Samples.read("ip_route"));
        assertEquals(List.of(), json.warnings);
        assertNull(json.ctx.toolError());
        assertEquals(7, json.facts(KernelRoute.class).size());
        assertEquals(text.facts(KernelRoute.class).stream().map(IpJsonRouteParserTest::route).toList(),
                json.facts(KernelRoute.class).stream().map(IpJsonRouteParserTest::route).toList());

        KernelRoute host = find(json, "main", "192.168.122.7/32");
        assertEquals("10.0.0.254", host.gateway());
        assertEquals(1, host.source().line());
        assertEquals("{\"dst\":\"192.168.122.7\",\"gateway\":\"10.0.0.254\",\"dev\":\"eth0\",\"protocol\":\"static\",\"flags\":[]}",
                host.source().text());
        KernelRoute multipath = find(json, "main", "default");
        assertNull(multipath.dev(), "nexthops are passed over, as the text parser passes over nexthop lines");
        assertEquals(50, multipath.metric());
    }

    @Test
    void prettyTableAllWithLocalIpv6AndForeignFamilyGateway() {
        var c = parse("ip_-j_-p_route_show_table_all", Samples.read("ip_-j_-p_route_show_table_all"));
        assertEquals(List.of(), c.warnings);
        assertEquals(8, c.facts(KernelRoute.class).size());

        KernelRoute def = find(c, "main", "default");
        assertEquals("unicast", def.type());
        assertEquals("10.0.0.254", def.gateway());
        assertEquals("eth0", def.dev());
        assertEquals("dhcp", def.proto());
        assertEquals(100, def.metric());
        assertEquals(1, def.source().line());

        KernelRoute subnet = find(c, "main", "10.0.0.0/24");
        assertEquals("link", subnet.scope());
        assertEquals("10.0.0.1", subnet.src());
        assertEquals(8, subnet.source().line());

        KernelRoute cluster = find(c, "main", "10.128.0.0/14");
        assertEquals("tun0", cluster.dev());
        assertNull(cluster.proto());
        assertNull(cluster.metric());

        assertEquals("fe80::1", find(c, "main", "192.0.2.0/24").gateway());

        KernelRoute local = find(c, "local", "10.0.0.1/32");
        assertEquals("local", local.type());
        assertEquals("host", local.scope());
        assertEquals("broadcast", find(c, "local", "10.0.0.255/32").type());

        assertEquals(256, find(c, "main", "fe80::/64").metric());
        KernelRoute unreachable = find(c, "main", "::ffff:0.0.0.0/96");
        assertEquals("unreachable", unreachable.type());
        assertEquals(Integer.MAX_VALUE, unreachable.metric());
    }

    @Test
    void aRouteThatCannotBeReadIsAWarningAtItsLine() {
        String text = "[ {\n"
                + "        \"dst\": \"10.0.0.0/33\",\n"
                + "        \"dev\": \"eth0\"\n"
                + "    },{\n"
                + "        \"dev\": \"eth0\"\n"
                + "    },{\n"
                + "        \"dst\": \"nowhere\",\n"
                + "        \"dev\": \"eth0\"\n"
                + "    },{\n"
                + "        \"dst\": \"10.128.0.0/14\",\n"
                + "        \"dev\": \"tun0\",\n"
                + "        \"metric\": [ 1 ]\n"
                + "    },{\n"
                + "        \"dst\": \"172.30.0.0/16\",\n"
                + "        \"dev\": \"tun0\"\n"
                + "    }, 42 ]\n";
        var c = parse("ip_-j_-p_route", text);
        assertEquals(List.of(1, 4, 6, 9, 16), c.warnings.stream().map(ParseWarning::line).toList(), c.warnings.toString());
        assertEquals(List.of("172.30.0.0/16"), c.facts(KernelRoute.class).stream().map(KernelRoute::destination).toList());
    }

    @Test
    void garbageInTheJsonIsAWarningAtItsLine() {
        String text = "[{\"dst\":\"default\",\"gateway\":\"10.0.0.254\",\"dev\":\"eth0\"},\n"
                + "\u0000\u0007\ufffd\ufffd\n"
                + "{\"dst\":\"10.0.0.0/24\",\"dev\":\"eth0\"}]\n";
        var c = parse("ip_-j_route", text);
        assertEquals(List.of("default"), c.facts(KernelRoute.class).stream().map(KernelRoute::destination).toList());
        assertEquals(List.of(2), c.warnings.stream().map(ParseWarning::line).toList());
    }

    @Test
    void toolFailuresAndEmptyFiles() {
        var old = parse("ip_-j_route", "Option \"-j\" is unknown, try \"ip -help\".\n");
        assertEquals(ToolErrorKind.OTHER, old.ctx.toolError().kind());
        assertEquals(List.of(), old.warnings);
        var rtnl = parse("ip_-j_route", "Cannot open netlink socket: Permission denied\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, rtnl.ctx.toolError().kind());
        assertEquals(List.of(), parse("ip_-j_route", "").facts);
        assertEquals(List.of(), parse("ip_-j_route", "[]\n").facts);
        assertTrue(parse("ip_-j_route", "[]\n").warnings.isEmpty());
    }

    @Test
    void crlfLineEndsAreRead() {
        var c = parse("ip_-j_-p_route_show_table_all", Samples.read("ip_-j_-p_route_show_table_all").replace("\n", "\r\n"));
        assertEquals(List.of(), c.warnings);
        assertEquals(8, c.facts(KernelRoute.class).size());
        assertEquals(8, find(c, "main", "10.0.0.0/24").source().line());
    }
}
