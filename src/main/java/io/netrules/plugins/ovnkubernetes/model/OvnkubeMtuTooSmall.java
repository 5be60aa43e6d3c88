package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

/**
 * ovnkube-controller refused the node's MTU: its log says {@code MTU (<mtu>) of network
 * interface <iface> is too small for specified overlay MTU (<overlayMtu>)} (in
 * validateVTEPInterfaceMTU; ovnkube-node then exits). {@code time} is the klog stamp as printed
 * ({@code 0102 03:04:05.123456}, no year) or the container runtime's stamp. Older releases
 * print {@code interface MTU (<mtu>) is too small for specified overlay MTU (<overlayMtu>)}:
 * {@code iface} is then null. {@code overlayMtu} is the cluster MTU plus the Geneve header.
 */
public record OvnkubeMtuTooSmall(String node, String time, String iface, int mtu, int overlayMtu, Source source)
        implements NodeFact {
}
