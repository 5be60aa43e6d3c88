package io.netrules.plugins.openshiftsdn.parse;

import io.netrules.parse.files.Samples;
import io.netrules.model.JournalLine;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalParserTest {
    private static final String FILE = "nodes/node-1/journalctl_--no-pager_--unit_origin-node";

    private static ParseContext.Collecting parse(String text) {
        return ParseContext.collecting("node-1", FILE, "journalctl_--no-pager_--unit_origin-node")
                .parse(new JournalParser(), text);
    }

    private static JournalLine at(ParseContext.Collecting c, int lineNo) {
        return c.facts(JournalLine.class).stream().filter(j -> j.lineNo() == lineNo).findFirst()
                .orElseThrow(() -> new AssertionError("no journal line " + lineNo));
    }

    @Test
    void earlySdnSetupScriptOutput() {
        var c = parse(Samples.read("journalctl_--no-pager_--unit_origin-node"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError(), "a failure inside a log message is not the tool's failure");
        List<JournalLine> lines = c.facts(JournalLine.class);
        // 23 lines, minus the two journalctl markers.
        assertEquals(21, lines.size());
        assertEquals("Starting Origin Node...", at(c, 2).message());
        assertTrue(at(c, 4).message().endsWith("controller.go:38] Output of setup script:"));
        assertEquals("+ ip link set br0 up", at(c, 12).message());
        assertEquals("ovs-vsctl: no port named vxlan0", at(c, 10).message());
        assertTrue(at(c, 16).message().contains(
                "Output of adding table=0,cookie=0x0a00000c,tun_src=10.0.0.12,actions=goto_table:1:  (<nil>)"));
        assertEquals(" (exit status 1)", at(c, 18).message());
        assertEquals("multi-line detail kept by journald", at(c, 20).message());
        assertEquals("[3.2K blob data]", at(c, 21).message());
        assertEquals("Started Origin Node.", at(c, 23).message());

        JournalLine setup = at(c, 12);
        assertEquals("node-1", setup.node());
        assertEquals(FILE, setup.source().file());
        assertEquals(12, setup.source().line());
        assertEquals("Nov 01 21:55:19 node-1.example.com origin-node[26898]: + ip link set br0 up",
                setup.source().text());
    }

    @Test
    void atomicOpenShiftNode311() {
        var c = parse(Samples.read("journalctl_--no-pager_--unit_atomic-openshift-node"));
        assertEquals(List.of(), c.warnings);
        List<JournalLine> lines = c.facts(JournalLine.class);
        assertEquals(List.of(2, 3, 4, 5), lines.stream().map(JournalLine::lineNo).toList());
        assertTrue(lines.get(1).message().startsWith("E1126 10:00:02.100233    1234 cni.go:260] Error adding network"));
        assertEquals("Started OpenShift Node.", lines.get(3).message());
    }

    @Test
    void otherTimestampFormats() {
        var c = parse(Samples.read("journalctl_short-iso"));
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("I1126 10:00:01.512841    1234 kubelet.go:1758] short-iso", "short-iso-precise",
                        "short-full", "short-precise", "syslog-style day padding, no pid", ""),
                c.facts(JournalLine.class).stream().map(JournalLine::message).toList());
    }

    @Test
    void noEntriesIsNoFactAndNoWarning() {
        var c = parse("-- Logs begin at Mon 2018-11-26 09:12:44 UTC, end at Mon 2018-11-26 10:05:13 UTC. --\n"
                + "-- No entries --\n");
        assertEquals(List.of(), c.facts);
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of(), parse("No journal files were found.\n-- No entries --\n").facts);
    }

    @Test
    void garbageLineIsAWarningWithItsLineNumber() {
        var c = parse("Nov 26 10:00:01 node-1 origin-node[1234]: first\n\u0000\u0001\uFFFD\uFFFD\u0007\n"
                + "Nov 26 10:00:02 node-1 origin-node[1234]: second\r\n");
        assertEquals(List.of(2), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of("first", "second"), c.facts(JournalLine.class).stream().map(JournalLine::message).toList());
    }

    @Test
    void toolFailures() {
        var missing = parse("bash: journalctl: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
        assertEquals(List.of(), missing.facts(JournalLine.class));

        var unprivileged = parse("Hint: You are currently not seeing messages from other users and the system.\n"
                + "      Users in groups 'adm', 'systemd-journal', 'wheel' can see all messages.\n"
                + "      Pass -q to turn off this notice.\n"
                + "-- No entries --\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, unprivileged.ctx.toolError().kind());
        assertEquals(1, unprivileged.ctx.toolError().source().line());
        assertEquals(List.of(), unprivileged.facts(JournalLine.class));
        assertEquals(List.of(), unprivileged.warnings);
    }

    @Test
    void streamsWithoutHoldingLines() {
        // A generated journal of 200k lines, read through an iterator that never materialises them.
        int n = 200_000;
        Iterable<Line> lines = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Line next() {
                i++;
                return new Line(i, "Nov 26 10:00:01 node-1.example.com origin-node[1234]: I1126 line " + i);
            }
        };
        int[] count = {0};
        String[] last = {null};
        var ctx = new ParseContext("node-1", FILE, "journal", null, f -> {
            count[0]++;
            last[0] = ((JournalLine) f).message();
        }, w -> {
            throw new AssertionError(w.toString());
        });
        new JournalParser().parse(lines, ctx);
        assertEquals(n, count[0]);
        assertEquals("I1126 line " + n, last[0]);
    }

    @Test
    void emptyFile() {
        var c = parse("");
        assertEquals(List.of(), c.facts);
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
    }
}
