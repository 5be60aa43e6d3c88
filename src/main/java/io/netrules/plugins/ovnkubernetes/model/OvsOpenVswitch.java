package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

import java.util.Map;

/**
 * A node's OVS {@code Open_vSwitch} row as {@code ovs-vsctl list Open_vSwitch} shows it: the
 * {@code external_ids} ovnkube-node writes for ovn-controller. {@code systemId} is the chassis
 * name ({@code external_ids:system-id}); {@code encapIp}, {@code encapType},
 * {@code bridgeMappings} ({@code physnet:br-ex}), {@code remote} (the SB address) are
 * {@code ovn-encap-ip}, {@code ovn-encap-type}, {@code ovn-bridge-mappings}, {@code ovn-remote};
 * {@code isInterconn} and {@code monitorAll} are true only when {@code ovn-is-interconn} /
 * {@code ovn-monitor-all} say {@code true}. Values absent from the row are null. Source: the
 * {@code external_ids} line (the record's first line when it has none).
 */
public record OvsOpenVswitch(String node, String systemId, String hostname, String encapIp, String encapType,
                             String bridgeMappings, boolean isInterconn, boolean monitorAll, String remote,
                             Map<String, String> externalIds, Map<String, String> otherConfig, Source source)
        implements NodeFact {
    public OvsOpenVswitch {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
        otherConfig = otherConfig == null ? Map.of() : Map.copyOf(otherConfig);
    }
}
