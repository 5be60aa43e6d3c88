package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/** Gateway_Chassis: {@code routerPort} is the Logical_Router_Port that lists it (or null). */
public record GatewayChassis(OvnDb db, String zone, String uuid, String name, String chassisName, long priority,
                             String routerPort, Map<String, String> options, Map<String, String> externalIds,
                             Source source) implements OvnFact {
}
