#!/usr/bin/env bash
# lab-fault.sh PREFIX WORKDIR FAULT NODE [ARG]
# lab-fault.sh PREFIX WORKDIR list
#
# Injects one fault on node NODE (1..N; "n2" is accepted too) of a lab made by
# lab-up.sh. Faults (what the catalogue rule should see / what traffic breaks
# is in docs/lab.md):
#   ip-forward-off          net.ipv4.ip_forward=0
#   cluster-route-deleted   ip route del 10.128.0.0/14 dev tun0
#   overlapping-route [CIDR] a docker0 stand-in (veth pair) with a more specific
#                           route for CIDR (default: the first /24 of the node's
#                           own HostSubnet) through docker0 instead of tun0
#   br0-deleted             ovs-vsctl del-br br0 (takes vxlan0, tun0, pod port along)
#   ovs-stopped             stops the node's ovs-vswitchd and ovsdb-server
#   vxlan0-deleted          ovs-vsctl del-port br0 vxlan0
#   tun0-deleted            ovs-vsctl del-port br0 tun0
#   tun-src-flow-deleted PEER  deletes the table-10 tun_src=<PEER's IP> flow
#   tun-dst-flow-deleted PEER  deletes the table-50 and table-90 flows that send
#                           to PEER's subnet with set_field:<PEER's IP>->tun_dst
#   pod-flows-deleted       deletes the local pod's flows (as cleanupPodFlows does)
#   pod-veth-removed        deletes the pod's veth pair; its flows and its OVS
#                           record stay (error "could not open network device",
#                           ofport -1, no port 3 in dump-ports-desc)
#   forward-reject          iptables -I FORWARD 1: REJECT -s/-d 10.128.0.0/14,
#                           ahead of the OPENSHIFT-FIREWALL-FORWARD accepts
#   mtu-too-big [MTU]       underlay eth0 and br-phy MTU set to MTU (default 1450,
#                           i.e. below SDN MTU 1450 + 50 VXLAN bytes)
#   link-down [admin]       the primary link goes down. In the lab the node's
#                           NIC is two devices: eth0 (the cable, an OVS port)
#                           and br-phy (holds the node IP, so it is the primary
#                           interface). Default, a pulled cable: the node's port
#                           on the underlay switch goes down (eth0 NO-CARRIER)
#                           and br-phy loses carrier too, so both show
#                           "Link detected: no"; the routes stay, "linkdown".
#                           "admin": ip link set br-phy down, as `ip link set
#                           eth0 down` on a real node (its routes go away)
# Every injected fault is appended to WORKDIR/faults.log. Exit 0 when done,
# 1 when the fault could not be applied, 2 on bad usage.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

FAULTS="ip-forward-off cluster-route-deleted overlapping-route br0-deleted ovs-stopped
vxlan0-deleted tun0-deleted tun-src-flow-deleted tun-dst-flow-deleted pod-flows-deleted
pod-veth-removed forward-reject mtu-too-big link-down"

