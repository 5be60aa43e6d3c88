package io.netrules.model;

import java.util.Map;

/**
 * A port as the OVS database holds it ({@code ovs-vsctl show}): its interface type and options,
 * and the error OVS recorded on it, if any.
 */
public record OvsDbPort(String node, String bridge, String name, String type, Map<String, String> options,
                        String error, Source source) implements NodeFact {
    public OvsDbPort {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
