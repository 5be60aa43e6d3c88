package io.netrules.lab;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The healthy OVN lab carries real traffic over Geneve (pod to pod across nodes, pod to the
 * ClusterIP, pod egress through its gateway router's SNAT, node to a remote pod through
 * ovn-k8s-mp0), its capture holds the real database files, the cluster objects and sosreport
 * outputs, netrules reads it as an OVN-Kubernetes cluster without a warning and finds no
 * ERROR, and it leaves nothing behind.
 */
class OvnLabHealthyIT {
    @BeforeAll
    static void needsTheLab() {
        String reason = OvnLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "OVN lab tests skipped: " + reason);
    }

    @Test
    void trafficFlowsTheCaptureIsRealAndTheLabCleansUp(@TempDir Path tmp) throws Exception {
        OvnLab lab = OvnLab.up(tmp);
        Path capture = tmp.resolve("capture");
        try {
            assertTrue(lab.passes("ping", 0, "1"), "web-0 -> web-1 (worker-0 -> worker-1) ping over Geneve");
            assertTrue(lab.passes("tcp", 2, "0"), "web-2 -> web-0 HTTP :8080 over Geneve");
            assertTrue(lab.passes("vip", 0, "-"), "web-0 -> ClusterIP 172.30.0.10:80 reaches web-1 on another node");
            assertTrue(lab.passes("vip", 1, "-"), "web-1 -> ClusterIP 172.30.0.10:80 reaches itself (hairpin)");
            assertTrue(lab.passes("egress", 2, "-"), "web-2 -> fabric 172.18.0.1 through GR_worker-2 SNAT");
            assertTrue(lab.passes("node-to-pod", 0, "2"), "worker-0 -> web-2 through ovn-k8s-mp0");
            lab.capture(capture);
        } finally {
            lab.close();
        }
        assertEquals(List.of(), lab.leftovers(), "every namespace, process and file of the lab is gone");

        Path logs = OvnLabReport.networkLogs(capture);
        assertTrue(firstLine(logs.resolve("leader_nbdb.gz")).startsWith("OVSDB CLUSTER "), "NB is a clustered OVSDB file");
        assertTrue(firstLine(logs.resolve("leader_sbdb.gz")).startsWith("OVSDB CLUSTER "), "SB is a clustered OVSDB file");
        assertTrue(Files.readString(logs.resolve("leader_ovnnb_status")).contains("Role: leader"));
        for (String node : List.of("worker-0", "worker-1", "worker-2")) {
            Path sos = capture.resolve("sosreport-" + node + "/sos_commands");
            String show = Files.readString(sos.resolve("openvswitch/ovs-vsctl_-t_5_show"));
            assertTrue(show.contains("Bridge br-int") && show.contains("type: geneve"), node + " ovs-vsctl show: " + show);
            assertTrue(Files.readString(sos.resolve("openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch"))
                    .contains("hostname=" + node), node + " list Open_vSwitch names the node");
            String flows = Files.readString(sos.resolve("openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int"));
            assertTrue(flows.lines().count() > 300, node + " br-int holds OVN's flows: " + flows.lines().count());
            assertTrue(Files.readString(sos.resolve("networking/ip_-d_address")).contains("ovn-k8s-mp0"));
            assertTrue(Files.readString(sos.resolve("networking/ip_route_show_table_all")).contains("10.128.0.0/14"));
            assertTrue(Files.readString(sos.resolve("networking/ip_-s_-d_link")).contains("br-ex"));
            assertTrue(Files.readString(sos.resolve("kernel/sysctl_-a")).contains("net.ipv4.ip_forward = 1"));
        }
        assertTrue(Files.readString(OvnLabReport.imageFile(capture, "cluster-scoped-resources/core/nodes/worker-0.yaml"))
                .contains("k8s.ovn.org/node-subnets: \"{\\\"default\\\":[\\\"10.128.0.0/23\\\"]}\""),
                "the Node carries its subnet annotation");

        JsonNode report = OvnLabReport.diagnose(capture);
        OvnLabReport.assertReadAsOvn(report, "4.13.30");
        assertEquals(List.of(), OvnLabReport.errors(report), "a healthy lab: no ERROR; findings " + OvnLabReport.findings(report));
        System.out.println("[ovn-lab central-healthy] findings: " + OvnLabReport.findings(report));
    }

    static String firstLine(Path gz) throws IOException {
        assertTrue(Files.size(gz) > 1000, gz + " is not empty: " + Files.size(gz) + " bytes");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }
}
