package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists each kind of {@link ClusterKind#ALL} from the API server — read only, {@code list} and
 * nothing else — and writes it to {@code cluster/<kind>.json} as {@code oc get -o json} prints
 * it, so the live objects go through the same reader as a capture's files. Kinds are listed in
 * parallel, each in pages of {@value #PAGE} items written as they arrive. A kind that cannot be
 * listed (forbidden, not served by this server) is left out with the reason; the others go on.
 */
final class ClusterLister {
    static final long PAGE = 500;

    /** What listing one kind gave: how many items, or why it was not collected. */
    record Outcome(ClusterKind kind, int items, ApiFailure failure) {
        boolean collected() {
            return failure == null;
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Duration timeout;
    /** Annotation key prefixes kept on listed objects (the detected plugin's); none before it is known. */
    private volatile List<String> keptAnnotations = List.of();

    /**
     * @param namespace namespaced kinds are listed in this namespace only; null = all namespaces
     * @param timeout   the per-call time limit the client was configured with, for messages
     */
    ClusterLister(KubernetesClient client, String namespace, Duration timeout) {
        this.client = client;
        this.namespace = namespace;
        this.timeout = timeout;
    }

    /** From now on keep these annotations ({@link SecretStripper#strip(ObjectNode, List)}). */
    void keepAnnotations(List<String> prefixes) {
        keptAnnotations = List.copyOf(prefixes);
    }

    List<Outcome> listAll(Path clusterDir, List<ClusterKind> kinds) throws IOException {
        Files.createDirectories(clusterDir);
        ExecutorService pool = Executors.newFixedThreadPool(kinds.size(), r -> {
            Thread t = new Thread(r, "netrules-list");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (ClusterKind k : kinds) {
                futures.add(pool.submit(() -> list(k, clusterDir)));
            }
            return Futures.all(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Lists one kind into {@code cluster/<kind>.json}; the file appears only when the whole list was read. */
    Outcome list(ClusterKind kind, Path clusterDir) throws IOException {
        Path file = clusterDir.resolve(kind.input() + ".json");
        Path part = clusterDir.resolve(kind.input() + ".json.part");
        try {
            int items;
            try {
                items = write(kind, part, true);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 410) {
                    throw e;
                }
                // 410 Gone: the continue token expired between pages; read it again in one go.
                items = write(kind, part, false);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(kind, items, null);
        } catch (KubernetesClientException e) {
            Files.deleteIfExists(part);
            return new Outcome(kind, 0, ApiFailure.of(e, kind.names().isEmpty() ? "list" : "get", kind, namespace,
                    timeout));
        }
    }

    private int write(ClusterKind kind, Path part, boolean paged) throws IOException {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(kind.context());
        int items = 0;
        try (OutputStream out = Files.newOutputStream(part); OcJson json = new OcJson(out)) {
            if (!kind.names().isEmpty()) {
                // Read by name ("get"): an object that does not exist is left out (a 404 of one
                // name is an answer, not a failure); a refusal fails the kind as a list would.
                for (String name : kind.names()) {
                    int slash = name.indexOf('/');
                    GenericKubernetesResource r = slash < 0 ? op.withName(name).get()
                            : op.inNamespace(name.substring(0, slash)).withName(name.substring(slash + 1)).get();
                    if (r != null) {
                        json.item(item(kind, r));
                        items++;
                    }
                }
                json.finish();
                return items;
            }
            String next = null;
            do {
                ListOptions options = paged ? new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build()
                        : new ListOptions();
                GenericKubernetesResourceList page = !kind.namespaced() ? op.list(options)
                        : namespace == null ? op.inAnyNamespace().list(options)
                        : op.inNamespace(namespace).list(options);
                for (GenericKubernetesResource r : page.getItems()) {
                    json.item(item(kind, r));
                    items++;
                }
                next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            } while (paged && next != null && !next.isEmpty());
            json.finish();
        }
        return items;
    }

    /**
     * The item as JSON, with the apiVersion and kind the API server leaves out of list items (oc
     * adds them too), and without what may carry a secret ({@link SecretStripper}).
     */
    private JsonNode item(ClusterKind kind, GenericKubernetesResource r) {
        ObjectNode node = client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
        if (!node.hasNonNull("apiVersion")) {
            node.put("apiVersion", kind.apiVersion());
        }
        if (!node.hasNonNull("kind")) {
            node.put("kind", kind.kind());
        }
        SecretStripper.strip(node, keptAnnotations);
        return node;
    }
}
