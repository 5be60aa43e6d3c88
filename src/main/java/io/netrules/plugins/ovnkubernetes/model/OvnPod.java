package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;
import java.util.Map;

/**
 * A pod as OVN-Kubernetes wires it: its {@code k8s.ovn.org/pod-networks} {@code default} entry and
 * what makes it one of the catalogue's "network pods". Handed to the session of its node, like
 * {@link io.netrules.model.Pod}, and to the cluster session.
 *
 * @param node        {@code spec.nodeName}
 * @param deleting    {@code metadata.deletionTimestamp} is set
 * @param networkPod  on an OVN node, not host-network, {@code Running}, not deleting, with a
 *                    {@code default} pod-networks entry, not in a primary-UDN namespace
 * @param mac         {@code default.mac_address}, or null
 * @param ipAddresses {@code default.ip_addresses} as written ({@code 10.130.0.5/23}); empty when absent
 * @param vmName      label {@code vm.kubevirt.io/name} (a KubeVirt VM's launcher pod), or null
 */
public record OvnPod(String namespace, String name, String uid, String node, String phase, boolean hostNetwork,
                     boolean deleting, boolean networkPod, String mac, List<String> ipAddresses, String vmName,
                     Map<String, String> labels, Source source) implements Sourced {
    public OvnPod {
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The pod's logical switch port name, {@code <namespace>_<pod name>} (ovn-kubernetes GetLogicalPortName). */
    public String logicalPort() {
        return namespace + "_" + name;
    }
}
