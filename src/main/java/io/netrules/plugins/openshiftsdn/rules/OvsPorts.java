package io.netrules.plugins.openshiftsdn.rules;

import io.netrules.model.OvsFlow;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure functions that the OVS rules call ({@code import function}) about OpenFlow port
 * references as {@code ovs-ofctl} prints them in flows ({@code in_port=3}, {@code output:3},
 * or by name: {@code in_port=veth5c1e9b07}, {@code output:LOCAL}).
 */
public final class OvsPorts {
    /** The OpenFlow port openshift-sdn gives {@code vxlan0} on {@code br0}. */
    public static final int VXLAN0_OFPORT = 1;
    /** The OpenFlow port openshift-sdn gives {@code tun0} on {@code br0}. */
    public static final int TUN0_OFPORT = 2;

    /** Reserved port names OVS prints instead of numbers, and the SDN's own ports by name. */
    private static final Set<String> NOT_POD_PORTS = Set.of("LOCAL", "IN_PORT", "CONTROLLER", "NORMAL", "FLOOD",
            "ALL", "ANY", "NONE", "TABLE", "UNSET", "vxlan0", "tun0", "br0");

    /** OpenFlow 1.0 reserves ports from 0xff00 up (OVS's highest ofport is 0xfeff). */
    private static final int FIRST_RESERVED = 0xff00;

    private OvsPorts() {
    }

    /**
     * True when a port reference of a flow can only be a pod's port: a number of 3 or more
     * (1 is vxlan0, 2 is tun0, openshift-sdn fixes both) below the reserved range, or a name
     * that is neither reserved ({@code LOCAL}, {@code IN_PORT}, ...), a register
     * ({@code reg2}, {@code NXM_NX_REG2[]}), nor vxlan0, tun0 or the bridge's own br0.
     */
    public static boolean isPodPort(String ref) {
        if (ref == null || ref.isBlank()) {
            return false;
        }
        String r = ref.strip();
        if (isDigits(r)) {
            if (r.length() > 6) {
                return false;
            }
            int n = Integer.parseInt(r);
            return n > TUN0_OFPORT && n < FIRST_RESERVED;
        }
        if (NOT_POD_PORTS.contains(r) || r.indexOf('[') >= 0 || r.startsWith("NXM_") || r.startsWith("OXM_")) {
            return false;
        }
        return !(r.startsWith("reg") && r.length() > 3 && isDigits(r.substring(3)));
    }

    /** True when a flow's port reference (a number or a name) is this port of the bridge. */
    public static boolean isPort(String ref, int ofport, String name) {
        if (ref == null) {
            return false;
        }
        String r = ref.strip();
        if (r.equals(name)) {
            return true;
        }
        return isDigits(r) && r.length() <= 9 && Integer.parseInt(r) == ofport;
    }

    /**
     * The single addresses (not subnets) the flows match on as {@code arp_spa}, {@code arp_tpa},
     * {@code nw_src} or {@code nw_dst}, sorted and comma-separated: the pod IPs of pod flows.
     * "none" when there are none.
     */
    public static String addresses(Collection<?> flows) {
        TreeSet<String> out = new TreeSet<>();
        if (flows != null) {
            for (Object o : flows) {
                if (o instanceof OvsFlow f) {
                    for (String a : new String[] {f.arpSpa(), f.arpTpa(), f.nwSrc(), f.nwDst()}) {
                        if (a != null && !a.isBlank() && a.indexOf('/') < 0) {
                            out.add(a.strip());
                        }
                    }
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
