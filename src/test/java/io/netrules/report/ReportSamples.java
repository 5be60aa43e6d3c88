package io.netrules.report;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.Rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The shipped samples, diagnosed once per JVM with the built-in rules, for the report tests. */
final class ReportSamples {
    private static final Map<String, Diagnosis> CACHE = new ConcurrentHashMap<>();

    private ReportSamples() {
    }

    /**
     * Every sample capture under facts-samples/, by name: the netrules captures (with nodes/); the
     * OpenShift 4 samples are must-gather and sosreport archives (Ocp4SamplesTest).
     */
    static List<String> names() {
        try (Stream<Path> s = Files.list(TestPaths.samples())) {
            return s.filter(p -> Files.isDirectory(p.resolve("nodes"))).map(p -> p.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Diagnosis diagnose(String sample) {
        return CACHE.computeIfAbsent(sample, s -> diagnose(TestPaths.sample(s), "facts-samples/" + s));
    }

    static Diagnosis diagnose(Path capture, String name) {
        try {
            return new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(capture), name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Collection<RuleDoc> rules() {
        return Rules.builtin().docs().values();
    }
}
