package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each shipped sample gives exactly the findings its README promises, and reads without warnings. */
class SamplesTest {
    /** Finding keys ({@code ID@node/subject}) each sample must give, and nothing else. */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "healthy-3node", Set.of(),
            "healthy-3node-sosreport", Set.of(),
            "broken-ip-forward", Set.of("NR-LOCAL-001@node-2/"),
            "broken-mtu", Set.of("NR-MTU-001@node-3/"),
            "broken-vxlan-flows", Set.of("NR-OVS-005@node-3/hostsubnet/node-1"),
            "broken-service-endpoints", Set.of("NR-SVC-001@/service/myproj/web"));

    static Stream<String> samples() {
        return EXPECTED.keySet().stream().sorted();
    }

    @Test
    void everyShippedSampleHasAnExpectation() throws Exception {
        try (Stream<java.nio.file.Path> dirs = Files.list(TestPaths.samples())) {
            Set<String> shipped = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            // The OpenShift 4 samples (must-gather + sosreport archives) are Ocp4SamplesTest's and,
            // for OVN-Kubernetes, OvnSamplesTest's.
            Set<String> expected = new TreeSet<>(EXPECTED.keySet());
            expected.addAll(Ocp4SamplesTest.EXPECTED.keySet());
            expected.addAll(OvnSamplesTest.SAMPLES.keySet());
            assertEquals(expected, shipped);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleGivesExactlyItsExpectedFindings(String sample) throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(TestPaths.sample(sample)), sample);
        Set<String> keys = d.findings().stream().map(ReportFinding::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPECTED.get(sample)), keys, sample);
        for (ReportFinding f : d.findings()) {
            assertTrue(!f.evidence().isEmpty(), f.key() + " has no evidence");
            assertTrue(!f.remediation().isBlank() && !f.remediation().matches("(?s).*\\{[A-Za-z]+}.*"),
                    f.key() + " remediation not rendered: " + f.remediation());
            assertTrue(!f.title().matches("(?s).*\\{[A-Za-z]+}.*"), f.key() + " title not rendered: " + f.title());
        }
        assertEquals(java.util.List.of(), d.warnings(), sample + " should read without parse warnings");
    }
}
