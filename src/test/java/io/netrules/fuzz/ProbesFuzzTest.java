package io.netrules.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netrules.capture.CaptureException;
import io.netrules.capture.ClusterInputs;
import io.netrules.capture.ProbesReader;
import io.netrules.model.ParseWarning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link ProbesReader}: the input is the bytes of {@code probes/probes.jsonl}, written to
 * a file so that the reader's own decoding and line splitting are fuzzed too.
 */
class ProbesFuzzTest {
    private static Path file;

    @BeforeAll
    static void mode() {
        FuzzMode.configure();
    }

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // per input: a loop is a finding
    void probes(byte[] input) throws IOException {
        Path f = file();
        Files.write(f, input);
        List<Object> facts = new ArrayList<>();
        List<ParseWarning> warnings = new ArrayList<>();
        try {
            ProbesReader.read(f, ClusterInputs.PROBES_FILE, facts::add, warnings::add);
        } catch (CaptureException e) {
            FuzzOracle.checkCaptureException(e, List.of(ClusterInputs.PROBES_FILE));
        }
        Map<String, Integer> lines = Map.of(ClusterInputs.PROBES_FILE,
                ParsersFuzzTest.lineCount(ParsersFuzzTest.decode(input, 0, input.length)));
        FuzzOracle.checkWarnings(warnings, lines);
        FuzzOracle.checkSources(facts, lines);
    }

    private static synchronized Path file() throws IOException {
        if (file == null) {
            Path dir = Files.createTempDirectory("netrules-fuzz-probes");
            dir.toFile().deleteOnExit();
            file = dir.resolve("probes.jsonl");
            file.toFile().deleteOnExit();
        }
        return file;
    }
}
