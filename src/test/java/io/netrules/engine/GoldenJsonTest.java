package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.report.JsonReport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the JSON of one sample byte for byte: sorted and deterministic. When a deliberate change
 * alters it, regenerate with {@code -Dnetrules.golden.update=true} and review the diff.
 */
class GoldenJsonTest {
    static final String SAMPLE = "broken-vxlan-flows";
    static final Path GOLDEN = Path.of("src/test/resources/golden/" + SAMPLE + ".json");

    String render(int parallelism) throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), parallelism)
                .evaluate(Capture.open(TestPaths.sample(SAMPLE)), "facts-samples/" + SAMPLE);
        return JsonReport.render(d);
    }

    @Test
    void jsonOfTheSampleMatchesTheGoldenFile() throws Exception {
        String json = render(2);
        if (Boolean.getBoolean("netrules.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json);
    }

    @Test
    void sameCaptureGivesTheSameBytesWhateverTheParallelism() throws Exception {
        assertEquals(render(1), render(3));
    }
}