[ $# -ge 3 ] || die "usage: lab-fault.sh PREFIX WORKDIR FAULT NODE [ARG] | lab-fault.sh PREFIX WORKDIR list"
lab_args "$1" "$2"
if [ "$3" = list ]; then
    echo $FAULTS | tr ' ' '\n'
    exit 0
fi
[ $# -ge 4 ] || die "usage: lab-fault.sh PREFIX WORKDIR FAULT NODE [ARG]"
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$MARKER" ] || die "no lab at $WORKDIR (run lab-up.sh first)"
FAULT=$3
ARG=${5:-}
node_arg=${4#"$PREFIX"-}
node_arg=${node_arg#n}
node_vars "$node_arg"
trap 'echo "lab-fault: $FAULT on node $N failed at: $BASH_COMMAND" >&2; exit 1' ERR

peer_vars() {   # peer_vars: PEER_IP, PEER_SUBNET of node ARG (must differ from NODE)
    local me=$N p=${ARG#"$PREFIX"-}
    p=${p#n}
    [ -n "$p" ] || die "$FAULT needs the peer node as ARG"
    [ "$p" != "$me" ] || die "$FAULT: the peer must be another node"
    node_vars "$p"
    PEER_IP=$NODE_IP PEER_SUBNET=$NODE_SUBNET PEER_NAME=$NODE_NAME
    node_vars "$me"
}

case $FAULT in
    ip-forward-off)
        in_node sh -c 'echo 0 >/proc/sys/net/ipv4/ip_forward'
        ;;
    cluster-route-deleted)
        ip -n "$NODE_NS" route del "$LAB_CLUSTER_CIDR" dev tun0
        ;;
    overlapping-route)
        if [ -z "$ARG" ]; then
            ARG=${NODE_SUBNET%/23}/24
        fi
        if ! ip -n "$NODE_NS" link show docker0 >/dev/null 2>&1; then
            ip -n "$NODE_NS" link add docker0 type veth peer name docker0-peer
            ip -n "$NODE_NS" addr add 172.17.0.1/16 dev docker0
            ip -n "$NODE_NS" link set docker0-peer up
            ip -n "$NODE_NS" link set docker0 up
        fi
        ip -n "$NODE_NS" route add "$ARG" dev docker0
        ;;
    br0-deleted)
        vsctl del-br br0
        ;;
    ovs-stopped)
        pids=()
        for d in ovs-vswitchd ovsdb-server; do
            pid=$(kill_pidfile "$NODE_DIR/run/$d.pid")
            [ -z "$pid" ] || pids+=("$pid")
        done
        [ ${#pids[@]} -gt 0 ] || die "no OVS daemon of node $N is running"
        wait_gone "${pids[@]}"
        ;;
    vxlan0-deleted)
        vsctl del-port br0 vxlan0
        ;;
    tun0-deleted)
        vsctl del-port br0 tun0
        ;;
    tun-src-flow-deleted)
        peer_vars
        ofctl del-flows br0 "table=10, tun_src=$PEER_IP"
        ;;
    tun-dst-flow-deleted)
        peer_vars
        ofctl del-flows br0 "table=50, arp, arp_tpa=$PEER_SUBNET"
        ofctl del-flows br0 "table=90, ip, nw_dst=$PEER_SUBNET"
        ;;
    pod-flows-deleted)
        ofctl del-flows br0 "ip, nw_dst=$POD_IP"
        ofctl del-flows br0 "ip, nw_src=$POD_IP"
        ofctl del-flows br0 "arp, arp_tpa=$POD_IP"
        ofctl del-flows br0 "arp, arp_spa=$POD_IP"
        ;;
    pod-veth-removed)
        ip -n "$NODE_NS" link del "$POD_VETH"
        # Userspace OVS keeps a vanished device as a LINK_DOWN port 3; a
        # kernel-datapath node shows it, after OVS next opens its ports, as an
        # OVS record with error "could not open network device ... (No such
        # device)" and ofport -1, absent from dump-ports-desc. Re-open it to
        # get there: the flows for port 3 stay.
        vsctl del-port br0 "$POD_VETH"
        vsctl add-port br0 "$POD_VETH" \
            -- set interface "$POD_VETH" ofport_request=$POD_OFPORT external_ids:sandbox="$SANDBOX_ID" \
            2>/dev/null || true
        ;;
    forward-reject)
        in_node iptables -I FORWARD 1 -s "$LAB_CLUSTER_CIDR" -j REJECT --reject-with icmp-host-prohibited
        in_node iptables -I FORWARD 1 -d "$LAB_CLUSTER_CIDR" -j REJECT --reject-with icmp-host-prohibited
        ;;
    mtu-too-big)
        mtu=${ARG:-$LAB_SDN_MTU}
        [[ $mtu =~ ^[0-9]+$ ]] && [ "$mtu" -ge 1280 ] || die "mtu-too-big: MTU must be a number >= 1280"
        [ "$mtu" -lt $((LAB_SDN_MTU + 50)) ] \
            || log "warning: MTU $mtu is not below SDN MTU $LAB_SDN_MTU + 50: traffic will not break"
        ip -n "$NODE_NS" link set eth0 mtu "$mtu"
        vsctl set interface br-phy mtu_request="$mtu"
        ;;
    link-down)
        case $ARG in
            "")
                ip -n "$UL_NS" link set "$UL_PORT" down
                ip -n "$NODE_NS" link set br-phy carrier off
                ;;
            admin)
                ip -n "$NODE_NS" link set br-phy down
                ;;
            *) die "link-down: ARG must be empty or 'admin'" ;;
        esac
        ;;
    *)
        die "unknown fault '$FAULT'; one of: $(echo $FAULTS)"
        ;;
esac
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $FAULT $NODE_NAME${ARG:+ $ARG}" >>"$WORKDIR/faults.log"
log "injected $FAULT on $NODE_NAME${ARG:+ ($ARG)}"
