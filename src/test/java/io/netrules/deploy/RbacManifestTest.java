package io.netrules.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/deploy/rbac.yaml grants only what live mode uses. The comparison with the requests of a
 * real run against the mock server is in {@code ExecCollectMockTest} (a full --exec-collect run);
 * here, the manifest's own shape, and proof that the check fails for each way of granting more.
 */
class RbacManifestTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The requests of a full live run with --exec-collect, as ExecCollectMockTest records them. */
    static final List<String> FULL_RUN = List.of(
            "GET /api/v1/nodes?limit=500", "GET /api/v1/pods?limit=500", "GET /api/v1/services?limit=500",
            "GET /api/v1/endpoints?limit=500", "GET /apis/network.openshift.io/v1/hostsubnets?limit=500",
            "GET /apis/network.openshift.io/v1/netnamespaces?limit=500",
            "GET /apis/network.openshift.io/v1/clusternetworks?limit=500",
            "GET /apis/route.openshift.io/v1/routes?limit=500",
            "GET /apis/config.openshift.io/v1/networks?limit=500",
            "GET /api/v1/namespaces/netrules/pods?labelSelector=app%3Dnetrules-collector",
            "GET /api/v1/namespaces/netrules/pods/netrules-collector-node-1/exec?command=netrules&container=collector");

    static List<JsonNode> shipped() throws Exception {
        List<JsonNode> copy = new ArrayList<>();
        for (JsonNode o : DeployManifests.objects("rbac.yaml")) {
            copy.add(o.deepCopy());
        }
        return copy;
    }

    static ObjectNode find(List<JsonNode> manifest, String kind, String name) {
        return (ObjectNode) manifest.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.at("/metadata/name").asText())).findFirst().orElseThrow();
    }

    static void assertCaught(String what, Consumer<List<JsonNode>> change) throws Exception {
        List<JsonNode> m = shipped();
        change.accept(m);
        AssertionError e = assertThrows(AssertionError.class, () -> DeployManifests.assertGrantsExactly(FULL_RUN, m),
                what + " must fail the check");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what);
    }

    static ObjectNode rule(String group, String resource, String verb) {
        ObjectNode r = MAPPER.createObjectNode();
        r.putArray("apiGroups").add(group);
        r.putArray("resources").add(resource);
        r.putArray("verbs").add(verb);
        return r;
    }

    static void addRule(List<JsonNode> m, ObjectNode rule) {
        ((ArrayNode) find(m, "ClusterRole", "netrules-reader").get("rules")).add(rule);
    }

    @Test
    void theShippedManifestGrantsExactlyWhatAFullRunUses() throws Exception {
        DeployManifests.assertGrantsExactly(FULL_RUN, shipped());
        DeployManifests.assertGrantsExactly(FULL_RUN);
    }

    @Test
    void everyWayOfGrantingMoreIsCaught() throws Exception {
        assertCaught("a * verb", m -> addRule(m, rule("", "pods", "*")));
        assertCaught("a * resource", m -> addRule(m, rule("", "*", "list")));
        assertCaught("a * API group", m -> addRule(m, rule("*", "nodes", "list")));
        assertCaught("a write verb", m -> addRule(m, rule("", "pods", "delete")));
        assertCaught("patch on nodes", m -> addRule(m, rule("", "nodes", "patch")));
        assertCaught("reading secrets", m -> addRule(m, rule("", "secrets", "get")));
        assertCaught("listing config maps", m -> addRule(m, rule("", "configmaps", "list")));
        assertCaught("a resource live mode never asks for", m -> addRule(m, rule("", "namespaces", "list")));
        assertCaught("get on a kind live mode only lists", m -> addRule(m, rule("", "nodes", "get")));
        assertCaught("non-resource URLs", m -> {
            ObjectNode r = MAPPER.createObjectNode();
            r.putArray("nonResourceURLs").add("/metrics");
            r.putArray("verbs").add("get");
            addRule(m, r);
        });
        assertCaught("exec cluster-wide instead of in the collector namespace",
                m -> addRule(m, rule("", "pods/exec", "get")));
        assertCaught("another ClusterRole", m -> {
            ObjectNode role = MAPPER.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1")
                    .put("kind", "ClusterRole");
            role.putObject("metadata").put("name", "netrules-extra");
            role.putArray("rules").add(rule("", "events", "list"));
            m.add(role);
        });
        assertCaught("a binding to cluster-admin", m -> {
            ObjectNode b = MAPPER.createObjectNode().put("apiVersion", "rbac.authorization.k8s.io/v1")
                    .put("kind", "ClusterRoleBinding");
            b.putObject("metadata").put("name", "netrules-admin");
            b.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole")
                    .put("name", "cluster-admin");
            m.add(b);
        });
        assertCaught("an aggregated ClusterRole", m -> find(m, "ClusterRole", "netrules-reader")
                .putObject("aggregationRule").putArray("clusterRoleSelectors"));
    }
}
