package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Logical_Switch_Port. {@code switchName} is the switch whose {@code ports} hold it (null when
 * none does); {@code up} and {@code enabled} are null when unset (OVN treats an unset
 * {@code enabled} as enabled). {@code addresses} and {@code portSecurity} are the strings as
 * stored ("MAC IP...", "router", "unknown", "dynamic").
 */
public record LogicalSwitchPort(OvnDb db, String zone, String uuid, String name, String switchName, String type,
                                List<String> addresses, List<String> portSecurity, Boolean up, Boolean enabled,
                                Map<String, String> options, Map<String, String> externalIds,
                                Source source) implements OvnFact {
}
