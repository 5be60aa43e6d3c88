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
 * Streams the lines of a file or string, numbered from 1, with CR, LF and CRLF line ends all
 * accepted. Bytes that are not UTF-8 become U+FFFD instead of failing the read: captures come
 * from customers' machines and a stray byte must not hide the rest of the file.
 *
 * <p>A line longer than the line-length limit is skipped, not returned: its characters are
 * counted as they stream past and never held (a 2 GB file without a newline costs no memory),
 * the {@link LongLineHandler} is told its number, and the lines after it keep their numbers.
 *
 * <p>A file is read as bytes: a line of ASCII that sits in the buffer becomes its String with one
 * copy (no decoding, no char array), which is what the large files of a capture (iptables-save,
 * flow dumps) hold. Any other line (a non-ASCII byte, or longer than the buffer) is decoded on
 * its own through the UTF-8 decoder, which gives what decoding the whole stream gives, since a
 * line end is never part of a multi-byte sequence.
 */
public final class Lines implements Iterable<Line>, AutoCloseable {
    /** Told about each line skipped for its length. */
    @FunctionalInterface
    public interface LongLineHandler {
        void skipped(int lineNumber, long length);
    }

    private static final int MAX_BUFFER = 1 << 16;

    private final Reader reader;
    private final char[] buf;
    /** A file's bytes, when reading one (then reader and buf are null). */
    private final java.io.InputStream in;
    private final byte[] bytes;
    /** Decodes the lines that are not plain ASCII in the buffer (file reading only). */
    private java.nio.charset.CharsetDecoder decoder;
    private java.nio.CharBuffer decoded;
    /** The bytes of a partial multi-byte sequence at the end of a chunk, waiting for the next one. */
    private byte[] pending;
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

    private Lines(Reader reader, int buffer, long maxLineLength, LongLineHandler longLines, boolean dropCutLine) {
        this.reader = reader;
        this.buf = new char[buffer];
        this.in = null;
        this.bytes = null;
        this.maxLineLength = maxLineLength;
        this.longLines = longLines;
        this.dropCutLine = dropCutLine;
    }

    private Lines(java.io.InputStream in, int buffer, long maxLineLength, LongLineHandler longLines,
                  boolean dropCutLine) {
        this.reader = null;
        this.buf = null;
        this.in = in;
        this.bytes = new byte[buffer];
        this.maxLineLength = maxLineLength;
        this.longLines = longLines;
        this.dropCutLine = dropCutLine;
    }

    /** The lines of a string already in memory: no length limit. */
    public static Lines of(String text) {
        return new Lines(new StringReader(text), Math.max(16, Math.min(MAX_BUFFER, text.length() + 1)),
                Long.MAX_VALUE, (n, len) -> { }, false);
    }

    /**
     * The lines of a file, at most 1 Mi characters each; a longer line fails the read (an
     * {@link UncheckedIOException} naming its number). Readers of capture files use
     * {@link #open(Path, long, LongLineHandler)}, which skips it with a warning instead.
     */
    public static Lines open(Path file) throws IOException {
        return open(file, 1L << 20, (n, len) -> {
            throw new UncheckedIOException(new IOException("line " + n + " is longer than 1 Mi characters"));
        });
    }

    /** The lines of a file; a line over {@code maxLineLength} characters is skipped and handed to {@code longLines}. */
    public static Lines open(Path file, long maxLineLength, LongLineHandler longLines) throws IOException {
        return open(file, maxLineLength, longLines, false);
    }

    /**
     * A tool's output: every line the tool printed ends with a line end, so a last line without
     * one was cut (a copy or a collection stopped midway). That line is not handed out: half a
     * flow or half an address would read as a whole, different one. {@link #cutLine()} tells.
     */
    public static Lines openToolOutput(Path file, long maxLineLength, LongLineHandler longLines) throws IOException {
        return open(file, maxLineLength, longLines, true);
    }

