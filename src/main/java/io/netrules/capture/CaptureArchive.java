package io.netrules.capture;

import io.netrules.parse.InputLimits;
import io.netrules.model.ParseWarning;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A capture that comes as an archive: {@code .tar.gz} ({@code .tgz}), {@code .tar.xz}
 * ({@code .txz}) or {@code .zip}, holding a capture at its top level or in its one top folder,
 * or a sosreport (one top folder {@code sosreport-<host>-...}), which becomes the one node of a
 * capture. Archives come from customers' machines and are not trusted:
 * <ul>
 *   <li>an entry whose path is absolute or has a {@code ..} part, a device file, a fifo, or a link
 *       (symbolic or hard) that points outside the archive is skipped, with a warning naming the
 *       archive and the entry;</li>
 *   <li>no link is ever made on disk: a link to a file inside the archive becomes a copy of it, so
 *       nothing extracted can lead a later write, or a later read, outside the temp folder;</li>
 *   <li>the bytes written and the entries taken are capped ({@code --limit archive-size},
 *       {@code archive-entries}), and each entry is held to the file-size limit;</li>
 *   <li>everything goes into a private temp folder (mode 700) under {@code java.io.tmpdir}, removed
 *       on {@link Extracted#close()}, on any error, and at exit (Ctrl-C included) by a shutdown
 *       hook.</li>
 * </ul>
 * A truncated or corrupt archive, or a cap exceeded, refuses the whole archive with one error.
 */
public final class CaptureArchive {
    private static final List<String> SUFFIXES = List.of(".tar.gz", ".tgz", ".tar.xz", ".txz", ".zip");

    /** Tar types of a regular file: '0', the old NUL, and '7' (contiguous). */
    private static final String REGULAR = "0\u00007";

    /** What xz may allocate to decompress (its dictionary): a hostile header may ask for gigabytes. */
    private static final int XZ_MEMORY_KIB = 256 * 1024;

    private CaptureArchive() {
    }

    /** Whether the file name says it is an archive netrules reads. */
    public static boolean isArchive(Path file) {
        return suffix(file) != null;
    }

    private static String suffix(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().filter(lower::endsWith).findFirst().orElse(null);
    }

    /** The archive's name without its suffix: {@code site-a} for {@code site-a.tar.gz}. */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        String suffix = suffix(file);
        return suffix == null || name.length() == suffix.length() ? name : name.substring(0, name.length() - suffix.length());
    }

    /**
     * A capture read from a folder or an archive, with the node sosreports added to it; closing
     * it removes what the archives were extracted to.
     */
    public record Opened(Capture capture, Extracted extracted, List<Extracted> sosreports) implements AutoCloseable {
        public Opened(Capture capture, Extracted extracted) {
            this(capture, extracted, List.of());
        }

        @Override
        public void close() {
            sosreports.forEach(Extracted::close);
            capture.closeNested();
            if (extracted != null) {
                extracted.close();
            }
        }
    }

    /**
     * As {@link #open(Path, InputLimits)}, then adds the node sosreports: the archives under the
     * capture's {@code nodes/} and the given ones ({@code --sosreport}), in that order.
     */
    public static Opened open(Path path, InputLimits limits, List<Path> sosreports) throws CaptureException {
        Opened opened = open(path, limits);
        List<Path> all = new ArrayList<>(opened.capture().nodeArchives());
        all.addAll(sosreports);
        if (all.isEmpty()) {
            return opened;
        }
        try {
            NodeSosreports.Attached attached = NodeSosreports.attach(opened.capture(), all, limits);
            return new Opened(attached.capture(), opened.extracted(), attached.extracted());
        } catch (CaptureException | RuntimeException | Error e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Opens a capture folder, or extracts an archive and opens the capture in it. The capture's
     * evidence stays relative to the capture (never names the temp folder).
     */
    public static Opened open(Path path, InputLimits limits) throws CaptureException {
        if (Files.isRegularFile(path)) {
            if (!isArchive(path)) {
                throw new CaptureException(path + ": not a capture folder, nor a .tar.gz, .tgz, .tar.xz or .zip archive");
            }
            Extracted x = extract(path, limits);
            try {
                return new Opened(Capture.open(x.root(), limits, x.warnings()), x);
            } catch (CaptureException | RuntimeException | Error e) {
                x.close();
                throw e;
            }
        }
        return new Opened(Capture.open(path, limits), null);
    }

    /** An archive's contents in a temp folder; {@link #close()} removes the folder. */
    public static final class Extracted implements AutoCloseable {
        private final Path tempDir;
        private final Path root;
        private final List<ParseWarning> warnings;

        private Extracted(Path tempDir, Path root, List<ParseWarning> warnings) {
            this.tempDir = tempDir;
            this.root = root;
            this.warnings = warnings;
        }

        /** The capture's root folder inside the temp folder. */
        public Path root() {
            return root;
        }

        /** The temp folder everything was extracted to (gone after close). */
        public Path tempDir() {
            return tempDir;
        }

        /** The entries skipped, each naming the archive and the entry. */
        public List<ParseWarning> warnings() {
            return warnings;
        }

        @Override
        public void close() {
            TempDirs.remove(tempDir);
        }
    }

    /** Extracts an archive into a new private temp folder and finds the capture in it. */
    public static Extracted extract(Path archive, InputLimits limits) throws CaptureException {
        String name = archive.getFileName().toString();
        return extract(archive, limits, (temp, out, warnings) -> captureRoot(archive, name, temp, out, warnings));
    }

    /**
     * Extracts a node sosreport archive ({@code sosreport-<host>-....tar.xz}) with the same checks
     * and limits as a capture; its root is the sosreport's own (the folder with
     * {@code sos_commands/}: the archive's top or its one top folder).
     */
    public static Extracted extractSosreport(Path archive, InputLimits limits) throws CaptureException {
        return extract(archive, limits, (temp, out, warnings) -> {
            Path root = NodeSosreports.sosRoot(out);
            if (root == null) {
                throw new CaptureException(archive + ": holds no sosreport (no sos_commands/ at its top or in its"
                        + " one top folder)");
            }
            return root;
        });
    }

    /**
     * Extracts an archive found inside a capture folder (a must-gather's {@code .tar.gz} next to
     * {@code cluster/}), with the same checks and limits, into a new private temp folder: its
     * {@link Extracted#root()} is what the archive holds, as it is.
     */
    static Extracted extractInside(Path archive, InputLimits limits) throws CaptureException {
        return extract(archive, limits, (temp, out, warnings) -> out);
    }

    /** Where, in what an archive was extracted to, the reader's root is. */
    @FunctionalInterface
    private interface RootFinder {
        Path find(Path temp, Path out, List<ParseWarning> warnings) throws IOException, CaptureException;
    }

    /**
     * One extraction for every kind of archive: a new private temp folder, removed again when the
     * archive cannot be read or holds nothing of the kind asked for.
     */
    private static Extracted extract(Path archive, InputLimits limits, RootFinder rootFinder)
            throws CaptureException {
        String name = archive.getFileName().toString();
        Path temp = TempDirs.create();
        try {
            Path out = Files.createDirectory(temp.resolve("archive"));
            Extraction x = new Extraction(archive, name, out, limits);
            x.run();
            return new Extracted(temp, rootFinder.find(temp, out, x.warnings), x.warnings);
        } catch (CaptureException | RuntimeException | Error e) {
            TempDirs.remove(temp);
            throw e;
        } catch (IOException e) {
            TempDirs.remove(temp);
            throw new CaptureException(archive + ": cannot extract: " + e.getMessage());
        }
    }

    /**
     * Where the capture is in what was extracted: its top level, its one top folder, or a
     * sosreport (at the top or as the one top folder), moved to {@code nodes/<host>/} of a capture.
     */
    private static Path captureRoot(Path archive, String name, Path temp, Path out, List<ParseWarning> warnings)
            throws IOException, CaptureException {
        if (Capture.looksLikeCapture(out)) {
            return out;
        }
        List<Path> top;
        try (Stream<Path> s = Files.list(out)) {
            top = s.filter(p -> !p.getFileName().toString().startsWith(".")).limit(2).toList();
        }
        Path only = top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS) ? top.get(0) : null;
        if (only != null && Capture.looksLikeCapture(only)) {
            return only;
        }
        Path sos = Files.isDirectory(out.resolve("sos_commands")) ? out
                : only != null && Files.isDirectory(only.resolve("sos_commands")) ? only : null;
        if (sos == null) {
            throw new CaptureException(archive + ": holds no capture (no capture.json, cluster/, nodes/, probes/ or"
                    + " logs/ at its top or in its one top folder) and no sosreport (sos_commands/)");
        }
        String host = sosHost(sos, sos == out ? baseName(archive) : sos.getFileName().toString());
        Path capture = Files.createDirectory(temp.resolve("capture"));
        Path nodes = Files.createDirectory(capture.resolve("nodes"));
        // No warning: the same sosreport gives the same report as an archive or as a folder.
        Files.move(sos, nodes.resolve(host));
        return capture;
    }

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final Pattern SOS_FOLDER = Pattern.compile(
            "sosreport-(.+?)(?:-\\d{4}-\\d{2}-\\d{2}-[A-Za-z0-9]+|-\\d{14}|-\\d{8})?");

    /**
     * The node name of a sosreport: the host name it recorded ({@code hostname} at its root, or
     * {@code sos_commands/general/hostname}), else its folder's name without {@code sosreport-}
     * and the date (and random suffix) sos appends.
     */
    static String sosHost(Path sos, String folderName) throws IOException {
        for (String f : List.of("hostname", "sos_commands/general/hostname", "sos_commands/host/hostname",
                "etc/hostname")) {
            Path p = sos.resolve(f);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) < 1024) {
                String first = Files.readString(p, StandardCharsets.ISO_8859_1).strip().lines().findFirst().orElse("");
                if (SAFE_NAME.matcher(first.strip()).matches()) {
                    return first.strip();
                }
            }
        }
        Matcher m = SOS_FOLDER.matcher(folderName);
        String host = m.matches() ? m.group(1) : folderName;
        return SAFE_NAME.matcher(host).matches() ? host : "node";
    }

    /** One archive's extraction: entry checks, caps, and the links copied at the end. */
    private static final class Extraction {
        private final Path archive;
        private final String name;
        private final Path out;
        private final InputLimits limits;
        private final List<ParseWarning> warnings = new ArrayList<>();
        /** Links inside the archive, by their own path: target path (archive-relative, normalized). */
        private final Map<String, String> links = new LinkedHashMap<>();
        private long written;
        private long entries;
        private String current;

        Extraction(Path archive, String name, Path out, InputLimits limits) {
            this.archive = archive;
            this.name = name;
            this.out = out;
            this.limits = limits;
        }

        void run() throws IOException, CaptureException {
            String suffix = suffix(archive);
            try {
                if (".zip".equals(suffix)) {
                    zip();
                } else {
                    tar(suffix);
                }
            } catch (WriteFailed e) {
                throw new CaptureException(archive + ": cannot extract entry '" + e.entry + "' into the temp folder: "
                        + e.getCause().getMessage());
            } catch (EOFException e) {
                throw corrupt("truncated: it ends inside " + (current == null ? "its first entry" : "entry '" + current
                        + "'"));
            } catch (org.tukaani.xz.MemoryLimitException e) {
                throw corrupt("its xz stream asks for " + e.getMemoryNeeded() / 1024 + " MiB to decompress (more than "
                        + XZ_MEMORY_KIB / 1024 + " MiB)");
            } catch (IOException | RuntimeException e) {
                // Any failure inside the decompressor or the archive reader (an untrusted input
                // can make commons-compress throw more than IOException) means the archive cannot
                // be read: one line, no stack trace. Writing failures are WriteFailed, below.
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (why.toLowerCase(Locale.ROOT).contains("truncated") || why.contains("EOF")) {
                    throw corrupt("truncated: it ends inside " + (current == null ? "its first entry"
                            : "entry '" + current + "'"));
                }
                throw corrupt(why.lines().findFirst().orElse(why));
            }
            copyLinks();
        }

        /** Writing the extracted data failed (disk full...): not the archive's fault. */
        private static final class WriteFailed extends IOException {
            final String entry;

            WriteFailed(String entry, IOException cause) {
                super(cause);
                this.entry = entry;
            }
        }

        private CaptureException corrupt(String why) {
            return new CaptureException(archive + ": not a readable " + suffix(archive) + " archive: " + why);
        }

        private void tar(String suffix) throws IOException, CaptureException {
            try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                 InputStream raw = ".tar.xz".equals(suffix) || ".txz".equals(suffix)
                         ? new XZCompressorInputStream(file, true, XZ_MEMORY_KIB)
                         : new GzipCompressorInputStream(file, true);
                 TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    String path = checked(e.getName());
                    current = e.getName();
                    if (path == null) {
                        continue;
                    }
                    if (e.isSymbolicLink()) {
                        link(e.getName(), path, e.getLinkName(), false);
                    } else if (e.isLink()) {
                        link(e.getName(), path, e.getLinkName(), true);
                    } else if (e.isDirectory()) {
                        directory(e.getName(), path);
                    } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                        skip(e.getName(), e.isCharacterDevice() ? "a character device"
                                : e.isBlockDevice() ? "a block device" : "a fifo");
                    } else if (REGULAR.indexOf(e.getLinkFlag()) >= 0) {
                        // Not isFile(): it says yes to any type that is not a folder.
                        file(e.getName(), path, e.getSize(), tar);
                    } else {
                        skip(e.getName(), "not a file or folder (tar type '" + (char) e.getLinkFlag() + "')");
                    }
                }
            }
        }

        private void zip() throws IOException, CaptureException {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
                while (all.hasMoreElements()) {
                    ZipArchiveEntry e = all.nextElement();
                    String path = checked(e.getName());
                    current = e.getName();
                    if (path == null) {
                        continue;
                    }
                    int type = e.getUnixMode() & 0170000;
                    if (e.isUnixSymlink()) {
                        // A zip symlink's target is its data: read at most 4 KiB of it, never all.
                        byte[] target;
                        try (InputStream in = zip.getInputStream(e)) {
                            target = in.readNBytes(4097);
                        }
                        if (target.length > 4096) {
                            skip(e.getName(), "a symbolic link whose target is longer than 4 KiB");
                        } else {
                            link(e.getName(), path, new String(target, StandardCharsets.UTF_8), false);
                        }
                    } else if (e.isDirectory()) {
                        directory(e.getName(), path);
                    } else if (type == 0 || type == 0100000) {
                        if (!zip.canReadEntryData(e)) {
                            skip(e.getName(), "compressed with a method netrules cannot read");
                            continue;
                        }
                        try (InputStream in = zip.getInputStream(e)) {
                            file(e.getName(), path, e.getSize(), in);
                        }
                    } else {
                        skip(e.getName(), type == 0020000 ? "a character device" : type == 0060000 ? "a block device"
                                : type == 0010000 ? "a fifo" : "not a file or folder");
                    }
                }
            }
        }

        /** The entry's path, normalized and checked; null (with a warning) when it must not be taken. */
        private String checked(String entryName) throws CaptureException {
            if (++entries > limits.archiveEntries()) {
                throw new CaptureException(archive + ": more than " + limits.archiveEntries() + " entries (--limit"
                        + " archive-entries): not read (a decompression bomb?)");
            }
            if (entryName.indexOf('\0') >= 0) {
                skip(entryName.replace('\0', '?'), "a path with a NUL character");
                return null;
            }
            String n = entryName;
            if (n.startsWith("/") || n.matches("^[A-Za-z]:[\\\\/].*") || n.startsWith("\\")) {
                skip(entryName, "an absolute path");
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (String part : n.split("[/\\\\]")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    skip(entryName, "a path with '..' (it could leave the extraction folder)");
                    return null;
                }
                parts.add(part);
            }
            if (parts.isEmpty()) {
                return null; // "./": the top itself
            }
            String path = String.join("/", parts);
            if (!out.resolve(path).normalize().startsWith(out)) {
                skip(entryName, "a path outside the extraction folder");
                return null;
            }
            return path;
        }

        private void skip(String entry, String why) {
            warnings.add(new ParseWarning(name, 0, "entry '" + entry + "': " + why + "; skipped"));
        }

        private void directory(String entry, String path) throws IOException {
            try {
                Files.createDirectories(out.resolve(path));
            } catch (FileAlreadyExistsException e) {
                skip(entry, "a folder where a file of the same name was extracted");
            }
        }

        private void file(String entry, String path, long declaredSize, InputStream in)
                throws IOException, CaptureException {
            if (declaredSize > limits.fileSize()) {
                // Not kept, but still decompressed to get past it: it counts against the archive cap.
                count(declaredSize);
                skip(entry, "larger than the file-size limit (" + InputLimits.bytes(declaredSize) + " > "
                        + InputLimits.bytes(limits.fileSize()) + ", --limit file-size)");
                return;
            }
            Path target = out.resolve(path);
            try {
                Files.createDirectories(target.getParent());
            } catch (FileAlreadyExistsException e) {
                skip(entry, "its folder is a file in the archive");
                return;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                skip(entry, "a file where a folder of the same name was extracted");
                return;
            }
            // The size a zip declares can lie: count what really comes out.
            long copied = 0;
            byte[] buf = new byte[64 * 1024];
            OutputStream o;
            try {
                o = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new WriteFailed(entry, e);
            }
            try (o) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    copied += n;
                    if (copied > limits.fileSize()) {
                        o.close();
                        Files.delete(target);
                        skip(entry, "larger than the file-size limit (" + InputLimits.bytes(limits.fileSize())
                                + ", --limit file-size)");
                        drain(in, buf);
                        return;
                    }
                    count(n);
                    try {
                        o.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new WriteFailed(entry, e);
                    }
                }
            }
            if (declaredSize >= 0 && copied < declaredSize) {
                throw new EOFException();
            }
        }

        /** Reads what is left of an entry that is not kept, still counting it against the archive cap. */
        private void drain(InputStream in, byte[] buf) throws IOException, CaptureException {
            int n;
            while ((n = in.read(buf)) > 0) {
                count(n);
            }
        }

        private void count(long n) throws CaptureException {
            if (TempDirs.closing) {
                // The JVM is exiting (Ctrl-C): stop writing into what the hook is removing.
                throw new CaptureException(archive + ": extraction interrupted");
            }
            written += n;
            if (written > limits.archiveSize()) {
                throw new CaptureException(archive + ": more than " + InputLimits.bytes(limits.archiveSize())
                        + " when extracted (--limit archive-size): not read (a decompression bomb?)");
            }
        }

        /** A link, kept for the end: its target, resolved inside the archive, or a warning. */
        private void link(String entry, String path, String target, boolean hard) {
            String kind = hard ? "a hard link" : "a symbolic link";
            if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
                skip(entry, kind + " without a target");
                return;
            }
            // A symlink's target is relative to its own folder; a hard link's to the archive's top.
            if (target.startsWith("/") || target.startsWith("\\") || target.matches("^[A-Za-z]:[\\\\/].*")) {
                skip(entry, kind + " to '" + target + "', outside the archive");
                return;
            }
            String parent = hard || !path.contains("/") ? "" : path.substring(0, path.lastIndexOf('/'));
            String resolved = normalize(parent.isEmpty() ? target : parent + "/" + target);
            if (resolved == null) {
                skip(entry, kind + " to '" + target + "', outside the archive");
                return;
            }
            links.put(path, resolved);
        }

        /** A relative path with its {@code .} and {@code ..} parts folded; null when it climbs above the top. */
        private static String normalize(String p) {
            List<String> parts = new ArrayList<>();
            for (String part : p.split("[/\\\\]")) {
                if (part.isEmpty() || part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (parts.isEmpty()) {
                        return null;
                    }
                    parts.remove(parts.size() - 1);
                } else {
                    parts.add(part);
                }
            }
            return String.join("/", parts);
        }

        /**
         * Each link inside the archive becomes a copy of the file it leads to (following links
         * through the archive's own list, never the disk). A link to a folder, or to nothing, is
         * skipped with a warning.
         */
        private void copyLinks() throws IOException, CaptureException {
            for (Map.Entry<String, String> l : links.entrySet()) {
                String target = l.getValue();
                for (int hops = 0; links.containsKey(target) && hops < 40; hops++) {
                    target = links.get(target);
                }
                Path from = out.resolve(target);
                Path to = out.resolve(l.getKey());
                current = l.getKey();
                if (links.containsKey(target) || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                    skip(l.getKey(), Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)
                            ? "a link to a folder (links to folders are not followed)"
                            : "a link to '" + l.getValue() + "', which is not a file of the archive");
                    continue;
                }
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    skip(l.getKey(), "a link where another entry of the same name was extracted");
                    continue;
                }
                long size = Files.size(from);
                if (size > limits.fileSize()) {
                    skip(l.getKey(), "a link to a file larger than the file-size limit");
                    continue;
                }
                count(size);
                Files.createDirectories(to.getParent());
                Files.copy(from, to, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * The temp folders archives are extracted to: private, and removed when done, on error, and at
     * exit by one shutdown hook (Ctrl-C runs it too), so no customer data is left behind.
     */
    static final class TempDirs {
        private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private static volatile boolean hooked;
        /** Set by the shutdown hook: extractions stop writing. */
        static volatile boolean closing;

        private TempDirs() {
        }

        static Path create() throws CaptureException {
            hook();
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try {
                Path dir;
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    dir = Files.createTempDirectory(tmp, "netrules-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    dir = Files.createTempDirectory(tmp, "netrules-");
                }
                LIVE.add(dir);
                return dir;
            } catch (IOException e) {
                throw new CaptureException(tmp + ": cannot make a temp folder to extract into: " + e.getMessage());
            }
        }

        private static synchronized void hook() {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::removeAllAtExit, "netrules-temp-cleanup"));
                hooked = true;
            }
        }

        /**
         * At exit: extractions are told to stop, then every live folder is removed; a second and
         * third pass catch a file an extraction wrote while the first pass ran.
         */
        private static void removeAllAtExit() {
            closing = true;
            for (int pass = 0; pass < 3 && !LIVE.isEmpty(); pass++) {
                for (Path dir : List.copyOf(LIVE)) {
                    TempTrees.deleteQuietly(dir);
                    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                        LIVE.remove(dir);
                    }
                }
                if (!LIVE.isEmpty()) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        static void remove(Path dir) {
            TempTrees.deleteQuietly(dir);
            LIVE.remove(dir);
        }
    }
}
