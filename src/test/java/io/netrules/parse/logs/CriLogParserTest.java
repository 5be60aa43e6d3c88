package io.netrules.parse.logs;

import io.netrules.parse.Line;
import io.netrules.parse.Lines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriLogParserTest {
    private static List<String> parse(CriLogParser.Format format, String text) {
        List<String> out = new ArrayList<>();
        CriLogParser p = new CriLogParser(format, l -> out.add(l.number() + ": " + l.text()));
        for (Line line : Lines.of(text)) {
            p.accept(line);
        }
        p.finish();
        return out;
    }

    @Test
    void timestampedLinesLoseTheirTimestampAndKeepTheirNumber() {
        assertEquals(List.of(
                        "1: I0803 09:18:29.869442    2427 cmd.go:121] Reading proxy configuration",
                        "2: I0803 09:18:30.000001    2427 node.go:152] offset form",
                        "3: a line with no timestamp is kept whole",
                        "4: "),
                parse(CriLogParser.Format.TIMESTAMPED, """
                        2021-08-03T09:18:29.869554002Z I0803 09:18:29.869442    2427 cmd.go:121] Reading proxy configuration
                        2021-08-03T11:18:30.000001+02:00 I0803 09:18:30.000001    2427 node.go:152] offset form
                        a line with no timestamp is kept whole
                        2021-08-03T09:18:31Z\s
                        """));
    }

    @Test
    void criPartialLinesAreJoinedPerStreamAndNumberedByTheirFirstPart() {
        assertEquals(List.of(
                        "1: I1012 21:04:11.602834 whole line",
                        "3: stdout line between the parts",
                        "2: I1012 21:04:12.118331 a long line split in two",
                        "5: empty final part: ",
                        "7: not a CRI line is kept whole",
                        "8: cut at the end"),
                parse(CriLogParser.Format.CRI, """
                        2022-10-12T21:04:11.602917358+00:00 stdout F I1012 21:04:11.602834 whole line
                        2022-10-12T21:04:12.118391775+00:00 stderr P I1012 21:04:12.118331 a long line\s
                        2022-10-12T21:04:12.118391775+00:00 stdout F stdout line between the parts
                        2022-10-12T21:04:12.118391775+00:00 stderr F split in two
                        2022-10-12T21:04:13Z stdout P empty final part:\s
                        2022-10-12T21:04:13Z stdout F
                        not a CRI line is kept whole
                        2022-10-12T21:04:14Z stderr P cut at the end
                        """));
    }

    @Test
    void aTimestampedLogIsNotTakenForCri() {
        // "stdout F" after the timestamp is text in a timestamped log: only the timestamp goes.
        assertEquals(List.of("1: stdout F hello"),
                parse(CriLogParser.Format.TIMESTAMPED, "2022-10-12T21:04:11.6Z stdout F hello\n"));
    }
}
