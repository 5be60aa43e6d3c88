package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.List;
import java.util.Map;

/**
 * Port_Binding. {@code chassis} and {@code requestedChassis}: the Chassis {@code name}s
 * (system-ids), null when unset; {@code datapath}: the name of the logical switch or router
 * it belongs to (the Datapath_Binding's {@code external_ids:name}), null when unknown;
 * {@code up} null when unset.
 */
public record PortBinding(OvnDb db, String zone, String uuid, String logicalPort, String type, String datapath,
                          String chassis, String requestedChassis, Boolean up, List<String> mac, long tunnelKey,
                          Map<String, String> options, Map<String, String> externalIds,
                          Source source) implements OvnFact {
}
