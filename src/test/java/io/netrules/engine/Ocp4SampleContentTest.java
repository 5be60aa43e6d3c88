package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the OpenShift 4 samples hold, checked with the readers netrules has today: each sample's
 * readable tree (src/test/resources/ocp4-samples/<sample>/) is laid out as a netrules capture by hand here (the must-gather's objects
 * into cluster/*.json, each extracted sosreport as nodes/<node>/, which the reader takes as a
 * sosreport folder), and diagnosed. It gives exactly the findings of the README, with the
 * OpenShift 4 fix text (the nodes' kubelets are 1.27). This is not the must-gather reader: that
 * one (and the support engineer's command) is Ocp4SamplesTest's, once merged.
 */
class Ocp4SampleContentTest {
    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> samples() {
        return Ocp4SamplesTest.EXPECTED.keySet().stream().sorted();
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    /** Every object of the files, Lists flattened. */
    private static List<JsonNode> objects(List<Path> files) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode d : documents(f)) {
                if (d.has("items")) {
                    d.get("items").forEach(out::add);
                } else {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static List<Path> find(Path root, String glob) throws Exception {
        var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> matcher.matches(root.relativize(p))).sorted().toList();
        }
    }

    static Path asCapture(Path src, Path out) throws Exception {
        Path img = find(src.resolve("must-gather"), "must-gather.local.*/quay-io-*").get(0);
        Map<String, String> kinds = Map.of(
                "nodes", "cluster-scoped-resources/core/nodes/*.yaml",
                "hostsubnets", "cluster-scoped-resources/network.openshift.io/hostsubnets/*.yaml",
                "clusternetworks", "cluster-scoped-resources/network.openshift.io/clusternetworks/*.yaml",
                "pods", "namespaces/*/core/pods.yaml",
                "services", "namespaces/*/core/services.yaml",
                "endpoints", "namespaces/*/core/endpoints.yaml");
        Files.createDirectories(out.resolve("cluster"));
        for (var k : kinds.entrySet()) {
            ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
            ArrayNode items = list.putArray("items");
            objects(find(img, k.getValue())).forEach(items::add);
            JSON.writeValue(out.resolve("cluster/" + k.getKey() + ".json").toFile(), list);
        }
        try (Stream<Path> s = Files.list(src)) {
            for (Path sos : s.filter(p -> p.getFileName().toString().startsWith("sosreport-")).toList()) {
                String node = sos.getFileName().toString().substring("sosreport-".length());
                Path top = find(sos, "sosreport-*").get(0);
                Path to = out.resolve("nodes/" + node);
                TestPaths.copyTree(top, to);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theSampleTreeGivesExactlyItsExpectedFindings(String sample, @TempDir Path tmp) throws Exception {
        Path capture = asCapture(TestPaths.project().resolve("src/test/resources/ocp4-samples").resolve(sample), tmp.resolve(sample));
        Diagnosis d = new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(capture), sample);
        Set<String> keys = d.findings().stream().map(ReportFinding::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Ocp4SamplesTest.EXPECTED.get(sample)), keys, sample);
        for (ReportFinding f : d.findings()) {
            assertTrue(f.remediation().contains("oc debug node/" + f.node() + " -- chroot /host"),
                    f.key() + ": OpenShift 4 fix text: " + f.remediation());
        }
        assertEquals(List.of(), d.warnings(), sample + " reads without parse warnings");
        // The node rules ran on the two sosreport nodes (node-c has none): the flow, MTU and
        // forwarding rules were evaluated there, not skipped.
        for (NotEvaluated n : d.notEvaluated()) {
            if ("node-a".equals(n.node()) || "node-b".equals(n.node())) {
                assertTrue(!n.id().startsWith("NR-OVS-") && !n.id().equals("NR-MTU-001")
                        && !n.id().equals("NR-LOCAL-001"), n.toString());
            }
        }
    }
}
