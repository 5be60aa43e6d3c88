package io.netrules.report;

import io.netrules.TestPaths;
import io.netrules.engine.RuleDoc;
import io.netrules.report.TrafficPath.Hop;
import io.netrules.report.TrafficPath.Path;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OVN-Kubernetes' traffic path in the HTML report: its hops in order, and where every rule of
 * the OVN catalogue sits, placed by the layer the catalogue gives it (ovn-rule-catalogue.md
 * "Layers"), so a rule lands on its hop whether or not its DRL is in the rule base yet.
 */
class OvnTrafficPathTest {

    private static final Path OVN = TrafficPath.path("ovn-kubernetes");

    @Test
    void thePathRunsFromGeneveThroughTheLogicalTopologyToThePodThenOutThroughTheGatewayRouter() {
        assertEquals(List.of("client", "dns", "router", "route", "service", "endpoints", "node-to-node", "br-int",
                "cluster-router", "node-switch", "switch-port", "pod", "gateway-router", "br-ex"),
                OVN.hops().stream().map(Hop::id).toList());
        // Everything from Geneve on is drawn once per node (each node's lane), the cluster's hops once.
        assertEquals(List.of("node-to-node", "br-int", "cluster-router", "node-switch", "switch-port", "pod",
                "gateway-router", "br-ex"), OVN.hops().stream().filter(Hop::perNode).map(Hop::id).toList());
        assertEquals("Geneve", OVN.hop("node-to-node").label());
        assertEquals("GR / join", OVN.hop("gateway-router").label());
    }

    @Test
    void openshiftSdnsPathIsUnchangedAndEndsAtThePod() {
        Path sdn = TrafficPath.path("openshift-sdn");
        assertEquals(List.of("client", "dns", "router", "route", "service", "endpoints", "node-to-node", "br0",
                "vxlan0", "tun0", "pod"), sdn.hops().stream().map(Hop::id).toList());
    }

    /** The catalogue's layer of each OVN rule ID prefix ("Layers": OVNCP-*, OVNDB-* control-plane, ...). */
    private static final Map<String, String> CATALOGUE_LAYER = Map.of("OVNCP", "control-plane", "OVNDB",
            "control-plane", "OVNTOPO", "logical-topology", "OVNPOD", "pod-network", "OVNLB", "service", "OVNGW",
            "gateway", "OVNHOST", "local-ovn", "OVNTUN", "node-to-node", "OVNMTU", "mtu", "OVNEGR", "egress");

    /** Where a user looks for each rule: the hop that shows the part of the path the rule checks. */
    private static final Map<String, String> EXPECTED_HOP_OF_GROUP = Map.of("OVNCP", "br-int", "OVNDB", "br-int",
            "OVNTOPO", "cluster-router", "OVNPOD", "switch-port", "OVNLB", "service", "OVNGW", "gateway-router",
            "OVNHOST", "br-int", "OVNTUN", "node-to-node", "OVNMTU", "node-to-node", "OVNEGR", "gateway-router");

    /** Rule IDs whose subject is one particular hop rather than their layer's. */
    private static final Map<String, String> EXPECTED_OWN_HOP = Map.of("NR-OVNTOPO-002", "node-switch",
            "NR-OVNTOPO-003", "node-switch", "NR-OVNPOD-001", "pod", "NR-OVNPOD-006", "pod", "NR-OVNMTU-003", "br-int",
            "NR-OVNGW-005", "br-ex", "NR-OVNGW-006", "br-ex");

    @Test
    void everyOvnCatalogueRuleSitsOnTheHopOfWhatItChecks() throws Exception {
        List<String> ids = Files.readAllLines(TestPaths.project().resolve("src/test/resources/ovn-catalogue-ids.txt"))
                .stream().map(String::strip).filter(l -> l.startsWith("NR-")).toList();
        assertEquals(45, ids.size(), "the OVN catalogue has 45 rule IDs");
        for (String id : ids) {
            String group = id.substring(3, id.lastIndexOf('-'));
            String layer = CATALOGUE_LAYER.get(group);
            assertTrue(layer != null, "a layer for " + id);
            String expected = EXPECTED_OWN_HOP.getOrDefault(id, EXPECTED_HOP_OF_GROUP.get(group));
            assertEquals(expected, OVN.hopOf(id, layer).id(), id + " (" + layer + ")");
        }
    }

    @Test
    void theReusedPluginAgnosticRulesKeepTheirHopsOnOvn() {
        // The common layers stay on the cluster's hops; the v1 node-to-node rules on Geneve; the
        // node rules of local-sdn (NR-SVC-004: no endpoint answers from X) on br-int, where their
        // OVN causes (OVS, ovn-controller, management port) are.
        assertEquals("dns", OVN.hopOf("NR-EXT-001", "dns").id());
        assertEquals("dns", OVN.hopOf("NR-EGR-001", "egress-dns").id());
        assertEquals("router", OVN.hopOf("NR-RTR-001", "router").id());
        assertEquals("service", OVN.hopOf("NR-SVC-002", "service").id());
        assertEquals("endpoints", OVN.hopOf("NR-SVC-003", "endpoints").id());
        assertEquals("node-to-node", OVN.hopOf("NR-NODE-004", "node-to-node").id());
        assertEquals("br-int", OVN.hopOf("NR-SVC-004", "local-sdn").id());
    }

    @Test
    void everyBuiltInRuleOfOvnAndOfEveryPluginHasAHopOnTheOvnPath() {
        for (RuleDoc r : ReportSamples.rules()) {
            if (r.appliesTo("ovn-kubernetes")) {
                Hop h = OVN.hopOf(r.id(), r.layer());
                assertTrue(OVN.hops().contains(h), r.id() + " -> " + h);
                // No OVN rule lands on the default hop by accident of an unknown layer.
                assertTrue(CATALOGUE_LAYER.containsValue(r.layer()) || TrafficPath.COMMON_LAYER_HOPS.containsKey(
                        r.layer()) || List.of("node-to-node", "local-sdn").contains(r.layer()), r.id() + " layer " + r.layer());
            }
        }
    }
}
