package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --sosreport}: an RHCOS node sosreport (its host name localhost.localdomain)
 * read with a capture whose cluster files name the nodes, matched to its Node by address.
 */
class SosreportOptionTest {
    private static final Path SAMPLE = TestPaths.sample("healthy-3node-sosreport");
    private static final String SOS = "sosreport-localhost-02793142-2026-12-07-xkqzvbn";

    @TempDir
    Path tmp;
    /** What java.io.tmpdir points at during each test: it must be empty again after every run. */
    @RegisterExtension
    final PrivateJavaTmp javaTmp = new PrivateJavaTmp();

    /** A capture with the sample's cluster files and node-1, node-2 folders, but no node-3. */
    private Path capture() throws IOException {
        Path cap = tmp.resolve("capture");
        TestPaths.copyTree(SAMPLE.resolve("cluster"), cap.resolve("cluster"));
        TestPaths.copyTree(SAMPLE.resolve("nodes/node-1"), cap.resolve("nodes/node-1"));
        TestPaths.copyTree(SAMPLE.resolve("nodes/node-2"), cap.resolve("nodes/node-2"));
        return cap;
    }

    /** node-3's RHCOS sosreport folder: its address, an nft ruleset with broken rules, no useful host name. */
    private Path sosFolder(Path parent, String address) throws IOException {
        Path sos = parent.resolve(SOS);
        Path net = Files.createDirectories(sos.resolve("sos_commands/networking"));
        Files.writeString(net.resolve("ip_-d_address"), Files.readString(
                SAMPLE.resolve("nodes/node-3/sos_commands/networking/ip_-d_address")).replace("10.0.0.3", address));
        Files.createDirectories(sos.resolve("sos_commands/host"));
        Files.writeString(sos.resolve("sos_commands/host/hostname"), "localhost.localdomain\n");
        Path fw = Files.createDirectories(sos.resolve("sos_commands/firewall_tables"));
        Files.copy(TestPaths.project().resolve("src/test/resources/forms/broken-node-3/nft_-a_list_ruleset"),
                fw.resolve("nft_-a_list_ruleset"));
        Files.writeString(sos.resolve("version.txt"), "sos report: 4.10.0\n");
        return sos;
    }

    private static Path tarXz(Path dir, Path file) throws IOException {
        try (OutputStream f = Files.newOutputStream(file);
             XZCompressorOutputStream xz = new XZCompressorOutputStream(f);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(xz);
             Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : walk.sorted().toList()) {
                if (Files.isDirectory(p)) {
                    continue;
                }
                byte[] data = Files.readAllBytes(p);
                TarArchiveEntry e = new TarArchiveEntry(dir.getFileName() + "/" + dir.relativize(p), true);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }


    private static List<String> findings(JsonNode report, String node) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (node.equals(f.path("node").asText())) {
                out.add(f.path("id").asText() + " " + f.path("subject").asText());
            }
        });
        return out;
    }

    private static List<String> warnings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("warnings").forEach(w -> out.add(w.path("source").asText() + ": " + w.path("text").asText()));
        return out;
    }

    @Test
    void anArchiveIsMatchedToItsNodeByAddressAndAnUnmatchedOrSecondOneIsAWarning() throws Exception {
        Path cap = capture();
        Path archive = tarXz(sosFolder(Files.createDirectories(tmp.resolve("a")), "10.0.0.3"),
                tmp.resolve(SOS + ".tar.xz"));
        Path again = sosFolder(Files.createDirectories(tmp.resolve("b")), "10.0.0.3");
        Path stranger = sosFolder(Files.createDirectories(tmp.resolve("c")), "192.168.7.9");
        Cli r = Cli.run("diagnose", "--capture", cap.toString(), "--sosreport", archive.toString(),
                "--sosreport", again.toString(), "--sosreport", stranger.toString(), "--format", "json");
        assertEquals("", r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        List<String> node3 = findings(report, "node-3");
        assertTrue(node3.contains("NR-SVC-005 service/myproj/api"), node3.toString());
        assertTrue(node3.contains("NR-IPT-001 forward/pod-to-pod"), node3.toString());
        assertTrue(r.out().contains(SOS + ".tar.xz/sos_commands/firewall_tables/nft_-a_list_ruleset"),
                "evidence names the file inside the sosreport");
        List<String> warnings = warnings(report);
        assertTrue(warnings.contains(SOS + ": node 'node-3' already has a node folder (a sosreport read first);"
                + " this sosreport is ignored"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(SOS + ": matches no Node by address (its addresses:"
                + " 192.168.7.9, 172.17.0.1, 10.130.0.1)") && w.endsWith("read as node 'localhost.localdomain', its host name")),
                warnings.toString());
        try (Stream<Path> s = Files.list(javaTmp.dir())) {
            assertEquals(List.of(), s.toList(), "the extracted sosreport is removed");
        }
    }

    @Test
    void anArchiveUnderTheCapturesNodesIsReadToo() throws Exception {
        Path cap = capture();
        tarXz(sosFolder(Files.createDirectories(tmp.resolve("a")), "10.0.0.3"),
                cap.resolve("nodes/" + SOS + ".tar.xz"));
        Cli r = Cli.run("diagnose", "--capture", cap.toString(), "--format", "json");
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertTrue(findings(report, "node-3").contains("NR-SVC-005 service/myproj/api"), r.out());
        assertTrue(r.out().contains("nodes/" + SOS + ".tar.xz/sos_commands/firewall_tables/nft_-a_list_ruleset"));
        assertEquals(List.of(), warnings(report).stream().filter(w -> w.contains(SOS)).toList());
    }

    @Test
    void aSosreportThatIsNoneIsOneLineAndExit2() throws Exception {
        Path cap = capture();
        Path notSos = Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("diagnose", "--capture", cap.toString(), "--sosreport", notSos.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(notSos + ": not a sosreport (no sos_commands/"), r.err());
        Cli none = Cli.run("diagnose", "--capture", cap.toString(), "--sosreport", tmp.resolve("nope.tar.xz").toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("nope.tar.xz: no such file or folder"), none.err());
    }
}
