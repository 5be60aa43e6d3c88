package io.netrules.parse;

import java.io.BufferedReader;
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
 * Streams the lines of a file or string, numbered from 1, with CR, LF and CRLF line ends all
 * accepted. Bytes that are not UTF-8 become U+FFFD instead of failing the read: captures come
 * from customers' machines and a stray byte must not hide the rest of the file.
 */
public final class Lines implements Iterable<Line>, AutoCloseable {
    private final BufferedReader reader;
    private final LastChar last;
    private boolean iterated;
    private Line cut;

    private static final int MAX_BUFFER = 1 << 16;

    private Lines(Reader reader, int buffer, boolean dropCutLine) {
        this.last = dropCutLine ? new LastChar(reader) : null;
        this.reader = new BufferedReader(dropCutLine ? last : reader, buffer);
    }

    public static Lines of(String text) {
        return new Lines(new StringReader(text), Math.max(16, Math.min(MAX_BUFFER, text.length() + 1)), false);
    }

    public static Lines open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * A tool's output: every line the tool printed ends with a line end, so a last line without
     * one was cut (a copy or a collection stopped midway). That line is not handed out: half a
     * flow or half an address would read as a whole, different one. {@link #cutLine()} tells.
     */
    public static Lines openToolOutput(Path file) throws IOException {
        return open(file, true);
    }

    private static Lines open(Path file, boolean dropCutLine) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // A capture has tens of small files per node: a 64K-char buffer for each is most of
        // what reading them allocates.
        long size = Files.size(file);
        int buffer = (int) Math.max(512, Math.min(MAX_BUFFER, size + 1));
        return new Lines(new java.io.InputStreamReader(Files.newInputStream(file), decoder), buffer, dropCutLine);
    }

    /** The last line, when it had no line end and was therefore left out ({@link #openToolOutput}); else null. */
    public Line cutLine() {
        return cut;
    }

    @Override
    public Iterator<Line> iterator() {
        if (iterated) {
            throw new IllegalStateException("lines can be read once");
        }
        iterated = true;
        return new Iterator<>() {
            private int number;
            // One line of look-ahead beyond the next: only at the end of the file is it known
            // whether the next line had a line end.
            private String next = read();
            private String after = next == null ? null : read();

            {
                checkCut();
            }

            private String read() {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void checkCut() {
                if (last != null && next != null && after == null && !last.endedWithLineEnd()) {
                    cut = new Line(number + 1, next);
                    next = null;
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
                next = after;
                after = next == null ? null : read();
                checkCut();
                return line;
            }
        };
    }

    /** Remembers the last character read through it: at the end of input, whether the text ended with a line end. */
    private static final class LastChar extends java.io.FilterReader {
        private int last = -1;

        LastChar(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                last = c;
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                last = buf[off + n - 1];
            }
            return n;
        }

        boolean endedWithLineEnd() {
            return last == '\n' || last == '\r';
        }
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
