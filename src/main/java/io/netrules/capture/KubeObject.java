package io.netrules.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.model.Source;

/**
 * An API object as read, for a network plugin to map ({@code NetworkPlugin#clusterFacts}): the
 * objects of {@link ClusterInputs#RAW_KINDS}, and a trimmed copy of every Node and Pod (their
 * metadata without managed fields and last-applied configuration, {@code spec.nodeName},
 * {@code spec.hostNetwork}, and {@code status} phase, addresses, conditions and container
 * statuses), whose annotations and labels the core's {@code Node} and {@code Pod} do not keep.
 * Never inserted into a session.
 *
 * @param input the cluster input it was read for ({@code nodes}, {@code endpointslices}, ...)
 * @param kind  the object's own {@code kind} ({@code EndpointSlice}), else the input
 */
public record KubeObject(String input, String kind, String namespace, String name, JsonNode object, String file,
                         int line) {

    /** Where the object starts, described as {@code <kind>/<namespace>/<name>}. */
    public Source source() {
        return Source.of(file, line, (kind == null ? input : kind).toLowerCase(java.util.Locale.ROOT) + "/"
                + (namespace == null ? "" : namespace + "/") + name);
    }

    /** Its {@code metadata}. */
    public JsonNode metadata() {
        return object.path("metadata");
    }
}
