package io.netrules.model;

/**
 * config.openshift.io/v1 ClusterVersion ({@code version}): the release the cluster runs
 * ({@code status.desired.version}); null when the object does not say.
 */
public record ClusterVersion(String name, String version, Source source) implements Sourced {
}
