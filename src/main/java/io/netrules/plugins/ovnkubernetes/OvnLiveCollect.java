package io.netrules.plugins.ovnkubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.plugin.LiveCluster;
import io.netrules.plugin.LiveNodePod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What live mode reads of OVN-Kubernetes once per cluster ({@code liveCollect}), beside the
 * nodes' ovnkube-node pods:
 * <ul>
 * <li><b>Legacy mode</b> (4.10-4.13: {@code ovnkube-master} pods hold the central NB and SB as
 * RAFT clusters, and northd; an interconnect cluster has {@code ovnkube-control-plane} pods and no
 * master): from EACH master, {@code cluster/status} of its nbdb and sbdb ({@code ovn-appctl -t
 * /var/run/ovn/ovn{nb,sb}_db.ctl cluster/status OVN_Northbound|OVN_Southbound}) into
 * {@code cluster/ovn/leader_ovn{nb,sb}_status} (the member that says {@code Role: leader}, as
 * must-gather names it) or {@code cluster/ovn/<pod>_ovn{nb,sb}_status} (the others: NR-OVNDB-001
 * says "no leader" only with every member's status), and its northd's {@code ovn-appctl -t
 * ovn-northd status} into its node's folder (input {@code northd-status}); then each database
 * ONCE, read-only, from one master: {@code ovsdb-client -f json dump} of the leader (a dump reads
 * on a follower too: without a leader, the first master that answered) into {@code cluster/ovn/}
 * under the node file's name (the reader splits the central DB by node). A legacy ovnkube-node
 * pod has no nbdb/sbdb/northd: those node entries are dropped (the central DB is every node's) or
 * say where northd runs.</li>
 * <li><b>Container logs</b> of each ovnkube-node pod: {@code ovn-controller} and
 * {@code ovnkube-controller} (legacy: {@code ovnkube-node}), the current container's and, when it
 * restarted, the previous one's, the last {@value #LOG_TAIL_LINES} lines each with the runtime's
 * timestamps, into {@code logs/openshift-ovn-kubernetes/<pod>/<container>[.previous].log}.</li>
 * </ul>
 * Mode: masters present is legacy; none, and the nodes' {@code k8s.ovn.org/zone-name} say
 * legacy (or cannot be listed): the central files are "not collected" with the reason.
 */
final class OvnLiveCollect {
    static final String MASTER_LABEL = "ovnkube-master";
    static final String NODE_LABEL = "ovnkube-node";
    static final String FOLDER = "cluster/ovn/";

    /**
     * The newest lines kept of each container log. The rules read recent events (a chassis
     * claimed back and forth within a minute, reconnects) and the MTU refusal that ends a
     * crashed ovnkube-controller's previous log: the tail has them. 100 000 lines are hours of a
     * busy node's ovn-controller (about 150-250 bytes a line: some 20 MiB), within the reader's
     * 512 MiB file limit and without holding a whole day's log of every node. must-gather takes
     * the whole current and previous log; a byte limit ({@code limitBytes}) would keep the
     * oldest lines, not the newest.
     */
    static final int LOG_TAIL_LINES = 100_000;

    /** The ovnkube-node containers whose logs the rules read (ovnkube-node: ovnkube-controller's older name). */
    static final List<String> LOG_CONTAINERS = List.of("ovn-controller", "ovnkube-controller", "ovnkube-node");

    private static final Pattern LEADER = Pattern.compile("(?m)^Role: leader\\s*$");

    /** One central database: its container, control socket, name and dump command. */
    private record Db(String shortName, String container, String ctl, String name, String dumpInput) {
        String statusFile(String member) {
            return FOLDER + member + "_ovn" + shortName + "_status";
        }

        String dumpFile() {
            return OvnKubernetesPlugin.source(dumpInput).fileName();
        }
    }

    private static final List<Db> DBS = List.of(
            new Db("nb", "nbdb", "/var/run/ovn/ovnnb_db.ctl", "OVN_Northbound", OvnKubernetesPlugin.OVN_NB),
            new Db("sb", "sbdb", "/var/run/ovn/ovnsb_db.ctl", "OVN_Southbound", OvnKubernetesPlugin.OVN_SB));

    private OvnLiveCollect() {
    }

    static void collect(LiveCluster c) {
        legacy(c);
        logs(c);
    }

    private static void legacy(LiveCluster c) {
        List<LiveCluster.Pod> masters;
        try {
            masters = c.pods(OvnKubernetesPlugin.NAMESPACE, "app", MASTER_LABEL);
        } catch (LiveCluster.Unavailable e) {
            if (!Boolean.FALSE.equals(legacyByNodes(c.captureDir()))) {
                centralNotCollected(c, e.getMessage());
            }
            return;
        }
        if (masters.isEmpty()) {
            if (Boolean.TRUE.equals(legacyByNodes(c.captureDir()))) {
                centralNotCollected(c, "legacy mode (no node in its own zone), but no running " + MASTER_LABEL
                        + " pod in " + OvnKubernetesPlugin.NAMESPACE);
            }
            return;
        }
        for (Db db : DBS) {
            central(c, masters, db);
            // Every node's NB/SB is the central one, split by node: not a node file in this mode.
            c.elsewhere(db.dumpFile(), null);
        }
        String northdFile = OvnKubernetesPlugin.source(OvnKubernetesPlugin.NORTHD_STATUS).fileName();
        List<LiveNodePod.Command> northd = List.of(LiveNodePod.of(OvnKubernetesPlugin.source(
                OvnKubernetesPlugin.NORTHD_STATUS)));
        List<String> masterNodes = new ArrayList<>();
        for (LiveCluster.Pod m : masters) {
            masterNodes.add(m.node());
            LiveCluster.Result r = c.run(OvnKubernetesPlugin.NAMESPACE, m, "northd", northd);
            String why = why(r, northdFile);
            if (why != null) {
                c.notCollected(m.node(), northdFile, why);
            } else {
                write(c, "nodes/" + m.node() + "/" + northdFile, r.output().get(northdFile), m.node());
            }
        }
        c.elsewhere(northdFile, "legacy mode: ovn-northd runs in the " + MASTER_LABEL + " pods (on "
                + String.join(", ", masterNodes) + "), not on this node");
    }

    /** One database: every member's RAFT status, then one dump, from the leader when one says so. */
    private static void central(LiveCluster c, List<LiveCluster.Pod> masters, Db db) {
        List<LiveNodePod.Command> status = List.of(new LiveNodePod.Command("cluster-status",
                List.of("ovn-appctl", "-t", db.ctl(), "cluster/status", db.name())));
        LiveCluster.Pod leader = null;
        LiveCluster.Pod answered = null;
        for (LiveCluster.Pod m : masters) {
            LiveCluster.Result r = c.run(OvnKubernetesPlugin.NAMESPACE, m, db.container(), status);
            String why = why(r, "cluster-status");
            if (why != null) {
                c.notCollected(null, db.statusFile(m.name()), why);
                continue;
            }
            byte[] text = r.output().get("cluster-status");
            boolean isLeader = LEADER.matcher(new String(text, StandardCharsets.UTF_8)).find();
            // must-gather's name for the leader's status; every other member under its pod's name.
            String file = isLeader && leader == null ? db.statusFile("leader") : db.statusFile(m.name());
            if (write(c, file, text, null)) {
                if (isLeader && leader == null) {
                    leader = m;
                }
                if (answered == null) {
                    answered = m;
                }
            }
        }
        LiveCluster.Pod from = leader != null ? leader : answered != null ? answered
                : masters.stream().filter(m -> m.containers().contains(db.container())).findFirst().orElse(masters.get(0));
        String role = leader != null ? "the RAFT leader" : answered != null ? "no member said it is the RAFT leader"
                : "no member's cluster/status was read";
        String dumpFile = db.dumpFile();
        LiveCluster.Result r = c.run(OvnKubernetesPlugin.NAMESPACE, from, db.container(),
                List.of(LiveNodePod.of(OvnKubernetesPlugin.source(db.dumpInput()))));
        String why = why(r, dumpFile);
        if (why != null) {
            c.notCollected(null, FOLDER + dumpFile, why + " (" + from.name() + ": " + role + ")");
        } else {
            write(c, FOLDER + dumpFile, r.output().get(dumpFile), null);
        }
    }

    /** Why a run gave no output for this file, or null. */
    private static String why(LiveCluster.Result r, String file) {
        if (r.failure() != null) {
            return r.failure();
        }
        if (r.failed().containsKey(file)) {
            return r.failed().get(file);
        }
        return r.output().containsKey(file) ? null : "no output";
    }

    private static boolean write(LiveCluster c, String file, byte[] content, String node) {
        try {
            c.write(file, content);
            return true;
        } catch (IOException e) {
            c.notCollected(node, node == null ? file : file.substring(file.lastIndexOf('/') + 1),
                    "cannot write: " + e.getMessage());
            return false;
        }
    }

    /** The central files of legacy mode, not collected for this reason. */
    private static void centralNotCollected(LiveCluster c, String why) {
        for (Db db : DBS) {
            c.notCollected(null, FOLDER + db.dumpFile(), why);
            c.notCollected(null, db.statusFile("leader"), why);
        }
    }

    /**
     * The plugin's mode test on the listed nodes (OvnClusterFacts "deployment mode"): true when
     * no OVN node is in its own zone ({@code k8s.ovn.org/zone-name}), false when every one is,
     * null when it cannot be told (no nodes listed, no OVN node, or both kinds: a migration).
     */
    static Boolean legacyByNodes(Path dir) {
        Path nodes = dir.resolve("cluster/nodes.json");
        if (!Files.isRegularFile(nodes)) {
            return null;
        }
        int ovn = 0;
        int own = 0;
        try {
            for (JsonNode n : new ObjectMapper().readTree(nodes.toFile()).path("items")) {
                JsonNode ann = n.at("/metadata/annotations");
                if (!ann.has("k8s.ovn.org/node-subnets") && !ann.has("k8s.ovn.org/node-chassis-id")
                        && !ann.has("k8s.ovn.org/zone-name")) {
                    continue;
                }
                ovn++;
                if (n.at("/metadata/name").asText("").equals(ann.path("k8s.ovn.org/zone-name").asText(null))) {
                    own++;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return ovn == 0 ? null : own == 0 ? Boolean.TRUE : own == ovn ? Boolean.FALSE : null;
    }

    /** The ovnkube-node pods' container logs the rules read, current and, after a restart, previous. */
    private static void logs(LiveCluster c) {
        List<LiveCluster.Pod> pods;
        try {
            pods = c.pods(OvnKubernetesPlugin.NAMESPACE, "app", NODE_LABEL);
        } catch (LiveCluster.Unavailable e) {
            c.notCollected(null, "logs/" + OvnKubernetesPlugin.NAMESPACE + "/", e.getMessage());
            return;
        }
        List<LiveCluster.LogRequest> requests = new ArrayList<>();
        for (LiveCluster.Pod p : pods) {
            for (String container : LOG_CONTAINERS) {
                if (!p.containers().contains(container)) {
                    continue;
                }
                String dir = "logs/" + OvnKubernetesPlugin.NAMESPACE + "/" + p.name() + "/";
                if (p.restarts().getOrDefault(container, 0) > 0) {
                    requests.add(new LiveCluster.LogRequest(OvnKubernetesPlugin.NAMESPACE, p, container, true,
                            dir + container + ".previous.log"));
                }
                requests.add(new LiveCluster.LogRequest(OvnKubernetesPlugin.NAMESPACE, p, container, false,
                        dir + container + ".log"));
            }
        }
        for (LiveCluster.Log l : c.logs(requests, LOG_TAIL_LINES)) {
            if (l.failure() != null) {
                c.notCollected(l.request().pod().node(), l.request().file(), (l.request().previous() ? "previous " : "")
                        + "log of container " + l.request().container() + " of pod " + l.request().pod().name() + ": "
                        + l.failure());
            }
        }
    }
}
