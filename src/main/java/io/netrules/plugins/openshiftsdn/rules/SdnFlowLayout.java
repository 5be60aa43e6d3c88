package io.netrules.plugins.openshiftsdn.rules;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which OpenFlow table of {@code br0} holds what, for the openshift-sdn release that wrote a
 * node's flows. openshift-sdn records its plugin and flow "rule version" in the one flow of
 * table 253 ({@code actions=note:<pluginId>.<ruleVersion>} in hex, padded by OVS on output:
 * {@code note:02.0d.00.00.00.00}); the rule version is what says which layout the flows follow
 * (openshift/sdn {@code pkg/network/node/ovscontroller.go}, per release branch):
 * <ul>
 * <li>{@link #OKD_3_11}: rule versions up to 9 (3.10/3.11 and 4.1-4.4 are 7, 4.5 is 8,
 *     4.6/4.7 are 9): table 30 is general routing, 100 egress IP routing, 101 egress network
 *     policy;</li>
 * <li>{@link #OCP_4_8}: rule version 12 (0x0c, 4.8/4.9; 10 and 11 existed only on the development
 *     branch between 4.7 and 4.8, and 11 already has table 99): table 99 (DNS exception before cluster
 *     egress) is added and 100/101 swap roles: 100 egress network policy, 101 egress IP routing
 *     and the output to tun0 (SDN commit "Reverse table order for egress IP and egress network
 *     policy");</li>
 * <li>{@link #OCP_4_10}: rule versions 13 and 14 (0x0d: 4.10-4.15, 0x0e: 4.16): table 27 (egress
 *     NetworkPolicy) is added, and 30 is split into 30 (conntrack) and 31 (general routing).
 *     4.16 also puts hybrid-overlay MAC-rewrite flows in table 10, which match no
 *     {@code tun_src}.</li>
 * </ul>
 * The per-node and per-pod tables did not move in any release: table 10 accepts VXLAN from each
 * peer ({@code tun_src=<hostIP>}), 50 (ARP) and 90 (IP) send to each peer's subnet
 * ({@code set_field:<hostIP>->tun_dst}), 20 takes traffic from a pod's veth, 25 from a pod via a
 * service, 40 delivers ARP to a local pod and 70 IP, 111 sends multicast to every peer.
 * <p>
 * A dump without the table-253 flow (cut short, or a bridge that openshift-sdn never finished
 * setting up) is read as {@link #OKD_3_11}: the tables the rules use are the same in every
 * layout, so the default can not make a rule fire. A rule version above the newest known one is
 * read as the newest layout (openshift-sdn was removed in 4.17).
 */
public enum SdnFlowLayout {
    OKD_3_11(30, 30, 100, 101),
    OCP_4_8(30, 30, 101, 100),
    OCP_4_10(30, 31, 101, 100);

    /** The table of the version note; the same in every release. */
    public static final int VERSION_TABLE = 253;

    /** {@code note:02.0d.00.00.00.00} or {@code note:02.0d}: plugin id and rule version, hex. */
    private static final Pattern NOTE = Pattern.compile("note:([0-9a-fA-F]{1,2})\\.([0-9a-fA-F]{1,2})");

    private final int afterVxlanIngressTable;
    private final int generalRoutingTable;
    private final int egressIpRoutingTable;
    private final int egressNetworkPolicyTable;

    SdnFlowLayout(int afterVxlanIngressTable, int generalRoutingTable, int egressIpRoutingTable,
                  int egressNetworkPolicyTable) {
        this.afterVxlanIngressTable = afterVxlanIngressTable;
        this.generalRoutingTable = generalRoutingTable;
        this.egressIpRoutingTable = egressIpRoutingTable;
        this.egressNetworkPolicyTable = egressNetworkPolicyTable;
    }

    /** The layout of one rule version (the second number of the note). */
    public static SdnFlowLayout ofRuleVersion(int ruleVersion) {
        if (ruleVersion >= 13) {
            return OCP_4_10;
        }
        if (ruleVersion >= 10) {
            return OCP_4_8;
        }
        return OKD_3_11;
    }

    /**
     * The layout named by the actions of a node's table-253 flows ({@code note:02.0d.00.00.00.00});
     * {@link #OKD_3_11} when there is no such flow or its note cannot be read.
     */
    public static SdnFlowLayout fromNotes(Collection<String> versionTableActions) {
        if (versionTableActions != null) {
            for (String actions : versionTableActions) {
                Integer v = ruleVersion(actions);
                if (v != null) {
                    return ofRuleVersion(v);
                }
            }
        }
        return OKD_3_11;
    }

    /** The rule version of a note action, or null when the text holds no note. */
    public static Integer ruleVersion(String actions) {
        Integer[] ids = note(actions);
        return ids == null ? null : ids[1];
    }

    /** The plugin id of a note action (0 subnet, 1 multitenant, 2 networkpolicy), or null. */
    public static Integer pluginId(String actions) {
        Integer[] ids = note(actions);
        return ids == null ? null : ids[0];
    }

    private static Integer[] note(String actions) {
        if (actions == null) {
            return null;
        }
        Matcher m = NOTE.matcher(actions);
        if (!m.find()) {
            return null;
        }
        return new Integer[] {Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16)};
    }

    /** Table 10: one {@code tun_src=<peer hostIP>} flow per peer node (incoming VXLAN). */
    public int vxlanIngressTable() {
        return 10;
    }

    /** Where table 10 sends accepted VXLAN traffic ({@code goto_table:30} in every release). */
    public int afterVxlanIngressTable() {
        return afterVxlanIngressTable;
    }

    /** Table 20: traffic from a pod's veth ({@code in_port=N} with {@code arp_spa}/{@code nw_src}). */
    public int fromPodTable() {
        return 20;
    }

    /** Table 25: a pod's traffic back from iptables after a service DNAT ({@code nw_src=<pod>}). */
    public int fromPodViaServiceTable() {
        return 25;
    }

    /** Table 27 (4.10+): egress NetworkPolicy; -1 where the layout has none. */
    public int egressNetworkPolicyPodTable() {
        return this == OCP_4_10 ? 27 : -1;
    }

    /** General routing: table 30 up to 4.9, table 31 from 4.10 (30 keeps only conntrack). */
    public int generalRoutingTable() {
        return generalRoutingTable;
    }

    /** Table 40: ARP to a local pod ({@code arp_tpa=<pod>}). */
    public int arpToLocalPodTable() {
        return 40;
    }

    /** Table 50: ARP to a peer's subnet ({@code set_field:<peer hostIP>->tun_dst}). */
    public int arpToPeerTable() {
        return 50;
    }

    /** Table 70: IP to a local pod ({@code nw_dst=<pod>}). */
    public int ipToLocalPodTable() {
        return 70;
    }

    /** Table 90: IP to a peer's subnet ({@code set_field:<peer hostIP>->tun_dst}). */
    public int ipToPeerTable() {
        return 90;
    }

    /** Table 99 (4.8+): the DNS exception before cluster egress; -1 where the layout has none. */
    public int clusterEgressDnsTable() {
        return this == OKD_3_11 ? -1 : 99;
    }

    /** Egress IP routing (and the output to tun0 of cluster egress): 100 up to 4.7, 101 from 4.8. */
    public int egressIpRoutingTable() {
        return egressIpRoutingTable;
    }

    /** EgressNetworkPolicy: 101 up to 4.7, 100 from 4.8. */
    public int egressNetworkPolicyTable() {
        return egressNetworkPolicyTable;
    }

    /** Table 111: multicast to every peer (sets one {@code tun_dst} per peer; not a per-subnet flow). */
    public int multicastToPeersTable() {
        return 111;
    }

    /** How reports and docs name the layout. */
    public String label() {
        return switch (this) {
            case OKD_3_11 -> "3.11 (rule versions 7-11: OKD 3.11, OpenShift 4.1-4.7)";
            case OCP_4_8 -> "4.8 (rule version 0x0c: OpenShift 4.8-4.9)";
            case OCP_4_10 -> "4.10 (rule versions 0x0d-0x0e: OpenShift 4.10-4.16)";
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
