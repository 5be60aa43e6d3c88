package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;

/** An {@code egressips.k8s.ovn.org} object: the IPs asked for and where each was assigned. */
public record EgressIP(String name, List<String> specEgressIPs, List<Assignment> status, Source source)
        implements Sourced {
    public EgressIP {
        specEgressIPs = specEgressIPs == null ? List.of() : List.copyOf(specEgressIPs);
        status = status == null ? List.of() : List.copyOf(status);
    }

    /** {@code status.items[]}. */
    public record Assignment(String egressIP, String node) {
    }
}
