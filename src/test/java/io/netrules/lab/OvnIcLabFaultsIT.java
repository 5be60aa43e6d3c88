package io.netrules.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.lab.OvnLabReport.Expected;
import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.ovsdb.DatabaseStore;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the OVN rule catalogue injected into a fresh interconnect-mode lab each
 * (ovn-fault.sh): the traffic that must break is shown working before and broken after, the
 * traffic that must not break still works (or, for the faults that break nothing, everything
 * still works and the data says why), the capture holds the evidence in the database the
 * catalogue names (the zone that must hold it), is read as an OVN-Kubernetes cluster without a
 * warning, and the fault is found by its rule - and nothing else but its named consequences
 * ({@link #CONSEQUENCES}): the expected rule IDs are checked for every ID the rule base holds
 * when the test runs, the others are printed as pending ({@link OvnLabReport#assertExpectedFindings}).
 * The pod and service faults (lsp-del, lb-del, lb-stale, vip-no-backend) are found from the
 * must-gather's {@code oc adm inspect ns/demo} root: their rules run on the inspected namespaces.
 */
class OvnIcLabFaultsIT {
    @BeforeAll
    static void needsTheLab() {
        String reason = OvnLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "OVN lab tests skipped: " + reason);
    }

    /** One traffic check of ovn-check.sh: KIND FROM TO. */
    record Check(String kind, int from, String to) {
        @Override
        public String toString() {
            return kind + " " + from + " " + to;
        }
    }

    /** What the capture must show (the evidence the rule reads). */
    interface Evidence {
        void check(Path capture) throws Exception;
    }

    /**
     * @param breaks  checks that pass before the fault and fail after it
     * @param keeps   checks that still pass after it
     * @param breaksUnseen checks that fail after the fault and are not tried before it (trying
     *                would change the outcome, e.g. teach a router the MAC it must resolve)
     */
    record Scenario(String fault, String arg, List<Check> breaks, List<Check> keeps, List<Expected> expected,
                    Evidence evidence, List<Check> breaksUnseen) {
        Scenario(String fault, String arg, List<Check> breaks, List<Check> keeps, List<Expected> expected,
                 Evidence evidence) {
            this(fault, arg, breaks, keeps, expected, evidence, List.of());
        }

        @Override
        public String toString() {
            return fault + " " + arg;
        }
    }

    static Check c(String kind, int from, String to) {
        return new Check(kind, from, to);
    }

    static Expected e(String id, String node) {
        return new Expected(id, node);
    }

    /**
     * The ERROR/WARN findings a fault honestly gives besides its expected ones (rule ID and why
     * the fault makes it true): "found - nothing else" allows these only. The healthy IC lab
     * gives no ERROR or WARN finding (OvnIcLabHealthyIT), so nothing else is allowed.
     */
    static final java.util.Map<String, java.util.Map<String, String>> CONSEQUENCES = java.util.Map.of(
            "lsp-del", java.util.Map.of("NR-OVNPOD-004", "with its Logical_Switch_Port gone, ovn-controller releases"
                    + " the port and removes external_ids:ovn-installed from the pod's OVS interface: the same pod's"
                    + " interface is then never marked ovn-installed"),
            "gr-del", java.util.Map.of("NR-OVNGW-005", "without GR_worker-1 the node's external switch is no longer"
                    + " local to its chassis, so ovn-controller removes the br-int <-> br-ex patch ports it made for"
                    + " the localnet port"),
            "controller-exit", java.util.Map.of(
                    "NR-OVNCP-001", "the ovn-controller container of worker-1's ovnkube-node pod has exited: not ready",
                    "NR-OVNPOD-003", "its chassis gone from the SB, worker-1's pod ports are bound nowhere: not up",
                    "NR-OVNTUN-003", "an exiting ovn-controller removes its Geneve tunnels to the other chassis"),
            "system-id-dup", java.util.Map.of(
                    "NR-OVNPOD-004", "two ovn-controllers claim one chassis name: worker-1's pod port is never"
                            + " installed (no ovn-installed)",
                    "NR-OVNPOD-005", "the two ovn-controllers with one system-id take the same ports from each other"
                            + " (\"Changing chassis for lport\")",
                    "NR-OVNTUN-003", "worker-1's ovn-controller, taken for worker-0's chassis, has no tunnel to the"
                            + " remote chassis",
                    "NR-OVNGW-005", "worker-1's ovn-controller, not the owner of its gateway's chassis, removes the"
                            + " br-int <-> br-ex patch ports"));

    /**
     * The lab's catalogue faults in interconnect mode, and what each must show. The system
     * property {@code ovnlab.faults} (comma-separated fault names) runs only those.
     */
    static Stream<Scenario> scenarios() {
        String only = System.getProperty("ovnlab.faults", "");
        return allScenarios().filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.fault()));
    }

    static Stream<Scenario> allScenarios() {
        return Stream.of(
                new Scenario("lsp-del", "1", List.of(c("ping", 0, "1"), c("vip", 2, "-")), List.of(c("ping", 0, "2")),
                        List.of(e("NR-OVNPOD-002", "worker-1")), capture -> {
                            OvsdbDatabase nb = zone(capture, "worker-1", true);
                            assertFalse(named(nb, "Logical_Switch_Port", "demo_web-1").isPresent(), "worker-1's NB lacks the LSP");
                            assertTrue(sos(capture, "worker-1", "openvswitch/ovs-vsctl_-t_5_list_interface")
                                    .contains("iface-id=demo_web-1"), "the pod's OVS interface is still there");
                        }),
                // Gotcha 12: the flows stay, so traffic that is already programmed still works; what
                // needs ovn-controller itself breaks: the first egress through GR_worker-1 must
                // resolve the gateway's MAC (pinctrl, a thread of the dead ovn-controller).
                new Scenario("controller-kill", "1", List.of(), List.of(c("ping", 0, "1"), c("vip", 2, "-")),
                        List.of(e("NR-OVNCP-001", "worker-1")), capture -> {
                            assertTrue(ovnkubeNodePod(capture, "worker-1").contains("name: ovn-controller\n    ready: false"),
                                    "the ovn-controller container of worker-1's ovnkube-node pod is not ready");
                            assertTrue(sos(capture, "worker-1", "../var/log/ovn/ovn-controller.log")
                                    .contains("terminating with signal 15"));
                        }, List.of(c("egress", 1, "-"))),
                new Scenario("controller-exit", "1", List.of(c("ping", 0, "1"), c("ping", 2, "1"), c("node-to-pod", 1, "2")),
                        List.of(c("ping", 0, "2")),
                        List.of(e("NR-OVNHOST-002", "worker-1")), capture -> {
                            OvsdbDatabase sb = zone(capture, "worker-1", false);
                            assertTrue(sb.rows("Chassis").stream().noneMatch(r -> "worker-1".equals(r.string("hostname"))),
                                    "worker-1's own SB has no chassis of worker-1");
                        }),
                new Scenario("encap-ip", "1", List.of(), List.of(c("ping", 0, "2")),
                        List.of(e("NR-OVNTUN-002", "worker-1")), capture -> {
                            assertTrue(sos(capture, "worker-1", "openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch")
                                    .contains("ovn-encap-ip=\"172.18.0.99\""));
                            assertFalse(sos(capture, "worker-1", "networking/ip_-d_address").contains("172.18.0.99"));
                        }),
                new Scenario("system-id-dup", "1", List.of(c("ping", 0, "1")), List.of(c("ping", 0, "2")),
                        List.of(e("NR-OVNTUN-001", "worker-1")), capture -> {
                            String id0 = systemId(sos(capture, "worker-0", "openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch"));
                            String id1 = systemId(sos(capture, "worker-1", "openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch"));
                            assertEquals(id0, id1, "worker-1 carries worker-0's system-id");
                        }),
                new Scenario("vip-no-backend", "-", List.of(c("vip", 0, "-"), c("vip", 2, "-")),
                        List.of(c("vip-refused", 0, "-"), c("tcp", 0, "1")),
                        List.of(e("NR-OVNLB-003", "worker-0")), capture -> {
                            for (String z : OvnIcLabHealthyIT.NODES) {
                                OvsdbRow lb = named(zone(capture, z, true), "Load_Balancer", "Service_demo/web_TCP_cluster")
                                        .orElseThrow();
                                assertEquals(java.util.Map.of("172.30.0.10:80", ""), lb.map("vips"), z);
                            }
                        }),
                new Scenario("lb-stale", "0", List.of(c("vip", 0, "-")), List.of(c("vip", 2, "-"), c("tcp", 0, "1")),
                        List.of(e("NR-OVNLB-002", "worker-0")), capture -> assertEquals(
                        java.util.Map.of("172.30.0.10:80", "10.128.2.99:8080"),
                        named(zone(capture, "worker-0", true), "Load_Balancer", "Service_demo/web_TCP_cluster")
                                .orElseThrow().map("vips"))),
                new Scenario("lb-del", "0", List.of(c("vip", 0, "-")), List.of(c("vip", 2, "-"), c("tcp", 0, "1")),
                        List.of(e("NR-OVNLB-001", "worker-0")), capture -> assertFalse(
                        named(zone(capture, "worker-0", true), "Load_Balancer", "Service_demo/web_TCP_cluster").isPresent())),
                new Scenario("gr-del", "1", List.of(c("egress", 1, "-")), List.of(c("egress", 0, "-"), c("ping", 0, "1")),
                        List.of(e("NR-OVNGW-001", "worker-1")), capture -> assertFalse(
                        named(zone(capture, "worker-1", true), "Logical_Router", "GR_worker-1").isPresent())),
                new Scenario("mp0-del", "0", List.of(c("node-to-pod", 0, "2")), List.of(c("node-to-pod", 1, "2"), c("ping", 0, "2")),
                        List.of(e("NR-OVNHOST-003", "worker-0")), capture -> assertFalse(
                        sos(capture, "worker-0", "openvswitch/ovs-vsctl_-t_5_show").contains("ovn-k8s-mp0"))),
                new Scenario("mp0-mtu", "0", List.of(), List.of(c("node-to-pod", 0, "2"), c("ping", 0, "1")),
                        List.of(e("NR-OVNMTU-003", "worker-0")), capture -> assertTrue(
                        sos(capture, "worker-0", "networking/ip_-s_-d_link").matches("(?s).*ovn-k8s-mp0: <[^>]*> mtu 1500 .*"))),
                new Scenario("interconn-off", "0", List.of(c("ping", 0, "1"), c("ping", 2, "0")), List.of(c("ping", 1, "2")),
                        List.of(e("NR-OVNTUN-003", "worker-0")), capture -> {
                            assertFalse(sos(capture, "worker-0", "openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch")
                                    .contains("ovn-is-interconn"));
                            assertFalse(sos(capture, "worker-0", "openvswitch/ovs-vsctl_-t_5_show").contains("type: geneve"),
                                    "worker-0 has no tunnel left");
                        }),
                new Scenario("transit-port-del", "0:1", List.of(c("ping", 0, "1")), List.of(c("ping", 0, "2"), c("ping", 2, "1")),
                        List.of(e("NR-OVNTOPO-004", "worker-0")), capture -> {
                            assertFalse(named(zone(capture, "worker-0", true), "Logical_Switch_Port", "tstor-worker-1").isPresent());
                            assertTrue(named(zone(capture, "worker-2", true), "Logical_Switch_Port", "tstor-worker-1").isPresent());
                        }),
                new Scenario("ic-route-del", "0:1", List.of(c("ping", 0, "1")), List.of(c("ping", 0, "2"), c("ping", 2, "1")),
                        List.of(e("NR-OVNTOPO-004", "worker-0")), capture -> assertTrue(
                        zone(capture, "worker-0", true).rows("Logical_Router_Static_Route").stream()
                                .noneMatch(r -> "10.128.2.0/23".equals(r.string("ip_prefix"))))),
                new Scenario("remote-encap-ip", "0:1", List.of(c("ping", 0, "1")), List.of(c("ping", 0, "2"), c("ping", 2, "1")),
                        List.of(e("NR-OVNTUN-002", "worker-0")), capture -> {
                            OvsdbDatabase sb = zone(capture, "worker-0", false);
                            assertTrue(sb.rows("Encap").stream().anyMatch(r -> "172.18.0.99".equals(r.string("ip"))),
                                    "worker-0's SB: worker-1's remote chassis points at 172.18.0.99");
                        }));
    }

    /** Three scenarios at a time (each its own lab; failsafe's configuration enables it). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Execution(ExecutionMode.CONCURRENT)
    void faultBreaksWhatItShouldAndIsInTheCapture(Scenario s, @TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("case");
        OvnLab lab = OvnLab.up(tmp, OvnLab.Mode.INTERCONNECT);
        try (lab) {
            for (Check ch : s.breaks()) {
                assertTrue(lab.passes(ch.kind(), ch.from(), ch.to()), "before " + s + ": " + ch);
            }
            lab.fault(s.fault(), s.arg());
            for (Check ch : s.breaks()) {
                assertFalse(lab.passes(ch.kind(), ch.from(), ch.to()), "with " + s + ": " + ch + " fails");
            }
            for (Check ch : s.breaksUnseen()) {
                assertFalse(lab.passes(ch.kind(), ch.from(), ch.to()), "with " + s + ": " + ch + " fails");
            }
            for (Check ch : s.keeps()) {
                assertTrue(lab.passes(ch.kind(), ch.from(), ch.to()), "with " + s + ": " + ch + " still passes");
            }
            lab.capture(capture);
        }
        assertEquals(List.of(), lab.leftovers(), "nothing of the lab is left");
        s.evidence().check(capture);
        JsonNode report = OvnLabReport.diagnose(capture);
        OvnLabReport.assertReadAsOvn(report, "4.14.12");
        OvnLabReport.assertExpectedFindings("ic " + s, report, s.expected(),
                CONSEQUENCES.getOrDefault(s.fault(), java.util.Map.of()));
    }

    /** The NB (or SB) of a node's zone from must-gather's ovnk_database_store.tar.gz, by its content. */
    static OvsdbDatabase zone(Path capture, String node, boolean northbound) throws Exception {
        DatabaseStore store = DatabaseStore.read(OvnLabReport.networkLogs(capture).resolve("ovnk_database_store.tar.gz"),
                "ovnk_database_store.tar.gz", InputLimits.DEFAULTS);
        String pod = null;
        for (DatabaseStore.Member m : store.members()) {
            if (m.northbound() && node.equals(m.database().rows("NB_Global").iterator().next().string("name"))) {
                pod = m.pod();
            }
        }
        for (DatabaseStore.Member m : store.members()) {
            if (m.pod().equals(pod) && m.northbound() == northbound) {
                return m.database();
            }
        }
        throw new AssertionError("no " + (northbound ? "NB" : "SB") + " of zone " + node);
    }

    static Optional<OvsdbRow> named(OvsdbDatabase db, String table, String name) {
        String column = table.equals("Port_Binding") ? "logical_port" : "name";
        return db.rows(table).stream().filter(r -> name.equals(r.string(column))).findFirst();
    }

    static String sos(Path capture, String node, String file) throws Exception {
        return Files.readString(capture.resolve("sosreport-" + node).resolve("sos_commands").resolve(file).normalize());
    }

    static String systemId(String listOpenVswitch) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("system-id=\"?([0-9a-f-]+)").matcher(listOpenVswitch);
        assertTrue(m.find(), listOpenVswitch);
        return m.group(1);
    }

    /** The must-gather's ovnkube-node pod YAML of a node. */
    static String ovnkubeNodePod(Path capture, String node) throws Exception {
        try (Stream<Path> pods = Files.find(capture, 7, (p, a) -> p.getFileName().toString().matches("ovnkube-node-[a-z]{5}\\.yaml"))) {
            for (Path p : pods.toList()) {
                String y = Files.readString(p);
                if (y.contains("nodeName: " + node + "\n")) {
                    return y;
                }
            }
        }
        throw new AssertionError("no ovnkube-node pod of " + node);
    }
}
