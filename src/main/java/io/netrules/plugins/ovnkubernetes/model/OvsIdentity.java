package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * One node's OVS identity as its own {@code ovs-vsctl list Open_vSwitch} says it, read before the
 * node sessions (a pre-pass over every node) and given to every node session and the cluster
 * session, so that a rule of one node can compare its chassis or tunnel peers with the others'.
 *
 * @param systemId          {@code external_ids:system-id} (the node's chassis name), or null
 * @param encapIp           {@code external_ids:ovn-encap-ip}, or null
 * @param encapIpConfigured whether {@code encapIp} is an address of one of the node's interfaces
 *                          (its {@code ip address} listing); null when that listing was not
 *                          collected or there is no encap IP to look for
 * @param source            the Open_vSwitch row's line
 */
public record OvsIdentity(String node, String systemId, String encapIp, Boolean encapIpConfigured, Source source)
        implements Sourced {
}
