package io.netrules.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.netrules.TestPaths;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.RuleDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format sarif}: valid SARIF 2.1.0 (checked against the OASIS schema) for every sample, and what it says. */
class SarifReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Schema schema;

    /** The OASIS schema from the test resources, read once. */
    static synchronized Schema schema() {
        if (schema == null) {
            try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return schema;
    }

    static String sarif(String sample) {
        return sarif(ReportSamples.diagnose(sample));
    }

    static String sarif(Diagnosis d) {
        return SarifReport.render(d, ReportSamples.rules(), "0.1.0",
                TestPaths.samples().toUri().toString() + "x/");
    }

    static List<Error> validate(String json) {
        return schema().validate(json, InputFormat.JSON);
    }

    @Test
    void everySampleGivesValidSarif() {
        for (String sample : ReportSamples.names()) {
            List<Error> errors = validate(sarif(sample));
            assertEquals(List.of(), errors, sample);
        }
    }

    @Test
    void aCaptureWithRulesNotEvaluatedIsValidToo(@TempDir Path tmp) throws Exception {
        Path capture = TestPaths.copyTree(TestPaths.sample("broken-vxlan-flows"), tmp.resolve("c"));
        Files.delete(capture.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"));
        Diagnosis d = ReportSamples.diagnose(capture, "c");
        assertFalse(d.notEvaluated().isEmpty());
        String json = sarif(d);
        assertEquals(List.of(), validate(json));
        JsonNode notes = MAPPER.readTree(json).at("/runs/0/invocations/0/toolExecutionNotifications");
        List<String> texts = new ArrayList<>();
        notes.forEach(n -> texts.add(n.at("/message/text").asText()));
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("NR-OVS-005 not evaluated on node-2: missing "
                + "ovs-ofctl_-O_OpenFlow13_dump-flows_br0")), texts.toString());
    }

    /** The validator is not a yes-man: what the schema forbids is reported. */
    @Test
    void theSchemaRejectsWhatSarifForbids() throws Exception {
        ObjectNode log = (ObjectNode) MAPPER.readTree(sarif("broken-vxlan-flows"));
        ObjectNode noVersion = log.deepCopy();
        noVersion.remove("version");
        assertFalse(validate(noVersion.toString()).isEmpty(), "version is required");
        ObjectNode badLevel = log.deepCopy();
        ((ObjectNode) badLevel.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(validate(badLevel.toString()).isEmpty(), "level is an enum");
        ObjectNode lineZero = log.deepCopy();
        ((ObjectNode) lineZero.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startLine", 0);
        assertFalse(validate(lineZero.toString()).isEmpty(), "lines start at 1");
    }

    @Test
    void everyCatalogueRuleIsListedWithDescriptionsAndHelp() throws Exception {
        JsonNode rules = MAPPER.readTree(sarif("healthy-3node")).at("/runs/0/tool/driver/rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(ReportSamples.rules().stream().map(RuleDoc::id).toList(), ids);
        JsonNode ovs005 = rules.get(ids.indexOf("NR-OVS-005"));
        assertEquals("<node> has no VXLAN flows for <peer> (<peerIP>, subnet <peerSubnet>)",
                ovs005.at("/shortDescription/text").asText());
        assertTrue(ovs005.at("/fullDescription/text").asText().contains("tun_src=<peerIP>"),
                ovs005.at("/fullDescription/text").asText());
        assertTrue(ovs005.at("/help/text").asText().contains("ovs-ofctl -O OpenFlow13 dump-flows br0 | grep <peerIP>"));
        assertEquals("error", ovs005.at("/defaultConfiguration/level").asText());
        assertEquals("ovs", ovs005.at("/properties/layer").asText());
    }

    @Test
    void aFindingPointsAtTheFileAndLineOfItsFirstEvidence() throws Exception {
        JsonNode run = MAPPER.readTree(sarif("broken-vxlan-flows")).at("/runs/0");
        JsonNode r = null;
        for (JsonNode result : run.get("results")) {
            if (result.get("ruleId").asText().equals("NR-OVS-005")) {
                r = result;
            }
        }
        assertTrue(r != null, run.get("results").toString());
        assertEquals("NR-OVS-005", run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText());
        assertEquals("error", r.get("level").asText());
        assertEquals("node-3 has no VXLAN flows for node-1 (10.0.0.1, subnet 10.128.0.0/23)",
                r.at("/message/text").asText());
        JsonNode loc = r.at("/locations/0/physicalLocation");
        assertEquals("cluster/hostsubnets.json", loc.at("/artifactLocation/uri").asText());
        assertEquals("CAPTURE", loc.at("/artifactLocation/uriBaseId").asText());
        assertEquals(4, loc.at("/region/startLine").asInt());
        assertEquals("node-3", r.at("/locations/0/logicalLocations/0/name").asText());
        // The flows that are not there: the file, without a line.
        JsonNode related = r.get("relatedLocations");
        assertEquals(3, related.size());
        assertEquals("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0",
                related.at("/0/physicalLocation/artifactLocation/uri").asText());
        assertTrue(related.at("/0/physicalLocation/region").isMissingNode());
        assertTrue(r.at("/properties/remediation").asText().contains("oc get hostsubnet node-1"));
        assertTrue(run.at("/originalUriBaseIds/CAPTURE/uri").asText().startsWith("file:/"));
    }

    @Test
    void pathsBecomeRelativeUris() {
        assertEquals("nodes/node-1/ip_route_get_10.0.0.2", SarifReport.uri("nodes/node-1/ip_route_get_10.0.0.2"));
        assertEquals("logs/my%20ns/p%C3%B6d%3A1.log", SarifReport.uri("logs/my ns/pöd:1.log"));
    }
}
