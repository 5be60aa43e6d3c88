package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.model.ParseWarning;
import io.netrules.model.Source;
import io.netrules.plugin.ClusterFactSink;
import io.netrules.plugin.ClusterObjects;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import io.netrules.plugins.ovnkubernetes.model.RaftStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Input {@code raft-status}: the text of {@code ovn-appctl -t /var/run/ovn/ovn{nb,sb}_db.ctl
 * cluster/status OVN_Northbound|OVN_Southbound} as a must-gather keeps the leader's
 * ({@code network_logs/leader_ovnnb_status}, {@code leader_ovnsb_status}; legacy mode, 4.10+):
 * {@code Name:}, {@code Server ID:}, {@code Status:}, {@code Role:} lines, one RaftStatus per file.
 * A netrules capture keeps them in {@code cluster/ovn/}: the leader's under the same names, and
 * live mode writes every other member's there too, as {@code <ovnkube-master pod>_ovnnb_status}
 * / {@code _ovnsb_status} (NR-OVNDB-001 says "no leader" only with the status of every member).
 * One member (database and server ID) counts once, whichever files hold it.
 */
final class RaftStatusReader {
    static final List<String> FILES = List.of("network_logs/leader_ovnnb_status", "network_logs/leader_ovnsb_status");
    /** The leader's files in a netrules capture. */
    static final List<String> CAPTURE_FILES = List.of("cluster/ovn/leader_ovnnb_status",
            "cluster/ovn/leader_ovnsb_status");
    static final String CAPTURE_FOLDER = "cluster/ovn";
    /** Any member's status file in {@link #CAPTURE_FOLDER}, e.g. {@code ovnkube-master-5pg76_ovnsb_status}. */
    private static final java.util.regex.Pattern MEMBER_FILE = java.util.regex.Pattern.compile(".+_ovn(nb|sb)_status");

    private RaftStatusReader() {
    }

    static void read(ClusterObjects in, ClusterFactSink out) {
        String firstFile = null;
        List<ClusterObjects.TextFile> files = new java.util.ArrayList<>();
        for (String rel : FILES) {
            files.addAll(in.mustGatherFiles(rel));
        }
        for (String rel : CAPTURE_FILES) {
            files.addAll(in.captureFiles(rel));
        }
        for (ClusterObjects.TextFile f : in.captureFolder(CAPTURE_FOLDER)) {
            String name = f.path().getFileName().toString();
            if (MEMBER_FILE.matcher(name).matches() && !name.startsWith("leader_")) {
                files.add(f);
            }
        }
        java.util.Set<String> members = new java.util.HashSet<>();
        for (ClusterObjects.TextFile f : files) {
            RaftStatus s = parse(f, out);
            if (s != null && (s.server() == null || members.add(s.db() + "/" + s.server()))) {
                out.clusterSession(s);
                if (firstFile == null) {
                    firstFile = f.display();
                }
            }
        }
        if (firstFile != null) {
            out.collected(OvnClusterFacts.RAFT_STATUS, firstFile);
        } else {
            out.notCollected(OvnClusterFacts.RAFT_STATUS, "no raft cluster/status (must-gather "
                    + "network_logs/leader_ovn{nb,sb}_status or cluster/ovn/leader_ovn{nb,sb}_status, legacy mode)");
        }
    }

    static RaftStatus parse(ClusterObjects.TextFile f, ClusterFactSink out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f.path());
        } catch (IOException e) {
            out.warning(new ParseWarning(f.display(), 0, "cannot read: " + e.getMessage()));
            return null;
        }
        OvnDb db = null;
        String server = null;
        String role = null;
        String status = null;
        int roleLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Name: ")) {
                String name = l.substring(6).strip();
                db = name.equals("OVN_Northbound") ? OvnDb.NB : name.equals("OVN_Southbound") ? OvnDb.SB : null;
            } else if (l.startsWith("Server ID: ")) {
                server = l.substring(11).strip().split(" ")[0];
            } else if (l.startsWith("Role: ")) {
                role = l.substring(6).strip();
                roleLine = i + 1;
            } else if (l.startsWith("Status: ")) {
                status = l.substring(8).strip();
            }
        }
        if (db == null || role == null) {
            out.warning(new ParseWarning(f.display(), 1, "not the output of cluster/status OVN_Northbound or"
                    + " OVN_Southbound (no Name: or Role: line); ignored"));
            return null;
        }
        return new RaftStatus(db, server, role, status, Source.of(f.display(), roleLine, lines.get(roleLine - 1)));
    }
}
