package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user sees when the input is wrong: one line naming the file, exit 2, no stack trace. */
class DiagnoseBadInputTest {

    @Test
    void missingCaptureFolderIsExit2WithOneLine(@TempDir Path tmp) {
        Cli r = Cli.run("diagnose", "--capture", tmp.resolve("nope").toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nope") && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void malformedClusterJsonNamesFileLineAndColumn(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"),
                "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    {\"host\": \"node-1\",, }\n  ]\n}\n");
        Cli r = Cli.run("diagnose", "--capture", tmp.toString());
        assertEquals(2, r.status());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), r.err());
        assertTrue(line.startsWith("netrules: cluster/hostsubnets.json:4:"), line);
        assertFalse(line.contains("at com.fasterxml"), line);
    }

    @Test
    void malformedClusterYamlNamesFileAndLine(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/pods.yaml"),
                "apiVersion: v1\nitems:\n- metadata:\n    name: a\n   bad: [\nkind: List\n");
        Cli r = Cli.run("diagnose", "--capture", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().strip().matches("netrules: cluster/pods\\.yaml:\\d+:\\d+: .*"), r.err());
    }

    @Test
    void emptyCaptureHasNoFindingsAndEveryRuleNotEvaluated(@TempDir Path tmp) throws Exception {
        Cli r = Cli.run("diagnose", "--capture", tmp.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0, json.get("findings").size());
        var ids = new java.util.TreeSet<String>();
        json.get("notEvaluated").forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(io.netrules.engine.Rules.builtin().docs().keySet(), ids);
    }

    @Test
    void unknownFilesAreIgnoredWithAWarning(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("nodes/node-1"));
        Files.writeString(tmp.resolve("nodes/node-1/my-notes.txt"), "hello\n");
        Files.writeString(tmp.resolve("nodes/node-1/sysctl_-a"), "net.ipv4.ip_forward = 1\n");
        Cli r = Cli.run("diagnose", "--capture", tmp.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        boolean warned = false;
        for (JsonNode w : json.get("warnings")) {
            warned |= w.get("source").asText().equals("nodes/node-1/my-notes.txt");
        }
        assertTrue(warned, r.out());
    }

    @Test
    void ruleCompileErrorIsFileLineAndExit2(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("myrules"));
        Files.writeString(rules.resolve("NR-BAD-001.drl"),
                "package my;\nimport io.netrules.model.*;\nrule \"broken\"\nwhen\n  NodeScope($n : nme)\nthen\nend\n");
        Cli r = Cli.run("diagnose", "--capture", tmp.toString(), "--rules", rules.toString());
        assertEquals(2, r.status());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(rules + "/NR-BAD-001.drl:5: "), r.err());
    }

    @Test
    void unknownOptionIsUsageErrorExit2() {
        Cli r = Cli.run("diagnose", "--capture", ".", "--frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }
}
