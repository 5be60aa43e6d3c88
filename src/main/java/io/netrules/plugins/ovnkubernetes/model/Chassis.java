package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Chassis. {@code name} is the node's OVS system-id (its {@code k8s.ovn.org/node-chassis-id});
 * {@code hostname} OVS's host name for a local chassis, the node name for a remote one;
 * {@code encaps}: UUIDs of its Encap rows (each Encap names its chassis);
 * {@code remote}: {@code other_config:is-remote=true} (another zone's node, IC).
 */
public record Chassis(OvnDb db, String zone, String uuid, String name, String hostname, List<String> encaps,
                      boolean remote, Map<String, String> otherConfig, Map<String, String> externalIds,
                      Source source) implements OvnFact {
}
