package io.netrules.engine;

import io.netrules.model.HostSubnet;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.Node;
import io.netrules.model.OvsDbPort;
import io.netrules.model.PrimaryInterface;
import io.netrules.model.Source;

import java.util.List;

/**
 * Derives a node's primary interface (capture-layout.md): the interface that holds the node's
 * InternalIP or, failing that, its HostSubnet hostIP.
 */
final class PrimaryInterfaces {
    private PrimaryInterfaces() {
    }

    static PrimaryInterface derive(String node, Node nodeObject, HostSubnet hostSubnet,
                                   List<InterfaceAddress> addresses, List<NetInterface> interfaces) {
        return derive(node, nodeObject, hostSubnet, addresses, interfaces, List.of());
    }

    /**
     * As above; {@code ovsPorts} ({@code ovs-vsctl show}) give the uplink of a primary interface
     * that is an OVS internal port (the bridge {@code br-ex} of OVN-Kubernetes): its link is read on
     * that uplink (catalogue trap 16), never on the bridge.
     */
    static PrimaryInterface derive(String node, Node nodeObject, HostSubnet hostSubnet,
                                   List<InterfaceAddress> addresses, List<NetInterface> interfaces,
                                   List<OvsDbPort> ovsPorts) {
        String address = null;
        String from = null;
        if (nodeObject != null && nodeObject.internalIP() != null) {
            address = nodeObject.internalIP();
            from = "InternalIP of node/" + node;
        } else if (hostSubnet != null && hostSubnet.hostIP() != null) {
            address = hostSubnet.hostIP();
            from = "hostIP of hostsubnet/" + hostSubnet.name();
        }
        if (address == null) {
            return null;
        }
        for (InterfaceAddress a : addresses) {
            if (address.equals(a.address())) {
                NetInterface iface = interfaces.stream().filter(i -> i.name().equals(a.iface())).findFirst()
                        .orElse(null);
                // The evidence is the interface's own line (it shows the MTU and state), with why
                // this interface is the primary one.
                Source src = iface != null && iface.source() != null ? iface.source() : a.source();
                Source evidence = new Source(src.file(), src.line(),
                        src.text() + "  [primary: holds " + a.address() + ", the " + from + "]");
                String link = iface != null && "openvswitch".equals(iface.kind())
                        ? uplink(a.iface(), ovsPorts) : a.iface();
                return new PrimaryInterface(node, a.iface(), a.address(), a.prefixLength(),
                        iface == null ? null : iface.mtu(), from, link, evidence);
            }
        }
        return null;
    }

    /**
     * The one port of OVS bridge {@code bridge} that is a system device (a NIC, a VLAN or a bond
     * device: no {@code type} in {@code ovs-vsctl show}), other than the bridge's own internal
     * port; null when there is none or more than one.
     */
    private static String uplink(String bridge, List<OvsDbPort> ports) {
        String found = null;
        for (OvsDbPort p : ports) {
            if (bridge.equals(p.bridge()) && !bridge.equals(p.name()) && (p.type() == null || p.type().isEmpty())) {
                if (found != null && !found.equals(p.name())) {
                    return null;
                }
                found = p.name();
            }
        }
        return found;
    }
}
