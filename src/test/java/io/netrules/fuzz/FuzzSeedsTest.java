package io.netrules.fuzz;

import io.netrules.TestPaths;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzz tests reach every parser, and their checked-in corpus stays small. */
class FuzzSeedsTest {
    @Test
    void everyRegistrySourceIsReachableByItsFileName() {
        for (FactSource s : ParsersFuzzTest.SOURCES) {
            String name = s.perTarget() ? s.fileNameFor("10.0.0.2") : s.fileName();
            // One file may serve several sources (nft list ruleset: the filter and the nat table).
            FactSource first = FactSources.match(name).orElseThrow().source();
            assertTrue(first == s || !s.perTarget() && first.fileName().equals(s.fileName()), name);
        }
    }

    @Test
    void everyParserHasASeed() throws IOException {
        Set<String> seeded = new TreeSet<>();
        for (Path seed : files(FuzzSeeds.PARSERS)) {
            byte[] b = Files.readAllBytes(seed);
            int nl = Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", 2)).get(0).length();
            String name = new String(b, 0, nl, StandardCharsets.UTF_8).strip();
            FactSources.match(name).ifPresent(m -> FactSources.all().stream()
                    .filter(s -> s.parser() != null && s.fileName().equals(m.source().fileName()))
                    .forEach(s -> seeded.add(parserOf(s))));
        }
        Set<String> parsers = new LinkedHashSet<>();
        ParsersFuzzTest.SOURCES.forEach(s -> parsers.add(parserOf(s)));
        assertEquals(new TreeSet<>(parsers), seeded, "parsers without a seed in " + FuzzSeeds.PARSERS);
    }

    @Test
    void everyTargetHasSeedsAndTheCorpusIsUnderOneMegabyte() throws IOException {
        long total = 0;
        for (Path dir : List.of(FuzzSeeds.PARSERS, FuzzSeeds.CAPTURE, FuzzSeeds.PROBES, FuzzSeeds.OVSDB)) {
            List<Path> files = files(dir);
            assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().startsWith("seed-")), dir.toString());
            for (Path p : files) {
                total += Files.size(p);
            }
        }
        assertTrue(total < 1_000_000, "checked-in fuzz corpus is " + total + " bytes");
    }

    @Test
    void eachCaptureSeedUnpacksToACaptureOfTheSampleLayout(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        for (Path seed : files(FuzzSeeds.CAPTURE)) {
            if (!seed.getFileName().toString().startsWith("seed-")) {
                continue;
            }
            Path root = Files.createDirectory(dir.resolve(seed.getFileName().toString()));
            CaptureFuzzTest.unpack(Files.readAllBytes(seed), root);
            var capture = io.netrules.capture.Capture.open(root);
            List<Object> facts = new java.util.ArrayList<>();
            List<io.netrules.model.ParseWarning> warnings = new java.util.ArrayList<>();
            var n = io.netrules.engine.Evaluator.parseOnly(capture, 1, facts::add, warnings);
            // Files are cut to keep the seeds small, so "cut short" warnings are expected; a
            // layout warning would mean the packing lost a file's place.
            assertEquals(List.of(), warnings.stream().filter(w -> w.line() == 0).toList(), seed.toString());
            assertEquals(8, capture.clusterFiles().size(), seed + ": every cluster kind");
            assertTrue(n.files() >= 8 + 10, seed + ": the cluster files and a node's files: " + n);
            assertTrue(facts.stream().anyMatch(f -> f instanceof io.netrules.model.OvsFlow), seed.toString());
            assertTrue(facts.stream().anyMatch(f -> f instanceof io.netrules.model.Pod), seed.toString());
        }
    }

    /** The parser a source binds, told apart by what it reads (iptables -L parsers by table). */
    private static String parserOf(FactSource s) {
        return s.parser().get().getClass().getSimpleName() + (s.input().startsWith("iptables") ? ":" + s.input() : "");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(TestPaths.project().resolve(dir))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
