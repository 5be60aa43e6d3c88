package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Logical_Switch. {@code ports} are the names of its Logical_Switch_Ports, {@code loadBalancers}
 * and {@code loadBalancerGroups} the names of those attached directly; a reference the file
 * does not resolve stays as its UUID. {@code otherConfig} holds {@code subnet},
 * {@code exclude_ips}.
 */
public record LogicalSwitch(OvnDb db, String zone, String uuid, String name, List<String> ports,
                            List<String> loadBalancers, List<String> loadBalancerGroups,
                            Map<String, String> otherConfig, Map<String, String> externalIds,
                            Source source) implements OvnFact {
}
