package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.collect.FakeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged jar and the ./netrules launcher as a user does, in their own process, and
 * checks what they print and their exit status.
 */
class CliIT {
    record Run(int status, String out, String err) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("netrules-out", ".txt");
        Path err = Files.createTempFile("netrules-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(TestPaths.project().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "netrules did not finish: " + command);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Run jar(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/netrules.jar"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    @Test
    void brokenSampleReportsItsFindingAndExits1() throws Exception {
        Run r = jar("diagnose", "--capture", "facts-samples/broken-ip-forward");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("Likely layer: local-sdn"), r.out());
        assertTrue(r.out().contains("NR-LOCAL-001  node node-2"), r.out());
        assertTrue(r.out().contains("nodes/node-2/sysctl_-a:"), "evidence names the file and line:\n" + r.out());
        assertTrue(r.out().contains("sysctl -w net.ipv4.ip_forward=1"), "remediation is printed:\n" + r.out());
        assertFalse(r.out().contains("\u001b["), "no colour when not on a terminal");
        assertEquals("", r.err().strip(), "nothing on stderr");
    }

    @Test
    void healthySampleExits0WithNoFinding() throws Exception {
        Run r = jar("diagnose", "--capture", "facts-samples/healthy-3node", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0, json.get("findings").size(), r.out());
        assertTrue(json.get("summary").get("layer").isNull());
    }

    @Test
    void failOnNeverExits0EvenWithErrors() throws Exception {
        Run r = jar("diagnose", "--capture", "facts-samples/broken-mtu", "--fail-on", "never", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("NR-MTU-001", json.get("findings").get(0).get("id").asText());
        assertEquals("mtu", json.get("summary").get("layer").asText());
    }

    @Test
    void badCaptureIsOneLineAndExit2() throws Exception {
        Run r = jar("diagnose", "--capture", "facts-samples/does-not-exist");
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void versionAndRulesList() throws Exception {
        Run v = jar("--version");
        assertEquals(0, v.status());
        assertTrue(v.out().startsWith("netrules "), v.out());
        Run l = jar("rules", "list");
        assertEquals(0, l.status(), l.err());
        assertTrue(l.out().lines().anyMatch(s -> s.startsWith("NR-OVS-005") && s.contains("ovs")), l.out());
    }

    @Test
    void collectNodeThenDiagnoseTheCapture(@TempDir Path tmp) throws Exception {
        Path sample = TestPaths.sample("broken-vxlan-flows");
        FakeNode fake = FakeNode.of(tmp.resolve("fake"), sample.resolve("nodes/node-3"));
        Path out = tmp.resolve("capture");
        Run c = jar("collect", "node", "--out", out.toString(), "--node-name", "node-3", "--cluster-facts",
                sample.resolve("cluster/hostsubnets.json").toString(), "--host-root", fake.hostRoot.toString(),
                "--path-prefix", fake.path());
        assertEquals(0, c.status(), c.err());
        assertTrue(c.out().startsWith("node node-3: "), c.out());
        Files.createDirectories(out.resolve("cluster"));
        Files.copy(sample.resolve("cluster/hostsubnets.json"), out.resolve("cluster/hostsubnets.json"));
        Run d = jar("diagnose", "--capture", out.toString());
        assertEquals(1, d.status(), d.err());
        assertTrue(d.out().contains("NR-OVS-005  node node-3  hostsubnet/node-1"), d.out());
    }

    @Test
    void batchOverTheSamplesFromThePackagedJar() throws Exception {
        Run r = jar("batch", "facts-samples", "--format", "jsonl");
        assertEquals(1, r.status(), "the worst capture has an ERROR finding: " + r.err());
        List<String> lines = r.out().lines().toList();
        // The six 3.11 captures, the two OpenShift 4 openshift-sdn support cases and the five
        // OVN-Kubernetes ones (a must-gather archive and node sosreports side by side), each read
        // as one capture.
        assertEquals(13, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode capture = json.readTree(line);
            assertTrue(capture.get("capture").asText().startsWith("facts-samples/"), line);
            assertTrue(capture.has("summary") && capture.has("findings"), line);
        }
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
    }

    @Test
    void launcherRunsTheJar() throws Exception {
        Run r = run(List.of("bash", "netrules", "diagnose", "--capture", "facts-samples/broken-vxlan-flows"));
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("NR-OVS-005"), r.out());
        assertFalse(r.err().contains("building"), "the jar is fresh after package; no rebuild: " + r.err());
    }
}
