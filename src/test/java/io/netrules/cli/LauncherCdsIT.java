package io.netrules.cli;

import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's class-data archive follows the checkout: a moved or copied checkout records an
 * archive of its own and then maps it (JDK 17 ignores an archive recorded with another jar path,
 * silently, which doubled start-up). {@code -Xshare:on} makes the JVM fail instead of ignoring an
 * archive it cannot map, so a run that succeeds with it used the archive.
 */
class LauncherCdsIT {
    record Run(int status, String out, String err) {
    }

    static Run run(Path dir, String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", dir.resolve("netrules").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("NETRULES_JAVA_OPTS", javaOpts);
        pb.environment().remove("NETRULES_CDS");
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "launcher timed out");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A checkout with what the launcher runs: itself, the built jar, one sample. */
    static Path checkout(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(dir.resolve("facts-samples"));
        Files.copy(TestPaths.project().resolve("netrules"), dir.resolve("netrules"));
        Files.copy(TestPaths.project().resolve("target/netrules.jar"), dir.resolve("target/netrules.jar"));
        TestPaths.copyTree(TestPaths.sample("broken-vxlan-flows"), dir.resolve("facts-samples/broken-vxlan-flows"));
        return dir;
    }


    static List<Path> archives(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("target"))) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void aMovedCheckoutRecordsItsOwnArchiveAndMapsIt(@TempDir Path tmp) throws Exception {
        Path first = checkout(tmp.resolve("first"));
        Run r = run(first, "", "--version");
        assertEquals(0, r.status(), r.err());
        List<Path> recorded = archives(first);
        assertEquals(1, recorded.size(), "one archive recorded: " + recorded);
        Run mapped = run(first, "-Xshare:on", "diagnose", "--capture", "facts-samples/broken-vxlan-flows");
        assertEquals(1, mapped.status(), "the archive maps (-Xshare:on fails otherwise): " + mapped.err());
        assertTrue(mapped.out().contains("NR-OVS-005"), mapped.out());
        assertFalse(mapped.err().contains("compiling the rules instead"), "the pre-built rule model is used: "
                + mapped.err());

        // The same checkout copied elsewhere, archive included: the old archive is for the old path.
        Path moved = tmp.resolve("moved");
        TestPaths.copyTree(first, moved);
        Run movedRun = run(moved, "-Xshare:on", "--version");
        assertEquals(0, movedRun.status(), "the copy recorded and mapped its own archive: " + movedRun.err());
        List<Path> movedArchives = archives(moved);
        assertEquals(1, movedArchives.size(), "the copied archive was replaced: " + movedArchives);
        assertFalse(movedArchives.get(0).getFileName().equals(recorded.get(0).getFileName()),
                "named after the new path: " + movedArchives);
    }
}
