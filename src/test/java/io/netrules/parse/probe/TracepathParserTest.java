package io.netrules.parse.probe;

import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.model.TracepathResult;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracepathParserTest {
    private static ParseContext.Collecting parse(String target, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/tracepath_" + target, "tracepath", target)
                .parse(new TracepathParser(), text);
    }

    private static TracepathResult only(ParseContext.Collecting c) {
        List<TracepathResult> results = c.facts(TracepathResult.class);
        assertEquals(1, results.size(), c.facts.toString());
        return results.get(0);
    }

    @Test
    void oneHopToAPeerNode() {
        var c = parse("10.0.0.2", Samples.read("tracepath_10.0.0.2"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        TracepathResult r = only(c);
        assertEquals("node-1", r.node());
        assertEquals("10.0.0.2", r.target());
        assertTrue(r.reached());
        assertEquals(1500, r.pmtu());
        assertEquals(1, r.hops());
        assertEquals(List.of("10.0.0.2"), r.hopAddresses());
        assertEquals(4, r.source().line());
        assertEquals("Resume: pmtu 1500 hops 1 back 1", r.source().text());
    }

    @Test
    void namedHopsAsymmetryNoReplyAndAPmtuDrop() {
        var c = parse("10.2.0.5", Samples.read("tracepath_10.2.0.5"));
        assertEquals(List.of(), c.warnings);
        TracepathResult r = only(c);
        assertTrue(r.reached());
        assertEquals(1450, r.pmtu());
        assertEquals(3, r.hops());
        assertEquals(List.of("10.0.0.254", "10.2.0.5"), r.hopAddresses());
    }

    @Test
    void nothingAnswersBeyondTheGateway() {
        var c = parse("10.0.0.9", Samples.read("tracepath_10.0.0.9"));
        assertEquals(List.of(), c.warnings);
        TracepathResult r = only(c);
        assertFalse(r.reached());
        assertEquals(1500, r.pmtu());
        assertEquals(1, r.hops(), "no hops in the Resume line: the highest hop that answered");
        assertEquals(List.of("10.0.0.254"), r.hopAddresses());
        assertEquals(33, r.source().line());
        assertEquals("Resume: pmtu 1500", r.source().text());
    }

    @Test
    void hostUnreachableIsNotReached() {
        var c = parse("10.0.0.8", Samples.read("tracepath_10.0.0.8"));
        assertEquals(List.of(), c.warnings);
        TracepathResult r = only(c);
        assertFalse(r.reached());
        assertEquals(List.of("10.0.0.1"), r.hopAddresses());
    }

    @Test
    void sendFailedWhenTheNetworkIsUnreachable() {
        var c = parse("10.9.0.1", " 1:  send failed\n     Resume: pmtu 65535 \n");
        assertEquals(List.of(), c.warnings);
        TracepathResult r = only(c);
        assertFalse(r.reached());
        assertEquals(0, r.hops());
        assertEquals(65535, r.pmtu());
        assertEquals(List.of(), r.hopAddresses());
    }

    @Test
    void aNameThatDoesNotResolveIsAnAnswer() {
        var c = parse("node-9.example.com", "tracepath: node-9.example.com: Name or service not known\n");
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        TracepathResult r = only(c);
        assertFalse(r.reached());
        assertNull(r.pmtu());
        assertEquals(0, r.hops());
        assertEquals(1, r.source().line());
        assertEquals("tracepath: node-9.example.com: Name or service not known", r.source().text());
    }

    @Test
    void commandNotFoundIsAToolFailure() {
        var c = parse("10.0.0.2", "bash: tracepath: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, c.ctx.toolError().kind());
        assertEquals(List.of(), c.facts(TracepathResult.class));
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void reachedByAddressEvenWithoutTheWord() {
        TracepathResult r = only(parse("10.0.0.3", " 1?: [LOCALHOST]     pmtu 1500\n"
                + " 1:  node-3 (10.0.0.3)      0.416ms\n     Resume: pmtu 1500 hops 1 back 1 \n"));
        assertTrue(r.reached());
        assertEquals(List.of("10.0.0.3"), r.hopAddresses());
    }

    @Test
    void garbageIsAWarningWithItsLineNumber() {
        String text = Samples.read("tracepath_10.0.0.2").replace(" 1:  10.0.0.2                                              0.490ms reached",
                "\u0001\u0002\ufffd\ufffd") + "what is this\n 7:  10.0.0.7 bogus words\n";
        var c = parse("10.0.0.2", text);
        assertEquals(List.of(3, 5, 6), c.warnings.stream().map(ParseWarning::line).toList(), c.warnings.toString());
        assertTrue(only(c).reached());
    }

    @Test
    void cutShortStillGivesWhatWasSeenWithAWarning() {
        var c = parse("10.2.0.5", " 1?: [LOCALHOST]       pmtu 1500\n 1:  10.0.0.254     0.376ms\n 2:  no reply\n");
        assertEquals(List.of(3), c.warnings.stream().map(ParseWarning::line).toList());
        TracepathResult r = only(c);
        assertFalse(r.reached());
        assertEquals(1, r.hops());
        assertEquals(3, r.source().line());
    }

    @Test
    void emptyFileAndCrlf() {
        var empty = parse("10.0.0.2", "");
        assertEquals(List.of(), empty.facts);
        assertEquals(List.of(), empty.warnings);

        var crlf = parse("10.2.0.5", Samples.read("tracepath_10.2.0.5").replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.warnings);
        assertEquals(1450, only(crlf).pmtu());
    }
}
