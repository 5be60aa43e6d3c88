package io.netrules.engine;

import io.netrules.model.HostSubnet;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.Node;
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
                return new PrimaryInterface(node, a.iface(), a.address(), a.prefixLength(),
                        iface == null ? null : iface.mtu(), from, evidence);
            }
        }
        return null;
    }
}