    private static Lines open(Path file, long maxLineLength, LongLineHandler longLines, boolean dropCutLine)
            throws IOException {
        // A capture has tens of small files per node: a 64K buffer for each is most of
        // what reading them allocates.
        long size = Files.size(file);
        int buffer = (int) Math.max(512, Math.min(MAX_BUFFER, size + 1));
        return new Lines(Files.newInputStream(file), buffer, maxLineLength, longLines, dropCutLine);
    }

    /**
     * The lines of a stream (a decompressed file), read as UTF-8; a line over {@code maxLineLength}
     * characters is skipped and handed to {@code longLines}. Closing the Lines closes the stream.
     */
    public static Lines open(java.io.InputStream in, long maxLineLength, LongLineHandler longLines) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new Lines(new java.io.InputStreamReader(in, decoder), MAX_BUFFER, maxLineLength, longLines, false);
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
        if (in != null) {
            return readByteLine();
        }
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

    /** The line being decoded the slow way: its characters so far (null once over the limit), its length. */
    private StringBuilder slow;
    private long slowLength;

    /** {@link #readLine()} over bytes. */
    private String readByteLine() throws IOException {
        boolean started = false;
        unterminated = false;
        slow = null;
        slowLength = 0;
        boolean slowStarted = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fillBytes()) {
                    if (!started) {
                        return null;
                    }
                    unterminated = true;
                    break;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (bytes[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            boolean ascii = true;
            byte[] b = bytes;
            int end = limit;
            while (i < end) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c < 0) {
                    ascii = false;
                }
                i++;
            }
            if (i < end && ascii && !slowStarted && i - pos <= maxLineLength) {
                // The whole line sits in the buffer and is ASCII: its bytes are its characters.
                String line = new String(b, pos, i - pos, StandardCharsets.ISO_8859_1);
                endByteLine(i);
                return line;
            }
            if (!slowStarted) {
                slowStarted = true;
                slow = new StringBuilder(Math.max(16, Math.min(1 << 16, (i - pos) * 2)));
            }
            decodeSlow(pos, i, false);
            if (i < end) {
                endByteLine(i);
                break;
            }
            pos = i;
        }
        decodeSlow(0, 0, true);
        if (slowLength > maxLineLength) {
            skippedLength = slowLength;
            slow = null;
            return SKIPPED;
        }
        String line = slow == null ? "" : slow.toString();
        slow = null;
        return line;
    }

    /**
     * Decodes {@code bytes[from, to)} as the next part of the current line, keeping a partial
     * multi-byte sequence at its end for the next part; {@code last}: the line ends here.
     */
    private void decodeSlow(int from, int to, boolean last) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            decoded = java.nio.CharBuffer.allocate(4096);
        }
        java.nio.ByteBuffer input;
        if (pending != null) {
            byte[] joined = new byte[pending.length + (to - from)];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(bytes, from, joined, pending.length, to - from);
            input = java.nio.ByteBuffer.wrap(joined);
            pending = null;
        } else {
            input = java.nio.ByteBuffer.wrap(bytes, from, to - from);
        }
        while (true) {
            java.nio.charset.CoderResult r = decoder.decode(input, decoded, last);
            drain();
            if (r.isOverflow()) {
                continue;
            }
            break;
        }
        if (last) {
            while (decoder.flush(decoded).isOverflow()) {
                drain();
            }
            drain();
            decoder.reset();
        } else if (input.hasRemaining()) {
            pending = new byte[input.remaining()];
            input.get(pending);
        }
    }

    /** Moves the decoded characters to the line, or only counts them once it is over the limit. */
    private void drain() {
        decoded.flip();
        int n = decoded.remaining();
        if (slow != null && slowLength + n <= maxLineLength) {
            slow.append(decoded);
        } else {
            slow = null;
        }
        slowLength += n;
        decoded.clear();
    }

    private void endByteLine(int terminator) {
        skipLf = bytes[terminator] == '\r';
        pos = terminator + 1;
    }

    private boolean fillBytes() throws IOException {
        int n;
        do {
            n = in.read(bytes, 0, bytes.length);
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
            if (in != null) {
                in.close();
                return;
            }
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
