package io.netrules.model;

import java.util.List;

/**
 * One address of an Endpoints object ({@code subsets[].addresses} when ready,
 * {@code subsets[].notReadyAddresses} when not), with the pod and node it points at.
 */
public record EndpointAddress(String namespace, String service, String ip, String nodeName, String targetPod,
                              boolean ready, List<ServicePort> ports, Source source) implements Sourced {
    public EndpointAddress {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
