package io.netrules.model;

import java.util.List;

/**
 * A cluster node ({@code oc get nodes}): its InternalIP, every address it reports, and whether
 * pods can be scheduled there.
 */
public record Node(String name, String internalIP, List<String> addresses, boolean unschedulable,
                   Boolean ready, Source source) implements Sourced {
    public Node {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
