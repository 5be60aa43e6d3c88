package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.cli.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the sample tests (Ocp4SamplesTest, OvnSamplesTest) do with a support case's folder of
 * archives: build the support engineer's command line, run it in-process, and key its findings.
 */
final class SampleRuns {
    private SampleRuns() {
    }

    /** {@code diagnose --capture must-gather.tar.gz --sosreport A --sosreport B ... --format json}. */
    static List<String> supportEngineersCommand(Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("diagnose", "--capture", dir.resolve("must-gather.tar.gz").toString()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path sos : files.filter(p -> p.getFileName().toString().startsWith("sosreport-")).sorted().toList()) {
                args.add("--sosreport");
                args.add(sos.toString());
            }
        }
        args.addAll(List.of("--format", "json"));
        return args;
    }

    /** Runs netrules in-process; what it printed on stdout. Exit 0 (no finding) or 1 (findings) only. */
    static String run(List<String> args) {
        Cli r = Cli.run(args.toArray(String[]::new));
        assertTrue(r.status() == 0 || r.status() == 1, "exit " + r.status() + ": " + r.err());
        return r.out();
    }

    /** {@link #run} of a {@code --format json} command, read. */
    static JsonNode runJson(List<String> args) throws Exception {
        return new ObjectMapper().readTree(run(args));
    }

    /** The report's findings as {@code ID@node/subject}, in report order. */
    static List<String> findingKeys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("findings").forEach(f -> keys.add(f.path("id").asText() + "@" + f.path("node").asText("") + "/"
                + f.path("subject").asText("")));
        return keys;
    }
}
