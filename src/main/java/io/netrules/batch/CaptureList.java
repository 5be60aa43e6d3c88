package io.netrules.batch;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureArchive;
import io.netrules.capture.CaptureException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The captures a batch evaluates, in a fixed order, from what the user named:
 * <ul>
 *   <li>a folder: each of its subfolders, and each archive ({@code .tar.gz}, {@code .tgz},
 *       {@code .tar.xz}, {@code .zip}) in it, is a capture, by name (hidden ones and other plain files
 *       are skipped); a folder that is itself a capture (it has {@code capture.json}, {@code cluster/},
 *       {@code nodes/}, {@code probes/} or {@code logs/}) is that one capture;</li>
 *   <li>an archive: that one capture;</li>
 *   <li>another file: a list of capture folders (or archives), one a line, relative to the current folder; blank
 *       lines and lines starting with {@code #} are skipped. A listed folder that is missing is
 *       still a capture, which then fails on its own (reported and skipped).</li>
 * </ul>
 * The same folder named twice is evaluated once.
 */
public final class CaptureList {
    /**
     * One capture to evaluate.
     *
     * @param shown  the path as the user's arguments lead to it, for reports
     * @param name   the folder's own name: what {@code --shard} hashes
     * @param report a file name for its own report, unique within the batch ({@code name},
     *               then {@code name-2}, {@code name-3}... for the second and third of that name)
     */
    public record Entry(Path path, String shown, String name, String report) {
    }

    private CaptureList() {
    }

    public static List<Entry> of(List<Path> sources) throws CaptureException {
        List<Path> paths = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                if (isCapture(source)) {
                    paths.add(source);
                    continue;
                }
                try (Stream<Path> children = Files.list(source)) {
                    children.filter(p -> Files.isDirectory(p)
                                    || Files.isRegularFile(p) && CaptureArchive.isArchive(p))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(paths::add);
                } catch (IOException e) {
                    throw new CaptureException(source + ": cannot list the folder: " + e.getMessage());
                }
            } else if (Files.isRegularFile(source) && CaptureArchive.isArchive(source)) {
                paths.add(source);
            } else if (Files.isRegularFile(source)) {
                paths.addAll(readList(source));
            } else {
                throw new CaptureException(source + ": no such folder or list file");
            }
        }
        List<Entry> entries = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Set<String> reports = new HashSet<>();
        for (Path p : paths) {
            if (!seen.add(p.toAbsolutePath().normalize())) {
                continue;
            }
            String name = nameOf(p);
            String report = name;
            for (int n = 2; !reports.add(report); n++) {
                report = name + "-" + n;
            }
            entries.add(new Entry(p, p.toString(), name, report));
        }
        return entries;
    }

    /**
     * A folder netrules reads as a capture rather than as a folder of captures: it has one of a
     * capture's top-level entries (capture-layout.md).
     */
    public static boolean isCapture(Path dir) {
        return Capture.looksLikeCapture(dir);
    }

    private static List<Path> readList(Path list) throws CaptureException {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new CaptureException(list + ": not a text file of capture folders (not UTF-8)");
        } catch (IOException e) {
            throw new CaptureException(list + ": cannot read: " + e.getMessage());
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf('\0') >= 0) {
                throw new CaptureException(list + ":" + (i + 1) + ": not a path");
            }
            try {
                paths.add(Path.of(line));
            } catch (java.nio.file.InvalidPathException e) {
                throw new CaptureException(list + ":" + (i + 1) + ": not a path: " + e.getReason());
            }
        }
        return paths;
    }

    private static String nameOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        // An archive's name without .tar.gz: a capture shards the same as a folder or as an archive.
        return name == null ? "capture" : CaptureArchive.isArchive(abs) ? CaptureArchive.baseName(abs) : name.toString();
    }

    /**
     * The shard a capture belongs to: the first 8 hex digits of the SHA-256 of its folder's name
     * (UTF-8), as an unsigned number, modulo {@code shards}. It depends on the name only, so every
     * machine and every mount point agrees, and in a shell it is
     * {@code $(( 0x$(printf %s "$name" | sha256sum | cut -c1-8) % N ))}.
     */
    public static int shardOf(String name, int shards) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            return (int) (v % shards);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries of shard {@code index} of {@code shards} (0-based), in order. */
    public static List<Entry> shard(List<Entry> entries, int index, int shards) {
        return entries.stream().filter(e -> shardOf(e.name(), shards) == index).toList();
    }
}
