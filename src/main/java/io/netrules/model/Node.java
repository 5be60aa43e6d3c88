package io.netrules.model;

import java.util.List;

/**
 * A cluster node ({@code oc get nodes}): its InternalIP, every address it reports, whether
 * pods can be scheduled there, and the kubelet's version ({@code status.nodeInfo.kubeletVersion},
 * e.g. {@code v1.11.0+d4cacc0} on OKD 3.11, {@code v1.23.5+3afdacb} on OpenShift 4.10; null when
 * not shown), which tells the platform's major version when nothing better does.
 */
public record Node(String name, String internalIP, List<String> addresses, boolean unschedulable,
                   Boolean ready, Source source, String kubeletVersion) implements Sourced {
    public Node {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A node whose kubelet version is not known. */
    public Node(String name, String internalIP, List<String> addresses, boolean unschedulable, Boolean ready,
                Source source) {
        this(name, internalIP, addresses, unschedulable, ready, source, null);
    }
}
