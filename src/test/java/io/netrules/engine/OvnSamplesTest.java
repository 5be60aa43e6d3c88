package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.TestPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OVN-Kubernetes samples (facts-samples/ovn-*, taken from the real OVN lab by
 * src/test/resources/lab/ovn/ovn-samples.sh): a must-gather archive (with the OVN databases in
 * network_logs/, the Nodes, network.config/operator, the ovnkube pods and an `oc adm inspect
 * ns/demo`) and one sosreport per node, read the way a support engineer runs netrules: as the
 * case folder, and naming each archive. Each is read as an OVN-Kubernetes cluster of its
 * release, without a warning, and both ways give the same findings.
 * <p>
 * Each gives exactly the findings its README.md says ({@link #EXPECTED}).
 */
class OvnSamplesTest {
    /** Sample and the OpenShift release it was captured as (interconnect: 4.14, legacy: 4.13). */
    static final Map<String, String> SAMPLES = Map.of(
            "ovn-ic-healthy", "4.14.12",
            "ovn-ic-broken-lsp", "4.14.12",
            "ovn-ic-broken-transit", "4.14.12",
            "ovn-legacy-healthy", "4.13.30",
            "ovn-legacy-broken-encap", "4.13.30");

    /**
     * The findings (ID@node/subject) each sample gives. ovn-ic-broken-lsp's pod is in a user
     * namespace the must-gather holds through its `oc adm inspect ns/demo` folder: the pod rules
     * run on the inspected namespaces and find it (its README says so).
     */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "ovn-ic-healthy", List.of(),
            "ovn-ic-broken-lsp", List.of("NR-OVNPOD-002@worker-1/pod/demo/web-1",
                    "NR-OVNPOD-004@worker-1/pod/demo/web-1"),
            "ovn-ic-broken-transit", List.of("NR-OVNTOPO-004@worker-0/tstor-worker-1"),
            "ovn-legacy-healthy", List.of(),
            "ovn-legacy-broken-encap", List.of("NR-OVNTUN-002@worker-1/encap/worker-1"));

    static Stream<String> samples() {
        return SAMPLES.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void readAsOvnKubernetesWithoutWarnings(String sample) throws Exception {
        Path dir = TestPaths.sample(sample);
        assertTrue(Files.isRegularFile(dir.resolve("README.md")), sample + " says what is wrong with it");
        JsonNode folder = SampleRuns.runJson(List.of("diagnose", "--capture", dir.toString(), "--format", "json"));
        JsonNode named = SampleRuns.runJson(SampleRuns.supportEngineersCommand(dir));
        for (JsonNode report : List.of(folder, named)) {
            assertEquals("ovn-kubernetes", report.path("summary").path("plugin").asText(), sample);
            assertEquals("OpenShift " + SAMPLES.get(sample), report.path("summary").path("platform").asText(), sample);
            assertEquals(0, report.path("warnings").size(), sample + " reads without warnings: " + report.path("warnings"));
        }
        assertEquals(SampleRuns.findingKeys(named), SampleRuns.findingKeys(folder), sample + ": the case folder is the same capture as naming each archive");
        assertEquals(EXPECTED.get(sample), SampleRuns.findingKeys(folder), sample + " gives the findings its README says");
        // A must-gather: the pod and service rules ran on the namespaces it inspected whole only,
        // and the report says which and what to add; they are not "not evaluated".
        List<String> inPart = new ArrayList<>();
        for (JsonNode p : folder.path("evaluatedInPart")) {
            inPart.add(p.path("id").asText());
            // One line per rule: a node rule says so for all three nodes at once.
            if (p.path("id").asText().equals("NR-OVNPOD-001")) {
                assertTrue(!p.has("nodes") && !p.has("node"), sample + ": a cluster rule: " + p);
            } else {
                assertEquals(3, p.path("nodes").asInt(), sample + ": " + p);
            }
            assertEquals(2, p.path("namespaces").asInt(), sample + ": " + p);
            assertTrue(p.path("reason").asText().contains("(demo, openshift-ovn-kubernetes)"), sample + ": " + p);
            assertTrue(p.path("reason").asText().contains("add `oc adm inspect ns/<namespace>`"), sample + ": " + p);
        }
        assertEquals(List.of("NR-OVNLB-001", "NR-OVNLB-002", "NR-OVNLB-003", "NR-OVNPOD-001", "NR-OVNPOD-002",
                "NR-OVNPOD-003", "NR-OVNPOD-004"), inPart, sample);
        for (JsonNode n : folder.path("notEvaluated")) {
            assertTrue(!inPart.contains(n.path("id").asText()), sample + ": evaluated in part, not 'not evaluated': " + n);
        }
        if (sample.endsWith("-healthy")) {
            for (JsonNode f : folder.path("findings")) {
                assertTrue(!"ERROR".equals(f.path("severity").asText()), sample + " is healthy: " + f);
            }
        }
    }
}
