package io.netrules.model;

/**
 * config.openshift.io/v1 ClusterVersion ({@code oc get clusterversion version -o json}): the
 * version the cluster runs: the newest {@code status.history} entry whose state is
 * {@code Completed}, else {@code status.desired.version} (an install or first update still in
 * progress). OKD's versions say so ({@code 4.12.0-0.okd-2023-03-18-084815}).
 */
public record ClusterVersion(String name, String version, String desiredVersion, Source source) implements Sourced {
}
