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

class IpRouteParserTest {
    private static ParseContext.Collecting parse(String file, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/" + file, "ip_route_show_table_all")
                .parse(new IpRouteParser(), text);
    }

    private static KernelRoute route(ParseContext.Collecting c, String table, String destination, String dev) {
        return c.facts(KernelRoute.class).stream()
                .filter(r -> r.table().equals(table) && r.destination().equals(destination) && r.dev().equals(dev))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + table + " " + destination));
    }

    @Test
    void readsTableAllOfAn311NodeWithRhel7Spacing() {
        var c = parse("ip_route_show_table_all", Samples.read("ip_route_show_table_all"));
        assertEquals(List.of(), c.warnings);
        assertEquals(30, c.facts(KernelRoute.class).size());

        KernelRoute def = route(c, "main", "default", "eth0");
        assertEquals("unicast", def.type());
        assertEquals("10.0.0.254", def.gateway());
        assertEquals("dhcp", def.proto());
        assertEquals(100, def.metric());
        assertEquals(1, def.source().line());
        assertEquals("default via 10.0.0.254 dev eth0  proto dhcp  metric 100", def.source().text());
        assertEquals("node-1", def.node());

        KernelRoute cluster = route(c, "main", "10.128.0.0/14", "tun0");
        assertEquals("link", cluster.scope());
        assertNull(cluster.gateway());
        assertNull(cluster.proto());
        assertNull(cluster.metric());

        KernelRoute services = route(c, "main", "172.30.0.0/16", "tun0");
        assertNull(services.scope());
        assertEquals(6, services.source().line());

        KernelRoute linkLocal = route(c, "main", "169.254.0.0/16", "eth0");
        assertEquals(1002, linkLocal.metric());

        KernelRoute docker = route(c, "main", "172.17.0.0/16", "docker0");
        assertEquals("kernel", docker.proto());
        assertEquals("172.17.0.1", docker.src());

        KernelRoute local = route(c, "local", "10.0.0.1/32", "eth0");
        assertEquals("local", local.type());
        assertEquals("host", local.scope());
        assertEquals("10.0.0.1", local.src());

        KernelRoute bcast = route(c, "local", "10.0.0.255/32", "eth0");
        assertEquals("broadcast", bcast.type());
        assertEquals("link", bcast.scope());

        assertEquals("local", route(c, "local", "127.0.0.0/8", "lo").type());
    }

    @Test
    void readsIpv6Routes() {
        var c = parse("ip_route_show_table_all", Samples.read("ip_route_show_table_all"));
        KernelRoute fe80 = route(c, "main", "fe80::/64", "tun0");
        assertEquals("unicast", fe80.type());
        assertEquals("kernel", fe80.proto());
        assertEquals(256, fe80.metric());

        KernelRoute unreachable = route(c, "main", "::ffff:0.0.0.0/96", "lo");
        assertEquals("unreachable", unreachable.type());
        assertEquals(1024, unreachable.metric());

        KernelRoute unspec = route(c, "unspec", "default", "lo");
        assertEquals("unreachable", unspec.type());
        assertEquals(Integer.MAX_VALUE, unspec.metric(), "metric 4294967295 does not fit an int");

        assertEquals("::1/128", route(c, "local", "::1/128", "lo").destination());
        assertEquals("multicast", route(c, "local", "ff00::/8", "tun0").type());
    }

    @Test
    void readsPlainIpRouteWithMultipathAndPre311TunRoute() {
        var c = parse("ip_route", Samples.read("ip_route"));
        assertEquals(List.of(), c.warnings);
        List<KernelRoute> routes = c.facts(KernelRoute.class);
        assertEquals(7, routes.size());
        KernelRoute multipath = routes.get(0);
        assertEquals("default", multipath.destination());
        assertNull(multipath.dev());
        assertNull(multipath.gateway());
        assertEquals("static", multipath.proto());
        assertEquals(50, multipath.metric());

        KernelRoute subnet = route(c, "main", "10.131.0.0/23", "tun0");
        assertEquals("kernel", subnet.proto());
        assertEquals("link", subnet.scope());
        assertEquals("10.131.0.1", subnet.src());
        assertEquals(7, subnet.source().line());

        KernelRoute host = route(c, "main", "192.168.122.7/32", "eth0");
        assertEquals("10.0.0.254", host.gateway());
    }

    @Test
    void toleratesCrlfAndLeadingWhitespace() {
        var c = parse("ip_route", "  10.128.0.0/14 dev tun0 scope link \r\n172.30.0.0/16 dev tun0\r\n");
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("10.128.0.0/14", "172.30.0.0/16"),
                c.facts(KernelRoute.class).stream().map(KernelRoute::destination).toList());
        assertEquals("tun0", c.facts(KernelRoute.class).get(1).dev());
    }

    @Test
    void ipv6BareAddressGets128AndCacheLinesAreQuiet() {
        var c = parse("ip_route", """
                2001:708:40:2001:a822:baff:fec4:2428 via fe80::a96:d7ff:fe38:d757 dev eth0  metric 0
                    cache  mtu 1492 hoplimit 255
                10.0.0.0/8 via 10.64.54.1 dev tun0  proto static  metric 50 mtu lock 1400 onlink
                """);
        assertEquals(List.of(), c.warnings);
        KernelRoute r = c.facts(KernelRoute.class).get(0);
        assertEquals("2001:708:40:2001:a822:baff:fec4:2428/128", r.destination());
        assertEquals("fe80::a96:d7ff:fe38:d757", r.gateway());
        assertEquals(0, r.metric());
        KernelRoute locked = c.facts(KernelRoute.class).get(1);
        assertEquals(50, locked.metric());
        assertEquals("static", locked.proto());
    }

    @Test
    void garbageLinesBecomeWarningsWithTheirLineNumbers() {
        var c = parse("ip_route", """
                default via 10.0.0.254 dev eth0 proto dhcp metric 100
                \uFFFD\uFFFD\u0001\u0002garbage
                this is not a route
                ff01::/16 dev
                10.0.0.0/24 dev eth0 metric many
                10.128.0.0/14 dev tun0 scope link
                """);
        assertEquals(List.of(2, 3, 4, 5), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of("default", "10.128.0.0/14"),
                c.facts(KernelRoute.class).stream().map(KernelRoute::destination).toList());
    }

    @Test
    void commandNotFoundIsAToolFailure() {
        var c = parse("ip_route", "bash: ip: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, c.ctx.toolError().kind());
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of(), c.facts(KernelRoute.class));
    }

    @Test
    void iproute2ErrorIsAToolFailure() {
        var c = parse("ip_route", "Error: argument \"alll\" is wrong: table id value is invalid\n");
        assertEquals(ToolErrorKind.OTHER, c.ctx.toolError().kind());
        assertEquals(1, c.ctx.toolError().source().line());
    }

    @Test
    void emptyFileGivesNothing() {
        var c = parse("ip_route", "");
        assertTrue(c.facts.isEmpty());
        assertTrue(c.warnings.isEmpty());
    }
}
