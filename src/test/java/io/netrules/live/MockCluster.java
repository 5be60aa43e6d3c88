package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fabric8 mock API server in CRUD mode on 127.0.0.1 only, loaded with a sample capture's
 * cluster objects (HostSubnets, NetNamespaces, ClusterNetworks and Routes as the OpenShift API
 * groups serve them, plus nodes, pods, services and endpoints), and a kubeconfig pointing at it.
 * Expectations ({@link #expect()}) answer before the CRUD store, to play a 403 or a 404.
 */
final class MockCluster implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final Path kubeconfig;
    private int setupRequests;

    MockCluster(Path tmp) throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, kubeconfigText(url(), "tester", "default", "token: test-token"));
    }

    /**
     * A kubeconfig with one cluster {@code mock} at {@code server}, its one context (with
     * {@code namespace}, unless null) current, and user {@code user} whose fields are
     * {@code userFields} ({@code key: value} each).
     */
    static String kubeconfigText(String server, String user, String namespace, String... userFields) {
        StringBuilder s = new StringBuilder("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: %s
                """.formatted(server, user));
        if (namespace != null) {
            s.append("    namespace: ").append(namespace).append('\n');
        }
        s.append("current-context: mock\nusers:\n- name: ").append(user).append("\n  user:\n");
        for (String f : userFields) {
            s.append("    ").append(f).append('\n');
        }
        return s.toString();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    MockServerExpectation expect() {
        return server.expect();
    }

    NamespacedKubernetesClient client() {
        return client;
    }

    /** Loads every object of {@code capture/cluster/*.json} into the store. */
    MockCluster load(Path capture) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(capture.resolve("cluster"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            for (JsonNode item : MAPPER.readTree(f.toFile()).path("items")) {
                create(item);
            }
        }
        return this;
    }

    /** Creates one object, of any kind live mode reads, as the API server would store it. */
    void create(JsonNode item) {
        String kindName = item.path("kind").asText();
        String apiVersion = item.path("apiVersion").asText();
        ClusterKind kind = ClusterKind.every().stream().filter(k -> k.kind().equals(kindName)
                        && k.apiVersion().equals(apiVersion)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a kind live mode reads: " + kindName));
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(item,
                GenericKubernetesResource.class);
        var op = client.genericKubernetesResources(kind.context());
        if (kind.namespaced()) {
            op.inNamespace(r.getMetadata().getNamespace()).resource(r).create();
        } else {
            op.resource(r).create();
        }
    }

    /** Forgets the requests made so far (the test's own loading), so {@link #requests()} shows netrules' only. */
    void markSetupDone() {
        setupRequests = server.getRequestCount();
    }

    /** The requests netrules made since {@link #markSetupDone()}: "METHOD path". */
    List<String> requests() throws InterruptedException {
        List<String> all = new ArrayList<>();
        int n = server.getRequestCount();
        for (int i = 0; i < n; i++) {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) {
                break;
            }
            if (i >= setupRequests) {
                all.add(r.getMethod() + " " + r.getPath());
            }
        }
        setupRequests = 0;
        return all;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
