#!/usr/bin/env bash
# ovn-capture.sh PREFIX WORKDIR OUTDIR
#
# Writes what a support engineer receives from this lab, in the real tools' layouts (OUTDIR is
# the case folder: the must-gather next to the node sosreports):
#  OUTDIR/must-gather.local.<n>/<image>/network_logs/  the OVN databases as must-gather's
#        gather_network_logs_basics stores them, byte for byte:
#          central: leader_nbdb.gz, leader_sbdb.gz (clustered files, gzipped) and
#                   leader_ovnnb_status, leader_ovnsb_status (cluster/status)
#          ic:      ovnk_database_store.tar.gz with ovnk_database_store/<ovnkube-node pod>_nbdb
#                   and _sbdb, each node's own standalone NB and SB file
#  OUTDIR/must-gather.local.<n>/<image>/cluster-scoped-resources/, namespaces/  the Nodes (with
#        their k8s.ovn.org annotations), network.config/operator, ClusterVersion and the
#        openshift-ovn-kubernetes pods (ovn-mustgather.py)
#  OUTDIR/must-gather.local.<n>/inspect.local.<m>/namespaces/demo/  `oc adm inspect ns/demo`
#  OUTDIR/sosreport-<node>/sos_commands/{openvswitch,ovn_host,networking,kernel,host}/...  per
#        node, what a sosreport holds, under sos's file names (docs/lab.md lists them)
# Before it copies the NBs it plays ovnkube-controller's 30 s heartbeat once: NB_Global
# options:e2e_timestamp = now (northd copies it to the SB). Nothing else in the lab changes.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 3 ] || die "usage: ovn-capture.sh PREFIX WORKDIR OUTDIR"
ovn_args "$1" "$2"
OUT=$3
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$MARKER" ] || die "no lab of prefix $PREFIX in $WORKDIR"
mkdir -p "$OUT"

CAPTURE_TIME=$(date -u +%Y-%m-%dT%H:%M:%SZ)
UP_TIME=$(date -u -d "@$(stat -c %Y "$WORKDIR/lab.env")" +%Y-%m-%dT%H:%M:%SZ)
MG_TOP=$OUT/must-gather.local.$(hash_hex "mg-$PREFIX" 12 | tr -dc '0-9' | cut -c1-8)1
IMAGE=$MG_TOP/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-$(hash_hex "must-gather-$MODE" 64)
INSPECT=inspect.local.$(hash_hex "inspect-$PREFIX" 12 | tr -dc '0-9' | cut -c1-8)2
NL=$IMAGE/network_logs
mkdir -p "$NL"
# oc writes the must-gather's start time as Go's time.String() (UTC).
date -u -d "$CAPTURE_TIME" '+%Y-%m-%d %H:%M:%S.%N +0000 UTC m=+0.000000001' >"$MG_TOP/timestamp"

# alive PIDFILE: "true" when the daemon the pidfile names still runs (and is this lab's)
alive() {
    local pid
    pid=$(tr -dc '0-9' <"$1" 2>/dev/null) || true
    if pid_is_ours "$pid" && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then echo true; else echo false; fi
}
# pod_name PREFIX SEED: a Kubernetes-style generated pod name (5 characters of [a-z0-9])
pod_name() { echo "$1-$(hash_hex "$2" 10 | tr '0-9' 'bcdfghjklm' | cut -c1-5)"; }
# heartbeat NB_SOCK: ovnkube-controller's e2e_timestamp write; --wait=sb lets northd copy it
heartbeat() {
    ovn-nbctl --db="$1" --timeout=5 set NB_Global . options:e2e_timestamp="$(date +%s)" >/dev/null 2>&1 || true
    timeout 5 ovn-nbctl --db="$1" --wait=sb --timeout=5 sync >/dev/null 2>&1 || true
}

# ---- the databases
if [ "$MODE" = central ]; then
    heartbeat "$NB_SOCK"
    # A copy taken while ovsdb-server runs can end in a half-written record; the copy is read
    # until its last complete record by every reader (ovsdb-tool too), as must-gather's is.
    gzip -c "$CENTRAL_DIR/ovnnb_db.db" >"$NL/leader_nbdb.gz"
    gzip -c "$CENTRAL_DIR/ovnsb_db.db" >"$NL/leader_sbdb.gz"
    ovs-appctl -t "$CENTRAL_DIR/ovnnb_db.ctl" cluster/status OVN_Northbound >"$NL/leader_ovnnb_status" 2>&1 || true
    ovs-appctl -t "$CENTRAL_DIR/ovnsb_db.ctl" cluster/status OVN_Southbound >"$NL/leader_ovnsb_status" 2>&1 || true
