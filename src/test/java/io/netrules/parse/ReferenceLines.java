package io.netrules.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lines as it was before it read bytes, kept as the reference the byte reader must agree with
 * (LinesEquivalenceTest). Streams the lines of a file or string, numbered from 1, with CR, LF and CRLF line ends all
 * accepted. Bytes that are not UTF-8 become U+FFFD instead of failing the read: captures come
 * from customers' machines and a stray byte must not hide the rest of the file.
 *
 * <p>A line longer than the line-length limit is skipped, not returned: its characters are
 * counted as they stream past and never held (a 2 GB file without a newline costs no memory),
 * the {@link LongLineHandler} is told its number, and the lines after it keep their numbers.
 */
final class ReferenceLines implements Iterable<Line>, AutoCloseable {
    /** Told about each line skipped for its length. */
    @FunctionalInterface
    public interface LongLineHandler {
        void skipped(int lineNumber, long length);
    }

    private static final int MAX_BUFFER = 1 << 16;

    private final Reader reader;
    private final char[] buf;
    private final long maxLineLength;
    private final LongLineHandler longLines;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private boolean iterated;
    private final boolean dropCutLine;
    /** Whether the line readLine() returned last ended at the end of input without a line end. */
    private boolean unterminated;
    private Line cut;

    private ReferenceLines(Reader reader, int buffer, long maxLineLength, LongLineHandler longLines, boolean dropCutLine) {
        this.reader = reader;
        this.buf = new char[buffer];
        this.maxLineLength = maxLineLength;
        this.longLines = longLines;
        this.dropCutLine = dropCutLine;
    }

    /** The lines of a string already in memory: no length limit. */
    static ReferenceLines of(String text) {
        return new ReferenceLines(new StringReader(text), Math.max(16, Math.min(MAX_BUFFER, text.length() + 1)),
                Long.MAX_VALUE, (n, len) -> { }, false);
    }

    /**
     * The lines of a file, at most 1 Mi characters each; a longer line fails the read (an
     * {@link UncheckedIOException} naming its number). Readers of capture files use
     * {@link #open(Path, long, LongLineHandler)}, which skips it with a warning instead.
     */
    static ReferenceLines open(Path file) throws IOException {
        return open(file, 1L << 20, (n, len) -> {
            throw new UncheckedIOException(new IOException("line " + n + " is longer than 1 Mi characters"));
        });
    }

    /** The lines of a file; a line over {@code maxLineLength} characters is skipped and handed to {@code longLines}. */
    static ReferenceLines open(Path file, long maxLineLength, LongLineHandler longLines) throws IOException {
        return open(file, maxLineLength, longLines, false);
    }

    /**
     * A tool's output: every line the tool printed ends with a line end, so a last line without
     * one was cut (a copy or a collection stopped midway). That line is not handed out: half a
     * flow or half an address would read as a whole, different one. {@link #cutLine()} tells.
     */
    static ReferenceLines openToolOutput(Path file, long maxLineLength, LongLineHandler longLines) throws IOException {
        return open(file, maxLineLength, longLines, true);
    }

    private static ReferenceLines open(Path file, long maxLineLength, LongLineHandler longLines, boolean dropCutLine)
            throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // A capture has tens of small files per node: a 64K-char buffer for each is most of
        // what reading them allocates.
        long size = Files.size(file);
        int buffer = (int) Math.max(512, Math.min(MAX_BUFFER, size + 1));
        return new ReferenceLines(new java.io.InputStreamReader(Files.newInputStream(file), decoder), buffer, maxLineLength,
                longLines, dropCutLine);
    }

    /** The last line, when it had no line end and was therefore left out ({@link #openToolOutput}); else null. */
    public Line cutLine() {
        return cut;
    }

    /** Marks a line that was too long (identity, never returned). */
    private static final String SKIPPED = new String("skipped");

    private long skippedLength;

    /** The next line, {@link #SKIPPED} for one over the limit, null at the end. */
    private String readLine() throws IOException {
        StringBuilder sb = null;
        long length = 0;
        boolean started = false;
        unterminated = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!started) {
                        return null;
                    }
                    unterminated = true;
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            int chunk = i - pos;
            if (length + chunk <= maxLineLength) {
                if (i < limit && sb == null) {
                    // The whole line sits in the buffer: no builder.
                    String line = new String(buf, pos, chunk);
                    endLine(i);
                    return line;
                }
                if (sb == null) {
                    sb = new StringBuilder(Math.max(16, chunk * 2));
                }
                sb.append(buf, pos, chunk);
            } else {
                sb = null; // over the limit: stop keeping it, keep counting
            }
            length += chunk;
            if (i < limit) {
                endLine(i);
                break;
            }
            pos = i;
        }
        if (length > maxLineLength) {
            skippedLength = length;
            return SKIPPED;
        }
        return sb == null ? "" : sb.toString();
    }

    private void endLine(int terminator) {
        skipLf = buf[terminator] == '\r';
        pos = terminator + 1;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public Iterator<Line> iterator() {
        if (iterated) {
            throw new IllegalStateException("lines can be read once");
        }
        iterated = true;
        return new Iterator<>() {
            private int number;
            private String next = read();

            private String read() {
                try {
                    String line;
                    while ((line = readLine()) == SKIPPED) {
                        longLines.skipped(++number, skippedLength);
                    }
                    if (line != null && dropCutLine && unterminated) {
                        cut = new Line(number + 1, line);
                        return null;
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Line next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Line line = new Line(++number, next);
                next = read();
                return line;
            }
        };
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
