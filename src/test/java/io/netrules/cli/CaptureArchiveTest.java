package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures as archives, built here with commons-compress's writers: each attack an archive can
 * carry is skipped (or the archive refused) with a message naming the archive and the entry;
 * the happy paths give the same JSON as the folder; and the temp folder is always gone after.
 */
class CaptureArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    /** What java.io.tmpdir points at during each test: it must be empty again after every run. */
    @RegisterExtension
    final PrivateJavaTmp javaTmp = new PrivateJavaTmp();

    private void assertTempGone() throws IOException {
        try (Stream<Path> s = Files.list(javaTmp.dir())) {
            assertEquals(List.of(), s.toList(), "the extraction's temp folder is removed");
        }
    }

    // --- building archives -------------------------------------------------------------------

    interface Entries {
        void write(ArchiveOutputStream<?> out) throws IOException;
    }

    private static Path tarGz(Path file, Entries entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(tar);
        }
        return file;
    }

    private static Path tarXz(Path file, Entries entries) throws IOException {
        try (OutputStream f = Files.newOutputStream(file);
             XZCompressorOutputStream xz = new XZCompressorOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(tar);
        }
        return file;
    }

    private static Path zip(Path file, Entries entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            entries.write(zip);
        }
        return file;
    }

    /** Every file of a folder, under {@code prefix} ("" for the archive's top level). */
    private static void folder(ArchiveOutputStream<?> out, Path dir, String prefix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty() || Files.isDirectory(p)) {
                    continue;
                }
                file(out, prefix + rel, Files.readAllBytes(p));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void file(ArchiveOutputStream out, String name, byte[] data) throws IOException {
        if (out instanceof TarArchiveOutputStream tar) {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            tar.putArchiveEntry(e);
        } else {
            out.putArchiveEntry(new ZipArchiveEntry(name));
        }
        out.write(data);
        out.closeArchiveEntry();
    }

    private static void tarEntry(TarArchiveOutputStream tar, String name, byte type, String link) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        if (link != null) {
            e.setLinkName(link);
        }
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static Path sample(String name) {
        return TestPaths.sample(name);
    }

    // --- running ------------------------------------------------------------------------------

    private static Cli json(Path capture, String... more) {
        List<String> args = new ArrayList<>(List.of("diagnose", "--capture", capture.toString(), "--format", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static JsonNode report(Cli r) throws IOException {
        assertTrue(r.status() == 0 || r.status() == 1, "status " + r.status() + ": " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return JSON.readTree(r.out());
    }

    private static List<String> warningTexts(JsonNode report, String source) {
        List<String> out = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if (w.get("source").asText().equals(source)) {
                out.add(w.get("text").asText());
            }
        });
        return out;
    }

    private static void assertOneErrorLine(Cli r, String... parts) {
        assertEquals(2, r.status(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String part : parts) {
            assertTrue(r.err().contains(part), "'" + part + "' in " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    /** A .tar.gz of broken-vxlan-flows plus whatever the attack adds. */
    private Path vxlanWith(String name, Entries attack) throws IOException {
        return tarGz(tmp.resolve(name), out -> {
            folder(out, sample("broken-vxlan-flows"), "");
            attack.write(out);
        });
    }

    private JsonNode expectedVxlan() throws IOException {
        return report(json(sample("broken-vxlan-flows")));
    }

    /** The report of the attack archive: the sample's findings, plus the skipped entry's warning. */
    private void assertSkipped(Path archive, String entry, String why, String... options) throws IOException {
        JsonNode r = report(json(archive, options));
        assertEquals(expectedVxlan().get("findings"), r.get("findings"));
        List<String> w = warningTexts(r, archive.getFileName().toString());
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).startsWith("entry '" + entry + "': ") && w.get(0).contains(why)
                && w.get(0).endsWith("; skipped"), w.get(0));
        assertTempGone();
    }

    // --- attacks ------------------------------------------------------------------------------

    @Test
    void dotDotEntryIsSkipped() throws IOException {
        Path archive = vxlanWith("dotdot.tar.gz", out -> file(out, "../escaped", "x".getBytes()));
        assertSkipped(archive, "../escaped", "'..'");
        assertFalse(Files.exists(javaTmp.dir().resolve("escaped")));
        assertFalse(Files.exists(tmp.resolve("escaped")));
    }

    @Test
    void dotDotInsideAZipIsSkippedToo() throws IOException {
        Path archive = zip(tmp.resolve("dotdot.zip"), out -> {
            folder(out, sample("broken-vxlan-flows"), "");
            file(out, "nodes/../../escaped", "x".getBytes());
        });
        assertSkipped(archive, "nodes/../../escaped", "'..'");
        assertFalse(Files.exists(javaTmp.dir().resolve("escaped")));
    }

    @Test
    void absolutePathIsSkipped() throws IOException {
        Path target = tmp.resolve("absolute-escaped");
        Path archive = vxlanWith("absolute.tar.gz", out -> file(out, target.toString(), "x".getBytes()));
        assertSkipped(archive, target.toString(), "an absolute path");
        assertFalse(Files.exists(target));
    }

    @Test
    void symlinkToEtcPasswdIsSkipped() throws IOException {
        Path archive = vxlanWith("passwd.tar.gz", out -> tarEntry((TarArchiveOutputStream) out,
                "nodes/node-1/etc/resolv.conf", TarConstants.LF_SYMLINK, "/etc/passwd"));
        // broken-vxlan-flows' node-1 has its own etc/resolv.conf: the link comes after and is refused.
        assertSkipped(archive, "nodes/node-1/etc/resolv.conf", "a symbolic link to '/etc/passwd', outside the archive");
    }

    @Test
    void symlinkUpTwoFoldersIsSkipped() throws IOException {
        Path archive = vxlanWith("updotdot.tar.gz", out -> tarEntry((TarArchiveOutputStream) out,
                "nodes/node-1/escape", TarConstants.LF_SYMLINK, "../../.."));
        assertSkipped(archive, "nodes/node-1/escape", "a symbolic link to '../../..', outside the archive");
    }

    @Test
    void symlinkInsideBecomesACopyAndNoLinkIsMade() throws IOException {
        // A capture whose node-2 flow dump is a link to node-1's: read as a copy of it.
        Path archive = tarGz(tmp.resolve("inside.tar.gz"), out -> {
            folder(out, sample("broken-vxlan-flows"), "");
            tarEntry((TarArchiveOutputStream) out, "nodes/node-2/ip_route_get_10.0.0.99", TarConstants.LF_SYMLINK,
                    "ip_route_get_10.0.0.1");
        });
        JsonNode r = report(json(archive));
        assertEquals(List.of(), warningTexts(r, "inside.tar.gz"));
        assertTempGone();
    }

    @Test
    void hardLinkOutsideIsSkipped() throws IOException {
        Path archive = vxlanWith("hardlink.tar.gz", out -> tarEntry((TarArchiveOutputStream) out,
                "nodes/node-1/shadow", TarConstants.LF_LINK, "../../../../etc/shadow"));
        assertSkipped(archive, "nodes/node-1/shadow", "a hard link to '../../../../etc/shadow', outside the archive");
    }

    @Test
    void deviceFileIsSkipped() throws IOException {
        Path archive = vxlanWith("device.tar.gz", out -> {
            TarArchiveEntry dev = new TarArchiveEntry("nodes/node-1/null", TarConstants.LF_CHR, true);
            dev.setDevMajor(1);
            dev.setDevMinor(3);
            ((TarArchiveOutputStream) out).putArchiveEntry(dev);
            out.closeArchiveEntry();
        });
        assertSkipped(archive, "nodes/node-1/null", "a character device");
    }

    @Test
    void fifoIsSkipped() throws IOException {
        Path archive = vxlanWith("fifo.tar.gz", out -> tarEntry((TarArchiveOutputStream) out, "nodes/node-1/pipe",
                TarConstants.LF_FIFO, null));
        assertSkipped(archive, "nodes/node-1/pipe", "a fifo");
    }

    @Test
    void sizeBombStopsTheExtractionWithOneError() throws IOException {
        byte[] zeros = new byte[1 << 20];
        Path archive = tarGz(tmp.resolve("bomb.tar.gz"), out -> {
            folder(out, sample("broken-vxlan-flows"), "");
            TarArchiveEntry e = new TarArchiveEntry("nodes/node-1/zeros", true);
            e.setSize(24L << 20);
            ((TarArchiveOutputStream) out).putArchiveEntry(e);
            for (int i = 0; i < 24; i++) {
                out.write(zeros);
            }
            out.closeArchiveEntry();
        });
        assertTrue(Files.size(archive) < 200 * 1024, "compresses well: " + Files.size(archive));
        Cli r = json(archive, "--limit", "archive-size=8M");
        assertOneErrorLine(r, "bomb.tar.gz", "more than 8 MiB when extracted", "--limit archive-size");
        assertTempGone();
    }

    @Test
    void zipBombStopsTheExtractionWithOneError() throws IOException {
        byte[] zeros = new byte[1 << 20];
        Path archive = zip(tmp.resolve("bomb.zip"), out -> {
            for (int n = 0; n < 3; n++) {
                ((ZipArchiveOutputStream) out).putArchiveEntry(new ZipArchiveEntry("nodes/node-1/zeros-" + n));
                for (int i = 0; i < 4; i++) {
                    out.write(zeros);
                }
                out.closeArchiveEntry();
            }
        });
        Cli r = json(archive, "--limit", "archive-size=10M");
        assertOneErrorLine(r, "bomb.zip", "more than 10 MiB when extracted");
        assertTempGone();
    }

    @Test
    void anEntryOverTheFileSizeLimitIsSkipped() throws IOException {
        Path archive = vxlanWith("bigentry.tar.gz", out -> file(out, "nodes/node-1/ethtool_eth9",
                new byte[200 * 1024]));
        assertSkipped(archive, "nodes/node-1/ethtool_eth9", "larger than the file-size limit (200 KiB > 150 KiB",
                "--limit", "file-size=150k");
    }

    @Test
    void entryCountBombStopsTheExtractionWithOneError() throws IOException {
        Path archive = tarGz(tmp.resolve("many.tar.gz"), out -> {
            for (int i = 0; i < 300; i++) {
                file(out, "logs/ns/pod-" + i + ".log", new byte[0]);
            }
        });
        Cli r = json(archive, "--limit", "archive-entries=200");
        assertOneErrorLine(r, "many.tar.gz", "more than 200 entries", "--limit archive-entries");
        assertTempGone();
    }

    @Test
    void truncatedArchiveIsRefusedWithOneError() throws IOException {
        Path whole = vxlanWith("whole.tar.gz", out -> { });
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Cli r = json(cut);
        assertOneErrorLine(r, "cut.tar.gz", "not a readable .tar.gz archive");
        assertTempGone();
    }

    @Test
    void truncatedXzAndZipAreRefusedToo() throws IOException {
        for (String name : List.of("whole.tar.xz", "whole.zip")) {
            Entries entries = out -> folder(out, sample("broken-vxlan-flows"), "");
            Path whole = name.endsWith(".zip") ? zip(tmp.resolve(name), entries) : tarXz(tmp.resolve(name), entries);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(tmp.resolve("cut-" + name), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            Cli r = json(cut);
            assertOneErrorLine(r, "cut-" + name, "not a readable");
            assertTempGone();
        }
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefusedWithOneError() throws IOException {
        Path fake = Files.writeString(tmp.resolve("fake.tar.gz"), "this is not gzip\n");
        assertOneErrorLine(json(fake), "fake.tar.gz", "not a readable .tar.gz archive");
        Path fakeXz = Files.writeString(tmp.resolve("fake.tar.xz"), "nor xz\n");
        assertOneErrorLine(json(fakeXz), "fake.tar.xz", "not a readable .tar.xz archive");
        Path fakeZip = Files.writeString(tmp.resolve("fake.zip"), "nor zip\n");
        assertOneErrorLine(json(fakeZip), "fake.zip", "not a readable .zip archive");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        assertOneErrorLine(json(text), "notes.txt", "not a capture folder");
        assertTempGone();
    }

    @Test
    void anArchiveWithoutACaptureIsRefusedWithOneError() throws IOException {
        Path archive = tarGz(tmp.resolve("photos.tar.gz"), out -> file(out, "holiday/beach.jpg", new byte[10]));
        assertOneErrorLine(json(archive), "photos.tar.gz", "holds no capture");
        assertTempGone();
    }

    // --- happy paths --------------------------------------------------------------------------

    @Test
    void sosreportTarXzIsOneNodeAndGivesTheFolderJson() throws IOException {
        Path node3 = sample("healthy-3node-sosreport").resolve("nodes/node-3");
        Path archive = tarXz(tmp.resolve("sosreport-node-3-2019-03-14-wkqhxzp.tar.xz"),
                out -> folder(out, node3, "sosreport-node-3-2019-03-14-wkqhxzp/"));
        // The same sosreport as a folder: a capture whose one node is node-3.
        Path folder = Files.createDirectories(tmp.resolve("folder/nodes"));
        InputLimitsTest.copy("healthy-3node-sosreport", tmp.resolve("copy"));
        Files.move(tmp.resolve("copy/nodes/node-3"), folder.resolve("node-3"));

        JsonNode fromArchive = report(json(archive));
        JsonNode fromFolder = report(json(tmp.resolve("folder")));
        assertEquals(fromFolder, fromArchive);
        assertSosreportRead(fromArchive);
        assertTempGone();
    }

    /** node-3's inputs were read from the sosreport: NR-LOCAL-001 (sysctl only) ran on it. */
    private static void assertSosreportRead(JsonNode report) {
        boolean node3 = false;
        for (JsonNode n : report.get("notEvaluated")) {
            assertFalse(n.get("id").asText().equals("NR-LOCAL-001"), n.toString());
            node3 |= "node-3".equals(n.get("node").asText());
        }
        assertTrue(node3, "node-3 is the node, without cluster objects: " + report.get("notEvaluated"));
    }

    @Test
    void zipWithOneTopFolderAndTarGzAtTopLevelGiveTheFolderJson() throws IOException {
        Path capture = sample("broken-vxlan-flows");
        Path zip = zip(tmp.resolve("vxlan.zip"), out -> folder(out, capture, "broken-vxlan-flows/"));
        Path tgz = tarGz(tmp.resolve("vxlan.tgz"), out -> folder(out, capture, ""));
        Path xz = tarXz(tmp.resolve("vxlan.tar.xz"), out -> folder(out, capture, "./"));
        Cli folder = json(capture);
        for (Path archive : List.of(zip, tgz, xz)) {
            Cli r = json(archive);
            assertEquals(folder.status(), r.status(), r.err());
            assertEquals(folder.out(), r.out(), archive + " gives the same bytes as the folder");
            assertTempGone();
        }
    }

    @Test
    void theReportNamesTheArchiveNeverTheTempFolder() throws IOException {
        Path tgz = tarGz(tmp.resolve("site-a.tar.gz"), out -> folder(out, sample("broken-vxlan-flows"), ""));
        Cli r = Cli.run("diagnose", "--capture", tgz.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().startsWith("netrules diagnosis of " + tgz + "\n"), r.out());
        assertFalse(r.out().contains(javaTmp.dir().toString()) || r.out().contains("netrules-"), r.out());
        assertTrue(r.out().contains("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"), r.out());
        assertTempGone();
    }

    @Test
    void batchTakesEachArchiveInAFolderAsOneCapture() throws IOException {
        Path fleet = Files.createDirectories(tmp.resolve("fleet"));
        tarGz(fleet.resolve("a-vxlan.tar.gz"), out -> folder(out, sample("broken-vxlan-flows"), ""));
        zip(fleet.resolve("b-healthy.zip"), out -> folder(out, sample("healthy-3node"), "healthy-3node/"));
        Path node3 = sample("healthy-3node-sosreport").resolve("nodes/node-3");
        tarXz(fleet.resolve("c-sosreport-node-3-2019-03-14-wkqhxzp.tar.xz"),
                out -> folder(out, node3, "sosreport-node-3-2019-03-14-wkqhxzp/"));
        Files.writeString(fleet.resolve("d-broken.tar.gz"), "not gzip");
        Files.writeString(fleet.resolve("notes.txt"), "not a capture, not an archive: not listed");

        Cli r = Cli.run("batch", fleet.toString(), "--format", "jsonl", "--parallel", "2");
        assertEquals(2, r.status(), r.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            rows.add(JSON.readTree(line));
        }
        assertEquals(4, rows.size(), r.out());
        assertEquals(fleet.resolve("a-vxlan.tar.gz").toString(), rows.get(0).get("capture").asText());
        assertEquals(1, rows.get(0).get("exitStatus").asInt());
        assertEquals(expectedVxlan().get("findings"), rows.get(0).get("findings"));
        assertEquals(0, rows.get(1).get("exitStatus").asInt(), rows.get(1).toString());
        assertTrue(rows.get(2).get("exitStatus").asInt() <= 1, rows.get(2).toString());
        assertSosreportRead(rows.get(2));
        assertEquals(2, rows.get(3).get("exitStatus").asInt());
        assertTrue(rows.get(3).get("error").asText().contains("d-broken.tar.gz: not a readable .tar.gz archive"),
                rows.get(3).toString());
        assertTempGone();
    }

    @Test
    void theTempFolderIsPrivateWhileItExists() throws Exception {
        Path tgz = tarGz(tmp.resolve("p.tar.gz"), out -> folder(out, sample("broken-vxlan-flows"), ""));
        try (var opened = io.netrules.capture.CaptureArchive.open(tgz, io.netrules.parse.InputLimits.DEFAULTS)) {
            Path temp = opened.extracted().tempDir();
            assertTrue(temp.startsWith(javaTmp.dir()), temp.toString());
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(temp)));
            assertEquals(3, opened.capture().nodes().size());
        }
        assertTempGone();
    }

    @Test
    void aSosreportNamesItsNodeByTheHostnameItRecorded() throws Exception {
        Path node3 = sample("healthy-3node-sosreport").resolve("nodes/node-3");
        Path archive = tarXz(tmp.resolve("sosreport-x.tar.xz"), out -> {
            folder(out, node3, "sosreport-whatever-123/");
            file(out, "sosreport-whatever-123/sos_commands/general/hostname",
                    "node-3.example.com\n".getBytes(StandardCharsets.UTF_8));
        });
        try (var opened = io.netrules.capture.CaptureArchive.open(archive, io.netrules.parse.InputLimits.DEFAULTS)) {
            assertEquals(java.util.Set.of("node-3.example.com"), opened.capture().nodes().keySet());
        }
        assertTempGone();
    }
}
