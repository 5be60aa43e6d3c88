package io.netrules.model;

/**
 * An OpenFlow port of a bridge ({@code ovs-ofctl -O OpenFlow13 dump-ports-desc}): its number,
 * name and state. The bridge's own LOCAL port has ofport -2 (OFPP_LOCAL is shown as LOCAL).
 */
public record OvsPort(String node, String bridge, int ofport, String name, boolean portDown, boolean linkDown,
                      Source source) implements NodeFact {
    public static final int LOCAL = -2;
}