else
    STORE=$(mktemp -d "$WORKDIR/store.XXXXXX")
    mkdir "$STORE/ovnk_database_store"
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        heartbeat "$NB_SOCK"
        p=$(pod_name ovnkube-node "$PREFIX-$NODE")
        cp "$ZONE_DIR/ovnnb_db.db" "$STORE/ovnk_database_store/${p}_nbdb"
        cp "$ZONE_DIR/ovnsb_db.db" "$STORE/ovnk_database_store/${p}_sbdb"
    done
    tar -C "$STORE" --owner=0 --group=0 -czf "$NL/ovnk_database_store.tar.gz" ovnk_database_store
    rm -rf -- "$STORE"
fi

# ---- the cluster objects (ovn-mustgather.py): what Kubernetes holds for this lab
NOT_READY_POD=$(sed -n 's/^NOT_READY_POD=//p' "$WORKDIR/k8s.env" 2>/dev/null || true)
EPS_VERSION=$(sed -n 's/^ENDPOINTS_VERSION=//p' "$WORKDIR/k8s.env" 2>/dev/null || true)
STATE=$WORKDIR/capture-state.json
{
    if [ "$MODE" = ic ]; then version=4.14.12 kubelet=v1.27.10+28ed2d7; else version=4.13.30 kubelet=v1.26.13+8f85140; fi
    printf '{"mode":"%s","prefix":"%s","version":"%s","kubelet":"%s","captureTime":"%s","upTime":"%s",' \
        "$MODE" "$PREFIX" "$version" "$kubelet" "$CAPTURE_TIME" "$UP_TIME"
    printf '"gateway":"%s","inspectDir":"%s","endpointsVersion":"%s",' "$FABRIC_GW" "$INSPECT" "${EPS_VERSION:-4711}"
    printf '"service":{"vip":"%s","port":%s,"targetPort":%s},' "$SERVICE_VIP" "$SERVICE_PORT" "$POD_PORT"
    printf '"controlPlanePod":"%s","masterPod":"%s",' "$(pod_name ovnkube-control-plane-6f9d8c7b4 "$PREFIX-cp")" \
        "$(pod_name ovnkube-master "$PREFIX-master")"
    if [ "$MODE" = central ]; then
        printf '"central":{"nbdb":%s,"sbdb":%s,"northd":%s},' "$(alive "$CENTRAL_DIR/ovnnb_db.pid")" \
            "$(alive "$CENTRAL_DIR/ovnsb_db.pid")" "$(alive "$CENTRAL_DIR/ovn-northd.pid")"
    fi
    printf '"nodes":['
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        [ "$i" = 0 ] || printf ','
        printf '{"name":"%s","ip":"%s","mac":"%s","subnet":"%s","gw":"%s","mpMac":"%s","systemId":"%s",' \
            "$NODE" "$NODE_IP" "$NODE_MAC" "$SUBNET" "$RTR_IP" "$MP_MAC" "$SYSTEM_ID"
        printf '"nodeId":%s,"transitIp":"%s","joinIp":"%s","ovnkubeNodePod":"%s",' \
            "$NODE_ID" "$TRANSIT_IP" "$JOIN_IP" "$(pod_name ovnkube-node "$PREFIX-$NODE")"
        ready=true
        [ "$POD" != "$NOT_READY_POD" ] || ready=false
        backend=false
        [ "$i" != "$BACKEND_NODE" ] || backend=true
        printf '"pod":{"name":"%s","ip":"%s","mac":"%s","uid":"%s","ready":%s,"backend":%s},' \
            "$POD" "$POD_IP" "$POD_MAC" "$(uuid_of "pod-$PREFIX-$POD")" "$ready" "$backend"
        if [ "$MODE" = ic ]; then
            printf '"alive":{"ovn-controller":%s,"northd":%s,"nbdb":%s,"sbdb":%s},' \
                "$(alive "$NODE_DIR/ovn/ovn-controller.pid")" "$(alive "$ZONE_DIR/ovn-northd.pid")" \
                "$(alive "$ZONE_DIR/ovnnb_db.pid")" "$(alive "$ZONE_DIR/ovnsb_db.pid")"
            printf '"logs":{"ovn-controller":"%s","northd":"%s","nbdb":"%s","sbdb":"%s"}}' \
                "$NODE_DIR/log/ovn-controller.log" "$ZONE_DIR/ovn-northd.log" "$ZONE_DIR/ovsdb-server-nb.log" \
                "$ZONE_DIR/ovsdb-server-sb.log"
        else
            printf '"alive":{"ovn-controller":%s},"logs":{"ovn-controller":"%s"}}' \
                "$(alive "$NODE_DIR/ovn/ovn-controller.pid")" "$NODE_DIR/log/ovn-controller.log"
        fi
    done
    printf ']}\n'
} >"$STATE"
python3 "$OVN_LAB_DIR/ovn-mustgather.py" "$STATE" "$IMAGE"

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
    printf 'sos report: 4.5.6\n\nhost\nkernel\nnetworking\nopenvswitch\novn_host\n' >"$S/version.txt"
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
log "captured prefix $PREFIX ($MODE) into $OUT"
