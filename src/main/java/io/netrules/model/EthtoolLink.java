package io.netrules.model;

/**
 * What {@code ethtool <iface>} says about a link. {@code speedMbps} and {@code duplex} are null
 * when ethtool prints {@code Unknown!} (virtio does); {@code linkDetected} is null when the
 * output has no {@code Link detected:} line (ethtool run without privileges prints none).
 */
public record EthtoolLink(String node, String iface, Integer speedMbps, String duplex, Boolean linkDetected,
                          String autoNegotiation, Source source) implements NodeFact {
}
