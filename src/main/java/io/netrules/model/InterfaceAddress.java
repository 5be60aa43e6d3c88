package io.netrules.model;

/**
 * One address on an interface: {@code address} without prefix, {@code prefixLength}, and
 * {@code family} "inet" or "inet6". Kept apart from NetInterface so rules can join on the address.
 */
public record InterfaceAddress(String node, String iface, String address, int prefixLength, String family,
                               Source source) implements NodeFact {
    public String cidr() {
        return address + "/" + prefixLength;
    }
}
