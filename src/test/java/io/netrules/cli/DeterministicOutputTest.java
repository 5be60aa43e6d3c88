package io.netrules.cli;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.engine.Evaluator;
import io.netrules.engine.Rules;
import io.netrules.report.JsonReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The same capture diagnosed again gives the same bytes: twice in a row, with one thread or
 * four, and from copies whose files were created in another order, on tmpfs where there is one
 * (a tmpfs directory lists in creation order, so the copies list their files differently).
 */
class DeterministicOutputTest {

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(TestPaths.samples())) {
            // Netrules captures (cluster/ and nodes/); the OpenShift 4 samples are archives of a
            // must-gather and sosreports, which Ocp4SamplesTest diagnoses.
            return s.filter(p -> Files.isDirectory(p.resolve("nodes"))).map(p -> p.getFileName().toString()).sorted()
                    .toList().stream();
        }
    }

    /** As the command prints it; once per sample (the command builds its rule base each time). */
    static String cliJson(Path capture, int parallel) {
        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--format", "json", "--explain",
                "--parallel", String.valueOf(parallel), "--fail-on", "never");
        assertEquals(0, r.status(), r.err());
        return r.out();
    }

    /** The same report, through the engine and the shared built-in rule base. */
    static String json(Path capture, int parallel) throws Exception {
        return JsonReport.render(new Evaluator(Rules.builtin(), parallel).evaluate(Capture.open(capture),
                capture.getFileName().toString()), true);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSameCaptureGivesTheSameBytes(String sample, @TempDir Path tmp) throws Exception {
        Path original = TestPaths.sample(sample);
        String first = json(original, 1);
        assertNotEquals("", first);
        assertEquals(first, cliJson(original, 4), "what diagnose --format json prints");
        assertEquals(first, json(original, 1), "run twice");
        assertEquals(first, json(original, 4), "--parallel 4");

        // On tmpfs a directory lists in (reverse) creation order; on ext4 by a hash of the name,
        // whatever the order. The copies go to tmpfs where there is one, so the order really differs.
        Path base = Files.isDirectory(SHM) && Files.isWritable(SHM) ? Files.createTempDirectory(SHM, "netrules-order-")
                : tmp;
        try {
            Path reversed = copyInOrder(original, base.resolve("reversed").resolve(sample),
                    files -> Collections.reverse(files));
            assertEquals(listing(original), listing(reversed), "the copy has the same files");
            assertEquals(first, json(reversed, 4), "files created in reverse order");
            Path shuffled = copyInOrder(original, base.resolve("shuffled").resolve(sample),
                    files -> Collections.shuffle(files, new Random(sample.hashCode())));
            assertEquals(first, json(shuffled, 4), "files created in a shuffled order");
            assertEquals(first, json(shuffled, 1), "files created in a shuffled order, one thread");
            if (base != tmp) {
                assertNotEquals(rawOrder(reversed.resolve("nodes/node-1")), rawOrder(shuffled.resolve("nodes/node-1")),
                        "the two copies list their files in different orders");
            }
        } finally {
            if (base != tmp) {
                deleteTree(base);
            }
        }
    }

    static final Path SHM = Path.of("/dev/shm");

    /** The directory's entries in the order the file system lists them, unsorted. */
    static List<String> rawOrder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    interface Reorder {
        void apply(List<Path> files);
    }

    /** Copies a tree, creating its files (and with them their folders) in the given order. */
    static Path copyInOrder(Path from, Path to, Reorder order) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        order.apply(files);
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
        return to;
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
