package io.netrules.parse.probe;

import io.netrules.model.ParseWarning;
import io.netrules.model.PingResult;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingParserTest {
    private static ParseContext.Collecting parse(String target, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/ping_-c_3_" + target, "ping", target)
                .parse(new PingParser(), text);
    }

    private static PingResult only(ParseContext.Collecting c) {
        List<PingResult> results = c.facts(PingResult.class);
        assertEquals(1, results.size(), c.facts.toString());
        return results.get(0);
    }

    @Test
    void allRepliesBack() {
        var c = parse("10.0.0.2", Samples.read("ping_-c_3_10.0.0.2"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        PingResult r = only(c);
        assertEquals("node-1", r.node());
        assertEquals("10.0.0.2", r.target());
        assertEquals(3, r.transmitted());
        assertEquals(3, r.received());
        assertEquals(0.0, r.lossPercent());
        assertEquals(0.474, r.rttAvgMs());
        assertNull(r.error());
        assertTrue(r.answered());
        assertEquals(7, r.source().line());
        assertEquals("3 packets transmitted, 3 received, 0% packet loss, time 2003ms", r.source().text());
        assertEquals("nodes/node-1/ping_-c_3_10.0.0.2", r.source().file());
    }

    @Test
    void hostUnreachableCountsErrorsAndKeepsTheFirst() {
        var c = parse("10.0.0.9", Samples.read("ping_-c_3_10.0.0.9"));
        assertEquals(List.of(), c.warnings);
        PingResult r = only(c);
        assertEquals(3, r.transmitted());
        assertEquals(0, r.received());
        assertEquals(100.0, r.lossPercent());
        assertNull(r.rttAvgMs());
        assertEquals("Destination Host Unreachable", r.error());
        assertFalse(r.answered());
        assertEquals(7, r.source().line());
    }

    @Test
    void partialLossHasAFractionalPercentage() {
        PingResult r = only(parse("10.0.0.3", Samples.read("ping_-c_3_10.0.0.3.loss")));
        assertEquals(2, r.received());
        assertEquals(33.3333, r.lossPercent());
        assertEquals(0.997, r.rttAvgMs());
        assertNull(r.error());
    }

    @Test
    void busyboxFormat() {
        var c = parse("10.0.0.2", Samples.read("ping_-c_3_10.0.0.2.busybox"));
        assertEquals(List.of(), c.warnings);
        PingResult r = only(c);
        assertEquals(3, r.received());
        assertEquals(0.0, r.lossPercent());
        assertEquals(0.102, r.rttAvgMs());
    }

    @Test
    void duplicatesFragNeededAndPipeOnTheRttLine() {
        var c = parse("10.2.0.5", Samples.read("ping_-c_3_10.2.0.5.dup"));
        assertEquals(List.of(), c.warnings);
        PingResult r = only(c);
        assertEquals(3, r.transmitted());
        assertEquals(2, r.received());
        assertEquals(33.3333, r.lossPercent());
        assertEquals(0.801, r.rttAvgMs());
        assertEquals("Frag needed and DF set (mtu = 1450)", r.error());
    }

    @Test
    void sendmsgRefusedByTheLocalFirewallIsAnAnswerNotAToolFailure() {
        var c = parse("10.0.0.2", Samples.read("ping_-c_3_10.0.0.2.sendmsg"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        PingResult r = only(c);
        assertEquals(0, r.received());
        assertEquals("sendmsg: Operation not permitted", r.error());
    }

    @Test
    void networkUnreachableIsAnAnswerWithNothingSent() {
        for (String text : List.of("connect: Network is unreachable\n", "ping: connect: Network is unreachable\n")) {
            var c = parse("10.9.0.1", text);
            assertEquals(List.of(), c.warnings);
            assertNull(c.ctx.toolError());
            PingResult r = only(c);
            assertEquals("10.9.0.1", r.target());
            assertEquals(0, r.transmitted());
            assertEquals(0, r.received());
            assertNull(r.lossPercent());
            assertNull(r.rttAvgMs());
            assertEquals("connect: Network is unreachable", r.error());
            assertEquals(1, r.source().line());
            assertEquals(text.strip(), r.source().text());
        }
    }

    @Test
    void unknownHostOldAndNewIsAnAnswer() {
        assertEquals("unknown host node-9.example.com",
                only(parse("node-9.example.com", "ping: unknown host node-9.example.com\n")).error());
        assertEquals("node-9.example.com: Name or service not known",
                only(parse("node-9.example.com", "ping: node-9.example.com: Name or service not known\n")).error());
        assertEquals("node-9.example.com: Temporary failure in name resolution",
                only(parse("node-9.example.com", "ping: node-9.example.com: Temporary failure in name resolution\n"))
                        .error());
    }

    @Test
    void pingThatCannotRunIsAToolFailure() {
        var missing = parse("10.0.0.2", "bash: ping: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
        assertEquals(List.of(), missing.facts(PingResult.class));
        assertEquals(List.of(), missing.warnings);

        var socket = parse("10.0.0.2", "ping: socket: Operation not permitted\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, socket.ctx.toolError().kind());
        var icmp = parse("10.0.0.2", "ping: icmp open socket: Operation not permitted\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, icmp.ctx.toolError().kind());
        assertEquals(List.of(), icmp.facts(PingResult.class));
    }

    @Test
    void theTargetComesFromTheOutputWhenTheFileNameHasNone() {
        var c = ParseContext.collecting("node-1", "ping.txt", "ping").parse(new PingParser(),
                Samples.read("ping_-c_3_10.0.0.9"));
        assertEquals("10.0.0.9", only(c).target());
    }

    @Test
    void garbageIsAWarningWithItsLineNumber() {
        String text = Samples.read("ping_-c_3_10.0.0.2").replace("64 bytes from 10.0.0.2: icmp_seq=2",
                "\u0001\u0002\ufffd\ufffd icmp_seq=2") + "something else entirely\n";
        var c = parse("10.0.0.2", text);
        assertEquals(List.of(3, 9), c.warnings.stream().map(ParseWarning::line).toList(), c.warnings.toString());
        assertEquals(3, only(c).received());
    }

    @Test
    void outputCutShortGivesNoResultAndAWarning() {
        var c = parse("10.0.0.2", "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
                + "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.593 ms\n");
        assertEquals(List.of(), c.facts);
        assertEquals(List.of(2), c.warnings.stream().map(ParseWarning::line).toList());
    }

    @Test
    void emptyFileAndCrlf() {
        var empty = parse("10.0.0.2", "");
        assertEquals(List.of(), empty.facts);
        assertEquals(List.of(), empty.warnings);

        var crlf = parse("10.0.0.2", Samples.read("ping_-c_3_10.0.0.2").replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.warnings);
        assertEquals(0.474, only(crlf).rttAvgMs());
    }
}
