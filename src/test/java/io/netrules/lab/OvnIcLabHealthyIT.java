package io.netrules.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.ovsdb.DatabaseStore;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interconnect-mode OVN lab (OCP 4.14+: every node its own zone with standalone NB/SB and
 * northd, joined by the transit switch) carries real traffic across zones, its capture holds
 * each node's own real database files in must-gather's {@code ovnk_database_store.tar.gz} with
 * the cluster objects that agree, netrules reads it as an OVN-Kubernetes cluster without a
 * warning and finds no ERROR, and the lab leaves nothing behind.
 */
class OvnIcLabHealthyIT {
    static final List<String> NODES = List.of("worker-0", "worker-1", "worker-2");

    @BeforeAll
    static void needsTheLab() {
        String reason = OvnLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "OVN lab tests skipped: " + reason);
    }

    @Test
    void trafficCrossesZonesTheCaptureIsTheSupportShapeAndDiagnosesClean(@TempDir Path tmp) throws Exception {
        OvnLab lab = OvnLab.up(tmp, OvnLab.Mode.INTERCONNECT);
        Path capture = tmp.resolve("case");
        try (lab) {
            assertTrue(lab.passes("ping", 0, "1"), "web-0 -> web-1: worker-0's zone -> transit_switch -> worker-1's zone");
            assertTrue(lab.passes("ping", 1, "2"), "web-1 -> web-2 across zones");
            assertTrue(lab.passes("tcp", 2, "0"), "web-2 -> web-0 HTTP :8080 across zones");
            assertTrue(lab.passes("vip", 0, "-"), "web-0 -> ClusterIP: worker-0's own LB sends it to web-1 in another zone");
            assertTrue(lab.passes("vip", 2, "-"), "web-2 -> ClusterIP through worker-2's own copy of the LB");
            assertTrue(lab.passes("egress", 1, "-"), "web-1 -> fabric 172.18.0.1 through GR_worker-1 SNAT");
            assertTrue(lab.passes("node-to-pod", 0, "2"), "worker-0 -> web-2 through ovn-k8s-mp0 and the transit switch");
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "every namespace, process and file of the lab is gone");

        // must-gather's network_logs: one standalone NB and SB per node, named after its ovnkube-node pod
        Path store = OvnLabReport.networkLogs(capture).resolve("ovnk_database_store.tar.gz");
        DatabaseStore dbs = DatabaseStore.read(store, "ovnk_database_store.tar.gz", InputLimits.DEFAULTS);
        assertEquals(List.of(), dbs.warnings());
        assertEquals(6, dbs.members().size(), "an NB and an SB per node");
        Set<String> zones = new TreeSet<>();
        for (DatabaseStore.Member m : dbs.members()) {
            OvsdbDatabase db = m.database();
            assertTrue(m.pod().startsWith("ovnkube-node-"), m.pod());
            assertEquals(OvsdbDatabase.Format.STANDALONE, db.format(), m.pod());
            if (m.northbound()) {
                String zone = db.rows("NB_Global").iterator().next().string("name");
                zones.add(zone);
                assertZoneNb(db, zone);
            } else {
                assertZoneSb(db);
            }
        }
        assertEquals(new TreeSet<>(NODES), zones, "NB_Global.name of each NB is its node");

        String node1 = Files.readString(OvnLabReport.imageFile(capture, "cluster-scoped-resources/core/nodes/worker-1.yaml"));
        assertTrue(node1.contains("k8s.ovn.org/zone-name: \"worker-1\""), node1);
        assertTrue(node1.contains("k8s.ovn.org/node-id: \"3\""), node1);
        assertTrue(node1.contains("100.88.0.3/16"), "transit switch port address of worker-1: " + node1);
        String demoPods = Files.readString(Files.find(capture, 6, (p, a) -> p.endsWith("namespaces/demo/core/pods.yaml"))
                .findFirst().orElseThrow());
        assertTrue(demoPods.contains("k8s.ovn.org/pod-networks") && demoPods.contains("10.128.2.3/23"), demoPods);

        JsonNode report = OvnLabReport.diagnose(capture);
        OvnLabReport.assertReadAsOvn(report, "4.14.12");
        assertEquals(List.of(), OvnLabReport.errors(report), "a healthy lab: no ERROR; findings " + OvnLabReport.findings(report));
        System.out.println("[ovn-lab ic-healthy] findings: " + OvnLabReport.findings(report));
    }

    /** Zone X's NB: its own switch and GR, the transit switch with tstor-X and a remote port per other node. */
    private static void assertZoneNb(OvsdbDatabase nb, String zone) {
        Set<String> switches = new TreeSet<>();
        nb.rows("Logical_Switch").forEach(r -> switches.add(r.string("name")));
        assertEquals(new TreeSet<>(Set.of(zone, "ext_" + zone, "join", "transit_switch")), switches, zone + " switches");
        Set<String> routers = new TreeSet<>();
        nb.rows("Logical_Router").forEach(r -> routers.add(r.string("name")));
        assertEquals(new TreeSet<>(Set.of("ovn_cluster_router", "GR_" + zone)), routers, zone + " routers");
        for (String other : NODES) {
            OvsdbRow port = nb.rows("Logical_Switch_Port").stream().filter(r -> ("tstor-" + other).equals(r.string("name")))
                    .findFirst().orElseThrow(() -> new AssertionError(zone + ": no tstor-" + other));
            int nodeId = NODES.indexOf(other) + 2;
            Map<String, String> options = port.map("options");
            assertEquals(String.valueOf(nodeId), options.get("requested-tnl-key"), zone + " tstor-" + other);
            if (other.equals(zone)) {
                assertEquals("router", port.string("type"));
            } else {
                assertEquals("remote", port.string("type"));
                assertEquals(other, options.get("requested-chassis"));
                assertTrue(nb.rows("Logical_Router_Static_Route").stream().anyMatch(r ->
                        ("100.88.0." + nodeId).equals(r.string("nexthop"))
                                && other.equals(r.map("external_ids").get("ic-node"))), zone + ": route via " + other);
            }
        }
        assertTrue(nb.rows("Load_Balancer").stream().anyMatch(r -> "Service_demo/web_TCP_cluster".equals(r.string("name"))),
                zone + " holds the service's load balancer");
    }

    /** Zone X's SB: its own chassis and one remote chassis (is-remote=true) per other node, the remote ports bound. */
    private static void assertZoneSb(OvsdbDatabase sb) {
        assertEquals(3, sb.rows("Chassis").size());
        long remote = sb.rows("Chassis").stream().filter(r -> "true".equals(r.map("other_config").get("is-remote"))).count();
        assertEquals(2, remote, "two remote chassis");
        for (OvsdbRow pb : sb.rows("Port_Binding")) {
            if ("remote".equals(pb.string("type"))) {
                assertEquals(1, pb.get("chassis").uuids().size(), pb.string("logical_port") + " is bound to its remote chassis");
            }
        }
    }
}
