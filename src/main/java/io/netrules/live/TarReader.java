package io.netrules.live;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Extracts the tar stream a collector pod sends back (GNU or POSIX {@code tar -cf -}): regular
 * files and folders only, every path kept inside the target folder, and a cap on the bytes
 * written. What came from a pod is not trusted: an absolute path, a {@code ..}, a link or a
 * device is refused, never followed.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private TarReader() {
    }

    /** A tar stream that cannot be taken: the message says why. */
    static final class BadTarException extends IOException {
        BadTarException(String message) {
            super(message);
        }
    }

    /** Extracts into {@code into}; returns the number of files written. */
    static int extract(InputStream in, Path into, long maxBytes) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        Files.createDirectories(root);
        byte[] header = new byte[BLOCK];
        long written = 0;
        int files = 0;
        String longName = null;
        String paxPath = null;
        while (true) {
            if (!readBlock(in, header)) {
                return files; // end of stream without the two zero blocks: tar -cf - always writes them, pipes may not
            }
            if (allZero(header)) {
                return files;
            }
            String name = string(header, 0, 100);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String prefix = string(header, 345, 155);
            String magic = string(header, 257, 6);
            if (!magic.startsWith("ustar") && magic.length() > 0) {
                throw new BadTarException("not a tar stream");
            }
            if (type == 'L') {
                longName = new String(readData(in, size, 64 * 1024), StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == 'x') {
                paxPath = paxPath(new String(readData(in, size, 64 * 1024), StandardCharsets.UTF_8));
                continue;
            }
            if (type == 'g') {
                readData(in, size, 64 * 1024);
                continue;
            }
            String path = longName != null ? longName : paxPath != null ? paxPath
                    : prefix.isEmpty() ? name : prefix + "/" + name;
            longName = null;
            paxPath = null;
            Path target = inside(root, path);
            if (type == '5') {
                Files.createDirectories(target);
                skip(in, padded(size));
            } else if (type == '0' || type == '\0' || type == '7') {
                if (written + size > maxBytes) {
                    throw new BadTarException("more than " + maxBytes / (1024 * 1024) + " MiB; not taken");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
                skip(in, padded(size) - size);
                written += size;
                files++;
            } else {
                throw new BadTarException(path + ": a " + typeName(type) + "; only files and folders are taken");
            }
        }
    }

    private static Path inside(Path root, String path) throws BadTarException {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.equals(".")) {
            return root;
        }
        if (p.startsWith("/") || p.contains("\\")) {
            throw new BadTarException(path + ": absolute path; not taken");
        }
        Path target = root.resolve(p).normalize();
        if (!target.startsWith(root)) {
            throw new BadTarException(path + ": outside the folder; not taken");
        }
        return target;
    }

    private static String typeName(char type) {
        return switch (type) {
            case '1' -> "hard link";
            case '2' -> "symbolic link";
            case '3', '4' -> "device";
            case '6' -> "FIFO";
            default -> "entry of type " + type;
        };
    }

    private static String paxPath(String records) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            String kv = sp < 0 ? rec : rec.substring(sp + 1);
            if (kv.startsWith("path=")) {
                return kv.substring(5);
            }
        }
        return null;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new BadTarException("truncated (a header of " + n + " bytes)");
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size, int max) throws IOException {
        if (size > max) {
            throw new BadTarException("a header record of " + size + " bytes; not taken");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("truncated tar stream");
        }
        skip(in, padded(size) - size);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new BadTarException("truncated tar stream");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new BadTarException("truncated tar stream");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws BadTarException {
        if ((b[off] & 0x80) != 0) {
            throw new BadTarException("a file too large for this reader (base-256 size)");
        }
        String s = string(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s.toLowerCase(Locale.ROOT), 8);
        } catch (NumberFormatException e) {
            throw new BadTarException("not a tar stream (size field '" + s + "')");
        }
    }
}
