package io.netrules.parse.ip;

import io.netrules.model.EthtoolLink;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthtoolParserTest {
    private static ParseContext.Collecting parse(String iface, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/ethtool_" + iface, "ethtool", iface)
                .parse(new EthtoolParser(), text);
    }

    private static EthtoolLink only(ParseContext.Collecting c) {
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        assertEquals(1, c.facts(EthtoolLink.class).size());
        return c.facts(EthtoolLink.class).get(0);
    }

    @Test
    void virtioHasUnknownSpeedAndDuplex() {
        EthtoolLink l = only(parse("eth0", Samples.read("ethtool_eth0")));
        assertEquals("eth0", l.iface());
        assertEquals("node-1", l.node());
        assertNull(l.speedMbps());
        assertNull(l.duplex());
        assertEquals(Boolean.TRUE, l.linkDetected());
        assertEquals("off", l.autoNegotiation());
        assertEquals("nodes/node-1/ethtool_eth0", l.source().file());
        assertEquals(15, l.source().line());
        assertEquals("Speed: Unknown!, Duplex: Unknown! (255), Link detected: yes", l.source().text());
    }

    @Test
    void gigabitNicWithMultiLineLinkModes() {
        EthtoolLink l = only(parse("em1", Samples.read("ethtool_em1")));
        assertEquals("em1", l.iface());
        assertEquals(1000, l.speedMbps());
        assertEquals("Full", l.duplex());
        assertEquals(Boolean.TRUE, l.linkDetected());
        assertEquals("on", l.autoNegotiation());
        assertEquals(24, l.source().line());
        assertEquals("Speed: 1000Mb/s, Duplex: Full, Link detected: yes", l.source().text());
    }

    @Test
    void withoutRootLinkDetectedIsUnknownNotFalse() {
        EthtoolLink l = only(parse("em1", Samples.read("ethtool_em1_unprivileged")));
        assertNull(l.linkDetected());
        assertEquals(1000, l.speedMbps());
        assertEquals(1, l.source().line(), "no Link detected line: the header's line");
        assertEquals("Speed: 1000Mb/s, Duplex: Full", l.source().text());
    }

    @Test
    void tenGigLinkDownHalfDuplex() {
        EthtoolLink l = only(parse("ens192", """
                Settings for ens192:
                	Speed: 10000Mb/s
                	Duplex: Half
                	Auto-negotiation: off
                	Link detected: no
                """));
        assertEquals(10000, l.speedMbps());
        assertEquals("Half", l.duplex());
        assertEquals(Boolean.FALSE, l.linkDetected());
        assertEquals(5, l.source().line());
    }

    @Test
    void noSuchDeviceIsAToolFailure() {
        var c = parse("eth9", Samples.read("ethtool_eth9"));
        assertEquals(List.of(), c.facts(EthtoolLink.class));
        assertEquals(ToolErrorKind.OTHER, c.ctx.toolError().kind());
        assertEquals(2, c.ctx.toolError().source().line());
        assertEquals("Cannot get device settings: No such device", c.ctx.toolError().source().text());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void netlinkErrorsAndMissingBinaryAreToolFailures() {
        var netlink = parse("eth9", "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n");
        assertEquals(ToolErrorKind.OTHER, netlink.ctx.toolError().kind());
        assertEquals(1, netlink.ctx.toolError().source().line());

        var denied = parse("eth0", "Cannot get device settings: Operation not permitted\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, denied.ctx.toolError().kind());

        var missing = parse("eth0", "bash: ethtool: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
        assertEquals(List.of(), missing.facts(EthtoolLink.class));
    }

    @Test
    void crlfAndStderrFirstAsSosStoresIt() {
        String text = "Cannot get wake-on-lan settings: Operation not permitted\r\n"
                + "Settings for eth1:\r\n\tSpeed: 1000Mb/s\r\n\tDuplex: Full\r\n\tLink detected: yes\r\n";
        EthtoolLink l = only(parse("eth1", text));
        assertEquals(1000, l.speedMbps());
        assertEquals(Boolean.TRUE, l.linkDetected());
        assertEquals(5, l.source().line());
    }

    @Test
    void garbageLinesBecomeWarningsWithTheirLineNumbers() {
        var c = parse("eth0", """
                stray text before the header
                Settings for eth0:
                	Speed: fast
                \u0000\uFFFD\uFFFD\u0003
                	Duplex: Quarter
                not indented and no colon
                	Link detected: maybe
                	Auto-negotiation: on
                """);
        assertEquals(List.of(1, 3, 4, 5, 6, 7), c.warnings.stream().map(ParseWarning::line).toList());
        EthtoolLink l = c.facts(EthtoolLink.class).get(0);
        assertNull(l.speedMbps());
        assertNull(l.duplex());
        assertNull(l.linkDetected());
        assertEquals("on", l.autoNegotiation());
    }

    @Test
    void headerWithoutSettingsIsAWarning() {
        var c = parse("eth0", "Settings for eth0:\n");
        assertEquals(List.of(1), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of(), c.facts(EthtoolLink.class));
    }

    @Test
    void emptyFileGivesNothing() {
        var c = parse("eth0", "");
        assertTrue(c.facts.isEmpty());
        assertTrue(c.warnings.isEmpty());
        assertNull(c.ctx.toolError());
    }
}
