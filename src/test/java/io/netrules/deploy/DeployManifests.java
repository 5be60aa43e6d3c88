package io.netrules.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netrules.TestPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads docs/deploy/*.yaml, and checks what its RBAC grants against the requests live mode made. */
public final class DeployManifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeployManifests() {
    }

    public static Path dir() {
        return TestPaths.project().resolve("docs/deploy");
    }

    /** Every object of a manifest file (several YAML documents). */
    public static List<JsonNode> objects(String file) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (var it = YAML.readValues(YAML.getFactory().createParser(dir().resolve(file).toFile()), JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    all.add(n);
                }
            }
        }
        return all;
    }

    public static JsonNode object(String file, String kind, String name) throws IOException {
        return objects(file).stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + kind + " " + name));
    }

    /**
     * One permission: a verb on a resource of an API group, cluster-wide ("*") or in a namespace,
     * on every object of it ({@code name} empty) or on one by name (RBAC's resourceNames).
     */
    public record Permission(String scope, String group, String resource, String verb, String name)
            implements Comparable<Permission> {
        public Permission(String scope, String group, String resource, String verb) {
            this(scope, group, resource, verb, "");
        }

        @Override
        public int compareTo(Permission o) {
            return toString().compareTo(o.toString());
        }
    }

    /**
     * The permissions requests need, as the API server authorizes them: a GET without a name is
     * "list" (cluster-wide when it is not in a namespace), with a name "get", and an exec (a
     * WebSocket GET) is "get" on pods/exec for OpenShift 3.x and "create" for newer Kubernetes,
     * and it needs the client's readiness wait on the pod before it (list and watch); a pod's
     * log is "get" on pods/log.
     */
    public static Set<Permission> used(List<String> requests) {
        Set<Permission> used = new TreeSet<>();
        for (String r : requests) {
            String[] mp = r.split(" ", 2);
            assertEquals("GET", mp[0], "live mode only reads: " + r);
            String path = mp[1].replaceFirst("\\?.*", "");
            String query = mp[1].contains("?") ? mp[1].substring(mp[1].indexOf('?') + 1) : "";
            List<String> seg = new ArrayList<>(List.of(path.substring(1).split("/")));
            String group;
            if (seg.get(0).equals("api")) {
                group = "";
                seg = seg.subList(2, seg.size());
            } else {
                group = seg.get(1);
                seg = seg.subList(3, seg.size());
            }
            String scope = "*";
            if (seg.get(0).equals("namespaces") && seg.size() > 2) {
                scope = seg.get(1);
                seg = seg.subList(2, seg.size());
            }
            String resource = seg.get(0);
            if (seg.size() == 1) {
                used.add(new Permission(scope, group, resource, query.contains("watch=true") ? "watch" : "list"));
            } else if (seg.size() == 2) {
                used.add(new Permission(scope, group, resource, "get", seg.get(1)));
            } else if (seg.get(2).equals("exec")) {
                used.add(new Permission(scope, group, resource + "/exec", "get"));
                used.add(new Permission(scope, group, resource + "/exec", "create"));
                // The client's wait for the pod to be ready before the exec: a list, then a watch,
                // which is sent or not depending on timing (seen both ways against the mock).
                used.add(new Permission(scope, group, resource, "list"));
                used.add(new Permission(scope, group, resource, "watch"));
            } else if (seg.get(2).equals("log")) {
                // A container's log (oc logs): "get" on the pods/log subresource.
                used.add(new Permission(scope, group, resource + "/log", "get"));
            } else {
                throw new AssertionError("a request live mode was not expected to make: " + r);
            }
        }
        return used;
    }

    /**
     * What rbac.yaml grants: every ClusterRole everywhere ("*"), every Role in its namespace.
     * All of them, not only the two netrules binds: a role added later is checked too.
     */
    public static Set<Permission> granted() throws IOException {
        return granted(objects("rbac.yaml"));
    }

    public static Set<Permission> granted(List<JsonNode> manifest) {
        Set<Permission> granted = new TreeSet<>();
        for (JsonNode o : manifest) {
            switch (o.path("kind").asText()) {
                case "ClusterRole" -> addRules(granted, o, "*");
                case "Role" -> addRules(granted, o, o.at("/metadata/namespace").asText());
                default -> {
                }
            }
        }
        return granted;
    }

    /** The read verbs; the one other verb live mode needs is "create" on pods/exec (newer Kubernetes authorizes an exec so). */
    public static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    /**
     * Least privilege, read off the manifest alone: no wildcard, no non-resource URL, no
     * aggregation, no secret or config map, only read verbs (and create on pods/exec), and every
     * binding refers to a role of this manifest (never cluster-admin, edit or view).
     */
    public static void assertLeastPrivilege(List<JsonNode> manifest) {
        Set<String> roles = new TreeSet<>();
        for (JsonNode o : manifest) {
            String kind = o.path("kind").asText();
            if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
                continue;
            }
            String name = kind + " " + o.at("/metadata/name").asText();
            roles.add(name);
            assertTrue(o.path("aggregationRule").isMissingNode(), name + ": an aggregated role grants what others add");
            for (JsonNode rule : o.path("rules")) {
                assertTrue(rule.path("nonResourceURLs").isMissingNode(), name + ": nonResourceURLs " + rule);
                assertTrue(rule.path("resources").size() > 0 && rule.path("verbs").size() > 0, name + ": " + rule);
                for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
                    for (JsonNode v : rule.path(field)) {
                        assertTrue(!v.asText().contains("*"), name + ": wildcard in " + field + ": " + rule);
                    }
                }
                for (JsonNode res : rule.path("resources")) {
                    String r = res.asText();
                    assertTrue(!r.equals("secrets") && !r.startsWith("serviceaccounts"), name + ": grants " + r);
                    // A config map may hold anything: only "get" of the few named ones a plugin reads.
                    boolean namedGet = rule.path("resourceNames").size() > 0 && rule.path("verbs").size() == 1
                            && rule.path("verbs").get(0).asText().equals("get");
                    assertTrue(!r.equals("configmaps") || namedGet, name + ": grants " + r
                            + " beyond get by name: " + rule);
                    for (JsonNode v : rule.path("verbs")) {
                        boolean exec = r.equals("pods/exec") && v.asText().equals("create");
                        assertTrue(READ_VERBS.contains(v.asText()) || exec, name + ": write verb " + v.asText()
                                + " on " + r);
                    }
                }
            }
        }
        for (JsonNode o : manifest) {
            String kind = o.path("kind").asText();
            if (kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding")) {
                String ref = o.at("/roleRef/kind").asText() + " " + o.at("/roleRef/name").asText();
                assertTrue(roles.contains(ref), kind + " " + o.at("/metadata/name").asText() + " binds " + ref
                        + ", which this manifest does not define (and so no test checks)");
            }
        }
    }

    private static void addRules(Set<Permission> out, JsonNode role, String scope) {
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode g : rule.path("apiGroups")) {
                for (JsonNode res : rule.path("resources")) {
                    for (JsonNode v : rule.path("verbs")) {
                        if (rule.path("resourceNames").size() == 0) {
                            out.add(new Permission(scope, g.asText(), res.asText(), v.asText()));
                        }
                        for (JsonNode n : rule.path("resourceNames")) {
                            out.add(new Permission(scope, g.asText(), res.asText(), v.asText(), n.asText()));
                        }
                    }
                }
            }
        }
    }

    /** Every permission the requests needed is granted, and every permission granted was needed. */
    public static void assertGrantsExactly(List<String> requests) throws IOException {
        assertGrantsExactly(requests, objects("rbac.yaml"));
    }

    public static void assertGrantsExactly(List<String> requests, List<JsonNode> manifest) {
        assertLeastPrivilege(manifest);
        Set<Permission> used = used(requests);
        Set<Permission> granted = granted(manifest);
        for (Permission u : used) {
            boolean ok = granted.stream().anyMatch(g -> covers(g, u));
            assertTrue(ok, "rbac.yaml does not grant " + u + " (used by live mode)");
        }
        Set<Permission> unused = new LinkedHashSet<>();
        for (Permission g : granted) {
            // Justified only by a use in the same scope: a cluster-wide grant for a use in one
            // namespace (exec in netrules) grants the same everywhere else.
            if (!used.contains(g) && !(g.name().isEmpty() && used.stream().anyMatch(u -> covers(g, u)
                    && u.scope().equals(g.scope())))) {
                unused.add(g);
            }
        }
        assertEquals(Set.of(), unused, "rbac.yaml grants what live mode never uses");
    }

    private static boolean covers(Permission grant, Permission use) {
        return (grant.scope().equals("*") || grant.scope().equals(use.scope())) && grant.group().equals(use.group())
                && grant.resource().equals(use.resource()) && grant.verb().equals(use.verb())
                && (grant.name().isEmpty() || grant.name().equals(use.name()));
    }
}
