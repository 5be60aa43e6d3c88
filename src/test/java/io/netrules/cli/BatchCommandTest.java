package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.TestPaths;
import io.netrules.batch.CaptureList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netrules batch} over the shipped samples, as a user runs it (in-process). */
class BatchCommandTest {
    static final List<String> SAMPLES = List.of("broken-ip-forward", "broken-mtu", "broken-service-endpoints",
            "broken-vxlan-flows", "healthy-3node", "healthy-3node-sosreport");
    static final ObjectMapper JSON = new ObjectMapper();

    /** A folder of captures: copies of some samples, plus what the test adds. */
    static Path captures(Path tmp, List<String> samples) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("captures"));
        for (String s : samples) {
            TestPaths.copyTree(TestPaths.sample(s), dir.resolve(s));
        }
        return dir;
    }


    @Test
    void tableHasOneRowPerCaptureInNameOrderAndTheWorstStatus(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, SAMPLES);
        Cli r = Cli.run("batch", dir.toString(), "--parallel", "3");
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("CAPTURE "), lines.get(0));
        List<String> rows = lines.subList(1, lines.size() - 1);
        assertEquals(SAMPLES.size(), rows.size(), r.out());
        for (int i = 0; i < SAMPLES.size(); i++) {
            assertTrue(rows.get(i).startsWith(dir.resolve(SAMPLES.get(i)) + " "), rows.get(i));
        }
        assertTrue(rows.get(0).matches(".*\\s+findings\\s+1\\s+0\\s+local-sdn\\s+\\d+\\.\\d\\d s"), rows.get(0));
        assertTrue(rows.get(4).matches(".*\\s+ok\\s+0\\s+0\\s+-\\s+\\d+\\.\\d\\d s"), rows.get(4));
        assertTrue(lines.get(lines.size() - 1).startsWith("6 captures: 2 ok, 4 with findings, 0 bad input"),
                lines.get(lines.size() - 1));
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
    }

    @Test
    void aBadCaptureIsReportedAndTheOthersCarryOn(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, List.of("broken-mtu", "healthy-3node"));
        TestPaths.copyTree(TestPaths.sample("healthy-3node"), dir.resolve("bad-json"));
        Files.writeString(dir.resolve("bad-json/capture.json"), "{ \"format\": ");
        Files.createDirectories(dir.resolve("empty"));
        Cli r = Cli.run("batch", dir.toString(), "--format", "jsonl");
        assertEquals(2, r.status(), "bad input is the worst status here: " + r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            lines.add(JSON.readTree(l));
        }
        assertEquals(List.of("bad-json", "broken-mtu", "empty", "healthy-3node"),
                lines.stream().map(l -> Path.of(l.get("capture").asText()).getFileName().toString()).toList());
        assertEquals(2, lines.get(0).get("exitStatus").asInt());
        assertTrue(lines.get(0).get("error").asText().contains("capture.json"), lines.get(0).toString());
        assertFalse(lines.get(0).has("findings"));
        assertEquals(1, lines.get(1).get("exitStatus").asInt());
        assertEquals("NR-MTU-001", lines.get(1).get("findings").get(0).get("id").asText());
        assertTrue(lines.get(2).get("error").asText().contains("not a capture"), lines.get(2).toString());
        assertEquals(0, lines.get(3).get("exitStatus").asInt());
    }

    @Test
    void eachJsonLineIsTheDiagnoseJsonWithCaptureAndStatus(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, List.of("broken-vxlan-flows", "healthy-3node-sosreport"));
        Cli batch = Cli.run("batch", dir.toString(), "--format", "jsonl", "--parallel", "2");
        List<String> lines = batch.out().lines().toList();
        assertEquals(2, lines.size(), batch.out());
        for (String line : lines) {
            ObjectNode got = (ObjectNode) JSON.readTree(line);
            String capture = got.remove("capture").asText();
            int status = got.remove("exitStatus").asInt();
            Cli single = Cli.run("diagnose", "--capture", capture, "--format", "json");
            assertEquals(single.status(), status, capture);
            assertEquals(JSON.readTree(single.out()), got, capture);
        }
    }

    @Test
    void outWritesEachCapturesReportsAsDiagnoseDoes(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, List.of("broken-ip-forward", "healthy-3node"));
        Files.createDirectories(dir.resolve("empty"));
        Path out = tmp.resolve("reports");
        Cli r = Cli.run("batch", dir.toString(), "--out", out.toString());
        assertEquals(2, r.status(), r.err());
        for (String s : List.of("broken-ip-forward", "healthy-3node")) {
            Cli json = Cli.run("diagnose", "--capture", dir.resolve(s).toString(), "--format", "json");
            assertEquals(json.out(), Files.readString(out.resolve(s + ".json")), s);
            Cli text = Cli.run("diagnose", "--capture", dir.resolve(s).toString(), "--no-color");
            assertEquals(text.out(), Files.readString(out.resolve(s + ".txt")), s);
        }
        assertFalse(Files.exists(out.resolve("empty.json")));
        assertTrue(Files.readString(out.resolve("empty.txt")).contains("not a capture"));
    }

    @Test
    void aListFileNamesCapturesAndAMissingOneIsReported(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, List.of("broken-mtu", "healthy-3node"));
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "# fleet captures\n" + dir.resolve("healthy-3node") + "\n\n"
                + dir.resolve("gone") + "\n" + dir.resolve("broken-mtu") + "\n" + dir.resolve("healthy-3node") + "\n");
        Cli r = Cli.run("batch", list.toString(), "--format", "jsonl");
        assertEquals(2, r.status(), r.err());
        List<String> captures = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            captures.add(Path.of(JSON.readTree(l).get("capture").asText()).getFileName().toString());
        }
        assertEquals(List.of("healthy-3node", "gone", "broken-mtu"), captures, "list order, each once");
        assertTrue(r.out().contains("does not exist"), r.out());
    }

    @Test
    void aFolderThatIsACaptureIsOneCapture() {
        Cli r = Cli.run("batch", TestPaths.sample("broken-mtu").toString(), "--format", "jsonl");
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
    }

    @Test
    void shardsSplitTheCapturesDisjointlyByTheHashOfTheirName(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, SAMPLES);
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(dir.resolve("fleet-" + i + "/nodes"));
        }
        Set<String> all = new TreeSet<>();
        int shards = 3;
        for (int s = 0; s < shards; s++) {
            Cli r = Cli.run("batch", dir.toString(), "--format", "jsonl", "--shard", s + "/" + shards,
                    "--fail-on", "never");
            assertEquals(0, r.status(), r.err());
            for (String l : r.out().lines().toList()) {
                String name = Path.of(JSON.readTree(l).get("capture").asText()).getFileName().toString();
                assertEquals(s, shellShard(name, shards), name + " is in shard " + s);
                assertTrue(all.add(name), name + " is in two shards");
            }
        }
        assertEquals(26, all.size(), all.toString());
    }

    /** docs/scale.md's shell formula: $(( 0x$(printf %s "$name" | sha256sum | cut -c1-8) % N )). */
    static int shellShard(String name, int shards) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        String hex = String.format("%064x", new BigInteger(1, d)).substring(0, 8);
        return (int) (Long.parseLong(hex, 16) % shards);
    }

    @Test
    void shardOfGivesWhatTheShellFormulaGives() {
        // Worked out with sha256sum (printf %s NAME | sha256sum | cut -c1-8): a change of the hash
        // would move captures between a fleet's pods, so the values are pinned.
        assertEquals(1, CaptureList.shardOf("healthy-3node", 4)); // 0x20e02a01
        assertEquals(5, CaptureList.shardOf("healthy-3node", 7));
        assertEquals(3, CaptureList.shardOf("capture-0001", 4)); // 0xc9766cb7, above 2^31
        assertEquals(2, CaptureList.shardOf("capture-0001", 7));
        assertEquals(3, CaptureList.shardOf("broken-mtu", 7)); // 0x1f570dc2
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(CaptureList.shardOf("capture-" + i, 4));
        }
        assertEquals(Set.of(0, 1, 2, 3), seen, "100 names reach every one of 4 shards");
    }

    @Test
    void badShardOrMissingFolderIsOneLineAndExit2(@TempDir Path tmp) {
        for (String shard : List.of("4/4", "x", "1/0", "-1/3", "1/2/3")) {
            Cli r = Cli.run("batch", TestPaths.samples().toString(), "--shard", shard);
            assertEquals(2, r.status(), shard);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("netrules: --shard: "), r.err());
            assertEquals("", r.out());
        }
        Cli r = Cli.run("batch", tmp.resolve("nowhere").toString());
        assertEquals(2, r.status());
        assertEquals("netrules: " + tmp.resolve("nowhere") + ": no such folder or list file", r.err().strip());
        Cli empty = Cli.run("batch", tmp.toString());
        assertEquals(2, empty.status());
        assertTrue(empty.err().startsWith("netrules: no capture in "), empty.err());
    }

    @Test
    void progressGoesToStderrOnlyAndEndsWithTheSummary(@TempDir Path tmp) throws Exception {
        Path dir = captures(tmp, List.of("broken-mtu", "healthy-3node"));
        Cli r = Cli.run("batch", dir.toString(), "--format", "jsonl", "--progress");
        assertEquals(2, r.out().lines().count(), "stdout holds only the JSON lines: " + r.out());
        assertTrue(r.err().contains("\rbatch: 2/2 captures, 0 failed"), r.err());
        assertTrue(r.err().matches("(?s).*\r\u001b\\[K2 captures: 1 ok, 1 with findings, 0 bad input, 0 internal"
                + " errors; [0-9.]+ s, [0-9.]+ captures/s\n"), r.err());
    }
}
