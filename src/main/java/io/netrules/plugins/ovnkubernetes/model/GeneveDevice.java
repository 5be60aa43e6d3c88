package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

/**
 * A kernel Geneve device as {@code ip -d link} shows it ({@code genev_sys_6081}, which
 * ovs-vswitchd creates for OVS Geneve ports in the kernel datapath). {@code dstPort} is the
 * {@code dstport} of its {@code geneve} detail line (null if that line names none);
 * {@code up}: the header's flags contain {@code UP}. Source: the link's header line.
 */
public record GeneveDevice(String node, String name, Integer mtu, Integer dstPort, boolean up, Source source)
        implements NodeFact {
}
