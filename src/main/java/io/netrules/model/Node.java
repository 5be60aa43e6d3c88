package io.netrules.model;

import java.util.List;

/**
 * A cluster node ({@code oc get nodes}): its InternalIP, every address it reports, and whether
 * pods can be scheduled there; {@code kubeletVersion} is {@code status.nodeInfo.kubeletVersion}
 * ({@code v1.11.0+d4cacc0}), which tells the platform release when nothing else does.
 */
public record Node(String name, String internalIP, List<String> addresses, boolean unschedulable,
                   Boolean ready, String kubeletVersion, Source source) implements Sourced {
    public Node {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A node whose kubelet version is not known. */
    public Node(String name, String internalIP, List<String> addresses, boolean unschedulable, Boolean ready,
                Source source) {
        this(name, internalIP, addresses, unschedulable, ready, null, source);
    }
}
