package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.time.Instant;

/** A core/v1 Event: what happened to which object, how often and when last. */
public record KubeEvent(String namespace, String reason, String message, String objectKind, String objectNamespace,
                        String objectName, Integer count, Instant lastTimestamp, Source source) implements Sourced {
}
