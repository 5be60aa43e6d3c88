package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/** SB_Global: {@code nb_cfg}, {@code ipsec}, {@code options}. */
public record SbGlobal(OvnDb db, String zone, String uuid, long nbCfg, boolean ipsec, Map<String, String> options,
                       Map<String, String> externalIds, Source source) implements OvnFact {
}
