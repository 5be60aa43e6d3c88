package io.netrules.lab;

import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.ovsdb.Datum;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbReader;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the OVN rule catalogue injected into a fresh OVN lab each: the traffic effect is
 * measured, and the capture (replayed with the project's own OVSDB reader) holds the evidence
 * the rules will need. The rules themselves are not written yet; these tests pin the data.
 */
class OvnLabFaultsIT {
    /** The rule(s) expected to find each fault (checked for the IDs the rule base holds: OvnLabReport). */
    static final java.util.Map<String, List<OvnLabReport.Expected>> EXPECTED = java.util.Map.of(
            "lsp-del", List.of(new OvnLabReport.Expected("NR-OVNPOD-002", "worker-1")),
            "controller-kill", List.of(new OvnLabReport.Expected("NR-OVNCP-001", "worker-1")),
            "encap-ip", List.of(new OvnLabReport.Expected("NR-OVNTUN-002", "worker-1")),
            "vip-no-backend", List.of(new OvnLabReport.Expected("NR-OVNLB-003", "worker-0")));

    /**
     * The ERROR/WARN findings a fault honestly gives besides its expected ones (rule ID and why);
     * the healthy central lab gives none (OvnLabHealthyIT).
     */
    static final java.util.Map<String, java.util.Map<String, String>> CONSEQUENCES = java.util.Map.of(
            "lsp-del", OvnIcLabFaultsIT.CONSEQUENCES.get("lsp-del"));

    /**
     * The capture is read as OVN-Kubernetes 4.13 without a warning, and the fault is found by its
     * rule (the pod and service rules from the must-gather's {@code oc adm inspect ns/demo} root),
     * and nothing else but its named consequences.
     */
    static void diagnosed(Path capture, String fault) throws Exception {
        com.fasterxml.jackson.databind.JsonNode report = OvnLabReport.diagnose(capture);
        OvnLabReport.assertReadAsOvn(report, "4.13.30");
        OvnLabReport.assertExpectedFindings("central " + fault, report, EXPECTED.get(fault),
                CONSEQUENCES.getOrDefault(fault, java.util.Map.of()));
    }

    @BeforeAll
    static void needsTheLab() {
        String reason = OvnLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "OVN lab tests skipped: " + reason);
    }

    /** NR-OVNPOD-002/003: the pod's LSP is gone from the NB; the pod is cut off, others are not. */
    @Test
    void deletedLogicalSwitchPortCutsThePodOff(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        OvnLab lab = OvnLab.up(tmp);
        try (lab) {
            assertTrue(lab.passes("ping", 0, "1"), "before the fault: web-0 -> web-1");
            lab.fault("lsp-del", "1");
            assertFalse(lab.passes("ping", 0, "1"), "web-0 -> web-1 with demo_web-1's LSP deleted");
            assertFalse(lab.passes("vip", 2, "-"), "the ClusterIP's only backend is web-1");
            assertTrue(lab.passes("ping", 0, "2"), "web-0 -> web-2 is untouched");
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "nothing of the lab is left");
        OvsdbDatabase nb = db(capture, "leader_nbdb.gz");
        OvsdbDatabase sb = db(capture, "leader_sbdb.gz");
        assertFalse(named(nb, "Logical_Switch_Port", "name", "demo_web-1").isPresent(), "NB has no LSP demo_web-1");
        assertTrue(named(nb, "Logical_Switch_Port", "name", "demo_web-0").isPresent(), "NB still has demo_web-0");
        assertFalse(named(sb, "Port_Binding", "logical_port", "demo_web-1").isPresent(), "SB has no binding of demo_web-1");
        assertTrue(named(sb, "Port_Binding", "logical_port", "demo_web-0").isPresent());
        String interfaces = Files.readString(capture.resolve(
                "sosreport-worker-1/sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface"));
        assertTrue(interfaces.contains("iface-id=demo_web-1"), "worker-1's OVS still has the pod's interface");
        diagnosed(capture, "lsp-del");
    }

    /**
     * Gotcha 12 of the lab notes: a killed ovn-controller does NOT break traffic (br-int keeps its
     * flows); the evidence is the chassis' nb_cfg falling behind NB_Global's.
     */
    @Test
    void killedOvnControllerLeavesTrafficWorkingButFallsBehind(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        OvnLab lab = OvnLab.up(tmp);
        try (lab) {
            lab.fault("controller-kill", "1");
            assertTrue(lab.passes("ping", 0, "1"), "web-0 -> web-1 still passes with worker-1's ovn-controller dead");
            assertTrue(lab.passes("vip", 2, "-"), "the ClusterIP still reaches web-1");
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "nothing of the lab is left");
        OvsdbDatabase nb = db(capture, "leader_nbdb.gz");
        OvsdbDatabase sb = db(capture, "leader_sbdb.gz");
        long nbCfg = number(nb.rows("NB_Global").iterator().next(), "nb_cfg");
        assertTrue(nbCfg > 0, "nb_cfg was bumped by --wait");
        long worker1 = number(chassisPrivate(sb, "worker-1"), "nb_cfg");
        long worker0 = number(chassisPrivate(sb, "worker-0"), "nb_cfg");
        assertTrue(worker1 < nbCfg, "worker-1's Chassis_Private nb_cfg " + worker1 + " < NB_Global nb_cfg " + nbCfg);
        assertEquals(nbCfg, worker0, "worker-0's live ovn-controller caught up");
        assertTrue(Files.readString(capture.resolve("sosreport-worker-1/var/log/ovn/ovn-controller.log"))
                .contains("terminating with signal 15"), "the log says how it ended");
        diagnosed(capture, "controller-kill");
    }

    /** NR-OVNTUN-002/003: worker-1 announces a tunnel address it does not have; its pod is cut off. */
    @Test
    void wrongEncapIpCutsTheNodeOffTheOverlay(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        OvnLab lab = OvnLab.up(tmp);
        try (lab) {
            assertTrue(lab.passes("ping", 0, "1"), "before the fault");
            lab.fault("encap-ip", "1");
            assertFalse(lab.passes("ping", 0, "1"), "web-0 -> web-1 with worker-1's encap IP wrong");
            assertFalse(lab.passes("ping", 1, "2"), "web-1 -> web-2 with worker-1's encap IP wrong");
            assertTrue(lab.passes("ping", 0, "2"), "web-0 -> web-2 is untouched");
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "nothing of the lab is left");
        OvsdbDatabase sb = db(capture, "leader_sbdb.gz");
        OvsdbRow chassis = sb.rows("Chassis").stream().filter(r -> "worker-1".equals(r.string("hostname")))
                .findFirst().orElseThrow();
        List<String> encapIps = chassis.get("encaps").uuids().stream().map(u -> sb.row("Encap", u).string("ip"))
                .toList();
        assertEquals(List.of("172.18.0.99"), encapIps, "SB Encap of worker-1");
        Path worker1 = capture.resolve("sosreport-worker-1/sos_commands");
        assertTrue(Files.readString(worker1.resolve("openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch"))
                .contains("ovn-encap-ip=\"172.18.0.99\""), "worker-1's OVS names the wrong address");
        String addresses = Files.readString(worker1.resolve("networking/ip_-d_address"));
        assertTrue(addresses.contains("inet 172.18.0.12/24") && !addresses.contains("172.18.0.99"),
                "worker-1 has 172.18.0.12, not 172.18.0.99");
        assertTrue(Files.readString(capture.resolve("sosreport-worker-0/sos_commands/openvswitch/ovs-vsctl_-t_5_show"))
                .contains("remote_ip=\"172.18.0.99\""), "worker-0's tunnel points at the wrong address");
        diagnosed(capture, "encap-ip");
    }

    /** NR-OVNLB-003: the VIP has no backend; with reject=true the connection is refused at once. */
    @Test
    void vipWithoutBackendIsRefusedWhilePodsStillTalk(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        OvnLab lab = OvnLab.up(tmp);
        try (lab) {
            assertTrue(lab.passes("vip", 0, "-"), "before the fault");
            assertFalse(lab.passes("vip-refused", 0, "-"), "a working VIP is not refused");
            lab.fault("vip-no-backend", "-");
            assertFalse(lab.passes("vip", 0, "-"), "web-0 -> ClusterIP without a backend");
            assertTrue(lab.passes("vip-refused", 0, "-"), "refused at once (reject=true), not timed out");
            assertTrue(lab.passes("tcp", 0, "1"), "web-0 -> web-1 directly still works");
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "nothing of the lab is left");
        OvsdbDatabase nb = db(capture, "leader_nbdb.gz");
        OvsdbRow lb = named(nb, "Load_Balancer", "name", "Service_demo/web_TCP_cluster").orElseThrow();
        assertEquals(java.util.Map.of("172.30.0.10:80", ""), lb.map("vips"));
        diagnosed(capture, "vip-no-backend");
    }

    static OvsdbDatabase db(Path capture, String file) throws Exception {
        OvsdbDatabase db = OvsdbReader.read(OvnLabReport.networkLogs(capture).resolve(file), file, null,
                InputLimits.DEFAULTS);
        assertEquals(OvsdbDatabase.Format.CLUSTERED, db.format(), file);
        return db;
    }

    static Optional<OvsdbRow> named(OvsdbDatabase db, String table, String column, String value) {
        return db.rows(table).stream().filter(r -> value.equals(r.string(column))).findFirst();
    }

    static OvsdbRow chassisPrivate(OvsdbDatabase sb, String hostname) {
        OvsdbRow chassis = sb.rows("Chassis").stream().filter(r -> hostname.equals(r.string("hostname"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Chassis with hostname " + hostname));
        return named(sb, "Chassis_Private", "name", chassis.string("name"))
                .orElseThrow(() -> new AssertionError("no Chassis_Private for " + hostname));
    }

    static long number(OvsdbRow row, String column) {
        Datum d = row.get(column);
        return d == null || d.isEmpty() ? 0 : Long.parseLong(Datum.text(d.single()));
    }
}
