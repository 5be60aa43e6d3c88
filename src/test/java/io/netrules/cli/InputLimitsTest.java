package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
 * Each reading limit, hit by a file generated just over a small limit: a warning that names the
 * file (and line), the report still comes out, and what was not read counts as not collected,
 * never as a finding.
 */
class InputLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VXLAN_FLOWS = "nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0";

    static Path copy(String sample, Path to) throws IOException {
        return TestPaths.copyTree(TestPaths.sample(sample), to);
    }

    static JsonNode diagnose(Path capture, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("diagnose", "--capture", capture.toString(), "--format", "json",
                "--explain"));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertTrue(r.status() == 0 || r.status() == 1, "status " + r.status() + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return JSON.readTree(r.out());
    }

    /** The warnings of a report whose source is {@code source}. */
    static List<JsonNode> warningsOf(JsonNode report, String source) {
        List<JsonNode> out = new ArrayList<>();
        report.get("warnings").forEach(w -> {
            if (w.get("source").asText().equals(source)) {
                out.add(w);
            }
        });
        return out;
    }

    static List<String> findingIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> ids.add(f.get("id").asText() + "@" + f.path("node").asText()));
        return ids;
    }

    static void pad(Path file, long toBytes) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (Files.size(file) + sb.length() <= toBytes) {
            sb.append(" cookie=0x0, duration=1.0s, table=253, n_packets=0, n_bytes=0, priority=0 actions=drop\n");
        }
        Files.writeString(file, sb, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void aNodeFileOverTheFileSizeLimitIsNotReadAndItsRulesAreNotEvaluated(@TempDir Path tmp) throws Exception {
        Path capture = copy("broken-vxlan-flows", tmp.resolve("c"));
        // As it is, node-3's flow dump lacks node-1's flows: NR-OVS-005 fires on node-3.
        assertTrue(findingIds(diagnose(capture)).contains("NR-OVS-005@node-3"));

        pad(capture.resolve(VXLAN_FLOWS), 40 * 1024 + 1);
        JsonNode r = diagnose(capture, "--limit", "file-size=40k");
        List<JsonNode> w = warningsOf(r, VXLAN_FLOWS);
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().contains("larger than the file-size limit"), w.toString());
        assertTrue(w.get(0).get("text").asText().contains("40 KiB"), w.toString());
        // Not a finding from a file netrules did not read: the rule is not evaluated on node-3, and says why.
        assertFalse(findingIds(r).contains("NR-OVS-005@node-3"), findingIds(r).toString());
        JsonNode ne = null;
        for (JsonNode n : r.get("notEvaluated")) {
            if (n.get("id").asText().equals("NR-OVS-005") && n.get("node").asText().equals("node-3")) {
                ne = n;
            }
        }
        assertTrue(ne != null, r.get("notEvaluated").toString());
        assertTrue(ne.get("reason").asText().contains("file-size limit"), ne.toString());
    }

    @Test
    void aClusterFileOverTheFileSizeLimitIsNotRead(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        long pods = Files.size(capture.resolve("cluster/pods.json"));
        JsonNode r = diagnose(capture, "--limit", "file-size=" + (pods - 1));
        List<JsonNode> w = warningsOf(r, "cluster/pods.json");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().startsWith("larger than the file-size limit"), w.toString());
        boolean podsRuleNotEvaluated = false;
        for (JsonNode n : r.get("notEvaluated")) {
            podsRuleNotEvaluated |= n.get("missing").asText().contains("cluster/pods.json")
                    && n.path("reason").asText().contains("file-size limit");
        }
        assertTrue(podsRuleNotEvaluated, r.get("notEvaluated").toString());
        assertEquals(0, r.get("findings").size(), r.get("findings").toString());
    }

    @Test
    void captureJsonAndProbesOverTheFileSizeLimitAreNotRead(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node-sosreport", tmp.resolve("c"));
        Path meta = capture.resolve("capture.json");
        Files.writeString(meta, Files.readString(meta) + " ".repeat(200 * 1024));
        Files.createDirectories(capture.resolve("probes"));
        String probe = "{\"from\":\"client\",\"kind\":\"dns\",\"name\":\"a.example.com\",\"answers\":[]}\n";
        Files.writeString(capture.resolve("probes/probes.jsonl"), probe.repeat(200 * 1024 / probe.length() + 1));

        JsonNode r = diagnose(capture, "--limit", "file-size=150k");
        List<JsonNode> m = warningsOf(r, "capture.json");
        assertEquals(1, m.size(), r.get("warnings").toString());
        assertTrue(m.get(0).get("text").asText().contains("its notCollected reasons are not known"), m.toString());
        List<JsonNode> p = warningsOf(r, "probes/probes.jsonl");
        assertEquals(1, p.size(), r.get("warnings").toString());
        assertTrue(p.get(0).get("text").asText().startsWith("larger than the file-size limit"), p.toString());
        // The probes were not read: a DNS answer of "no address" would otherwise be a finding.
        for (JsonNode f : r.get("findings")) {
            assertFalse(f.toString().contains("probes.jsonl"), f.toString());
        }
        boolean probesNotEvaluated = false;
        for (JsonNode n : r.get("notEvaluated")) {
            probesNotEvaluated |= n.get("missing").asText().contains("probes/probes.jsonl")
                    && n.path("reason").asText().contains("file-size limit");
        }
        assertTrue(probesNotEvaluated, r.get("notEvaluated").toString());
    }

    @Test
    void aLineOverTheLineLengthLimitIsSkippedAndTheRestOfTheFileRead(@TempDir Path tmp) throws Exception {
        Path capture = copy("broken-vxlan-flows", tmp.resolve("c"));
        List<String> before = findingIds(diagnose(capture));
        Path iptables = capture.resolve("nodes/node-1/iptables-save");
        List<String> lines = new ArrayList<>(Files.readAllLines(iptables));
        lines.add(3, "# " + "x".repeat(5000));
        Files.write(iptables, lines);

        JsonNode r = diagnose(capture, "--limit", "line-length=4k");
        List<JsonNode> w = warningsOf(r, "nodes/node-1/iptables-save");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertEquals(4, w.get(0).get("line").asInt());
        assertTrue(w.get(0).get("text").asText().contains("line of 5002 characters is longer than the line-length"
                + " limit (4096"), w.toString());
        assertEquals(before, findingIds(r), "the lines after the long one are still read");
    }

    @Test
    void aProbeLineTooDeepIsAWarningAtItsLine(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Files.createDirectories(capture.resolve("probes"));
        String deep = "{\"kind\":\"dns\",\"x\":" + "[".repeat(30) + "]".repeat(30) + "}";
        Files.writeString(capture.resolve("probes/probes.jsonl"),
                "{\"from\":\"client\",\"kind\":\"dns\",\"name\":\"a.example.com\",\"answers\":[\"192.0.2.1\"]}\n"
                        + deep + "\n");
        JsonNode r = diagnose(capture, "--limit", "json-depth=20");
        List<JsonNode> w = warningsOf(r, "probes/probes.jsonl");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertEquals(2, w.get(0).get("line").asInt());
        assertTrue(w.get(0).get("text").asText().contains("nesting depth"), w.toString());
    }

    @Test
    void clusterJsonTooDeepIsAWarningAndTheFileIsNotTaken(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Path nodes = capture.resolve("cluster/nodes.json");
        JsonNode list = JSON.readTree(nodes.toFile());
        String deep = "{\"a\":".repeat(30) + "1" + "}".repeat(30);
        ((com.fasterxml.jackson.databind.node.ObjectNode) list.get("items").get(2).get("metadata"))
                .set("annotations", JSON.readTree(deep));
        JSON.writerWithDefaultPrettyPrinter().writeValue(nodes.toFile(), list);

        JsonNode r = diagnose(capture, "--limit", "json-depth=20");
        List<JsonNode> w = warningsOf(r, "cluster/nodes.json");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("line").asInt() > 1, w.toString());
        assertTrue(w.get(0).get("text").asText().contains("nesting depth"), w.toString());
        assertTrue(w.get(0).get("text").asText().contains("not read"), w.toString());
        // The two nodes before the deep one are not taken either: no half file.
        for (JsonNode n : r.get("findings")) {
            for (JsonNode e : n.get("evidence")) {
                assertFalse(e.get("source").asText().equals("cluster/nodes.json"), n.toString());
            }
        }
    }

    @Test
    void clusterJsonStringTooLongIsAWarning(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Path services = capture.resolve("cluster/services.json");
        String text = Files.readString(services);
        Files.writeString(services, text.replaceFirst("\"metadata\": \\{", "\"metadata\": {\"annotations\": {\"big\": \""
                + "y".repeat(3000) + "\"},"));
        JSON.readTree(services.toFile()); // still valid JSON

        JsonNode r = diagnose(capture, "--limit", "string-length=2k");
        List<JsonNode> w = warningsOf(r, "cluster/services.json");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().contains("String value length"), w.toString());
    }

    @Test
    void clusterYamlTooDeepIsAWarning(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Files.delete(capture.resolve("cluster/routes.json"));
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n- kind: Route\n  metadata:\n"
                + "    name: r\n    annotations:\n");
        String indent = "      ";
        for (int i = 0; i < 30; i++) {
            yaml.append(indent).append("a:\n");
            indent += "  ";
        }
        yaml.append(indent).append("b: 1\n");
        Files.writeString(capture.resolve("cluster/routes.yaml"), yaml);

        JsonNode r = diagnose(capture, "--limit", "json-depth=20");
        List<JsonNode> w = warningsOf(r, "cluster/routes.yaml");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().toLowerCase().contains("nesting depth"), w.toString());
    }

    @Test
    void clusterYamlStringTooLongIsAWarning(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Files.delete(capture.resolve("cluster/routes.json"));
        Files.writeString(capture.resolve("cluster/routes.yaml"), "apiVersion: v1\nkind: List\nitems:\n"
                + "- kind: Route\n  metadata:\n    name: r\n    annotations:\n      big: " + "y".repeat(3000) + "\n");
        JsonNode r = diagnose(capture, "--limit", "string-length=2k");
        List<JsonNode> w = warningsOf(r, "cluster/routes.yaml");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().contains("String value length"), w.toString());
    }

    @Test
    void yamlAliasBombIsAWarningNotAnOutOfMemoryError(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Files.delete(capture.resolve("cluster/routes.json"));
        // "Billion laughs": each level refers to the one before nine times.
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("kind: Route\n");
        Files.writeString(capture.resolve("cluster/routes.yaml"), yaml);

        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--format", "json");
        assertFalse(r.err().contains("OutOfMemoryError") || r.err().contains("\tat "), r.err());
        // Jackson's YAML reader does not expand aliases; SnakeYAML's alias cap is there too.
        assertTrue(r.status() <= 2, r.err());
        if (r.status() == 2) {
            assertTrue(r.err().startsWith("netrules: cluster/routes.yaml"), r.err());
        }
    }

    @Test
    void yamlTagsAreDataNeverTypes(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        Files.delete(capture.resolve("cluster/routes.json"));
        // A SnakeYAML Constructor would instantiate these; netrules' YAML reading only sees a tag.
        Files.writeString(capture.resolve("cluster/routes.yaml"), "apiVersion: v1\nkind: List\nitems:\n"
                + "- kind: Route\n  metadata:\n    namespace: default\n    name: !!javax.script.ScriptEngineManager"
                + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"
                + "  spec:\n    host: !!java.io.File \"/etc/passwd\"\n    to:\n      name: docker-registry\n");
        JsonNode r = diagnose(capture);
        String all = r.toString();
        assertFalse(all.contains("ScriptEngineManager@") || all.contains("root:x:0:0"), all);
    }

    @Test
    void listingStopsAtTheFilesLimitWithAWarningNamingTheFolder(@TempDir Path tmp) throws Exception {
        Path capture = copy("healthy-3node", tmp.resolve("c"));
        long top = count(capture);
        long cluster = count(capture.resolve("cluster"));
        long nodes = count(capture.resolve("nodes"));
        long node1 = count(capture.resolve("nodes/node-1"));
        long node2 = count(capture.resolve("nodes/node-2"));
        long limit = top + cluster + nodes + node1 + node2 + 2; // two entries of node-3's folder

        JsonNode r = diagnose(capture, "--limit", "files=" + limit);
        List<JsonNode> w = warningsOf(r, "nodes/node-3/");
        assertEquals(1, w.size(), r.get("warnings").toString());
        assertTrue(w.get(0).get("text").asText().startsWith("the capture has more than " + limit + " files"), w.toString());
        // node-1 and node-2 are read whole; node-3 mostly not, and that is "not evaluated", not a finding.
        assertEquals(0, r.get("findings").size(), r.get("findings").toString());
        long node3NotEvaluated = 0;
        for (JsonNode n : r.get("notEvaluated")) {
            if ("node-3".equals(n.get("node").asText())) {
                node3NotEvaluated++;
            }
            assertFalse("node-1".equals(n.get("node").asText()) && n.path("reason").asText().contains("limit"));
        }
        assertTrue(node3NotEvaluated > 5, r.get("notEvaluated").toString());
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void anUnknownLimitOrABadValueIsOneUsageLine(@TempDir Path tmp) {
        Cli r = Cli.run("diagnose", "--capture", tmp.toString(), "--limit", "file-sise=1M");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown limit 'file-sise'") && r.err().contains("file-size"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Cli bad = Cli.run("batch", tmp.toString(), "--limit", "file-size=lots");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'lots' is not a number"), bad.err());
    }

    @Test
    void sizesTakeUnits(@TempDir Path tmp) throws Exception {
        Path capture = copy("broken-vxlan-flows", tmp.resolve("c"));
        Files.writeString(capture.resolve(VXLAN_FLOWS), "x".repeat(2048 + 1), StandardCharsets.UTF_8);
        for (String spelling : List.of("2k", "2K", "2KiB", "2kb", "2048")) {
            JsonNode r = diagnose(capture, "--limit", "file-size=" + spelling);
            assertEquals(1, warningsOf(r, VXLAN_FLOWS).size(), spelling + ": " + r.get("warnings"));
        }
    }
}
