package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.TestPaths;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import io.netrules.plugins.ovnkubernetes.model.RaftStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input {@code raft-status} of a netrules capture: the leader's {@code cluster/ovn/leader_ovn*_status}
 * (as must-gather names it) and every other member's {@code <pod>_ovn*_status}, as live mode
 * writes them for a legacy cluster; a member counts once.
 */
class RaftStatusReaderTest {
    static final Path LEADER_NB = TestPaths.project()
            .resolve("rules/ovn-kubernetes/cases-base/legacy-3node/cluster/ovn/leader_ovnnb_status");

    private static List<RaftStatus> read(Path root) {
        ClusterRecorder r = new ClusterRecorder();
        r.root = root;
        RaftStatusReader.read(r, r);
        return r.cluster.stream().filter(f -> f instanceof RaftStatus).map(f -> (RaftStatus) f).toList();
    }

    private static String follower(String server) throws Exception {
        return Files.readString(LEADER_NB).replace("713d", server).replace("Role: leader", "Role: follower");
    }

    @Test
    void everyMembersStatusIsReadFromClusterOvn(@TempDir Path tmp) throws Exception {
        Path ovn = Files.createDirectories(tmp.resolve("cluster/ovn"));
        Files.copy(LEADER_NB, ovn.resolve("leader_ovnnb_status"));
        Files.writeString(ovn.resolve("ovnkube-master-5pg76_ovnnb_status"), follower("d608"));
        Files.writeString(ovn.resolve("ovnkube-master-svc2g_ovnnb_status"), follower("a755"));
        Files.writeString(ovn.resolve("ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound"), "{}");
        List<RaftStatus> read = read(tmp);
        assertEquals(List.of("713d leader", "d608 follower", "a755 follower"),
                read.stream().map(s -> s.server() + " " + s.role()).toList());
        assertTrue(read.stream().allMatch(s -> s.db() == OvnDb.NB));
        assertEquals("cluster/ovn/ovnkube-master-5pg76_ovnnb_status", read.get(1).source().file());
    }

    @Test
    void oneMemberInTwoFilesCountsOnce(@TempDir Path tmp) throws Exception {
        // A hand-made capture with the leader's status both under must-gather's name and its pod's:
        // two files, one member (NR-OVNDB-001 counts members against the masters).
        Path ovn = Files.createDirectories(tmp.resolve("cluster/ovn"));
        Files.copy(LEADER_NB, ovn.resolve("leader_ovnnb_status"));
        Files.copy(LEADER_NB, ovn.resolve("ovnkube-master-fgg4t_ovnnb_status"));
        assertEquals(1, read(tmp).size());
    }
}
