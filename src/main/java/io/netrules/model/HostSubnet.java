package io.netrules.model;

/** network.openshift.io/v1 HostSubnet: the pod subnet given to one host and that host's IP. */
public record HostSubnet(String name, String host, String hostIP, String subnet, Source source) implements Sourced {
}
