package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
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
        String json = SampleRuns.run(SampleRuns.supportEngineersCommand(dir));
        JsonNode report = new ObjectMapper().readTree(json);
        Set<String> keys = new TreeSet<>(SampleRuns.findingKeys(report));
        for (JsonNode f : report.path("findings")) {
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
        JsonNode named = SampleRuns.runJson(SampleRuns.supportEngineersCommand(dir));
        JsonNode folder = SampleRuns.runJson(List.of("diagnose", "--capture", dir.toString(), "--format", "json"));
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
}
