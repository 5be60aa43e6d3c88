package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * An OVS interface on {@code claimingNode} whose {@code external_ids:iface-id} names a pod
 * ({@code <namespace>_<pod>}) that runs on another node, {@code podNode}: its ovn-controller
 * would claim the pod's logical port away from the pod's own node. Found by the pre-pass over
 * every node's {@code ovs-vsctl list interface}, given to {@code podNode}'s session.
 *
 * @param ifaceId the iface-id as written ({@code <namespace>_<pod>})
 * @param source  the interface's line in the claiming node's file
 */
public record ForeignPortClaim(String podNode, String claimingNode, String ifaceId, Source source)
        implements Sourced {
}
