package io.netrules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.capture.CaptureArchive;
import io.netrules.parse.InputLimits;
import io.netrules.report.JsonReport;
import io.netrules.report.MarkdownReport;
import io.netrules.report.TextReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A must-gather holds pods (services, ...) whole for the namespaces it inspected only. A rule
 * that says it is sound on part of the namespaces ({@code @perNamespace}) runs on them and is
 * listed as evaluated in part; a rule that needs every namespace stays not evaluated, as before.
 * The capture: the 4.12 must-gather sample (openshift-* namespaces inspected, {@code my-app}
 * present without its namespace file) plus an {@code oc adm inspect ns/shop} root whose pod
 * {@code cart-0} is broken.
 */
class PerNamespaceTest {
    @TempDir
    static Path tmp;

    static final ObjectMapper MAPPER = new ObjectMapper();
    static RuleBase rules;

    static final String HEAD = """
            package nstest.%s;
            import io.netrules.model.ClusterScope;
            import io.netrules.model.NodeScope;
            import io.netrules.model.Finding;
            import io.netrules.model.Pod;

            """;

    /** A cluster rule on part of the namespaces. */
    static final String PER_NAMESPACE = """
            rule "a pod labelled broken (per namespace)"
                @id("NR-NSX-001") @severity(ERROR) @layer("service") @scope(cluster) @guide("test")
                @requires("pods") @perNamespace
            when
                ClusterScope()
                $p : Pod(labels["broken"] == "true")
            then
                insert(Finding.of("NR-NSX-001").node($p.nodeName()).subject("pod/" + $p.namespace() + "/" + $p.name()));
            end
            """;

    /** The same, needing every namespace's pods. */
    static final String WHOLE = """
            rule "a pod labelled broken (needs every namespace)"
                @id("NR-NSX-002") @severity(ERROR) @layer("service") @scope(cluster) @guide("test")
                @requires("pods")
            when
                ClusterScope()
                $p : Pod(labels["broken"] == "true")
            then
                insert(Finding.of("NR-NSX-002").subject("pod/" + $p.namespace() + "/" + $p.name()));
            end
            """;

    /** A node rule on part of the namespaces (the annotation's other spelling). */
    static final String NODE = """
            rule "a pod of this node labelled broken"
                @id("NR-NSX-003") @severity(WARN) @layer("service") @scope(node) @guide("test")
                @requires("pods") @perNamespace("true")
            when
                NodeScope($n : name)
                $p : Pod(nodeName == $n, labels["broken"] == "true")
            then
                insert(Finding.of("NR-NSX-003").node($n).subject("pod/" + $p.namespace() + "/" + $p.name()));
            end
            """;

    static String text(String id) {
        return "---\nid: " + id + "\ntitle: \"{subject} is broken\"\n---\n## Summary\nA test rule.\n\n"
                + "## Why it breaks traffic\nIt does not.\n\n## How to fix\nNothing to fix.\n";
    }

