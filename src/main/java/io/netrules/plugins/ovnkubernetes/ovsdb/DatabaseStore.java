package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * must-gather's {@code network_logs/ovnk_database_store.tar.gz} (OpenShift 4.14+, interconnect):
 * one standalone NB and SB file per ovnkube-node pod, {@code ovnk_database_store/<pod>_nbdb}
 * and {@code <pod>_sbdb}. The members are read from the archive as a stream, one at a time,
 * without extracting them. A member that is not an OVN database is a warning; the others are
 * still read. Other members are skipped.
 *
 * @param members  the databases read, in archive order
 * @param warnings the members' warnings and those about the archive itself
 */
public record DatabaseStore(List<Member> members, List<ParseWarning> warnings) {

    /**
     * @param pod      the ovnkube-node pod the member is named after (not the node: see
     *                 the model's OvnZone)
     * @param northbound true for {@code _nbdb}, false for {@code _sbdb}
     */
    public record Member(String pod, boolean northbound, OvsdbDatabase database) {
    }

    /**
     * @param display the capture-relative name of the archive; a member is named
     *                {@code <display>/<member path>} in warnings and facts
     */
    public static DatabaseStore read(Path archive, String display, InputLimits limits) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return read(in, display, limits);
        }
    }

    public static DatabaseStore read(InputStream archive, String display, InputLimits limits) throws IOException {
        List<Member> members = new ArrayList<>();
        List<ParseWarning> warnings = new ArrayList<>();
        stream(archive, display, limits, members::add, warnings);
        return new DatabaseStore(List.copyOf(members), List.copyOf(warnings));
    }

    /**
     * Reads the members one at a time and hands each to {@code member} as soon as it is read, so
     * that a caller that keeps only what it derives from each (a 500-node store) never holds all
     * the databases at once.
     */
    public static void stream(Path archive, String display, InputLimits limits,
                              java.util.function.Consumer<Member> member, List<ParseWarning> warnings)
            throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            stream(in, display, limits, member, warnings);
        }
    }

    private static void stream(InputStream archive, String display, InputLimits limits,
                               java.util.function.Consumer<Member> members, List<ParseWarning> warnings) {
        streamRaw(archive, display, limits, raw -> {
            try {
                members.accept(raw.parse(limits, warnings::add));
            } catch (NotOvsdbException x) {
                warnings.add(raw.notOvsdb(x));
            }
        }, warnings::add);
    }

    /**
     * A member as the archive holds it, not yet parsed: its bytes (at most the file-size limit and
     * one byte more, so that the reader sees a member over the limit as it would see a file).
     *
     * @param display the member's name in warnings and facts ({@code <archive>/<member path>})
     */
    public record RawMember(String pod, boolean northbound, String display, byte[] bytes) {
        /** Parses the member, as {@link #stream} would, its warnings to {@code warnings}. */
        public Member parse(InputLimits limits, java.util.function.Consumer<ParseWarning> warnings)
                throws NotOvsdbException {
            try {
                OvsdbDatabase db = OvsdbReader.read(new java.io.ByteArrayInputStream(bytes), display, null, limits);
                db.warnings().forEach(warnings);
                return new Member(pod, northbound, db);
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x); // a byte array does not fail
            }
        }

        /** The warning for a member that is no OVSDB database. */
        public ParseWarning notOvsdb(NotOvsdbException x) {
            String m = x.getMessage();
            return new ParseWarning(display, 0, m.startsWith(display + ":") ? m.substring(display.length() + 1).strip() : m);
        }
    }

    /**
     * Reads the members' bytes one at a time, in archive order, and hands each to {@code member}
     * unparsed, so that a caller can parse them on other threads; {@code warning} gets the archive's
     * own warnings, in order with the members.
     */
    public static void streamRaw(Path archive, String display, InputLimits limits,
                                 java.util.function.Consumer<RawMember> member,
                                 java.util.function.Consumer<ParseWarning> warning) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            streamRaw(in, display, limits, member, warning);
        }
    }

    private static void streamRaw(InputStream archive, String display, InputLimits limits,
                                  java.util.function.Consumer<RawMember> members,
                                  java.util.function.Consumer<ParseWarning> warnings) {
        long entries = 0;
        long bytes = 0;
        try (GzipCompressorInputStream gz = new GzipCompressorInputStream(new BufferedInputStream(archive), true);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (++entries > limits.archiveEntries()) {
                    warnings.accept(new ParseWarning(display, 0, "more than " + limits.archiveEntries()
                            + " entries (--limit archive-entries); the rest is not read"));
                    break;
                }
                String name = e.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean nb = base.endsWith("_nbdb");
                if (!e.isFile() || e.isLink() || e.isSymbolicLink() || !(nb || base.endsWith("_sbdb"))) {
                    continue;
                }
                bytes += e.getSize();
                if (bytes > limits.archiveSize()) {
                    warnings.accept(new ParseWarning(display, 0, "more than " + InputLimits.bytes(limits.archiveSize())
                            + " in members (--limit archive-size); the rest is not read"));
                    break;
                }
                String member = display + "/" + name;
                byte[] content = new NoClose(tar).readNBytes((int) Math.min(Integer.MAX_VALUE - 64, limits.fileSize() + 1));
                members.accept(new RawMember(base.substring(0, base.length() - 5), nb, member, content));
            }
        } catch (IOException x) {
            // A cut or damaged archive: the members before the damage count.
            warnings.accept(new ParseWarning(display, 0, "archive cut short or damaged (" + x.getMessage()
                    + "); the members before it are read"));
        }
    }

    /** The tar stream stays open for the next member when the reader is done with one. */
    private static final class NoClose extends java.io.FilterInputStream {
        NoClose(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
