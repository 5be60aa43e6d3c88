package io.netrules.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinesTest {

    private static List<Line> read(Path file, long max, List<long[]> skipped) throws IOException {
        List<Line> out = new ArrayList<>();
        try (Lines lines = Lines.open(file, max, (n, len) -> skipped.add(new long[] {n, len}))) {
            lines.forEach(out::add);
        }
        return out;
    }

    @Test
    void crLfAndCrlfEndLinesAndTheLastLineNeedsNoEnd(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("f");
        Files.writeString(f, "a\r\nb\rc\n\nd");
        List<long[]> skipped = new ArrayList<>();
        List<Line> lines = read(f, 10, skipped);
        assertEquals(List.of(new Line(1, "a"), new Line(2, "b"), new Line(3, "c"), new Line(4, ""), new Line(5, "d")),
                lines);
        assertEquals(0, skipped.size());
    }

    @Test
    void aLineOverTheLimitIsSkippedAndTheNextLinesKeepTheirNumbers(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("f");
        // 3 MiB on one line, larger than any read buffer, then two short lines.
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write("first\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "z".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 48; i++) {
                o.write(chunk);
            }
            o.write("\r\nthird\nfour".getBytes(StandardCharsets.UTF_8));
        }
        List<long[]> skipped = new ArrayList<>();
        List<Line> lines = read(f, 1024, skipped);
        assertEquals(List.of(new Line(1, "first"), new Line(3, "third"), new Line(4, "four")), lines);
        assertEquals(1, skipped.size());
        assertEquals(2, skipped.get(0)[0]);
        assertEquals(48L << 16, skipped.get(0)[1]);
    }

    @Test
    void aLineExactlyAtTheLimitIsKept(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("f");
        Files.writeString(f, "x".repeat(600) + "\n" + "y".repeat(601));
        List<long[]> skipped = new ArrayList<>();
        List<Line> lines = read(f, 600, skipped);
        assertEquals(1, lines.size());
        assertEquals(600, lines.get(0).text().length());
        assertEquals(2, skipped.get(0)[0]);
    }

    @Test
    void withoutAHandlerALongLineFailsTheRead(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("f");
        Files.writeString(f, "x".repeat((1 << 20) + 1));
        try (Lines lines = Lines.open(f)) {
            assertThrows(java.io.UncheckedIOException.class, () -> lines.forEach(l -> { }));
        }
    }
}
