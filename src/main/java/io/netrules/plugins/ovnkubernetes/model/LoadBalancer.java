package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;

import java.util.Map;

/**
 * Load_Balancer. {@code vips}: VIP ("172.30.0.10:80", "[fd00::1]:80") to its backends as
 * stored, comma-separated ("" when none); {@code protocol} "tcp" when unset, as OVN applies it.
 */
public record LoadBalancer(OvnDb db, String zone, String uuid, String name, String protocol,
                           Map<String, String> vips, Map<String, String> options, Map<String, String> externalIds,
                           Source source) implements OvnFact {
}
