package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.TestPaths;
import io.netrules.deploy.DeployManifests;
import io.netrules.plugin.LiveNodePod;
import io.netrules.plugins.ovnkubernetes.OvnKubernetesPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.netrules.live.LiveClusterTest.live;
import static io.netrules.live.LiveClusterTest.run;
import static io.netrules.live.LiveClusterTest.withoutClusterLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --cluster --exec-collect} on a legacy-mode OVN-Kubernetes cluster (4.10-4.13:
 * three {@code ovnkube-master} pods hold the central NB and SB as RAFT clusters, and northd): the
 * mock server holds the objects of the healthy case base {@code rules/ovn-kubernetes/cases-base/
 * legacy-3node}; each node's ovnkube-node pod answers in its ovn-controller container with the
 * base's node files; each master answers {@code cluster/status} in nbdb and sbdb (the base's
 * leader file for the leader, a follower's status for the others) and {@code ovn-northd status};
 * the leader answers the dumps with the base's central databases; the pods/log subresource
 * answers the ovnkube-node containers' logs.
 */
class OvnLegacyLiveMockTest {
    static final Path BASE = TestPaths.project().resolve("rules/ovn-kubernetes/cases-base/legacy-3node");
    static final String NS = "openshift-ovn-kubernetes";
    /** The node pods (their ovn-controller container answers) by node. */
    static final Map<String, String> NODE_PODS = Map.of("worker-0", "ovnkube-node-dmkr2", "worker-1",
            "ovnkube-node-m5ft2", "worker-2", "ovnkube-node-kjbnx");
    /** The masters, the node each runs on, and their RAFT server IDs (NB, SB) as the base's leader files name them. */
    static final List<String[]> MASTERS = List.of(
            new String[]{"ovnkube-master-fgg4t", "worker-0", "713d", "3787", "192.168.126.51"},
            new String[]{"ovnkube-master-5pg76", "worker-1", "d608", "d142", "192.168.126.52"},
            new String[]{"ovnkube-master-svc2g", "worker-2", "a755", "12da", "192.168.126.53"});
    static final String NB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound";
    static final String SB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnsb_db.sock_OVN_Southbound";
    static final String NORTHD_FILE = "ovn-appctl_-t_ovn-northd_status";
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** The base as the API server serves it, with Endpoints beside the slices, and worker-1's ovn-controller restarted once. */
    static Path cluster(Path tmp) throws Exception {
        Path copy = OvnPodExecMockTest.cluster(tmp, BASE);
        Path pods = copy.resolve("cluster/pods.json");
        JsonNode list = LiveClusterTest.MAPPER.readTree(pods.toFile());
        for (JsonNode p : list.path("items")) {
            if (p.at("/metadata/name").asText().equals(NODE_PODS.get("worker-1"))) {
                for (JsonNode s : p.at("/status/containerStatuses")) {
                    if (s.path("name").asText().equals("ovn-controller")) {
                        ((ObjectNode) s).put("restartCount", 1);
                    }
                }
            }
        }
        LiveClusterTest.MAPPER.writeValue(pods.toFile(), list);
        return copy;
    }

    static List<LiveNodePod.Command> status(String db) {
        String ctl = db.equals("nb") ? "/var/run/ovn/ovnnb_db.ctl" : "/var/run/ovn/ovnsb_db.ctl";
        return List.of(new LiveNodePod.Command("cluster-status", List.of("ovn-appctl", "-t", ctl, "cluster/status",
                db.equals("nb") ? "OVN_Northbound" : "OVN_Southbound")));
    }

    static List<LiveNodePod.Command> dump(String db) {
        return List.of(new LiveNodePod.Command(db.equals("nb") ? NB_FILE : SB_FILE, List.of(("ovsdb-client -f json dump "
                + (db.equals("nb") ? "unix:/var/run/ovn/ovnnb_db.sock OVN_Northbound"
                : "unix:/var/run/ovn/ovnsb_db.sock OVN_Southbound")).split(" "))));
    }

    static final List<LiveNodePod.Command> NORTHD = List.of(new LiveNodePod.Command(NORTHD_FILE,
            List.of("ovn-appctl", "-t", "ovn-northd", "status")));

