package io.netrules.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code netrules collect node} killed with SIGKILL while a command is still writing: the
 * collector runs as its own JVM (the test classpath) on fake tools, the flow dump prints half
 * its flows and hangs, and the process is killed. What it finished is read; the flow dump it
 * was writing is not (it has no complete file), and its rules are not evaluated on that node.
 */
class CollectorKilledTest {
    static final Path SAMPLE = TestPaths.sample("healthy-3node");
    static final Path NODE_1 = SAMPLE.resolve("nodes/node-1");
    static final String FLOWS = "ovs-ofctl_-O_OpenFlow13_dump-flows_br0";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    @Timeout(120)
    void whatWasWrittenIsReadAndTheFileBeingWrittenCountsAsNotCollected(@TempDir Path dir) throws Exception {
        List<String> flowLines = Files.readAllLines(NODE_1.resolve(FLOWS));
        String half = String.join("\n", flowLines.subList(0, flowLines.size() / 2)) + "\n";
        Path halfFile = Files.writeString(dir.resolve("half-flows"), half);
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1)
                .runs(List.of("ovs-ofctl", "-O", "OpenFlow13", "dump-flows", "br0"),
                        "cat '" + halfFile + "'; exec sleep 300");
        Path out = dir.resolve("capture");
        Path nodeDir = out.resolve("nodes/node-1");

        String java = ProcessHandle.current().info().command().orElse("java");
        Process collector = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "collect", "node", "--out", out.toString(), "--node-name", "node-1",
                "--cluster-facts", SAMPLE.resolve("cluster/hostsubnets.json").toString(),
                "--host-root", fake.hostRoot.toString(), "--path-prefix", fake.bin.toString(), "--timeout", "5m")
                .redirectErrorStream(true).redirectOutput(dir.resolve("collector.log").toFile()).start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            // Everything but the flow dump has finished, and the flow dump has written its half.
            int expected = tree(NODE_1).size() - 1;
            Path partial = nodeDir.resolve("." + FLOWS + ".partial");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.isDirectory(nodeDir) && tree(nodeDir).size() == expected && Files.isRegularFile(partial)
                    && Files.size(partial) == half.length())) {
                assertTrue(collector.isAlive(), () -> "the collector ended early: " + log(dir));
                assertTrue(System.nanoTime() < until, () -> "the collector did not get there: " + tree(nodeDir)
                        + "\n" + log(dir));
                Thread.sleep(100);
            }
            children.addAll(collector.descendants().toList());
            collector.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(collector.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, collector.exitValue(), "killed by SIGKILL");
        } finally {
            collector.destroyForcibly();
            // The hung fake tool outlives the collector it was started by: it is this test's to end.
            children.forEach(ProcessHandle::destroyForcibly);
        }

        assertFalse(Files.exists(out.resolve("capture.json")), "killed before it wrote capture.json");
        assertFalse(Files.exists(nodeDir.resolve(FLOWS)), "no file reads as a complete flow dump");

        TestPaths.copyTree(SAMPLE.resolve("cluster"), out.resolve("cluster"));
        TestPaths.copyTree(SAMPLE.resolve("nodes/node-2"), out.resolve("nodes/node-2"));
        StringWriter report = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(report, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("diagnose", "--capture", out.toString(), "--format", "json", "--explain");
        assertEquals(0, status, err.toString());
        JsonNode json = MAPPER.readTree(report.toString());

        assertEquals(0, json.path("findings").size(), report.toString());
        List<String> warnings = new ArrayList<>();
        json.path("warnings").forEach(w -> warnings.add(w.path("source").asText() + ": " + w.path("text").asText()));
        assertEquals(List.of("nodes/node-1/" + FLOWS + ": incomplete: the collector was stopped while writing it (."
                + FLOWS + ".partial); not read, so it counts as not collected"), warnings);

        // The flow dump's rules are not evaluated on node-1 and say why; everything else was read.
        Set<String> notEvaluatedOnNode1 = new TreeSet<>();
        for (JsonNode ne : json.path("notEvaluated")) {
            if (!"node-1".equals(ne.path("node").asText())) {
                continue;
            }
            String reason = ne.path("reason").asText();
            if (ne.path("missing").asText().contains("logs/")) {
                continue; // container logs come from the API, never from the collector
            }
            assertTrue(reason.contains(FLOWS + ": not collected: the collector was stopped while writing it"), ne.toString());
            notEvaluatedOnNode1.add(ne.path("id").asText());
        }
        assertTrue(notEvaluatedOnNode1.contains("NR-OVS-005"), notEvaluatedOnNode1.toString());
        for (JsonNode ne : json.path("notEvaluated")) {
            assertFalse(ne.path("node").asText().equals("node-2") && ne.path("reason").asText().contains(FLOWS),
                    "node-2's flows were collected: " + ne);
        }
    }

    private static Set<String> tree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> files = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(f -> !f.startsWith(".") && !f.contains("/.")).forEach(files::add);
            return files;
        } catch (IOException | java.io.UncheckedIOException e) {
            // A file renamed from .partial while the walk passes it: the caller looks again.
            return Set.of();
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("collector.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
