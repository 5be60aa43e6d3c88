package io.netrules.parse.ip;

import io.netrules.model.ParseWarning;
import io.netrules.model.RouteLookup;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRouteGetParserTest {
    private static ParseContext.Collecting parse(String peer, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/ip_route_get_" + peer, "ip_route_get", peer)
                .parse(new IpRouteGetParser(), text);
    }

    private static RouteLookup only(ParseContext.Collecting c) {
        assertEquals(List.of(), c.warnings);
        assertEquals(1, c.facts(RouteLookup.class).size());
        return c.facts(RouteLookup.class).get(0);
    }

    @Test
    void directlyConnectedPeer() {
        RouteLookup r = only(parse("10.0.0.2", Samples.read("ip_route_get_10.0.0.2")));
        assertEquals("10.0.0.2", r.destination());
        assertEquals("eth0", r.dev());
        assertNull(r.via());
        assertEquals("10.0.0.1", r.src());
        assertEquals("node-1", r.node());
        assertEquals(1, r.source().line());
        assertEquals("10.0.0.2 dev eth0 src 10.0.0.1 uid 0", r.source().text());
    }

    @Test
    void peerBehindAGateway() {
        RouteLookup r = only(parse("10.1.0.9", Samples.read("ip_route_get_10.1.0.9")));
        assertEquals("10.1.0.9", r.destination());
        assertEquals("10.0.0.254", r.via());
        assertEquals("eth0", r.dev());
    }

    @Test
    void localAddress() {
        RouteLookup r = only(parse("10.0.0.1", Samples.read("ip_route_get_10.0.0.1")));
        assertEquals("10.0.0.1", r.destination());
        assertEquals("lo", r.dev());
        assertEquals("10.0.0.1", r.src());
    }

    @Test
    void unreachableIsAnAnswerWithoutDevice() {
        var c = parse("10.2.0.5", Samples.read("ip_route_get_10.2.0.5"));
        RouteLookup r = only(c);
        assertEquals("10.2.0.5", r.destination());
        assertNull(r.dev());
        assertNull(r.via());
        assertEquals("RTNETLINK answers: Network is unreachable", r.source().text());
        assertEquals(1, r.source().line());
        assertNull(c.ctx.toolError(), "no route is the kernel's answer, not a failed tool");
    }

    @Test
    void rhel7SpacingAndCrlf() {
        RouteLookup r = only(parse("10.0.0.3", "10.0.0.3 dev eth0  src 10.0.0.1 \r\n    cache \r\n"));
        assertEquals("eth0", r.dev());
        assertEquals("10.0.0.1", r.src());
    }

    @Test
    void ipv6Answer() {
        RouteLookup r = only(parse("fd00::2", "fd00::2 from :: via fe80::1 dev eth0 proto ra src fd00::1 metric 100 pref medium\n"));
        assertEquals("fd00::2", r.destination());
        assertEquals("fe80::1", r.via());
        assertEquals("eth0", r.dev());
        assertEquals("fd00::1", r.src());
    }

    @Test
    void badArgumentIsAWarning() {
        var c = parse("x", "Error: any valid prefix is expected rather than \"x\".\n");
        assertEquals(List.of(1), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of(), c.facts(RouteLookup.class));
    }

    @Test
    void commandNotFoundIsAToolFailure() {
        var c = parse("10.0.0.2", "bash: ip: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, c.ctx.toolError().kind());
        assertEquals(List.of(), c.facts(RouteLookup.class));
    }

    @Test
    void garbageLineBecomesAWarning() {
        var c = parse("10.0.0.2", "\uFFFD\u0007\u0000ELF\n10.0.0.2 dev eth0 src 10.0.0.1 uid 0\nnonsense here\n");
        assertEquals(List.of(1, 3), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals("eth0", c.facts(RouteLookup.class).get(0).dev());
        assertEquals(2, c.facts(RouteLookup.class).get(0).source().line());
    }

    @Test
    void emptyFileGivesNothing() {
        var c = parse("10.0.0.2", "");
        assertTrue(c.facts.isEmpty());
        assertTrue(c.warnings.isEmpty());
    }
}
