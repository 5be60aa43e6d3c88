package io.netrules.parse;

import io.netrules.model.ParseWarning;
import io.netrules.parse.ip.IpRouteParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParseContextTest {

    @Test
    void aLineTheReaderThrowsOnBecomesAWarningAndTheNextLinesAreRead() {
        var c = ParseContext.collecting("node-1", "nodes/node-1/x", "x");
        List<Integer> read = new ArrayList<>();
        c.ctx.eachLine(Lines.of("one\ntwo\nthree\n"), "x line", line -> {
            if (line.text().equals("two")) {
                throw new IllegalStateException("odd");
            }
            read.add(line.number());
        });
        assertEquals(List.of(1, 3), read);
        assertEquals(List.of(new ParseWarning("nodes/node-1/x", 2, "cannot read x line (IllegalStateException: odd)")),
                c.warnings);
    }

    @Test
    void aParserReadingThroughItKeepsGoingPastALineItCannotRead() {
        // A line that makes IpRouteParser throw would be a bug; a reader that throws on every
        // line shows the helper is between the parser and its lines.
        var c = ParseContext.collecting("node-1", "nodes/node-1/ip_route", "ip-route");
        Iterable<Line> lines = () -> List.of(new Line(1, "default via 10.0.0.1 dev eth0"), new Line(2, null),
                new Line(3, "10.128.0.0/14 dev tun0 scope link")).iterator();
        new IpRouteParser().parse(lines, c.ctx);
        assertEquals(2, c.facts.size());
        assertEquals(1, c.warnings.size());
        assertEquals(2, c.warnings.get(0).line());
        org.junit.jupiter.api.Assertions.assertTrue(c.warnings.get(0).text().startsWith("cannot read route (NullPointerException"), c.warnings.toString());
    }
}
