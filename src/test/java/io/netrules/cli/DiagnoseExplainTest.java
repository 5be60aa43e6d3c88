package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --explain adds why each finding fired and why each rule was not evaluated; without it the JSON is the spec's. */
class DiagnoseExplainTest {

    @Test
    void explainShowsRulesFactsAndReasons() throws Exception {
        Cli r = Cli.run("diagnose", "--capture", "facts-samples/healthy-3node-sosreport", "--format", "json",
                "--explain");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (JsonNode n : json.get("notEvaluated")) {
            assertTrue(n.hasNonNull("reason"), n.toString());
        }
        Cli broken = Cli.run("diagnose", "--capture", "facts-samples/broken-vxlan-flows", "--format", "json",
                "--explain");
        JsonNode f = new ObjectMapper().readTree(broken.out()).get("findings").get(0);
        assertTrue(f.get("firedBy").get(0).asText().startsWith("rules/openshift-sdn/local/NR-OVS-005.drl:"), f.toString());
        assertEquals("10.0.0.1", f.get("params").get("peerIP").asText());
        assertEquals("HostSubnet", f.get("evidence").get(0).get("fact").asText());
        assertEquals("absent", f.get("evidence").get(1).get("fact").asText());
    }

    @Test
    void withoutExplainTheJsonHasOnlyTheSpecKeys() throws Exception {
        Cli r = Cli.run("diagnose", "--capture", "facts-samples/broken-vxlan-flows", "--format", "json");
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertFalse(f.has("firedBy") || f.has("params"), f.toString());
        assertFalse(f.get("evidence").get(0).has("fact"));
    }

    @Test
    void explainTextShowsFiredByAndFactKinds() {
        Cli r = Cli.run("diagnose", "--capture", "facts-samples/broken-ip-forward", "--explain");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("fired by:\n    rules/openshift-sdn/local/NR-LOCAL-001.drl:"), r.out());
        assertTrue(r.out().contains("[Sysctl] net.ipv4.ip_forward = 0"), r.out());
    }
}
