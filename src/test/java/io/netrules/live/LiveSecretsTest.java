package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.SAMPLE;
import static io.netrules.live.LiveClusterTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets planted in the mock cluster and in the kubeconfig netrules connects with — a Secret
 * object, a pod's environment values, envFrom, command-line password, a last-applied-configuration
 * annotation holding a Secret manifest, managedFields, a route's TLS key, the kubeconfig's
 * token, password and a password in the server URL, a password in --url — appear nowhere in a saved live capture, in
 * any report format, or on stderr; neither as written nor base64-encoded.
 */
class LiveSecretsTest {
    /** Each planted value, by where it was planted. */
    static final Map<String, String> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("Secret object data", "planted-secret-data-5b1f");
        PLANTED.put("Secret object stringData", "planted-secret-string-a73c");
        PLANTED.put("pod env value", "planted-env-value-09d2");
        PLANTED.put("pod initContainer env value", "planted-init-env-4e8a");
        PLANTED.put("pod envFrom secret name", "planted-envfrom-name-c6e1");
        PLANTED.put("pod command-line password", "planted-arg-password-7f30");
        PLANTED.put("last-applied-configuration annotation", "planted-last-applied-2d94");
        PLANTED.put("managedFields", "planted-managed-field-8b05");
        PLANTED.put("route TLS key", "planted-tls-private-key-e41b");
        PLANTED.put("kubeconfig token", "planted-kubeconfig-token-31aa");
        PLANTED.put("kubeconfig password", "planted-kubeconfig-password-6c0d");
        PLANTED.put("password in the server URL", "planted-url-password-f9e7");
        PLANTED.put("password in --url", "planted-probe-url-password-12bd");
    }

    static String v(String where) {
        return PLANTED.get(where);
    }

    @Test
    void noPlantedSecretReachesTheCaptureOrAnyReport(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            plant(mock);
            Path kubeconfig = tmp.resolve("kubeconfig-with-secrets");
            String server = mock.url().replace("http://", "http://netrules:" + v("password in the server URL") + "@");
            Files.writeString(kubeconfig, MockCluster.kubeconfigText(server, "admin", null,
                    "token: " + v("kubeconfig token"), "username: admin", "password: " + v("kubeconfig password")));

            int closedPort;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                closedPort = s.getLocalPort();
            }
            // A probe to a closed port on 127.0.0.1: refused, and recorded with its URL.
            String url = "http://netrules:" + v("password in --url") + "@127.0.0.1:" + closedPort + "/";
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run live = run("diagnose", "--cluster", "--kubeconfig", kubeconfig.toString(),
                    "--node-captures", SAMPLE.toString(), "--save-capture", saved.toString(), "--format", "json",
                    "--explain", "--url", url, "--probe-timeout", "2s");
            assertEquals(1, live.status(), live.err());
            assertEquals("", live.err());
            // The planted objects were listed (so the scan below means something), stripped.
            JsonNode pods = MAPPER.readTree(saved.resolve("cluster/pods.json").toFile());
            JsonNode planted = null;
            for (JsonNode p : pods.get("items")) {
                if (p.at("/metadata/name").asText().equals("leaky")) {
                    planted = p;
                }
            }
            assertTrue(planted != null, "the planted pod was listed");
            assertEquals("app", planted.at("/spec/containers/0/name").asText(), "the container itself is kept");
            assertEquals("leaky", planted.at("/metadata/labels/app").asText(), "labels are kept: selectors need them");
            assertTrue(Files.readString(saved.resolve("cluster/routes.json")).contains("leaky-route"));
            assertTrue(Files.readString(saved.resolve("probes/probes.jsonl")).contains("\"url\":\"http://127.0.0.1:"
                    + closedPort + "/\""), "the probe is recorded, without its user:password");

            List<String> leaks = new ArrayList<>();
            scan("stderr of the live run", live.err(), leaks);
            scan("the live run's report", live.out(), leaks);
            try (Stream<Path> files = Files.walk(saved)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    scan(saved.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8),
                            leaks);
                }
            }
            for (String format : List.of("text", "json", "html", "sarif", "junit", "markdown")) {
                // --explain adds the facts' kinds and the rules' parameters: worth a look in two formats.
                for (boolean explain : format.equals("text") || format.equals("markdown") ? List.of(false, true)
                        : List.of(false)) {
                    List<String> args = new ArrayList<>(List.of("diagnose", "--capture", saved.toString(), "--format",
                            format));
                    if (explain) {
                        args.add("--explain");
                    }
                    LiveClusterTest.Run r = run(args.toArray(String[]::new));
                    assertEquals(1, r.status(), format + ": " + r.err());
                    scan("--format " + format + (explain ? " --explain" : ""), r.out() + r.err(), leaks);
                }
            }
            assertEquals(List.of(), leaks);
        }
    }

    /** Each planted value found in the text, as written or base64-encoded. */
    static void scan(String where, String text, List<String> leaks) {
        for (Map.Entry<String, String> e : PLANTED.entrySet()) {
            String value = e.getValue();
            String b64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            if (text.contains(value) || text.contains(b64.substring(0, b64.length() - 4))) {
                leaks.add(e.getKey() + " in " + where);
            }
        }
    }

    static void plant(MockCluster mock) throws Exception {
        mock.client().secrets().inNamespace("myproj").resource(new SecretBuilder().withNewMetadata()
                .withName("db-credentials").withNamespace("myproj").endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString(v("Secret object data")
                        .getBytes(StandardCharsets.UTF_8)))
                .addToStringData("user", v("Secret object stringData")).build()).create();
        String lastApplied = MAPPER.writeValueAsString(Map.of("kind", "Secret", "stringData",
                Map.of("password", v("last-applied-configuration annotation"))));
        mock.create(MAPPER.readTree("""
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "leaky", "namespace": "myproj", "labels": {"app": "leaky"},
                              "annotations": {"kubectl.kubernetes.io/last-applied-configuration": %s},
                              "managedFields": [{"manager": "kubectl", "operation": "Apply",
                                                 "fieldsV1": {"f:metadata": {"f:labels": {"f:%s": {}}}}}]},
                 "spec": {"nodeName": "node-1",
                          "initContainers": [{"name": "init", "image": "busybox",
                                              "env": [{"name": "INIT_TOKEN", "value": "%s"}]}],
                          "containers": [{"name": "app", "image": "registry.example/app:1",
                                          "command": ["/app", "--db-password=%s"],
                                          "env": [{"name": "DB_PASSWORD", "value": "%s"},
                                                  {"name": "FROM_SECRET", "valueFrom": {"secretKeyRef":
                                                      {"name": "db-credentials", "key": "password"}}}],
                                          "envFrom": [{"secretRef": {"name": "%s"}}]}]},
                 "status": {"phase": "Running", "podIP": "10.128.0.77", "hostIP": "10.0.0.1",
                            "conditions": [{"type": "Ready", "status": "True"}]}}
                """.formatted(MAPPER.writeValueAsString(lastApplied), v("managedFields"),
                v("pod initContainer env value"), v("pod command-line password"), v("pod env value"),
                v("pod envFrom secret name"))));
        mock.create(MAPPER.readTree("""
                {"apiVersion": "route.openshift.io/v1", "kind": "Route",
                 "metadata": {"name": "leaky-route", "namespace": "myproj"},
                 "spec": {"host": "leaky.apps.example", "to": {"kind": "Service", "name": "web"},
                          "tls": {"termination": "edge",
                                  "key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----",
                                  "certificate": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----"}}}
                """.formatted(v("route TLS key"))));
    }
}
