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
    private boolean iterated;

    private static final int MAX_BUFFER = 1 << 16;

    private Lines(Reader reader, int buffer) {
        this.reader = new BufferedReader(reader, buffer);
    }

    public static Lines of(String text) {
        return new Lines(new StringReader(text), Math.max(16, Math.min(MAX_BUFFER, text.length() + 1)));
    }

    public static Lines open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // A capture has tens of small files per node: a 64K-char buffer for each is most of
        // what reading them allocates.
        long size = Files.size(file);
        int buffer = (int) Math.max(512, Math.min(MAX_BUFFER, size + 1));
        return new Lines(new java.io.InputStreamReader(Files.newInputStream(file), decoder), buffer);
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
                    return reader.readLine();
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
