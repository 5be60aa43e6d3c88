package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.capture.CaptureArchive;
import io.netrules.engine.Evaluator;
import io.netrules.model.ClusterNetwork;
import io.netrules.model.ClusterVersion;
import io.netrules.model.EndpointAddress;
import io.netrules.model.NetworkConfig;
import io.netrules.model.NetworkOperator;
import io.netrules.model.Node;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import io.netrules.model.PodLogLine;
import io.netrules.model.Service;
import io.netrules.parse.InputLimits;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OpenShift 4 must-gather given to {@code diagnose --capture}: alone (folder, image folder,
 * archive), with extra {@code cluster/*.json} next to it, broken in places. The sample is a
 * healthy 4.12 openshift-sdn cluster, so any finding from it alone would be made up.
 */
class MustGatherTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TOP = "must-gather.local.5023157198632915870";
    static final Path SAMPLE = TestPaths.project().resolve("src/test/resources/mustgather/sdn-4.12").resolve(TOP);
    static final String IMAGE = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-"
            + "8d2d7e4a6c5a3f2b1e0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d/";
    static final String NODES = IMAGE + "cluster-scoped-resources/core/nodes/";
    static final String SDN_LOGS = IMAGE + "namespaces/openshift-sdn/pods/sdn-bq9zt/sdn/sdn/logs/";
    static final List<String> NODE_NAMES = List.of("master-0.ocp4.example.com", "worker-0.ocp4.example.com",
            "worker-1.ocp4.example.com");

    static Cli run(Path capture) {
        return Cli.run("diagnose", "--capture", capture.toString(), "--format", "json", "--explain");
    }

    static JsonNode json(Cli r) throws Exception {
        return MAPPER.readTree(r.out());
    }

    /** The reason a rule is not evaluated (for a node, or cluster-wide with null), or null when it ran. */
    static String reason(JsonNode report, String id, String node) {
        for (JsonNode ne : report.path("notEvaluated")) {
            if (ne.path("id").asText().equals(id) && (node == null ? ne.path("node").isNull()
                    : node.equals(ne.path("node").asText()))) {
                return ne.path("reason").asText();
            }
        }
        return null;
    }

    static List<String> warnings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("warnings").forEach(w -> out.add(w.path("source").asText() + ":" + w.path("line").asInt() + ": "
                + w.path("text").asText()));
        return out;
    }


    /** Everything parsing the capture gives, without rules. */
    static List<Object> facts(Path capture, List<ParseWarning> warnings) throws Exception {
        List<Object> facts = java.util.Collections.synchronizedList(new ArrayList<>());
        try (CaptureArchive.Opened opened = CaptureArchive.open(capture, InputLimits.DEFAULTS)) {
            Evaluator.parseOnly(opened.capture(), 1, facts::add, warnings);
        }
        return facts;
    }

    static <T> List<T> of(List<Object> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aMustGatherAloneDiagnosesWithoutFindingAndSaysWhatIsMissingAndWhy() throws Exception {
        Cli r = run(SAMPLE);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        JsonNode d = json(r);
        assertEquals(0, d.path("findings").size(), r.out());
        assertEquals(List.of(), warnings(d));
        JsonNode sources = d.path("summary").path("sources");
        assertEquals("must-gather", sources.path("nodes").asText());
        assertEquals("must-gather", sources.path("clusternetworks").asText());
        assertEquals("must-gather", sources.path("networkconfigs").asText());
        assertEquals("must-gather (its own namespaces only)", sources.path("services").asText());
        assertTrue(sources.path("hostsubnets").isMissingNode(), "the sample has no HostSubnets: " + sources);

        // Cluster kinds a default must-gather does not hold: not evaluated, with what to add.
        assertTrue(reason(d, "NR-NODE-001", null).contains("cluster/hostsubnets.json: not collected: not in this"
                + " must-gather (a default must-gather of OpenShift 4.2 to 4.12 has no HostSubnets); add `oc get"
                + " hostsubnets -o yaml`"), reason(d, "NR-NODE-001", null));
        assertTrue(reason(d, "NR-MT-001", null).contains("add `oc get netnamespaces -o yaml`"));
        String svc = reason(d, "NR-SVC-001", null);
        assertTrue(svc.contains("cluster/services.json: not collected: a must-gather holds the services of the"
                + " namespaces it inspected only (3: openshift-dns, openshift-ingress, openshift-sdn), not the"
                + " applications'; namespace folders without their namespace file were not inspected: my-app; add"
                + " `oc get services -A -o json`"), svc);
        // Node rules: a session per Node object, not evaluated for want of the node's own files.
        for (String node : NODE_NAMES) {
            String ipt = reason(d, "NR-IPT-001", node);
            assertNotNull(ipt, node);
            assertTrue(ipt.contains("a must-gather holds no node network state") && ipt.contains("sosreport")
                    && ipt.contains("nodes/" + node + "/"), ipt);
            // The sdn pods' logs are read into their nodes' sessions: the log rules ran.
            assertEquals(null, reason(d, "NR-LOG-001", node), node);
            assertEquals(null, reason(d, "NR-LOG-002", node), node);
        }
    }

    @Test
    void theTextReportSaysWhereTheClusterObjectsCameFrom() {
        Cli r = Cli.run("diagnose", "--capture", SAMPLE.toString(), "--no-color");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Cluster objects: nodes from must-gather, clusternetworks from must-gather,"
                + " pods from must-gather (its own namespaces only),"), r.out());
    }

    @Test
    void everyKindIsReadWithItsFileAndLine() throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        List<Object> facts = facts(SAMPLE, warnings);
        assertEquals(List.of(), warnings);

        List<Node> nodes = of(facts, Node.class);
        assertEquals(NODE_NAMES, nodes.stream().map(Node::name).sorted().toList());
        Node w0 = nodes.stream().filter(n -> n.name().startsWith("worker-0")).findFirst().orElseThrow();
        assertEquals("10.0.0.20", w0.internalIP());
        assertEquals(NODES + "worker-0.ocp4.example.com.yaml", w0.source().file());
        assertEquals(2, w0.source().line(), "the object starts after the --- line");

        ClusterNetwork cn = of(facts, ClusterNetwork.class).get(0);
        assertEquals(List.of("10.128.0.0/14"), cn.cidrs());
        assertEquals(4789, cn.vxlanPort());
        assertEquals(1450, cn.mtu());
        assertEquals(IMAGE + "cluster-scoped-resources/network.openshift.io/clusternetworks/default.yaml",
                cn.source().file());

        // The single-object file wins over the List holding the same object; the first file of
        // an inspect run has no --- line.
        List<ClusterVersion> versions = of(facts, ClusterVersion.class);
        assertEquals(1, versions.size(), versions.toString());
        assertEquals("4.12.0", versions.get(0).version());
        assertEquals(IMAGE + "cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml",
                versions.get(0).source().file());
        assertEquals(1, versions.get(0).source().line());

        NetworkConfig config = of(facts, NetworkConfig.class).get(0);
        assertEquals("OpenShiftSDN", config.specNetworkType());
        assertEquals("OpenShiftSDN", config.statusNetworkType());
        assertEquals(1450, config.clusterNetworkMTU());
        assertEquals(List.of("172.30.0.0/16"), config.serviceNetworks());
        assertEquals(IMAGE + "cluster-scoped-resources/config.openshift.io/networks.yaml", config.source().file());
        assertEquals(4, config.source().line(), "the List's item, found before the List's kind");

        NetworkOperator operator = of(facts, NetworkOperator.class).get(0);
        assertEquals("OpenShiftSDN", operator.defaultNetworkType());
        assertEquals("NetworkPolicy", operator.sdnMode());
        assertEquals(4789, operator.sdnVxlanPort());
        assertEquals(1450, operator.sdnMtu());

        Service dns = of(facts, Service.class).stream().filter(s -> s.name().equals("dns-default")).findFirst()
                .orElseThrow();
        assertEquals("172.30.0.10", dns.clusterIP());
        assertEquals(IMAGE + "namespaces/openshift-dns/core/services.yaml", dns.source().file());
        assertEquals(3, of(facts, EndpointAddress.class).stream().filter(e -> e.service().equals("dns-default"))
                .count());

        // Each pod once, from its own file (pods/<pod>/<pod>.yaml), not again from core/pods.yaml.
        List<Pod> sdn = of(facts, Pod.class).stream().filter(p -> p.name().equals("sdn-bq9zt")).toList();
        assertEquals(1, sdn.size());
        assertEquals(IMAGE + "namespaces/openshift-sdn/pods/sdn-bq9zt/sdn-bq9zt.yaml", sdn.get(0).source().file());
        assertEquals("worker-0.ocp4.example.com", sdn.get(0).nodeName());
        assertEquals(3 + 1 + 3 + 2, of(facts, Pod.class).size(), "sdn, sdn-controller, dns, router pods");
    }

    @Test
    void podLogsLoseTheirTimestampsAndRotatedCriFilesComeFirst() throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        List<PodLogLine> lines = of(facts(SAMPLE, warnings), PodLogLine.class).stream()
                .filter(l -> l.pod().equals("sdn-bq9zt")).sorted(java.util.Comparator.comparingInt(PodLogLine::lineNo))
                .toList();
        assertEquals(List.of(), warnings);
        assertEquals(4 + 12, lines.size(), "4 lines of the rotated file (one joined from two parts) + current.log");
        PodLogLine first = lines.get(0);
        assertEquals("worker-0.ocp4.example.com", first.node());
        assertEquals(SDN_LOGS + "rotated/0.log.20221012-210415.gz", first.source().file());
        assertTrue(first.text().startsWith("I1012 21:04:11.602834    2119 cmd.go:121]"), first.text());
        PodLogLine joined = lines.get(2);
        assertEquals(3, joined.source().line());
        assertTrue(joined.text().endsWith("with mcEnabled false"), joined.text());
        PodLogLine current = lines.get(4);
        assertEquals(SDN_LOGS + "current.log", current.source().file());
        assertEquals(1, current.source().line());
        assertTrue(current.text().startsWith("I1013 07:58:15.869442    2427 cmd.go:121] Reading proxy"), current.text());
        // Only the sdn container of openshift-sdn pods is read (not kube-rbac-proxy, not sdn-controller).
        List<PodLogLine> all = of(facts(SAMPLE, new ArrayList<>()), PodLogLine.class);
        assertEquals(Set.of("openshift-sdn/sdn-7xk2p", "openshift-sdn/sdn-bq9zt", "openshift-sdn/sdn-m4r8w"),
                new TreeSet<>(all.stream().map(l -> l.namespace() + "/" + l.pod()).toList()));
        assertTrue(all.stream().allMatch(l -> l.source().file().contains("/sdn/sdn/logs/")));
    }

    @Test
    void anErrorInAnSdnPodLogIsAFindingOnItsNodeWithTheLogLine(@TempDir Path tmp) throws Exception {
        Path mg = tmp.resolve(TOP);
        TestPaths.copyTree(SAMPLE, mg);
        Path log = mg.resolve(IMAGE + "namespaces/openshift-sdn/pods/sdn-m4r8w/sdn/sdn/logs/current.log");
        Files.writeString(log, "2022-10-13T08:02:11.301224718Z I1013 08:02:11.301170    2427 controller.go:68]"
                + " Output of adding table=7,cookie=0x0a00000c,priority=100,ip,nw_dst=10.131.0.0/23,actions="
                + "move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.20->tun_dst,output:1:"
                + " ovs-ofctl: br0 is not a bridge or a socket (exit status 1)\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli r = run(mg);
        assertEquals(1, r.status(), r.err());
        JsonNode d = json(r);
        assertEquals(1, d.path("findings").size(), r.out());
        JsonNode f = d.path("findings").get(0);
        assertEquals("NR-LOG-002", f.path("id").asText());
        assertEquals("worker-1.ocp4.example.com", f.path("node").asText());
        assertEquals("pod/openshift-sdn/sdn-m4r8w", f.path("subject").asText());
        JsonNode ev = f.path("evidence").get(0);
        assertEquals(IMAGE + "namespaces/openshift-sdn/pods/sdn-m4r8w/sdn/sdn/logs/current.log",
                ev.path("source").asText());
        assertEquals(13, ev.path("line").asInt());
        assertTrue(ev.path("text").asText().startsWith("I1013 08:02:11.301170"), ev.toString());
    }

    @Test
    void theTopFolderItsImageFolderAndItsArchiveAreTheSameCapture(@TempDir Path tmp) throws Exception {
        Cli top = run(SAMPLE);
        Path archive = tmp.resolve("must-gather.tar.gz");
        tarGz(SAMPLE.getParent(), TOP, archive);
        Cli fromArchive = run(archive);
        assertEquals(0, fromArchive.status(), fromArchive.err());
        assertEquals(top.out(), fromArchive.out(), "the archive's one top folder is the must-gather");

        Cli image = run(SAMPLE.resolve(IMAGE));
        assertEquals(0, image.status(), image.err());
        JsonNode d = json(image);
        assertEquals("must-gather", d.path("summary").path("sources").path("nodes").asText());
        assertTrue(reason(d, "NR-NODE-001", null).contains("hostsubnets"), image.out());
        assertEquals(top.out().replace(IMAGE, ""), image.out(), "evidence is named from the image folder");
    }

    @Test
    void aNodeSelectorGatherHasOneMoreLevel(@TempDir Path tmp) throws Exception {
        // oc adm must-gather --node-selector: <top>/<node, sanitised>/<image folder>/
        Path top = tmp.resolve("must-gather.local.77");
        Path image = top.resolve("master-0-ocp4-example-com").resolve(IMAGE);
        TestPaths.copyTree(SAMPLE.resolve(IMAGE), image);
        Files.copy(SAMPLE.resolve("timestamp"), top.resolve("timestamp"));
        assertTrue(Capture.looksLikeCapture(top));
        Cli r = run(top);
        assertEquals(0, r.status(), r.err());
        JsonNode d = json(r);
        assertEquals(List.of(), warnings(d));
        assertEquals("must-gather", d.path("summary").path("sources").path("nodes").asText());
        assertNotNull(reason(d, "NR-IPT-001", "worker-1.ocp4.example.com"));
        // A folder of must-gathers is no must-gather itself (batch reads each).
        assertFalse(Capture.looksLikeCapture(tmp));
    }

    @Test
    void theOpenShift4KindsAreReadFromClusterFilesToo(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("c");
        Files.createDirectories(capture.resolve("cluster"));
        Files.copy(SAMPLE.resolve(IMAGE + "cluster-scoped-resources/config.openshift.io/networks.yaml"),
                capture.resolve("cluster/networkconfigs.yaml"));
        Files.copy(SAMPLE.resolve(IMAGE + "cluster-scoped-resources/operator.openshift.io/networks/cluster.yaml"),
                capture.resolve("cluster/networkoperators.yaml"));
        Files.copy(SAMPLE.resolve(IMAGE + "cluster-scoped-resources/config.openshift.io/clusterversions.yaml"),
                capture.resolve("cluster/clusterversions.yaml"));
        List<ParseWarning> warnings = new ArrayList<>();
        List<Object> facts = facts(capture, warnings);
        assertEquals(List.of(), warnings);
        NetworkConfig fromCluster = of(facts, NetworkConfig.class).get(0);
        assertEquals("OpenShiftSDN", fromCluster.statusNetworkType() != null ? fromCluster.statusNetworkType()
                : fromCluster.specNetworkType());
        assertEquals("cluster/networkconfigs.yaml", of(facts, NetworkConfig.class).get(0).source().file());
        assertEquals(4789, of(facts, NetworkOperator.class).get(0).sdnVxlanPort());
        assertEquals("4.12.0", of(facts, ClusterVersion.class).get(0).version());
    }

    @Test
    void twoImageFoldersAreReadAsOneAndAnObjectInBothIsTakenOnce(@TempDir Path tmp) throws Exception {
        Path mg = tmp.resolve(TOP);
        TestPaths.copyTree(SAMPLE, mg);
        // A second gather image (or an `oc adm inspect ns/my-app` output) that inspected the app
        // namespace and also holds one of the nodes.
        Path second = mg.resolve("quay-io-example-network-tools-sha256-0123456789abcdef");
        Files.createDirectories(second.resolve("namespaces/my-app/core"));
        Files.createDirectories(second.resolve("cluster-scoped-resources/core/nodes"));
        Files.copy(mg.resolve(NODES + "worker-1.ocp4.example.com.yaml"),
                second.resolve("cluster-scoped-resources/core/nodes/worker-1.ocp4.example.com.yaml"));
        Files.writeString(second.resolve("namespaces/my-app/my-app.yaml"),
                "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: my-app\n");
        Files.writeString(second.resolve("namespaces/my-app/core/services.yaml"), """
                ---
                apiVersion: v1
                items:
                - apiVersion: v1
                  kind: Service
                  metadata:
                    name: web
                    namespace: my-app
                  spec:
                    clusterIP: 172.30.88.14
                    ports:
                    - port: 8080
                      protocol: TCP
                      targetPort: 8080
                    selector:
                      app: web
                kind: ServiceList
                metadata:
                  resourceVersion: "1402262"
                """);
        List<ParseWarning> warnings = new ArrayList<>();
        List<Object> facts = facts(mg, warnings);
        assertEquals(List.of(), warnings);
        assertEquals(3, of(facts, Node.class).size(), "worker-1 is in both images: taken once");
        Service web = of(facts, Service.class).stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
        assertEquals("quay-io-example-network-tools-sha256-0123456789abcdef/namespaces/my-app/core/services.yaml",
                web.source().file());
        assertEquals(4, web.source().line());
        // my-app is inspected now: no longer named as a folder that was not.
        String svc = reason(json(run(mg)), "NR-SVC-001", null);
        assertTrue(svc.contains("(4: my-app, openshift-dns, openshift-ingress, openshift-sdn)"), svc);
        assertFalse(svc.contains("were not inspected"), svc);
    }

    @Test
    void aMalformedYamlFileIsAWarningWithItsLineAndOnlyItsObjectsAreMissing(@TempDir Path tmp) throws Exception {
        Path mg = tmp.resolve(TOP);
        TestPaths.copyTree(SAMPLE, mg);
        Path bad = mg.resolve(NODES + "worker-1.ocp4.example.com.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        lines.set(5, "    machineconfiguration.openshift.io/state: [Done");
        Files.write(bad, lines);
        Cli r = run(mg);
        assertEquals(0, r.status(), "a must-gather's bad file is no bad input: " + r.err());
        JsonNode d = json(r);
        assertEquals(0, d.path("findings").size(), r.out());
        List<String> w = warnings(d);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith(NODES + "worker-1.ocp4.example.com.yaml:7: not valid YAML ("), w.get(0));
        assertTrue(w.get(0).endsWith("): this file's objects are not read"), w.get(0));
        // The other nodes are read (their node sessions ran); nodes counts as incomplete, so the
        // rules that need every Node are not evaluated, naming the file.
        assertNotNull(reason(d, "NR-IPT-001", "worker-0.ocp4.example.com"));
        assertEquals(null, reason(d, "NR-IPT-001", "worker-1.ocp4.example.com"), "worker-1 is not known any more");
        String ext = reason(d, "NR-EXT-002", null);
        assertTrue(ext.contains("cluster/nodes.json: incomplete: " + NODES + "worker-1.ocp4.example.com.yaml:7 is"
                + " not valid YAML: its objects were not read"), ext);
    }

    @Test
    void aCutFileIsAWarningWithItsLastLineAndItsObjectsAreNotRead(@TempDir Path tmp) throws Exception {
        Path mg = tmp.resolve(TOP);
        TestPaths.copyTree(SAMPLE, mg);
        // Cut at a line end inside the List: still valid YAML, but the List's kind (written after
        // its items) is gone.
        Path eps = mg.resolve(IMAGE + "namespaces/openshift-dns/core/endpoints.yaml");
        String text = Files.readString(eps);
        String kept = text.substring(0, text.lastIndexOf('\n', text.indexOf("name: dns-default-9kqvd")) + 1);
        Files.writeString(eps, kept);
        int lastLine = (int) kept.chars().filter(c -> c == '\n').count();
        // Cut inside a line: no line end at the end.
        Path node = mg.resolve(NODES + "master-0.ocp4.example.com.yaml");
        String nodeText = Files.readString(node);
        Files.writeString(node, nodeText.substring(0, nodeText.indexOf("  nodeInfo:") + 6));
        int nodeLine = (int) nodeText.substring(0, nodeText.indexOf("  nodeInfo:")).chars().filter(c -> c == '\n')
                .count() + 1;

        Cli r = run(mg);
        assertEquals(0, r.status(), r.err());
        JsonNode d = json(r);
        assertEquals(0, d.path("findings").size(), r.out());
        assertEquals(List.of(
                NODES + "master-0.ocp4.example.com.yaml:" + nodeLine + ": cut short (it does not end with a line end):"
                        + " this file's objects are not read",
                IMAGE + "namespaces/openshift-dns/core/endpoints.yaml:" + lastLine + ": cut short (the List ends"
                        + " before its kind, which oc writes after the items): this file's objects are not read"),
                warnings(d));
        List<Object> facts = facts(mg, new ArrayList<>());
        assertEquals(0, of(facts, EndpointAddress.class).stream().filter(e -> e.namespace().equals("openshift-dns"))
                .count());
        assertEquals(2, of(facts, Node.class).size());
        assertTrue(reason(d, "NR-EXT-002", null).contains("cluster/nodes.json: incomplete: " + NODES
                + "master-0.ocp4.example.com.yaml:" + nodeLine + " is cut short"), reason(d, "NR-EXT-002", null));
    }

    @Test
    void clusterFilesNextToTheMustGatherGiveTheKindsItLacks(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("case-0042");
        TestPaths.copyTree(SAMPLE, capture.resolve(TOP));
        Files.createDirectories(capture.resolve("cluster"));
        // `oc get services,endpoints,pods -A -o json`, one file per kind: an app whose pod is not ready.
        Files.writeString(capture.resolve("cluster/services.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Service",
                   "metadata": {"name": "web", "namespace": "my-app"},
                   "spec": {"clusterIP": "172.30.88.14", "selector": {"app": "web"},
                            "ports": [{"port": 8080, "protocol": "TCP", "targetPort": 8080}]}}]}
                """);
        Files.writeString(capture.resolve("cluster/endpoints.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "web", "namespace": "my-app"},
                   "subsets": [{"notReadyAddresses": [{"ip": "10.131.0.23", "nodeName": "worker-0.ocp4.example.com",
                     "targetRef": {"kind": "Pod", "name": "web-1-x7k2q", "namespace": "my-app"}}],
                     "ports": [{"port": 8080, "protocol": "TCP"}]}]}]}
                """);
        Files.writeString(capture.resolve("cluster/pods.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": "web-1-x7k2q", "namespace": "my-app", "labels": {"app": "web"}},
                   "spec": {"nodeName": "worker-0.ocp4.example.com"},
                   "status": {"phase": "Running", "podIP": "10.131.0.23",
                              "conditions": [{"type": "Ready", "status": "False"}]}}]}
                """);
        Cli r = run(capture);
        assertEquals(1, r.status(), r.err());
        JsonNode d = json(r);
        JsonNode sources = d.path("summary").path("sources");
        assertEquals("must-gather", sources.path("nodes").asText());
        assertEquals("cluster/services.json", sources.path("services").asText());
        assertEquals("cluster/pods.json", sources.path("pods").asText());
        assertEquals("must-gather (its own namespaces only)", sources.path("routes").asText());
        // cluster/pods.json wins for the whole kind: the must-gather's sdn pods are not read, so
        // their logs cannot be put on a node (a real `oc get pods -A` would list them). The
        // must-gather's top folder is no unknown file.
        List<String> w = warnings(d);
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.stream().allMatch(x -> x.startsWith(TOP + "/" + IMAGE + "namespaces/openshift-sdn/pods/sdn-")
                && x.endsWith(":0: pod not among the pods read (or not scheduled): cannot tell its node; log not"
                + " read")), w.toString());
        assertEquals(1, d.path("findings").size(), r.out());
        JsonNode f = d.path("findings").get(0);
        assertEquals("NR-SVC-001", f.path("id").asText());
        assertEquals("service/my-app/web", f.path("subject").asText());
        // The sdn pods are not in cluster/pods.json: their logs have no node, and say so.
        assertNotNull(reason(d, "NR-LOG-001", "worker-0.ocp4.example.com"));
    }

    @Test
    void aMustGatherArchiveNextToClusterFilesIsExtractedAndNamedInEvidence(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("case-0043");
        Files.createDirectories(capture.resolve("cluster"));
        tarGz(SAMPLE.getParent(), TOP, capture.resolve("must-gather.tar.gz"));
        Files.writeString(capture.resolve("cluster/hostsubnets.json"), """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "network.openshift.io/v1", "kind": "HostSubnet",
                   "metadata": {"name": "worker-1.ocp4.example.com"}, "host": "worker-1.ocp4.example.com",
                   "hostIP": "10.0.0.99", "subnet": "10.129.2.0/23"}]}
                """);
        Cli r = run(capture);
        JsonNode d = json(r);
        assertEquals("must-gather", d.path("summary").path("sources").path("nodes").asText());
        assertEquals("cluster/hostsubnets.json", d.path("summary").path("sources").path("hostsubnets").asText());
        // A HostSubnet whose hostIP is not its Node's: NR-NODE-001 now runs; its evidence names both sources.
        JsonNode f = null;
        for (JsonNode x : d.path("findings")) {
            if (x.path("id").asText().equals("NR-NODE-001")) {
                f = x;
            }
        }
        assertNotNull(f, r.out());
        List<String> sources = new ArrayList<>();
        f.path("evidence").forEach(e -> sources.add(e.path("source").asText() + ":" + e.path("line").asInt()));
        assertEquals(List.of("cluster/hostsubnets.json:2",
                "must-gather.tar.gz/" + TOP + "/" + NODES + "worker-1.ocp4.example.com.yaml:2"), sources);
        try (CaptureArchive.Opened opened = CaptureArchive.open(capture, InputLimits.DEFAULTS)) {
            Capture c = opened.capture();
            assertNotNull(c.mustGather());
            Path extracted = c.mustGather().roots().get(0).dir();
            assertTrue(Files.isDirectory(extracted));
            opened.close();
            assertFalse(Files.exists(extracted), "the extracted must-gather is removed with the capture");
        }
    }

    /** Packs {@code dir/name} as a .tar.gz whose one top folder is {@code name}. */
    static void tarGz(Path dir, String name, Path archive) throws Exception {
        try (OutputStream out = Files.newOutputStream(archive);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            try (Stream<Path> s = Files.walk(dir.resolve(name))) {
                for (Path p : s.sorted().toList()) {
                    String entry = dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                    TarArchiveEntry e = new TarArchiveEntry(p.toFile(), entry);
                    tar.putArchiveEntry(e);
                    if (Files.isRegularFile(p)) {
                        Files.copy(p, tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
    }
}
