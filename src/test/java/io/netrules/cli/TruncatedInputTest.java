package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files cut short (a copy or a collection stopped midway): what is there is read, a warning
 * names the file and the line where it ends, and the input counts as incomplete, so its rules
 * are not evaluated and nothing after the cut reads as absent. The sample is healthy, so any
 * finding would be one the cut made up.
 */
class TruncatedInputTest {
    static final Path SAMPLE = TestPaths.sample("healthy-3node");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String FLOWS = "nodes/node-1/ovs-ofctl_-O_OpenFlow13_dump-flows_br0";

    static JsonNode diagnose(Path capture) throws Exception {
        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--format", "json", "--explain");
        assertEquals(0, r.status(), r.err() + r.out());
        return MAPPER.readTree(r.out());
    }

    static List<String> warnings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("warnings").forEach(w -> out.add(w.path("source").asText() + ":" + w.path("line").asInt() + ": "
                + w.path("text").asText()));
        return out;
    }

    static List<String> notEvaluated(JsonNode report, String node, String reasonPart) {
        List<String> out = new ArrayList<>();
        for (JsonNode ne : report.path("notEvaluated")) {
            if ((node == null || node.equals(ne.path("node").asText())) && ne.path("reason").asText().contains(reasonPart)) {
                out.add(ne.path("id").asText());
            }
        }
        return out;
    }

    @Test
    void aFlowDumpCutMidLineIsReadUpToTheCutAndItsRulesAreNotEvaluated(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("c");
        TestPaths.copyTree(SAMPLE, capture);
        byte[] flows = Files.readAllBytes(capture.resolve(FLOWS));
        String text = new String(flows, java.nio.charset.StandardCharsets.UTF_8);
        int lineStart = text.indexOf('\n', text.length() / 2) + 1;
        int cutAt = lineStart + 30; // inside the line after the middle
        long lineNumber = text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        Files.write(capture.resolve(FLOWS), java.util.Arrays.copyOf(flows, cutAt));

        JsonNode report = diagnose(capture);
        assertEquals(0, report.path("findings").size(), "the flows after the cut are not missing flows: " + report);
        assertEquals(List.of(FLOWS + ":" + lineNumber + ": cut short: the file ends inside line " + lineNumber + " (\""
                + text.substring(lineStart, cutAt).strip() + "\"), which was not read"), warnings(report));
        List<String> blocked = notEvaluated(report, "node-1", "ovs-ofctl_-O_OpenFlow13_dump-flows_br0: incomplete: cut short");
        assertTrue(blocked.contains("NR-OVS-005"), report.path("notEvaluated").toString());
        assertEquals(List.of(), notEvaluated(report, "node-2", "incomplete"), "node-2's flows are whole");
    }

    @Test
    void anIptablesSaveWithoutItsLastCommitIsIncomplete(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("c");
        TestPaths.copyTree(SAMPLE, capture);
        Path file = capture.resolve("nodes/node-2/iptables-save");
        List<String> lines = Files.readAllLines(file);
        int lastCommit = lines.lastIndexOf("COMMIT");
        assertTrue(lastCommit > 2);
        // Cut at a line end, two lines before the last COMMIT: every line is whole, the table is not.
        List<String> kept = lines.subList(0, lastCommit - 2);
        Files.write(file, kept);

        JsonNode report = diagnose(capture);
        assertEquals(0, report.path("findings").size(), report.toString());
        List<String> w = warnings(report);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("nodes/node-2/iptables-save:" + kept.size() + ": cut short: table '"), w.get(0));
        assertTrue(w.get(0).endsWith("' has no COMMIT line (the file ends at line " + kept.size() + ")"), w.get(0));
        assertFalse(notEvaluated(report, "node-2", "iptables-save: incomplete: cut short").isEmpty(),
                report.path("notEvaluated").toString());
        assertEquals(List.of(), notEvaluated(report, "node-1", "incomplete"));
    }

    @Test
    void aPodsJsonCutMidObjectKeepsTheItemsBeforeTheCutAndItsRulesAreNotEvaluated(@TempDir Path tmp)
            throws Exception {
        Path capture = tmp.resolve("c");
        TestPaths.copyTree(SAMPLE, capture);
        Path pods = capture.resolve("cluster/pods.json");
        String text = Files.readString(pods);
        int at = -1;
        for (int i = 0; i < 8; i++) {
            at = text.indexOf("\"kind\": \"Pod\"", at + 1);
        }
        assertTrue(at > 0, "the sample has 8 pods or more");
        String cut = text.substring(0, at + 40); // inside the 8th pod
        Files.writeString(pods, cut);
        int cutLine = (int) cut.chars().filter(c -> c == '\n').count() + 1;

        // The reader keeps the 7 whole pods.
        List<Object> facts = new ArrayList<>();
        List<ParseWarning> readerWarnings = new ArrayList<>();
        ClusterObjectReader reader = new ClusterObjectReader(facts::add, readerWarnings::add);
        reader.read(pods, "cluster/pods.json", "pods");
        assertEquals(7, facts.stream().filter(Pod.class::isInstance).count());
        assertTrue(reader.incomplete().startsWith("cut short: the file ends inside item 8"), reader.incomplete());

        JsonNode report = diagnose(capture);
        assertEquals(0, report.path("findings").size(), "pods after the cut are not missing pods: " + report);
        assertEquals(List.of("cluster/pods.json:" + cutLine + ": cut short: the file ends inside item 8 (line "
                + cutLine + "); the 7 item(s) before the cut were read"), warnings(report));
        assertFalse(notEvaluated(report, null, "pods.json: incomplete: cut short").isEmpty(),
                report.path("notEvaluated").toString());
    }

    @Test
    void aProbeKilledMidLineIsItsAnswerSoFarNotACutFile(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("c");
        TestPaths.copyTree(SAMPLE, capture);
        // tracepath prints a hop's number, then waits for its answer: killed at --timeout, the
        // collector keeps " 2:  " without a line end, on purpose (see collector.md).
        Files.writeString(capture.resolve("nodes/node-1/tracepath_10.0.0.2"),
                " 1?: [LOCALHOST]                                         pmtu 1500\n 2:  ");
        JsonNode report = diagnose(capture);
        assertEquals(List.of(), warnings(report).stream().filter(w -> w.contains("the file ends inside")).toList());
        assertEquals(List.of(), notEvaluated(report, "node-1", "incomplete"));
    }

    @Test
    void aClusterFileThatIsNotJsonAtAllIsStillExit2(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("c");
        TestPaths.copyTree(SAMPLE, capture);
        Files.writeString(capture.resolve("cluster/pods.json"), "\u0000\u0001binary garbage");
        Cli r = Cli.run("diagnose", "--capture", capture.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("netrules: cluster/pods.json:1:"), r.err());
    }

}
