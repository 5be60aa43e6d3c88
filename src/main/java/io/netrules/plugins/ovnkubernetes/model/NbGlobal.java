package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/** NB_Global: {@code name} (the node, in IC mode), {@code ipsec}, config sequence numbers, {@code options}. */
public record NbGlobal(OvnDb db, String zone, String uuid, String name, boolean ipsec, long nbCfg, long sbCfg,
                       long hvCfg, Map<String, String> options, Map<String, String> externalIds,
                       Source source) implements OvnFact {
}
