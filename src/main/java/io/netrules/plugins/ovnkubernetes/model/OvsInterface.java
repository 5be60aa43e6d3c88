package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

import java.util.Map;

/**
 * A row of a node's OVS {@code Interface} table as {@code ovs-vsctl list interface} shows it.
 * {@code type} is as printed ({@code ""} for a system interface, {@code internal},
 * {@code geneve}, {@code patch}...); {@code ofport} is -1 when OVS could not attach the
 * interface and null while it has none yet; {@code error} is null when the column is empty
 * ({@code []}); {@code mtu}/{@code mtuRequest} null when empty. {@code remoteIp} is
 * {@code options:remote_ip} (tunnels); {@code ifaceId}, {@code ifaceIdVer},
 * {@code attachedMac} are {@code external_ids:iface-id}, {@code iface-id-ver},
 * {@code attached_mac}; {@code ovnInstalled} is true only when {@code external_ids:ovn-installed}
 * is {@code "true"}. Source: the record's {@code name} line.
 */
public record OvsInterface(String node, String name, String type, Integer ofport, String error, Integer mtu,
                           Integer mtuRequest, String remoteIp, String ifaceId, String ifaceIdVer,
                           boolean ovnInstalled, String attachedMac, Map<String, String> options,
                           Map<String, String> externalIds, Source source) implements NodeFact {
    public OvsInterface {
        options = options == null ? Map.of() : Map.copyOf(options);
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    }

    /** OVS could not attach it: {@code ofport} -1 or a non-empty {@code error}. */
    public boolean broken() {
        return (ofport != null && ofport == -1) || (error != null && !error.isEmpty());
    }
}
