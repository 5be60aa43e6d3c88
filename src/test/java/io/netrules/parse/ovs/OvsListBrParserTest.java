package io.netrules.parse.ovs;

import io.netrules.model.OvsBridge;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OvsListBrParserTest {
    private static final String FILE = "ovs-vsctl_-t_5_list-br";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new OvsListBrParser(), FILE, "ovs-vsctl_list-br", null, text);
    }

    private static List<String> names(ParseContext.Collecting r) {
        return r.facts(OvsBridge.class).stream().map(OvsBridge::name).toList();
    }

    @Test
    void oneBridge() {
        var r = parse(Samples.text(FILE));
        List<OvsBridge> bridges = r.facts(OvsBridge.class);
        assertEquals(1, bridges.size());
        OvsBridge br0 = bridges.get(0);
        assertEquals("br0", br0.name());
        assertEquals("node-1", br0.node());
        assertEquals(1, br0.source().line());
        assertEquals("nodes/node-1/" + FILE, br0.source().file());
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
    }

    @Test
    void severalBridgesWithCrlfBlankLinesAndSpaces() {
        var r = parse("br0\r\n\r\n  br-ex  \r\nbr-int\r\n");
        assertEquals(List.of("br0", "br-ex", "br-int"), names(r));
        assertEquals(List.of(1, 3, 4), r.facts(OvsBridge.class).stream().map(b -> b.source().line()).toList());
        assertEquals("br-ex", r.facts(OvsBridge.class).get(1).source().text());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void emptyFileIsNoBridgesWithoutWarning() {
        for (String text : List.of("", "\n")) {
            var r = parse(text);
            assertEquals(List.of(), r.facts);
            assertEquals(List.of(), r.warnings);
            assertNull(r.ctx.toolError());
        }
    }

    @Test
    void ovsNotRunning() {
        var r = parse(Samples.text(FILE + ".ovs-down"));
        assertEquals(List.of(), names(r));
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, r.ctx.toolError().kind());
        assertEquals(1, r.ctx.toolError().source().line());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void notInstalled() {
        var r = parse(Samples.text("ovs-vsctl_list-br.not-installed"));
        assertEquals(List.of(), names(r));
        assertEquals(ToolErrorKind.NOT_INSTALLED, r.ctx.toolError().kind());
    }

    @Test
    void unknownOvsVsctlMessageIsAnOtherFailure() {
        var r = parse("ovs-vsctl: transaction error: {\"details\":\"nobody knows\",\"error\":\"unknown\"}\n");
        assertEquals(List.of(), names(r));
        assertEquals(ToolErrorKind.OTHER, r.ctx.toolError().kind());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void garbageIsAWarningWithItsLineNumber() {
        var r = parse("br0\n\u0000\u0007\ufffd\ufffdELF\u0002\nsome words here\nbr1\n");
        assertEquals(List.of("br0", "br1"), names(r));
        assertEquals(List.of(2, 3), r.warnings.stream().map(ParseWarning::line).toList());
        assertNull(r.ctx.toolError());
    }
}