    /** A follower's (or any member's) cluster/status in the shape of the base's leader file. */
    static String member(String db, String server, String leader, String address, String role, String status) {
        boolean nb = db.equals("nb");
        return server + "\nName: " + (nb ? "OVN_Northbound" : "OVN_Southbound") + "\n"
                + "Cluster ID: " + (nb ? "3946 (3946d242-a740-53f4-87fe-263c4de69d3b)" : "83af (83af6e7d-2068-5633-8540-fcb07c110485)") + "\n"
                + "Server ID: " + server + " (" + server + "04cc-b669-5d8e-924a-82601df5c6f1)\n"
                + "Address: ssl:" + address + ":" + (nb ? "9643" : "9644") + "\n"
                + "Status: " + status + "\nRole: " + role + "\nTerm: 7\nLeader: " + leader + "\nVote: " + leader + "\n\n"
                + "Election timer: " + (nb ? "10000" : "16000") + "\nLog: [43012, 43891]\n"
                + "Entries not yet committed: 0\nEntries not yet applied: 0\n";
    }

    /** The exec of these commands in a container answers with these files (and exit status 0). */
    static void answer(MockCluster mock, Path tmp, String pod, String node, String container,
                       List<LiveNodePod.Command> commands, Map<String, String> files) throws Exception {
        Path out = Files.createTempDirectory(tmp, "exec");
        Path folder = Files.createDirectories(out.resolve("nodes/" + node));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        mock.expect().get().withPath(OvnPodExecMockTest.execPath(pod, container,
                        ExecCollector.command(node, commands, COMMAND_TIMEOUT)))
                .andUpgradeToWebSocket().open(ExecReply.frame(1, TarReaderTest.tar(out)), ExecReply.status(0))
                .done().always();
    }

    /** The exec fails: stderr, exit status 1. */
    static void fail(MockCluster mock, String pod, String node, String container, List<LiveNodePod.Command> commands,
                     String stderr) {
        mock.expect().get().withPath(OvnPodExecMockTest.execPath(pod, container,
                        ExecCollector.command(node, commands, COMMAND_TIMEOUT)))
                .andUpgradeToWebSocket().open(ExecReply.frame(2, stderr.getBytes(StandardCharsets.UTF_8)),
                        ExecReply.status(1)).done().always();
    }

    static String logPath(String pod, String container, boolean previous) {
        return "/api/v1/namespaces/" + NS + "/pods/" + pod + "/log?pretty=false&container="
                + URLEncoder.encode(container, StandardCharsets.UTF_8) + (previous ? "&previous=true" : "")
                + "&tailLines=100000&timestamps=true";
    }

    /** Each node pod's ovn-controller answers with the base's files; its containers' logs answer. */
    static void answerNodes(MockCluster mock, Path tmp) throws Exception {
        LiveNodePod pod = new OvnKubernetesPlugin().liveNodePod();
        LiveNodePod.Run controller = pod.runs().stream().filter(r -> r.container().equals("ovn-controller"))
                .findFirst().orElseThrow();
        for (Map.Entry<String, String> e : NODE_PODS.entrySet()) {
            String node = e.getKey();
            Path out = OvnPodExecMockTest.podOutput(BASE, node, controller, Files.createTempDirectory(tmp, "node"));
            mock.expect().get().withPath(OvnPodExecMockTest.execPath(e.getValue(), "ovn-controller",
                            ExecCollector.command(node, controller.commands(), COMMAND_TIMEOUT)))
                    .andUpgradeToWebSocket().open(ExecReply.frame(1, TarReaderTest.tar(out)), ExecReply.status(0))
                    .done().always();
            mock.expect().get().withPath(logPath(e.getValue(), "ovn-controller", false)).andReturn(200,
                    "2026-12-07T11:59:58.000000000Z 2026-12-07T11:59:58.000Z|00271|reconnect|INFO|"
                            + "ssl:192.168.126.51:9642: connected\n").always();
            mock.expect().get().withPath(logPath(e.getValue(), "ovnkube-node", false)).andReturn(200,
                    "2026-12-07T11:59:58.000000000Z I1207 11:59:58.000000    4567 ovnkube.go:137] Starting ovnkube\n")
                    .always();
        }
        mock.expect().get().withPath(logPath(NODE_PODS.get("worker-1"), "ovn-controller", true)).andReturn(200,
                "2026-12-07T10:00:00.000000000Z 2026-12-07T10:00:00.000Z|00001|reconnect|INFO|"
                        + "ssl:192.168.126.51:9642: connection dropped (Connection reset by peer)\n").always();
    }

