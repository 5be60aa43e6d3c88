package io.netrules.lab;

import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.Rules;
import io.netrules.model.Severity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node-local fault of the catalogue, for real: inject it on node 1 of a fresh lab, show
 * that the traffic it should break does break, run the real collector in each node namespace,
 * diagnose, and check that the expected rule fires on node 1. The healthy lab gives no ERROR.
 */
class LabFaultsIT {
    /**
     * A fault, the traffic check it breaks (kind, from node 1 to TO), and the rule that must fire
     * on node 1 (with its subject when the rule names one).
     */
    record Fault(String name, String arg, String kind, String to, String id) {
        @Override
        public String toString() {
            return name + (arg == null ? "" : " " + arg) + " -> " + id;
        }
    }

    static Stream<Fault> faults() {
        return Stream.of(
                new Fault("ip-forward-off", null, "egress", "-", "NR-LOCAL-001"),
                new Fault("cluster-route-deleted", null, "node-to-pod", "2", "NR-LOCAL-002"),
                new Fault("overlapping-route", null, "node-to-pod", "1", "NR-LOCAL-004"),
                new Fault("br0-deleted", null, "tcp", "2", "NR-OVS-001"),
                new Fault("ovs-stopped", null, "tcp", "2", "NR-OVS-001"),
                new Fault("vxlan0-deleted", null, "tcp", "2", "NR-OVS-002"),
                new Fault("tun0-deleted", null, "egress", "-", "NR-OVS-003"),
                new Fault("tun-src-flow-deleted", "2", "tcp", "2", "NR-OVS-005"),
                new Fault("tun-dst-flow-deleted", "2", "tcp", "2", "NR-OVS-005"),
                new Fault("pod-flows-deleted", null, "tcp", "2", "NR-OVS-006"),
                new Fault("pod-veth-removed", null, "tcp", "2", "NR-OVS-004"),
                new Fault("forward-reject", null, "egress", "-", "NR-IPT-001"),
                new Fault("mtu-too-big", null, "large", "2", "NR-MTU-001"),
                new Fault("link-down", null, "tcp", "2", "NR-NODE-005"));
    }

    @BeforeAll
    static void needsTheLab() {
        String reason = Lab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "lab tests skipped: " + reason);
    }

    static Diagnosis diagnose(Path capture) throws Exception {
        return new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(capture), capture.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultIsDetectedOnTheRightNode(Fault fault, @TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.up(tmp)) {
            assertTrue(lab.passes(fault.kind(), 1, fault.to()), "before the fault, " + fault.kind() + " passes");
            if (fault.arg() == null) {
                lab.fault(fault.name(), 1);
            } else {
                lab.fault(fault.name(), 1, fault.arg());
            }
            assertFalse(lab.passes(fault.kind(), 1, fault.to()),
                    "after " + fault.name() + ", " + fault.kind() + " 1 -> " + fault.to() + " must fail");
            Path capture = tmp.resolve("capture");
            lab.collect(capture);
            Diagnosis d = diagnose(capture);
            List<String> keys = d.findings().stream().map(ReportFinding::key).toList();
            assertTrue(d.findings().stream().anyMatch(f -> f.id().equals(fault.id()) && lab.node(1).equals(f.node())),
                    fault.id() + " must fire on " + lab.node(1) + "; found " + keys);
            assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR
                            && f.node() != null && !f.node().equals(lab.node(1)) && f.id().startsWith("NR-LOCAL")),
                    "no local-SDN error on the healthy nodes: " + keys);
        }
    }

    @Test
    void healthyLabHasNoErrorAndCollectingChangesNothing(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.up(tmp)) {
            List<String> before = state(lab);
            long millis = lab.collect(tmp.resolve("capture"));
            assertEquals(before, state(lab), "collection changed node state (routes, flows, sysctl, iptables)");
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("lab-collect-time.txt"),
                    "collecting from all 3 lab nodes in parallel: " + millis + " ms\n");
            Diagnosis d = diagnose(tmp.resolve("capture"));
            String errors = d.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                    .map(ReportFinding::key).collect(Collectors.joining(", "));
            assertEquals("", errors, "the healthy lab gives no ERROR");
            assertTrue(d.notEvaluated().stream().noneMatch(n -> n.id().equals("NR-OVS-005")),
                    "flows were collected on every node: " + d.notEvaluated());
        }
    }

    /** What collection must not change on any node: routes, flows, sysctl and iptables. */
    static List<String> state(Lab lab) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            for (List<String> cmd : List.of(List.of("ip", "route", "show", "table", "all"),
                    List.of("ovs-ofctl", "-O", "OpenFlow13", "--no-stats", "dump-flows", "br0"),
                    List.of("sysctl", "net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter"),
                    List.of("iptables-save"))) {
                Lab.Result r = lab.exec(i, cmd, 30);
                // iptables-save stamps its run time in comments, and chain counters count the
                // collector's own probe packets: neither is configuration.
                out.add(i + " " + cmd + "\n" + r.out().lines().filter(l -> !l.startsWith("#"))
                        .map(l -> l.replaceAll("\\[\\d+:\\d+]$", "[counters]"))
                        .collect(Collectors.joining("\n")));
            }
        }
        return out;
    }
}