    static final String SHOP_NS = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            """;

    static final String SHOP_PODS = """
            apiVersion: v1
            kind: PodList
            items:
            - apiVersion: v1
              kind: Pod
              metadata:
                name: cart-0
                namespace: shop
                labels:
                  broken: "true"
              spec:
                nodeName: worker-1.ocp4.example.com
                containers:
                - name: cart
                  image: cart
              status:
                phase: Running
                podIP: 10.129.2.40
                hostIP: 10.0.0.21
            - apiVersion: v1
              kind: Pod
              metadata:
                name: cart-1
                namespace: shop
              spec:
                nodeName: worker-0.ocp4.example.com
                containers:
                - name: cart
                  image: cart
              status:
                phase: Running
                podIP: 10.128.2.41
                hostIP: 10.0.0.20
            """;

    @BeforeAll
    static void setUp() throws Exception {
        Path dir = tmp.resolve("rules/test");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("NR-NSX-001.drl"), HEAD.formatted("a") + PER_NAMESPACE);
        Files.writeString(dir.resolve("NR-NSX-002.drl"), HEAD.formatted("b") + WHOLE);
        Files.writeString(dir.resolve("NR-NSX-003.drl"), HEAD.formatted("c") + NODE);
        for (String id : List.of("NR-NSX-001", "NR-NSX-002", "NR-NSX-003")) {
            Files.writeString(dir.resolve(id + ".md"), text(id));
        }
        rules = RuleBase.build(RuleLoader.fromUserDir(tmp.resolve("rules")));
    }

    static Path mustGather(boolean withShop) throws Exception {
        Path top = tmp.resolve(withShop ? "with-shop" : "without-shop");
        if (Files.exists(top)) {
            return top;
        }
        Path sample = TestPaths.project().resolve("src/test/resources/mustgather/sdn-4.12");
        try (Stream<Path> s = Files.walk(sample)) {
            for (Path p : s.toList()) {
                Path t = top.resolve(sample.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        if (withShop) {
            Path mg;
            try (Stream<Path> s = Files.list(top)) {
                mg = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path ns = mg.resolve("inspect.local.4211/namespaces/shop");
            Files.createDirectories(ns.resolve("core"));
            Files.writeString(ns.resolve("shop.yaml"), SHOP_NS);
            Files.writeString(ns.resolve("core/pods.yaml"), SHOP_PODS);
        }
        return top;
    }

    static Diagnosis diagnose(Path capture) throws Exception {
        try (CaptureArchive.Opened opened = CaptureArchive.open(capture, InputLimits.DEFAULTS)) {
            return new Evaluator(rules, 2).evaluate(opened.capture(), "mg");
        }
    }

    @Test
    void aPerNamespaceRuleFindsTheInspectedNamespacesBrokenPodAndSaysItRanInPart() throws Exception {
        Diagnosis d = diagnose(mustGather(true));
        List<String> found = d.findings().stream().map(f -> f.id() + " " + f.node() + " " + f.subject()).toList();
        assertEquals(List.of("NR-NSX-001 worker-1.ocp4.example.com pod/shop/cart-0",
                "NR-NSX-003 worker-1.ocp4.example.com pod/shop/cart-0"), found);

        // The rule that needs every namespace's pods is not run, with the reason it always had.
        assertEquals(List.of("NR-NSX-002"), d.notEvaluated().stream().map(NotEvaluated::id).toList());
        NotEvaluated ne = d.notEvaluated().get(0);
        assertEquals("cluster/pods.json", ne.missing());
        assertTrue(ne.reason().startsWith("cluster/pods.json: not collected: a must-gather holds the pods of the"
                + " namespaces it inspected only ("), ne.reason());
        assertTrue(ne.reason().contains("namespace folders without their namespace file were not inspected: my-app"),
                ne.reason());

        // Both per-namespace rules are listed once: the node rule once for all three nodes.
        assertEquals(2, d.evaluatedInPart().size(), d.evaluatedInPart().toString());
        EvaluatedInPart cluster = d.evaluatedInPart().get(0);
        assertEquals("NR-NSX-001", cluster.id());
        assertNull(cluster.node());
        assertEquals(0, cluster.nodes());
        assertEquals("cluster/pods.json", cluster.inputs());
        assertTrue(cluster.namespaces().contains("shop"), cluster.namespaces().toString());
        assertFalse(cluster.namespaces().contains("my-app"), cluster.namespaces().toString());
        assertTrue(cluster.reason().startsWith("evaluated for the " + cluster.namespaces().size()
                + " namespaces the must-gather inspected whole ("), cluster.reason());
        assertTrue(cluster.reason().contains("shop"), cluster.reason());
        assertFalse(cluster.reason().contains("none of them an application's"), cluster.reason());
        assertTrue(cluster.reason().contains("add `oc adm inspect ns/<namespace>`"), cluster.reason());
        EvaluatedInPart node = d.evaluatedInPart().get(1);
        assertEquals("NR-NSX-003", node.id());
        assertNull(node.node());
        assertEquals(3, node.nodes());

        JsonNode json = MAPPER.readTree(JsonReport.render(d));
        JsonNode part = json.path("evaluatedInPart");
        assertEquals(2, part.size(), part.toString());
        assertEquals("NR-NSX-001", part.get(0).path("id").asText());
        assertFalse(part.get(0).has("node"));
        assertEquals("cluster/pods.json", part.get(0).path("inputs").asText());
        assertEquals(cluster.namespaces().size(), part.get(0).path("namespaces").asInt());
        assertEquals(cluster.reason(), part.get(0).path("reason").asText());
        assertEquals(3, part.get(1).path("nodes").asInt());

        String txt = new TextReport(false, false).render(d);
        assertTrue(txt.contains("Evaluated in part (2)\n  NR-NSX-001: evaluated for the "), txt);
        assertTrue(txt.contains("\n  NR-NSX-003 on 3 nodes: evaluated for the "), txt);
        assertTrue(cluster.reason().endsWith("or `oc get pods -A -o json` to the capture as cluster/pods.json"),
                cluster.reason());
        String md = MarkdownReport.render(d);
        assertTrue(md.contains("## Evaluated in part (2)"), md);
        assertTrue(md.contains("| NR-NSX-003 | 3 nodes | `cluster/pods.json` | evaluated for the "), md);
    }

    @Test
    void withoutAnApplicationNamespaceNothingIsFoundAndTheReasonNamesWhatToAdd() throws Exception {
        Diagnosis d = diagnose(mustGather(false));
        assertEquals(List.of(), d.findings());
        assertEquals(List.of("NR-NSX-002"), d.notEvaluated().stream().map(NotEvaluated::id).toList());
        EvaluatedInPart cluster = d.evaluatedInPart().get(0);
        assertEquals("NR-NSX-001", cluster.id());
        assertTrue(cluster.namespaces().stream().allMatch(n -> n.startsWith("openshift-")),
                cluster.namespaces().toString());
        assertTrue(cluster.reason().contains(", none of them an application's; the pods of other namespaces were not"
                + " collected: add `oc adm inspect ns/<namespace>` to the must-gather"), cluster.reason());
    }

    @Test
    void withTheWholeKindTheRulesAreNotListedAsEvaluatedInPart() throws Exception {
        // A netrules capture's cluster/pods.json holds every namespace: no rule runs in part.
        Path capture = tmp.resolve("whole");
        Files.createDirectories(capture.resolve("cluster"));
        Files.writeString(capture.resolve("cluster/pods.json"), MAPPER.writeValueAsString(
                new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(SHOP_PODS)));
        Diagnosis d = diagnose(capture);
        assertEquals(List.of(), d.evaluatedInPart());
        assertEquals(List.of("NR-NSX-001", "NR-NSX-002"), d.findings().stream().map(ReportFinding::id).toList());
        assertFalse(JsonReport.render(d).contains("evaluatedInPart"));
    }

    @Test
    void perNamespaceIsOnlyForRulesWithANamespacedInputAndTakesNoOtherValue() throws Exception {
        Path dir = tmp.resolve("bad-rules/test");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("NR-NSY-001.drl"), """
                package nsbad;
                import io.netrules.model.ClusterScope;
                import io.netrules.model.Finding;
                rule "per namespace on nodes"
                    @id("NR-NSY-001") @severity(ERROR) @layer("service") @scope(cluster) @guide("test")
                    @requires("nodes") @perNamespace
                when
                    ClusterScope()
                then
                    insert(Finding.of("NR-NSY-001"));
                end
                rule "per namespace false"
                    @id("NR-NSY-001") @severity(ERROR) @layer("service") @scope(cluster) @guide("test")
                    @requires("pods") @perNamespace("false")
                when
                    ClusterScope()
                then
                    insert(Finding.of("NR-NSY-001"));
                end
                """);
        Files.writeString(dir.resolve("NR-NSY-001.md"), text("NR-NSY-001"));
        RuleBuildException e = assertThrows(RuleBuildException.class,
                () -> RuleBase.build(RuleLoader.fromUserDir(tmp.resolve("bad-rules"))));
        assertTrue(e.getMessage().contains("@perNamespace on a rule that requires no namespaced input"), e.getMessage());
        assertTrue(e.getMessage().contains("@perNamespace takes no value (or \"true\")"), e.getMessage());
    }
}