    /** Every master answers status and northd; {@code statuses}: db/pod → its cluster/status text, null: the exec fails. */
    static void answerMasters(MockCluster mock, Path tmp, Map<String, String> statuses) throws Exception {
        for (String[] m : MASTERS) {
            for (String db : List.of("nb", "sb")) {
                String text = statuses.get(db + "/" + m[0]);
                String container = db + "db";
                if (text == null) {
                    fail(mock, m[0], m[1], container, status(db), "ovn-appctl: cannot connect to \"/var/run/ovn/ovn"
                            + db + "_db.ctl\" (No such file or directory)\n");
                } else {
                    answer(mock, tmp, m[0], m[1], container, status(db), Map.of("cluster-status", text));
                }
                // A dump from any master answers with the base's central database.
                answer(mock, tmp, m[0], m[1], container, dump(db), Map.of(db.equals("nb") ? NB_FILE : SB_FILE,
                        Files.readString(BASE.resolve("cluster/ovn/" + (db.equals("nb") ? NB_FILE : SB_FILE)))));
            }
            answer(mock, tmp, m[0], m[1], "northd", NORTHD, Map.of(NORTHD_FILE,
                    "Status: " + (m[0].equals(MASTERS.get(0)[0]) ? "active" : "standby") + "\n"));
        }
    }

