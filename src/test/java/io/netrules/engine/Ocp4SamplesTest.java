package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenShift 4 openshift-sdn samples (facts-samples/ocp4-sdn-*, built by
 * src/test/resources/ocp4-samples/build.py): a must-gather archive and two node sosreports each, diagnosed the
 * way a support engineer does (`diagnose --capture must-gather.tar.gz --sosreport A --sosreport
 * B`), give exactly the findings facts-samples/README.md promises, with the OpenShift 4 fix text.
 * <p>
 * The samples follow the must-gather and RHCOS sosreport layouts of the specification
 * (docs/ocp4.md), written before the readers, not from their code.
 */
class Ocp4SamplesTest {
    /** Finding keys ({@code ID@node/subject}) each sample must give, and nothing else. */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "ocp4-sdn-healthy", Set.of(),
            "ocp4-sdn-broken-vxlan", Set.of("NR-OVS-005@node-b/hostsubnet/node-a"));

    static Stream<String> samples() {
        return EXPECTED.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void supportEngineersCommandGivesExactlyTheExpectedFindings(String sample) throws Exception {
        Path dir = TestPaths.sample(sample);
        List<String> args = supportEngineersCommand(dir);
        String json = run(args);
        JsonNode report = new ObjectMapper().readTree(json);
        Set<String> keys = new TreeSet<>();
        for (JsonNode f : report.path("findings")) {
            keys.add(f.path("id").asText() + "@" + f.path("node").asText("") + "/" + f.path("subject").asText(""));
            String fix = f.path("remediation").asText();
            assertTrue(fix.contains("oc debug node/") || fix.contains("openshift-sdn"),
                    f + ": the OpenShift 4 fix text (the platform is 4.14.12)");
        }
        assertEquals(new TreeSet<>(EXPECTED.get(sample)), keys, sample + "\n" + json);
        assertEquals(0, report.path("warnings").size(), sample + " reads without warnings: " + report.path("warnings"));
        assertEquals("OpenShift 4.14.12", report.path("summary").path("platform").asText());
        assertEquals("openshift-sdn", report.path("summary").path("plugin").asText());
    }

    /**
     * The support case's folder as it arrives (the must-gather archive and the sosreports side by
     * side) is one capture: the same findings, evidence and not-evaluated list as naming each file.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void theCaseFolderIsTheSameCapture(String sample) throws Exception {
        Path dir = TestPaths.sample(sample);
        List<String> args = supportEngineersCommand(dir);
        JsonNode named = new ObjectMapper().readTree(run(args));
        JsonNode folder = new ObjectMapper().readTree(run(List.of("diagnose", "--capture", dir.toString(),
                "--format", "json")));
        assertEquals(named.path("findings").size(), folder.path("findings").size(), folder.toString());
        for (int i = 0; i < named.path("findings").size(); i++) {
            JsonNode a = named.path("findings").get(i);
            JsonNode b = folder.path("findings").get(i);
            assertEquals(a.path("id"), b.path("id"));
            assertEquals(a.path("node"), b.path("node"));
            assertEquals(a.path("subject"), b.path("subject"));
            assertEquals(a.path("remediation"), b.path("remediation"));
        }
        assertEquals(named.path("notEvaluated").size(), folder.path("notEvaluated").size(), folder.toString());
        assertEquals(0, folder.path("warnings").size(), "no warning: " + folder.path("warnings"));
    }

    /** {@code diagnose --capture must-gather.tar.gz --sosreport A --sosreport B --format json}. */
    private static List<String> supportEngineersCommand(Path dir) throws Exception {
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

    private static String run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args.toArray(String[]::new));
        assertTrue(status == 0 || status == 1, "exit " + status + ": " + err);
        return out.toString();
    }
}
