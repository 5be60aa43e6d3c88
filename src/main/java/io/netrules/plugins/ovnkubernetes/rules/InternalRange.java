package io.netrules.plugins.ovnkubernetes.rules;

/**
 * One of OVN-Kubernetes's internal IPv4 ranges (NR-OVNTOPO-006): {@code name} is {@code join},
 * {@code transit} or {@code masquerade}; {@code cidr} its subnet; {@code origin} the setting that
 * gave it ({@code ipv4.internalJoinSubnet}, {@code k8s.ovn.org/node-masquerade-subnet}, ...) or
 * {@code default}. Built by {@link TopologyRanges#internalRanges}, matched in DRL with {@code from}.
 */
public record InternalRange(String name, String cidr, String origin) {
}
