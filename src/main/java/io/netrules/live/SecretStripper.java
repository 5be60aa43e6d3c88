package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Takes out of each listed object, before it is written to the capture, what can carry a
 * secret and what no rule reads: every annotation (kubectl's last-applied-configuration holds
 * whole manifests, Secrets included), managedFields, the environment, command and arguments
 * of every container of a pod (env values, envFrom references, passwords on command lines), and
 * a route's TLS key and certificates. Captures travel (tickets, e-mail): they must hold nothing
 * a customer would not post. Live mode never lists Secrets or ConfigMaps at all.
 */
final class SecretStripper {
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");
    static final List<String> CONTAINER_FIELDS = List.of("env", "envFrom", "command", "args");
    static final List<String> ROUTE_TLS_FIELDS = List.of("key", "certificate", "caCertificate",
            "destinationCACertificate");

    private SecretStripper() {
    }

    static void strip(ObjectNode item) {
        strip(item, List.of());
    }

    /**
     * @param keptAnnotations annotation key prefixes the network plugin's rules read
     *                        ({@link io.netrules.plugin.NetworkPlugin#liveAnnotationPrefixes}):
     *                        those annotations stay, every other goes
     */
    static void strip(ObjectNode item, List<String> keptAnnotations) {
        if (item.get("metadata") instanceof ObjectNode meta) {
            if (meta.get("annotations") instanceof ObjectNode annotations && !keptAnnotations.isEmpty()) {
                List<String> names = new java.util.ArrayList<>();
                annotations.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (keptAnnotations.stream().noneMatch(name::startsWith)) {
                        annotations.remove(name);
                    }
                }
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            } else {
                meta.remove("annotations");
            }
            meta.remove("managedFields");
        }
        String kind = item.path("kind").asText();
        JsonNode spec = item.path("spec");
        if (kind.equals("Pod")) {
            for (String list : CONTAINER_LISTS) {
                for (JsonNode c : spec.path(list)) {
                    if (c instanceof ObjectNode container) {
                        CONTAINER_FIELDS.forEach(container::remove);
                    }
                }
            }
        } else if (kind.equals("Route") && spec.path("tls") instanceof ObjectNode tls) {
            ROUTE_TLS_FIELDS.forEach(tls::remove);
        }
    }

    /** A URL without the user:password part some kubeconfigs and --url values carry. */
    static String withoutUserInfo(String url) {
        return io.netrules.probe.Prober.withoutUserInfo(url);
    }
}
