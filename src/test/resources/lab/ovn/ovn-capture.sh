#!/usr/bin/env bash
# ovn-capture.sh PREFIX WORKDIR OUTDIR
#
# Writes what an admin would hand over from this lab, in the real tools' layouts:
#  OUTDIR/must-gather/network_logs/leader_nbdb.gz, leader_sbdb.gz   the NB/SB database files,
#        byte for byte, gzipped (as must-gather's gather_network_logs_basics does, ≤4.13)
#  OUTDIR/must-gather/network_logs/leader_ovnnb_status, leader_ovnsb_status   cluster/status
#  OUTDIR/sosreport-<node>/sos_commands/{openvswitch,networking,kernel}/...   per node, what a
#        sosreport holds, under sos's file names (docs/lab.md lists them)
# Read-only: it changes nothing in the lab.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 3 ] || die "usage: ovn-capture.sh PREFIX WORKDIR OUTDIR"
ovn_args "$1" "$2"
OUT=$3
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$MARKER" ] || die "no lab of prefix $PREFIX in $WORKDIR"
mkdir -p "$OUT"

NL=$OUT/must-gather/network_logs
mkdir -p "$NL"
# A copy taken while ovsdb-server runs can end in a half-written record; the copy is read
# until its last complete record by every reader (ovsdb-tool too), as must-gather's is.
gzip -c "$CENTRAL_DIR/ovnnb_db.db" >"$NL/leader_nbdb.gz"
gzip -c "$CENTRAL_DIR/ovnsb_db.db" >"$NL/leader_sbdb.gz"
ovs-appctl -t "$CENTRAL_DIR/ovnnb_db.ctl" cluster/status OVN_Northbound >"$NL/leader_ovnnb_status" 2>&1 || true
ovs-appctl -t "$CENTRAL_DIR/ovnsb_db.ctl" cluster/status OVN_Southbound >"$NL/leader_ovnsb_status" 2>&1 || true

# run FILE CMD...: CMD's stdout and stderr into FILE, as sos does (a failing command leaves
# its error text, not a missing file).
run() {
    local f=$1
    shift
    "$@" >"$f" 2>&1 || true
}

for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    S=$OUT/sosreport-$NODE
    O=$S/sos_commands/openvswitch
    H=$S/sos_commands/ovn_host
    NET=$S/sos_commands/networking
    K=$S/sos_commands/kernel
    mkdir -p "$O" "$H" "$NET" "$K" "$S/sos_commands/host" "$S/var/log/openvswitch" "$S/var/log/ovn"
    echo "$NODE" >"$S/sos_commands/host/hostname"
    ovs() { ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" OVS_DB="unix:$NODE_DIR/run/db.sock" "$@"; }
    run "$O/ovs-vsctl_-t_5_show" ovs ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" -t 5 show
    run "$O/ovs-vsctl_-t_5_list_Open_vSwitch" ovs ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" -t 5 list Open_vSwitch
    run "$O/ovs-vsctl_-t_5_list_interface" ovs ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" -t 5 list interface
    run "$O/ovs-vsctl_-t_5_list-br" ovs ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" -t 5 list-br
    run "$O/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int" ovs ovs-ofctl -O OpenFlow13 dump-flows br-int
    run "$O/ovs-ofctl_-O_OpenFlow13_dump-flows_br-ex" ovs ovs-ofctl -O OpenFlow13 dump-flows br-ex
    # sos' ovn_host plugin saves the br-int dump under its own folder too (ocp4-inputs 3.2)
    cp "$O/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int" "$H/"
    run "$NET/ip_-d_address" in_node ip -d address
    run "$NET/ip_-s_-d_link" in_node ip -s -d link
    run "$NET/ip_route_show_table_all" in_node ip route show table all
    run "$K/sysctl_-a" in_node sysctl -a
    cp "$NODE_DIR/log/ovs-vswitchd.log" "$NODE_DIR/log/ovsdb-server.log" "$S/var/log/openvswitch/" 2>/dev/null || true
    cp "$NODE_DIR/log/ovn-controller.log" "$S/var/log/ovn/" 2>/dev/null || true
done
log "captured prefix $PREFIX into $OUT"
