package io.netrules.model;

/** The answer of {@code ip route get <destination>}: the device, gateway and source chosen. */
public record RouteLookup(String node, String destination, String dev, String via, String src, Source source)
        implements NodeFact {
}
