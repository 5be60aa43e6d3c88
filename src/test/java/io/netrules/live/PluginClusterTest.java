package io.netrules.live;

import io.netrules.capture.CaptureMetadata.NotCollected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the plugin's once-per-cluster hook leaves of the node pods' "not collected" entries: a file
 * it wrote for a node, or gave its own reason for, loses the node pod's entry; a file it reads
 * elsewhere gets the plugin's reason (or none); everything else stays as it was.
 */
class PluginClusterTest {
    static final String NB = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound";
    static final String NORTHD = "ovn-appctl_-t_ovn-northd_status";

    @Test
    void theHookSaysWhatTheNodePodsCouldNot(@TempDir Path tmp) throws Exception {
        StringWriter err = new StringWriter();
        PluginCluster c = new PluginCluster(null, null, null, tmp, 1, Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30), new PrintWriter(err, true));
        List<NotCollected> nodePods = List.of(
                new NotCollected("master-0", NB, "pod ovnkube-node-a has no nbdb container"),
                new NotCollected("worker-0", NB, "pod ovnkube-node-b has no nbdb container"),
                new NotCollected("master-0", NORTHD, "pod ovnkube-node-a has no northd container"),
                new NotCollected("master-1", NORTHD, "pod ovnkube-node-c has no northd container"),
                new NotCollected("worker-0", NORTHD, "pod ovnkube-node-b has no northd container"),
                new NotCollected("worker-0", "ip_xfrm_state", "exit status 127 (not installed in the ovn-controller image)"
                        + " in container ovn-controller of pod ovnkube-node-b"));
        c.write("nodes/master-0/" + NORTHD, "Status: active\n".getBytes());
        c.notCollected("master-1", NORTHD, "exit status 1 in container northd of pod ovnkube-master-c");
        c.elsewhere(NB, null);
        c.elsewhere(NORTHD, "legacy mode: ovn-northd runs in the ovnkube-master pods (on master-0, master-1), "
                + "not on this node");
        List<String> merged = c.merge(nodePods).stream().map(n -> n.node() + " " + n.what() + ": " + n.why()).toList();
        assertEquals(List.of(
                "worker-0 " + NORTHD + ": legacy mode: ovn-northd runs in the ovnkube-master pods (on master-0, "
                        + "master-1), not on this node",
                "worker-0 ip_xfrm_state: exit status 127 (not installed in the ovn-controller image) in container "
                        + "ovn-controller of pod ovnkube-node-b",
                "master-1 " + NORTHD + ": exit status 1 in container northd of pod ovnkube-master-c"), merged);
        assertEquals("Status: active\n", Files.readString(tmp.resolve("nodes/master-0/" + NORTHD)));
        assertEquals("netrules: node master-1: " + NORTHD + " not collected: exit status 1 in container northd of "
                + "pod ovnkube-master-c\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFileOutsideTheCaptureIsRefused(@TempDir Path tmp) {
        PluginCluster c = new PluginCluster(null, null, null, tmp.resolve("capture"), 1, Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofSeconds(30), new PrintWriter(new StringWriter()));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> c.write("../elsewhere", new byte[0]));
        assertTrue(e.getMessage().contains("outside the capture"), e.getMessage());
    }
}
