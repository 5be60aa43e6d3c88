# shellcheck shell=bash
# Shared definitions of the netrules OVN lab, both deployment modes: names, addresses, and
# the set-up steps both modes share. Sourced by ovn-up.sh, ovn-down.sh, ovn-capture.sh,
# ovn-check.sh, ovn-fault.sh.
#
# MODE (WORKDIR/lab.env, written first by ovn-up.sh): `central` (OCP <=4.13 "legacy": one
# clustered NB/SB and ovn-northd in ${PREFIX}-central) or `ic` (OCP >=4.14 interconnect:
# every node its own zone, with standalone NB/SB ovsdb-servers and ovn-northd in its own
# namespace, joined by `transit_switch`).
#
# Every namespace this lab creates starts with PREFIX: ${PREFIX}-fabric (the underlay
# bridge and "outside"), ${PREFIX}-central (central mode only), ${PREFIX}-worker-0..2
# (nodes) and ${PREFIX}-pod-web-0..2 (one pod per node). Every file is under WORKDIR;
# every daemon has a pidfile there, and its command line names WORKDIR, so lab-down's pid
# check (pid_is_ours) recognises it.

OVN_LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The pidfile helpers of the openshift-sdn lab (pid_is_ours, kill_pidfile, wait_gone).
. "$OVN_LAB_DIR/../lab-lib.sh"

OVN_NODES=3
FABRIC_GW=172.18.0.1               # fabric bridge address: default gateway and "outside"
CENTRAL_IP=172.18.0.2
CLUSTER_CIDR=10.128.0.0/14
JOIN_CIDR=100.64.0.0/16
SERVICE_VIP=172.30.0.10
SERVICE_PORT=80
POD_PORT=8080
POD_MTU=1400                       # ovn-kubernetes' default over a 1500 underlay
K8S_NAMESPACE=demo
LB_NAME=Service_demo/web_TCP_cluster
BACKEND_NODE=1                     # web-1 is the only service backend
TRANSIT_CIDR=100.88.0.0/16         # IC: transit switch subnet (ovn-k's default)
TRANSIT_SWITCH_TNL_KEY=16711683    # IC: ovn-k's BaseTransitSwitchTunnelKey + network id 0

# ovn_args PREFIX WORKDIR: validate and set PREFIX, WORKDIR and derived names.
ovn_args() {
    PREFIX=${1:-}
    WORKDIR=${2:-}
    [[ $PREFIX =~ ^[a-z][a-z0-9]{0,7}$ ]] \
        || die "PREFIX must be 1-8 characters [a-z0-9], starting with a letter (got '${PREFIX}')"
    [ -n "$WORKDIR" ] || die "WORKDIR missing"
    case $WORKDIR in
        /*) ;;
        *) WORKDIR=$(pwd)/$WORKDIR ;;
    esac
    WORKDIR=${WORKDIR%/}
    [ "$WORKDIR" != "" ] && [ "$WORKDIR" != "/" ] || die "WORKDIR must not be /"
    FABRIC_NS=${PREFIX}-fabric
    CENTRAL_NS=${PREFIX}-central
    CENTRAL_DIR=$WORKDIR/central
    MARKER=$WORKDIR/.netrules-lab
    NB_SOCK=unix:$CENTRAL_DIR/ovnnb_db.sock
    SB_SOCK=unix:$CENTRAL_DIR/ovnsb_db.sock
    MODE=${OVN_MODE:-}
    if [ -f "$WORKDIR/lab.env" ]; then
        MODE=$(sed -n 's/^MODE=//p' "$WORKDIR/lab.env")
    fi
    MODE=${MODE:-central}
    [ "$MODE" = central ] || [ "$MODE" = ic ] || die "MODE must be central or ic (got '$MODE')"
}

# node_vars I: names and addresses of node I (0..2) and its pod web-I.
node_vars() {
    local i=$1
    [[ $i =~ ^[0-9]$ ]] && [ "$i" -lt $OVN_NODES ] || die "no node '$i' (0..$((OVN_NODES - 1)))"
    local x=$((2 * i))
    N=$i
    NODE=worker-$i                       # Kubernetes node name = logical switch name
    NODE_NS=${PREFIX}-$NODE
    NODE_DIR=$WORKDIR/$NODE
    NODE_IP=172.18.0.$((11 + i))
    NODE_MAC=$(printf '02:00:ac:12:00:%02x' $((11 + i)))   # br-ex (and the GR's rtoe port)
    NIC_MAC=$(printf '02:01:ac:12:00:%02x' $((11 + i)))    # eth0: not the node MAC (gotcha 5)
    FABRIC_PORT=w$i
    SUBNET=10.128.$x.0/23
    RTR_IP=10.128.$x.1
    RTR_MAC=$(printf '0a:58:0a:80:%02x:01' "$x")
    MP_IP=10.128.$x.2
    MP_MAC=$(printf '0a:58:0a:80:%02x:02' "$x")
    POD=web-$i
    POD_NS=${PREFIX}-pod-$POD
    POD_IP=10.128.$x.3
    POD_MAC=$(printf '0a:58:0a:80:%02x:03' "$x")
    POD_LSP=${K8S_NAMESPACE}_$POD
    POD_VETH=$(hash_hex "$PREFIX-$POD" 15)
    JOIN_IP=100.64.0.$((i + 2))
    JOIN_MAC=$(printf '0a:58:64:40:00:%02x' $((i + 2)))
    SYSTEM_ID=$(uuid_of "$PREFIX-$NODE")
    NODE_ID=$((i + 2))                   # k8s.ovn.org/node-id (ovn-k hands out 2, 3, ...)
    TRANSIT_IP=100.88.0.$((i + 2))       # k8s.ovn.org/node-transit-switch-port-ifaddr
    TRANSIT_MAC=$(printf '0a:58:64:58:00:%02x' $((i + 2)))
    ZONE_DIR=$NODE_DIR/db                # IC: the node's own NB/SB/northd
    if [ "$MODE" = ic ]; then
        NB_SOCK=unix:$ZONE_DIR/ovnnb_db.sock
        SB_SOCK=unix:$ZONE_DIR/ovnsb_db.sock
    fi
}

vsctl() { ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" --timeout=10 "$@"; }
ofctl() { ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" ovs-ofctl -O OpenFlow13 "$@"; }
nbctl() { ovn-nbctl --db="$NB_SOCK" --timeout=20 "$@"; }
sbctl() { ovn-sbctl --db="$SB_SOCK" --timeout=20 "$@"; }
in_node() { ip netns exec "$NODE_NS" "$@"; }
in_pod() { ip netns exec "$POD_NS" "$@"; }

# ovn_namespaces: every namespace of this PREFIX that exists now.
ovn_namespaces() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${PREFIX}-" || true
}

# ctl_socket DIR DAEMON: the control socket DAEMON.<pid>.ctl of a running daemon in DIR.
ctl_socket() {
    local pid
    pid=$(tr -dc '0-9' <"$1/$2.pid" 2>/dev/null) || return 1
    echo "$1/$2.$pid.ctl"
}
