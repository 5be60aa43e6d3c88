package io.netrules.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.capture.CaptureMetadata;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.capture.NodeFolder;
import io.netrules.capture.SosNaming;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.Rules;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import io.netrules.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCollectorTest {
    static final Path SAMPLE = TestPaths.sample("healthy-3node");
    static final Path NODE_1 = SAMPLE.resolve("nodes/node-1");
    static final Path HOSTSUBNETS = SAMPLE.resolve("cluster/hostsubnets.json");

    static NodeCollector.Options options(Path out, String node, FakeNode fake) {
        return new NodeCollector.Options(out, node, List.of(), List.of(HOSTSUBNETS), Duration.ofSeconds(10),
                Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
    }

    static NodeCollector.Outcome collect(NodeCollector.Options o) throws Exception {
        List<String> progress = new ArrayList<>();
        NodeCollector.Outcome outcome = new NodeCollector(o, progress::add).collect();
        assertFalse(progress.isEmpty());
        return outcome;
    }

    static CaptureMetadata metadata(Path out) throws Exception {
        return CaptureMetadata.read(out.resolve("capture.json"), "capture.json");
    }

    @Test
    void collectsEveryInputAsTheSampleHasItAndReadsBackWithoutWarnings(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1);
        Path out = dir.resolve("capture");
        NodeCollector.Outcome o = collect(options(out, "node-1", fake));

        assertEquals(List.of(), o.notCollected());
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), o.peers(), "every hostIP but node-1's own");
        assertEquals(List.of("eth0"), o.interfaces(), "the interface that holds node-1's hostIP 10.0.0.1");
        // The fakes print the sample's files, so the collector must have written exactly them.
        assertEquals(tree(NODE_1), tree(out.resolve("nodes/node-1")));
        for (String f : tree(NODE_1)) {
            assertArrayEquals(Files.readAllBytes(NODE_1.resolve(f)), Files.readAllBytes(out.resolve("nodes/node-1/" + f)), f);
        }
        CaptureMetadata meta = metadata(out);
        assertEquals("netrules-capture/1", meta.format());
        assertTrue(meta.collectedAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), meta.collectedAt());
        assertEquals(List.of(), meta.notCollected());

        // Read back: every node input the registry can read is there, and none holds a tool failure.
        Capture capture = Capture.open(out);
        NodeFolder folder = capture.nodes().get("node-1");
        Set<String> readable = new TreeSet<>();
        FactSources.all().stream().filter(s -> s.parser() != null).forEach(s -> readable.addAll(s.inputs()));
        // Inputs the host collector never runs (docs/collector.md says why) are not there.
        readable.removeIf(input -> FactSources.forInput(input).stream()
                .allMatch(s -> s.collect() == FactSource.Collect.NO));
        assertEquals(readable, new TreeSet<>(folder.inputs().keySet()));
        for (var e : folder.files().entrySet()) {
            NodeFolder.InputFile f = e.getKey();
            ParseContext.Collecting c = ParseContext.collecting("node-1", f.display(), e.getValue().get(0), f.target());
            try (Lines lines = Lines.open(f.path())) {
                f.source().parser().get().parse(lines, c.ctx);
            }
            assertNull(c.ctx.toolError(), f.display());
            assertEquals(List.of(), c.warnings, f.display());
            // An openshift-sdn node's ip -d link has no Geneve device, the only fact that input gives.
            assertTrue(c.ctx.factCount() > 0 || e.getValue().equals(List.of("ip-link")), f.display() + " gave no fact");
        }
        Diagnosis alone = new Evaluator(Rules.builtin(), 1).evaluate(capture, "capture");
        assertEquals(List.of(), alone.warnings());

        // With the sample's cluster objects and other nodes, the diagnosis is the sample's, byte for byte.
        TestPaths.copyTree(SAMPLE.resolve("cluster"), out.resolve("cluster"));
        TestPaths.copyTree(SAMPLE.resolve("nodes/node-2"), out.resolve("nodes/node-2"));
        TestPaths.copyTree(SAMPLE.resolve("nodes/node-3"), out.resolve("nodes/node-3"));
        Diagnosis collected = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(out), "capture");
        Diagnosis sample = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(SAMPLE), "capture");
        assertEquals(List.of(), collected.warnings());
        // Container logs come from the cluster API, not from the node collector.
        assertEquals(List.of(), collected.notEvaluated().stream().filter(n -> "node-1".equals(n.node()))
                .filter(n -> !n.missing().contains(io.netrules.capture.ClusterInputs.POD_LOGS_FILE))
                .map(NotEvaluated::id).toList(), "every node rule evaluated on node-1");
        assertEquals(JsonReport.render(sample), JsonReport.render(collected));
    }

    @Test
    void eachFileIsNamedAsSosreportNamesItsCommand(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1);
        NodeCollector.Outcome o = collect(options(dir.resolve("capture"), "node-1", fake));
        int commands = 0;
        for (NodeCollector.Item i : o.items()) {
            if (!i.command().startsWith("copy ")) {
                assertEquals(SosNaming.fileName(i.command()), i.file(), i.command());
                assertTrue(FactSources.match(i.file()).isPresent(), i.file() + " is not a registry file");
                commands++;
            }
        }
        assertEquals(19, commands, "13 node commands and 3 per peer: " + o.items());
    }

    @Test
    void theRegistryNamesEveryCollectedCommandsFileAsSosreportWould() {
        for (FactSource s : FactSources.collected()) {
            if (s.copied()) {
                continue;
            }
            for (String target : s.perTarget() ? List.of("10.0.0.2", "eth0", "fd00::2", "veth1a2b@if3") : List.of("x")) {
                String t = s.perTarget() ? target : null;
                assertEquals(SosNaming.fileName(String.join(" ", s.argv(t))), t == null ? s.fileName() : s.fileNameFor(t),
                        s.command() + " / " + t);
            }
        }
    }

    private static String collectorDoc() {
        try {
            return Files.readString(TestPaths.project().resolve("docs/collector.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachNodeInputIsCollectedFromItsPreferredSource() {
        Set<String> inputs = new TreeSet<>();
        FactSources.all().forEach(s -> inputs.addAll(s.inputs()));
        for (String input : inputs) {
            List<FactSource> sources = FactSources.forInput(input);
            List<FactSource> collected = sources.stream().filter(s -> s.collect() != FactSource.Collect.NO).toList();
            if (collected.isEmpty()) {
                // Only an input the host cannot or must not give (OVN's databases and daemons live in
                // the ovnkube-node pod; xfrm states hold keys), and docs/collector.md says so.
                assertTrue(collectorDoc().contains("`" + input + "`"), input + " is never collected and"
                        + " docs/collector.md does not say why");
                continue;
            }
            assertEquals(sources.get(0), collected.get(0), input + ": the collector must run the preferred source");
            assertEquals(collected, sources.subList(0, collected.size()), input + ": collected sources come first");
            if (collected.size() > 1) {
                assertTrue(collected.stream().allMatch(s -> s.collect() == FactSource.Collect.IF_UNIT),
                        input + ": only alternatives by unit may be several");
            }
            for (FactSource s : collected) {
                assertEquals(s.perTarget(), s.target() != FactSource.Target.NONE, s.command() + ": what is its target?");
            }
        }
    }

    @Test
    void failuresAreRecordedWithTheirReasonAndProbeAnswersAreKept(@TempDir Path dir) throws Exception {
        String dbDown = "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n";
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1)
                .remove("tracepath")
                .fails(List.of("ovs-vsctl", "-t", "5", "show"), dbDown, 1)
                .fails(List.of("ovs-vsctl", "-t", "5", "list-br"), dbDown, 1)
                .prints(List.of("ping", "-c", "3", "10.0.0.3"), """
                        PING 10.0.0.3 (10.0.0.3) 56(84) bytes of data.

                        --- 10.0.0.3 ping statistics ---
                        3 packets transmitted, 0 received, 100% packet loss, time 2047ms

                        """, 1)
                .noUnit("origin-node");
        Files.delete(fake.hostRoot.resolve("etc/origin/node/node-config.yaml"));
        Path out = dir.resolve("capture");
        NodeCollector.Outcome o = collect(options(out, "node-1", fake));
        Path node = out.resolve("nodes/node-1");

        assertEquals(new TreeMap<>(java.util.Map.of(
                "etc/origin/node/node-config.yaml", "no such file",
                "journalctl_--no-pager_--unit_origin-node", "no origin-node or atomic-openshift-node unit",
                "ovs-vsctl_-t_5_list-br", "exit status 1",
                "ovs-vsctl_-t_5_show", "exit status 1",
                "tracepath_10.0.0.2", "tracepath: not installed",
                "tracepath_10.0.0.3", "tracepath: not installed")), reasons(metadata(out).notCollected()));
        // The failing tool's stderr is kept in its file, as sos keeps it: it is evidence (OVS is down).
        assertEquals(dbDown, Files.readString(node.resolve("ovs-vsctl_-t_5_show")));
        // A missing tool leaves no file; an unreachable peer's ping is an answer, kept.
        assertFalse(Files.exists(node.resolve("tracepath_10.0.0.2")));
        assertTrue(Files.readString(node.resolve("ping_-c_3_10.0.0.3")).contains("100% packet loss"));
        assertTrue(o.anyCollected());
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilledAndRecorded(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1)
                .runs(List.of("sysctl", "-a"), "echo net.ipv4.ip_forward = 1; sleep 60");
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of(), List.of(HOSTSUBNETS), Duration.ofSeconds(1),
                Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
        long start = System.nanoTime();
        collect(o);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 8_000, "took " + ms + " ms");
        assertEquals(java.util.Map.of("sysctl_-a", "timed out after 1 s"), reasons(metadata(out).notCollected()));
        // A cut-off output would read as a whole one: it is not kept.
        assertFalse(Files.exists(out.resolve("nodes/node-1/sysctl_-a")));
    }

    @Test
    void aProbeThatTimesOutKeepsItsAnswerSoFar(@TempDir Path dir) throws Exception {
        // tracepath across an MTU black hole: the first line, then nothing until it is killed.
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1)
                .runs(List.of("tracepath", "10.0.0.3"), "echo ' 1?: [LOCALHOST]                      pmtu 1500'; sleep 60");
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of(), List.of(HOSTSUBNETS), Duration.ofSeconds(1),
                Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
        collect(o);
        assertEquals(java.util.Map.of("tracepath_10.0.0.3", "timed out after 1 s (output so far kept)"),
                reasons(metadata(out).notCollected()));
        assertEquals(" 1?: [LOCALHOST]                      pmtu 1500\n",
                Files.readString(out.resolve("nodes/node-1/tracepath_10.0.0.3")));
    }

    @Test
    void theBudgetBoundsTheWholeCollection(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1);
        for (String peer : List.of("10.0.0.2", "10.0.0.3")) {
            fake.runs(List.of("tracepath", peer), "sleep 60");
            fake.runs(List.of("ping", "-c", "3", peer), "sleep 60");
        }
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of(), List.of(HOSTSUBNETS), Duration.ofSeconds(30),
                Duration.ofMillis(1500), fake.hostRoot, 1, fake.path());
        long start = System.nanoTime();
        collect(o);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 6_000, "took " + ms + " ms");
        var reasons = reasons(metadata(out).notCollected());
        assertEquals(Set.of("ping_-c_3_10.0.0.2", "ping_-c_3_10.0.0.3", "tracepath_10.0.0.2", "tracepath_10.0.0.3"),
                reasons.keySet());
        // One at a time: the first ping is stopped by the budget, the rest never start.
        assertEquals("stopped when the collection budget of 1.5 s ran out", reasons.get("ping_-c_3_10.0.0.2"));
        assertEquals("not run: the collection budget of 1.5 s was used up", reasons.get("tracepath_10.0.0.3"));
    }

    @Test
    void withoutPeersOrUnitsTheMissingInputsSaySo(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1).noUnit("origin-node").unit("atomic-openshift-node")
                .prints(List.of("journalctl", "--no-pager", "--unit", "atomic-openshift-node"),
                        Files.readString(NODE_1.resolve("journalctl_--no-pager_--unit_origin-node")), 0);
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of(), List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
        NodeCollector.Outcome outcome = collect(o);
        String noPeer = "no peer to run it for (give --peers or --cluster-facts)";
        assertEquals(java.util.Map.of("route-get", noPeer, "ping", noPeer, "tracepath", noPeer),
                reasons(metadata(out).notCollected()));
        assertTrue(Files.exists(out.resolve("nodes/node-1/journalctl_--no-pager_--unit_atomic-openshift-node")));
        // No cluster facts: ethtool on every interface with an IPv4 address but lo, tun0, docker0,
        // veths and OVS internal ports; the sample's node has only eth0 left.
        assertEquals(List.of("eth0"), outcome.interfaces());
    }

    @Test
    void givenPeersAreUsedAsTheyAre(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1);
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of("10.0.0.3"), List.of(HOSTSUBNETS),
                Duration.ofSeconds(10), Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
        assertEquals(List.of("10.0.0.3"), collect(o).peers());
        assertTrue(Files.exists(out.resolve("nodes/node-1/ping_-c_3_10.0.0.3")));
        assertFalse(Files.exists(out.resolve("nodes/node-1/ping_-c_3_10.0.0.2")));

        var bad = new NodeCollector.Options(dir.resolve("other"), "node-1", List.of("-f"), List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(60), fake.hostRoot, 4, fake.path());
        CollectException e = assertThrows(CollectException.class, () -> new NodeCollector(bad, null).collect());
        assertEquals("--peers: '-f' is not an IP address", e.getMessage());
    }

    @Test
    void nodesCollectedIntoOneFolderKeepEachOthersEntries(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("capture");
        Files.createDirectories(out);
        Files.writeString(out.resolve("capture.json"), """
                {"format": "netrules-capture/1", "collectedAt": "2026-01-02T03:04:05Z",
                 "target": {"url": "http://foo.example.com:8000/bar"},
                 "notCollected": [{"node": null, "what": "cluster/pods.json", "why": "forbidden"}]}
                """);
        FakeNode one = FakeNode.of(dir.resolve("fake1"), NODE_1).remove("ethtool");
        FakeNode two = FakeNode.of(dir.resolve("fake2"), SAMPLE.resolve("nodes/node-2")).remove("iptables-save");
        collect(options(out, "node-1", one));
        collect(options(out, "node-2", two));

        JsonNode json = new ObjectMapper().readTree(out.resolve("capture.json").toFile());
        assertEquals("netrules-capture/1", json.path("format").asText());
        assertEquals("2026-01-02T03:04:05Z", json.path("collectedAt").asText(), "the capture began with the first");
        assertEquals("http://foo.example.com:8000/bar", json.path("target").path("url").asText());
        List<String> entries = new ArrayList<>();
        json.path("notCollected").forEach(n -> entries.add(n.path("node").asText() + " " + n.path("what").asText()
                + ": " + n.path("why").asText()));
        assertEquals(List.of("null cluster/pods.json: forbidden",
                "node-1 ethtool_eth0: ethtool: not installed",
                "node-2 iptables-save: iptables-save: not installed"), entries);
        assertEquals(Set.of("node-1", "node-2"), Capture.open(out).nodes().keySet());

        // A node folder is never collected over: its old files would mix with the new.
        CollectException e = assertThrows(CollectException.class,
                () -> new NodeCollector(options(out, "node-2", two), null).collect());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void aCaptureJsonThatIsNotOursIsNotOverwritten(@TempDir Path dir) throws Exception {
        FakeNode fake = FakeNode.of(dir.resolve("fake"), NODE_1);
        Path out = Files.createDirectories(dir.resolve("capture"));
        Files.writeString(out.resolve("capture.json"), "{ not json");
        CollectException e = assertThrows(CollectException.class,
                () -> new NodeCollector(options(out, "node-1", fake), null).collect());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals("{ not json", Files.readString(out.resolve("capture.json")));
        assertFalse(Files.exists(out.resolve("nodes")), "nothing run, nothing written");
    }

    @Test
    void nothingCollectedIsTold(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("capture");
        var o = new NodeCollector.Options(out, "node-1", List.of("10.0.0.2"), List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(60), empty, 4, empty.toString());
        NodeCollector.Outcome outcome = new NodeCollector(o, null).collect();
        assertFalse(outcome.anyCollected());
        assertTrue(reasons(metadata(out).notCollected()).containsKey("ip_-d_address"));
    }

    @Test
    void filesAreCopiedFromTheHostRootWithItsSymlinksKeptInside(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("run/systemd/resolve"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("run/systemd/resolve/stub-resolv.conf"), "nameserver 127.0.0.53\n");
        // An absolute link, as on a systemd-resolved host: it means root/run/..., not the live /run.
        Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("/run/systemd/resolve/stub-resolv.conf"));
        assertEquals(root.resolve("run/systemd/resolve/stub-resolv.conf"),
                NodeCollector.resolveUnder(root, "etc/resolv.conf"));
        assertEquals(root.resolve("etc/passwd"), NodeCollector.resolveUnder(root, "../../etc/passwd"));
    }

    @Test
    void theEnvironmentIsFixedAndPassesTheOvsDirectories() {
        var env = NodeCollector.childEnvironment(java.util.Map.of("PATH", "/opt/bin:/usr/bin", "OVS_RUNDIR", "/lab/run",
                "OVS_DBDIR", "/lab/db", "HOME", "/root", "LANG", "de_DE.UTF-8"), null);
        assertEquals("/opt/bin:/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/sbin:/bin", env.get("PATH"));
        assertEquals("/lab/run", env.get("OVS_RUNDIR"));
        assertEquals("/lab/db", env.get("OVS_DBDIR"));
        assertEquals("C", env.get("LC_ALL"));
        assertEquals("C", env.get("LANG"));
        assertEquals("timeout:1 attempts:1", env.get("RES_OPTIONS"));
        assertFalse(env.containsKey("HOME"));
    }

    static java.util.Map<String, String> reasons(List<NotCollected> entries) {
        return entries.stream().collect(Collectors.toMap(NotCollected::what, NotCollected::why, (a, b) -> a + "; " + b,
                TreeMap::new));
    }

    static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

}
