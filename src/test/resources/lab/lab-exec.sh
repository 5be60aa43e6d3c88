#!/usr/bin/env bash
# lab-exec.sh PREFIX WORKDIR TARGET COMMAND [ARG...]
#
# Runs COMMAND "on" a lab machine: inside its network namespace and, for a
# node, with OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR pointing at that node's own OVS
# daemons, so ovs-vsctl, ovs-ofctl and ovs-appctl work as on a real node.
# TARGET: a node (1, n1 or PREFIX-n1), a pod (p1 or PREFIX-p1) or ul (the
# underlay switch). For a node, LAB_NODE_ROOT is set to the directory that
# plays its root file system (etc/origin/node/node-config.yaml, etc/resolv.conf).
# Examples:
#   lab-exec.sh nr1 /tmp/nr1 n2 ovs-ofctl -O OpenFlow13 dump-flows br0
#   lab-exec.sh nr1 /tmp/nr1 n2 ip route show table all
#   lab-exec.sh nr1 /tmp/nr1 p1 ping -c 3 10.129.0.5
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

[ $# -ge 4 ] || die "usage: lab-exec.sh PREFIX WORKDIR TARGET COMMAND [ARG...]"
lab_args "$1" "$2"
[ -f "$MARKER" ] || die "no lab at $WORKDIR (run lab-up.sh first)"
target=${3#"$PREFIX"-}
shift 3
case $target in
    ul)
        exec ip netns exec "$UL_NS" "$@"
        ;;
    p[1-9])
        node_vars "${target#p}"
        exec ip netns exec "$POD_NS" "$@"
        ;;
    n[1-9] | [1-9])
        node_vars "${target#n}"
        exec ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" OVS_DBDIR="$NODE_DIR/db" \
            OVS_LOGDIR="$NODE_DIR/log" LAB_NODE_ROOT="$NODE_DIR" "$@"
        ;;
    *)
        die "unknown target '$target' (1..$LAB_NODES, nI, pI or ul)"
        ;;
esac
