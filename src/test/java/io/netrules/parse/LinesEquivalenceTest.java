package io.netrules.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Lines} reads files as bytes now; it must hand out exactly the lines that decoding the
 * whole stream as UTF-8 gave ({@link ReferenceLines}, the reader before): the same texts and
 * numbers, the same long lines skipped with the same lengths, the same cut last line. Checked on
 * random files from a fixed seed: ASCII, multi-byte characters, malformed and cut sequences,
 * CR, LF and CRLF, lines across the 64K buffer's edge and over the line-length limit.
 */
class LinesEquivalenceTest {
    private static final byte[][] PIECES = {
        "a".getBytes(StandardCharsets.UTF_8), "-A KUBE-SERVICES -j X ".getBytes(StandardCharsets.UTF_8),
        {'\n'}, {'\r'}, {'\r', '\n'}, "é".getBytes(StandardCharsets.UTF_8), "€".getBytes(StandardCharsets.UTF_8),
        "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0xe2, (byte) 0x82}, {(byte) 0xe2}, {(byte) 0xf0, (byte) 0x90},
        {(byte) 0xf0, (byte) 0x90, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0,
        (byte) 0x80}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {' '}, {'\t'}, {0},
    };

    record Read(List<Line> lines, List<String> skipped, Line cut, String failure) {
    }

    static Read readNew(Path f, long max, boolean tool) {
        List<String> skipped = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        try (Lines l = tool ? Lines.openToolOutput(f, max, (n, len) -> skipped.add(n + ":" + len))
                : Lines.open(f, max, (n, len) -> skipped.add(n + ":" + len))) {
            l.forEach(lines::add);
            return new Read(lines, skipped, l.cutLine(), null);
        } catch (IOException | RuntimeException e) {
            return new Read(lines, skipped, null, e.toString());
        }
    }

    static Read readOld(Path f, long max, boolean tool) {
        List<String> skipped = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        try (ReferenceLines l = tool ? ReferenceLines.openToolOutput(f, max, (n, len) -> skipped.add(n + ":" + len))
                : ReferenceLines.open(f, max, (n, len) -> skipped.add(n + ":" + len))) {
            l.forEach(lines::add);
            return new Read(lines, skipped, l.cutLine(), null);
        } catch (IOException | RuntimeException e) {
            return new Read(lines, skipped, null, e.toString());
        }
    }

    @Test
    void randomFilesReadAsTheWholeStreamDecodedDid(@TempDir Path dir) throws IOException {
        Random random = new Random(7122026);
        Path f = dir.resolve("f");
        for (int round = 0; round < 400; round++) {
            int size = round % 10 == 0 ? 150_000 + random.nextInt(100_000) : random.nextInt(3_000);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (out.size() < size) {
                // Mostly plain text, as captures are; now and then a long run with no line end.
                byte[] piece = random.nextInt(50) == 0 ? "x".repeat(random.nextInt(70_000)).getBytes(StandardCharsets.US_ASCII)
                        : PIECES[random.nextInt(random.nextInt(3) == 0 ? PIECES.length : 4)];
                out.write(piece);
            }
            Files.write(f, out.toByteArray());
            long max = switch (round % 4) {
                case 0 -> 1L << 20;
                case 1 -> 40;
                case 2 -> 65_536;
                default -> 1 + random.nextInt(200);
            };
            boolean tool = random.nextBoolean();
            Read expected = readOld(f, max, tool);
            Read actual = readNew(f, max, tool);
            assertEquals(expected, actual, "round " + round + ", max " + max + ", tool output " + tool);
        }
    }
}
