package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.ServicePort;
import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;

/**
 * A Service as OVN-Kubernetes programs it.
 *
 * @param clusterIPs              {@code spec.clusterIPs} (else {@code spec.clusterIP}), without {@code None}
 * @param internalTrafficPolicy   {@code Cluster} (default) or {@code Local}
 * @param idled                   an annotation ending in {@code /idled-at} is set
 * @param inScope                 the catalogue's "services in scope": a cluster IP, not
 *                                {@code ExternalName}, no label {@code service.kubernetes.io/service-proxy-name}
 */
public record OvnService(String namespace, String name, String type, List<String> clusterIPs,
                         List<ServicePort> ports, String internalTrafficPolicy, boolean publishNotReadyAddresses,
                         boolean idled, boolean inScope, Source source) implements Sourced {
    public OvnService {
        clusterIPs = clusterIPs == null ? List.of() : List.copyOf(clusterIPs);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
