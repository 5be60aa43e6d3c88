package io.netrules.synth;

/**
 * A fault {@link SyntheticCapture} injects at a known place, and the finding it must cause. Each
 * is a fault an existing rule detects, written the way the broken node would print it.
 *
 * @param kind    what is broken
 * @param node    the node index (0-based) it is broken on; -1 for a cluster-wide fault
 * @param target  a peer node index, a pod index on the node, or a service index, by kind
 */
public record Fault(Kind kind, int node, int target) {

    public enum Kind {
        /** {@code net.ipv4.ip_forward = 0} (and every {@code conf.*.forwarding = 0}) → NR-LOCAL-001. */
        IP_FORWARD_OFF,
        /** The table-10 {@code tun_src=<peer>} flow for peer {@code target} deleted → NR-OVS-005. */
        TUN_SRC_FLOW_DELETED,
        /** Every flow of local pod {@code target} deleted (its veth stays on br0) → NR-OVS-006. */
        POD_FLOWS_DELETED,
        /** eth0's MTU lowered to 1450 while node-config keeps mtu 1450 → NR-MTU-001. */
        PRIMARY_MTU_LOWERED,
        /** A route for peer {@code target}'s pod subnet through docker0 → NR-LOCAL-004. */
        ROUTE_VIA_DOCKER0,
        /** The node's nat table DNATs service {@code target} to an address that is no endpoint → NR-SVC-005. */
        STALE_SERVICE_NAT,
        /** Service {@code target}'s pods are running but not ready: no ready endpoint → NR-SVC-001. */
        SERVICE_NOT_READY
    }

    public static Fault ipForwardOff(int node) {
        return new Fault(Kind.IP_FORWARD_OFF, node, -1);
    }

    public static Fault tunSrcFlowDeleted(int node, int peer) {
        return new Fault(Kind.TUN_SRC_FLOW_DELETED, node, peer);
    }

    public static Fault podFlowsDeleted(int node, int pod) {
        return new Fault(Kind.POD_FLOWS_DELETED, node, pod);
    }

    public static Fault primaryMtuLowered(int node) {
        return new Fault(Kind.PRIMARY_MTU_LOWERED, node, -1);
    }

    public static Fault routeViaDocker0(int node, int peer) {
        return new Fault(Kind.ROUTE_VIA_DOCKER0, node, peer);
    }

    public static Fault staleServiceNat(int node, int service) {
        return new Fault(Kind.STALE_SERVICE_NAT, node, service);
    }

    public static Fault serviceNotReady(int service) {
        return new Fault(Kind.SERVICE_NOT_READY, -1, service);
    }

    boolean on(Kind k, int nodeIndex) {
        return kind == k && node == nodeIndex;
    }
}
