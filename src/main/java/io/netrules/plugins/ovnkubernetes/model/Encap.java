package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/** Encap: a chassis's tunnel endpoint ({@code type} geneve, {@code ip}), named by {@code chassis_name}. */
public record Encap(OvnDb db, String zone, String uuid, String chassisName, String type, String ip,
                    Map<String, String> options, Source source) implements OvnFact {
}
