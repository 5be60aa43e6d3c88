package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;

/**
 * A {@code discovery.k8s.io/v1} EndpointSlice.
 *
 * @param serviceName label {@code kubernetes.io/service-name}, or null
 * @param managedBy   label {@code endpointslice.kubernetes.io/managed-by}, or null
 * @param headless    label {@code service.kubernetes.io/headless} present
 * @param addressType {@code IPv4}, {@code IPv6}, {@code FQDN}
 */
public record EndpointSlice(String namespace, String name, String serviceName, String managedBy, boolean headless,
                            String addressType, List<Endpoint> endpoints, List<Port> ports, String resourceVersion,
                            Source source) implements Sourced {
    public EndpointSlice {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** {@code endpoints[]}: a condition is null when the slice does not say it. */
    public record Endpoint(List<String> addresses, Boolean ready, Boolean serving, Boolean terminating,
                           String nodeName) {
        public Endpoint {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    /** {@code ports[]}: name may be null (a service's single unnamed port), protocol defaults to TCP. */
    public record Port(String name, Integer port, String protocol) {
    }
}