    /** The healthy base's RAFT: the first master leads both databases (the base's leader files), the others follow. */
    static Map<String, String> healthy() throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("nb/" + MASTERS.get(0)[0], Files.readString(BASE.resolve("cluster/ovn/leader_ovnnb_status")));
        s.put("sb/" + MASTERS.get(0)[0], Files.readString(BASE.resolve("cluster/ovn/leader_ovnsb_status")));
        for (String[] m : MASTERS.subList(1, 3)) {
            s.put("nb/" + m[0], member("nb", m[2], "713d", m[4], "follower", "cluster member"));
            s.put("sb/" + m[0], member("sb", m[3], "3787", m[4], "follower", "cluster member"));
        }
        return s;
    }

    /** The exec requests whose script runs this command (its words as the script quotes them). */
    static List<String> execs(List<String> requests, String what) {
        String quoted = "'" + String.join("' '", what.split(" ")) + "'";
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            if (r.contains("/exec?") && java.net.URLDecoder.decode(r, StandardCharsets.UTF_8).contains(quoted)) {
                out.add(r);
            }
        }
        return out;
    }

    static List<String> notCollected(Path saved) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : LiveClusterTest.MAPPER.readTree(saved.resolve("capture.json").toFile()).path("notCollected")) {
            out.add((n.hasNonNull("node") ? n.path("node").asText() + ": " : "") + n.path("what").asText() + ": "
                    + n.path("why").asText());
        }
        return out;
    }

    @Test
    void legacyClusterIsReadFromItsMastersOnceAndDiagnosedAsTheSavedCapture(@TempDir Path tmp) throws Exception {
        Path base = cluster(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(base)) {
            answerNodes(mock, tmp);
            answerMasters(mock, tmp, healthy());
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s");
            List<String> requests = mock.requests();
            JsonNode report = live.json();
            assertEquals("ovn-kubernetes", report.at("/summary/plugin").asText(), live.out());
            assertEquals("OpenShift 4.13.50", report.at("/summary/platform").asText(), "ClusterVersion listed live");
            assertEquals(0, report.at("/summary/errors").asInt(), live.out());
            for (JsonNode f : report.path("findings")) {
                assertFalse(f.path("severity").asText().equalsIgnoreCase("ERROR"), "healthy base: " + f);
            }
            assertEquals("", live.err(), "nothing failed");
            LiveClusterTest.Run capture = run("diagnose", "--capture", saved.toString(), "--format", "json");
            assertEquals(withoutClusterLines(capture.json()), withoutClusterLines(report));

            // The central databases once, from the leader, as the reader expects them in cluster/ovn/.
            assertEquals(Files.readString(BASE.resolve("cluster/ovn/" + NB_FILE)),
                    Files.readString(saved.resolve("cluster/ovn/" + NB_FILE)));
            assertEquals(Files.readString(BASE.resolve("cluster/ovn/" + SB_FILE)),
                    Files.readString(saved.resolve("cluster/ovn/" + SB_FILE)));
            List<String> dumps = execs(requests, "ovsdb-client -f json dump");
            assertEquals(2, dumps.size(), dumps.toString());
            dumps.forEach(d -> assertTrue(d.contains("/pods/ovnkube-master-fgg4t/exec"), "from the leader: " + d));
            // Every member's RAFT status: the leader's under must-gather's name, the others by pod.
            assertEquals(Files.readString(BASE.resolve("cluster/ovn/leader_ovnnb_status")),
                    Files.readString(saved.resolve("cluster/ovn/leader_ovnnb_status")));
            for (String f : List.of("leader_ovnsb_status", "ovnkube-master-5pg76_ovnnb_status",
                    "ovnkube-master-5pg76_ovnsb_status", "ovnkube-master-svc2g_ovnnb_status",
                    "ovnkube-master-svc2g_ovnsb_status")) {
                assertTrue(Files.isRegularFile(saved.resolve("cluster/ovn/" + f)), f);
            }
            // northd of each master, in its node's folder (input northd-status).
            assertEquals("Status: active\n", Files.readString(saved.resolve("nodes/worker-0/" + NORTHD_FILE)));
            assertEquals("Status: standby\n", Files.readString(saved.resolve("nodes/worker-2/" + NORTHD_FILE)));
            // Container logs: current, and previous of the container that restarted.
            assertTrue(Files.readString(saved.resolve("logs/" + NS + "/ovnkube-node-m5ft2/ovn-controller.previous.log"))
                    .contains("connection dropped"));
            assertTrue(Files.isRegularFile(saved.resolve("logs/" + NS + "/ovnkube-node-dmkr2/ovnkube-node.log")));
            assertFalse(Files.exists(saved.resolve("logs/" + NS + "/ovnkube-node-dmkr2/ovn-controller.previous.log")));
            // The legacy node pods' missing nbdb/sbdb/northd are no "not collected": read centrally / from the masters.
            for (String nc : notCollected(saved)) {
                assertFalse(nc.contains("ovnnb_db") || nc.contains("ovnsb_db") || nc.contains("northd")
                        || nc.contains("logs/"), nc);
            }
            // The inputs read live are evaluated: no rule is left out for the RAFT status, a DB, northd or a log.
            for (JsonNode n : report.path("notEvaluated")) {
                String missing = n.path("missing").asText();
                // (logs:ovn-controller / logs:ovnkube-controller are named by must-gather's path)
                assertFalse(missing.contains("leader_ovn") || missing.contains("ovsdb-client") || missing.contains("northd")
                        || missing.contains("ovnkube-node-*"), n.toString());
            }

            List<String> ovn = OvnPodExecMockTest.ovnRequests(requests);
            DeployManifests.assertGrantsExactly(ovn, DeployManifests.objects("rbac-ovn-kubernetes.yaml"));
        }
    }

    @Test
    void raftStatusOfEveryMasterGivesNoLeaderAndNotAMemberAsTheCatalogueSays(@TempDir Path tmp) throws Exception {
        Path base = cluster(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(base)) {
            answerNodes(mock, tmp);
            Map<String, String> s = new LinkedHashMap<>();
            // NB: every member answered, none leads, and one is out of the cluster.
            s.put("nb/" + MASTERS.get(0)[0], member("nb", "713d", "unknown", MASTERS.get(0)[4], "follower", "cluster member"));
            s.put("nb/" + MASTERS.get(1)[0], member("nb", "d608", "unknown", MASTERS.get(1)[4], "follower", "cluster member"));
            s.put("nb/" + MASTERS.get(2)[0], member("nb", "a755", "unknown", MASTERS.get(2)[4], "candidate",
                    "disconnected from the cluster (election timeout)"));
            // SB: the first master's sbdb cannot be asked; the two others follow: no leader among those
            // read, but one member is unknown, so never "no leader".
            s.put("sb/" + MASTERS.get(0)[0], null);
            s.put("sb/" + MASTERS.get(1)[0], member("sb", "d142", "3787", MASTERS.get(1)[4], "follower", "cluster member"));
            s.put("sb/" + MASTERS.get(2)[0], member("sb", "12da", "3787", MASTERS.get(2)[4], "follower", "cluster member"));
            answerMasters(mock, tmp, s);
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s");
            JsonNode report = live.json();
            TreeSet<String> subjects = new TreeSet<>();
            for (JsonNode f : report.path("findings")) {
                if (f.path("id").asText().equals("NR-OVNDB-001")) {
                    subjects.add(f.path("subject").asText());
                }
            }
            assertEquals(new TreeSet<>(List.of("db/NB", "db/NB/a755")), subjects, live.out());
            String why = "the commands in container sbdb of pod ovnkube-master-fgg4t exited with status 1: "
                    + "ovn-appctl: cannot connect to \"/var/run/ovn/ovnsb_db.ctl\" (No such file or directory)";
            assertTrue(notCollected(saved).contains("cluster/ovn/ovnkube-master-fgg4t_ovnsb_status: " + why),
                    notCollected(saved).toString());
            assertTrue(live.err().contains("netrules: cluster/ovn/ovnkube-master-fgg4t_ovnsb_status not collected: "
                    + why), live.err());
            // No leader anywhere: each database is dumped once, from the first master (by name) that
            // answered: ovnkube-master-5pg76 for both (fgg4t's sbdb did not answer).
            List<String> dumps = execs(mock.requests(), "ovsdb-client -f json dump");
            assertEquals(2, dumps.size(), dumps.toString());
            dumps.forEach(d -> assertTrue(d.contains("/pods/ovnkube-master-5pg76/exec"), d));
            LiveClusterTest.Run capture = run("diagnose", "--capture", saved.toString(), "--format", "json");
            assertEquals(withoutClusterLines(capture.json()), withoutClusterLines(report));
        }
    }

    @Test
    void aFailingSbdbDumpOnTheLeaderLeavesOnlyTheSouthboundNotEvaluatedAndAFailingLogOnlyItsFile(@TempDir Path tmp) throws Exception {
        Path base = cluster(tmp);
        try (MockCluster mock = new MockCluster(tmp).load(base)) {
            // Expectations answer in the order given: these failures come before answerNodes' log
            // answer and answerMasters' dump answer.
            mock.expect().get().withPath(logPath(NODE_PODS.get("worker-2"), "ovn-controller", false))
                    .andReturn(500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"Get \\\"https://192.168.126.53:10250/containerLogs\\\": EOF\",\"code\":500}")
                    .always();
            answerNodes(mock, tmp);
            fail(mock, MASTERS.get(0)[0], MASTERS.get(0)[1], "sbdb", dump("sb"), "ovsdb-client: failed to connect to "
                    + "\"unix:/var/run/ovn/ovnsb_db.sock\" (Connection refused)\n");
            answerMasters(mock, tmp, healthy());
            mock.markSetupDone();
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = live(mock, "--exec-collect", "--save-capture", saved.toString(),
                    "--api-timeout", "10s", "--explain");
            String why = "the commands in container sbdb of pod ovnkube-master-fgg4t exited with status 1: "
                    + "ovsdb-client: failed to connect to \"unix:/var/run/ovn/ovnsb_db.sock\" (Connection refused)"
                    + " (ovnkube-master-fgg4t: the RAFT leader)";
            List<String> err = live.err().lines().toList();
            assertEquals(2, err.size(), live.err());
            assertTrue(err.contains("netrules: cluster/ovn/" + SB_FILE + " not collected: " + why), live.err());
            // A log that cannot be read: its file is not collected on that node, with the reason.
            String logEntry = "worker-2: logs/" + NS + "/ovnkube-node-kjbnx/ovn-controller.log: log of container "
                    + "ovn-controller of pod ovnkube-node-kjbnx: ";
            assertTrue(notCollected(saved).stream().anyMatch(n -> n.startsWith(logEntry) && n.contains("500")),
                    notCollected(saved).toString());
            assertTrue(err.stream().anyMatch(l -> l.startsWith("netrules: node worker-2: logs/" + NS
                    + "/ovnkube-node-kjbnx/ovn-controller.log not collected: ")), live.err());
            assertFalse(Files.exists(saved.resolve("logs/" + NS + "/ovnkube-node-kjbnx/ovn-controller.log")));
            assertTrue(Files.isRegularFile(saved.resolve("logs/" + NS + "/ovnkube-node-kjbnx/ovnkube-node.log")));
            assertFalse(Files.exists(saved.resolve("cluster/ovn/" + SB_FILE)));
            assertTrue(Files.isRegularFile(saved.resolve("cluster/ovn/" + NB_FILE)));
            JsonNode report = live.json();
            List<String> sbRules = new ArrayList<>();
            for (JsonNode n : report.path("notEvaluated")) {
                if (n.path("reason").asText().contains("exited with status 1")) {
                    assertTrue(n.path("reason").asText().contains(why), n.toString());
                    sbRules.add(n.path("id").asText() + "@" + n.path("node").asText());
                }
                // Rules that need only the NB (and the other inputs) are evaluated.
                assertFalse(n.path("id").asText().equals("NR-OVNTOPO-002"), n.toString());
                assertFalse(n.path("id").asText().equals("NR-OVNDB-001"), n.toString());
            }
            for (String node : NODE_PODS.keySet()) {
                assertTrue(sbRules.contains("NR-OVNPOD-003@" + node), sbRules + "\n" + report.path("notEvaluated"));
            }
            LiveClusterTest.Run capture = run("diagnose", "--capture", saved.toString(), "--format", "json",
                    "--explain");
            assertEquals(withoutClusterLines(capture.json()), withoutClusterLines(report));
        }
    }
}
