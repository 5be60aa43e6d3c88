#!/bin/sh
# Writes real OVN database files for the OVSDB reader's tests (src/test/resources/ovsdb/README.md):
# for each on-disk format (standalone, as OpenShift 4.14+ keeps each node's DBs, and clustered,
# as the RAFT leader of 4.10-4.13 keeps the central ones) it starts a real ovsdb-server for the
# NB and the SB schema and ovn-northd between them, builds a small ovn-kubernetes-shaped topology
# with ovn-nbctl/ovn-sbctl, modifies and deletes rows so that the logs hold column diffs and
# deletions, dumps every table as the live tools print them, and stops the daemons.
#
# usage: make-samples.sh OUTDIR [standalone|clustered ...]
# Writes OUTDIR/{nb,sb}-<format>.db, .db.gz, {nb,sb}-<format>.dump.json (ovsdb-client dump -f json)
# and {nb,sb}-<format>.<Table>.json (ovn-nbctl/ovn-sbctl --format=json list <Table>), and
# ovnk_database_store.tar.gz with the standalone pair as must-gather stores it.
# Needs ovsdb-tool, ovsdb-server, ovsdb-client, ovn-northd, ovn-nbctl, ovn-sbctl
# (Debian: apt-get install ovn-central ovn-host). Every daemon runs in a temporary folder of
# its own and is stopped by its pid, also when a step fails.
set -eu

out=$1
shift
formats=${*:-standalone clustered}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ovsdb-samples.XXXXXX")

stop() {
    for pidfile in "$work"/*/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}
trap 'stop; rm -rf "$work"' EXIT INT TERM

NB_TABLES="NB_Global Logical_Switch Logical_Switch_Port Logical_Router Logical_Router_Port Logical_Router_Static_Route Load_Balancer Load_Balancer_Group Gateway_Chassis"
SB_TABLES="SB_Global Chassis Encap Port_Binding"
# Fixed so that the files differ between runs only in UUIDs and dates.
LOCAL_CHASSIS=8d7d1c5e-59a4-4b6e-9b55-0c61a3f0e001
REMOTE_CHASSIS=3b1f6a2c-7e0d-4c1a-a7f4-5d2e9c8b0002

for format in $formats; do
    d=$work/$format
    mkdir -p "$d"
    # Relative names from here on: they are written into the files (transaction comments,
    # RAFT addresses), which should not name this machine's folders.
    # OVS and OVN tools resolve relative unix: socket names in their run folder.
    cd "$d"
    export OVS_RUNDIR="$d" OVN_RUNDIR="$d"
    for db in nb sb; do
        schema=/usr/share/ovn/ovn-$db.ovsschema
        if [ "$format" = clustered ]; then
            ovsdb-tool create-cluster "$db.db" "$schema" "unix:$db-raft.sock"
        else
            ovsdb-tool create "$db.db" "$schema"
        fi
        ovsdb-server "$db.db" --detach --no-chdir --pidfile="$d/$db.pid" --unixctl="$d/$db.ctl" \
            --remote="punix:$db.sock" -vconsole:off --log-file="$d/$db.log"
    done
    ovn-northd --detach --no-chdir --pidfile="$d/northd.pid" --unixctl="$d/northd.ctl" \
        --ovnnb-db="unix:nb.sock" --ovnsb-db="unix:sb.sock" -vconsole:off --log-file="$d/northd.log"
    nbctl="ovn-nbctl --db=unix:nb.sock"
    sbctl="ovn-sbctl --db=unix:sb.sock"

    if [ "$format" = standalone ]; then
        # Interconnect: the node's own zone; ovnkube-controller names NB_Global after the node.
        $nbctl set NB_Global . name=worker-0
    fi
    $nbctl ls-add worker-0 -- set Logical_Switch worker-0 other_config:subnet=10.128.0.0/23 \
        other_config:exclude_ips=10.128.0.2
    $nbctl lr-add ovn_cluster_router
    $nbctl lrp-add ovn_cluster_router rtos-worker-0 0a:58:0a:80:00:01 10.128.0.1/23
    $nbctl lsp-add worker-0 stor-worker-0 -- lsp-set-type stor-worker-0 router \
        -- lsp-set-addresses stor-worker-0 router -- lsp-set-options stor-worker-0 router-port=rtos-worker-0
    $nbctl lsp-add worker-0 k8s-worker-0 -- lsp-set-addresses k8s-worker-0 "0a:58:0a:80:00:02 10.128.0.2"
    $nbctl lsp-add worker-0 demo_web-0 -- lsp-set-addresses demo_web-0 "0a:58:0a:80:00:03 10.128.0.3" \
        -- lsp-set-port-security demo_web-0 "0a:58:0a:80:00:03 10.128.0.3" \
        -- set Logical_Switch_Port demo_web-0 options:requested-chassis=worker-0 external_ids:namespace=demo \
           external_ids:pod=true
    $nbctl lr-add GR_worker-0 -- set Logical_Router GR_worker-0 options:chassis=$LOCAL_CHASSIS \
        options:lb_force_snat_ip=router_ip external_ids:physical_ip=172.18.0.11
    $nbctl lrp-add GR_worker-0 rtoe-GR_worker-0 0a:58:ac:12:00:0b 172.18.0.11/24
    $nbctl lrp-add ovn_cluster_router rtots-worker-0 0a:58:64:58:00:02 100.88.0.2/16
    $nbctl lrp-set-gateway-chassis rtots-worker-0 $LOCAL_CHASSIS 1
    $nbctl lr-route-add GR_worker-0 0.0.0.0/0 172.18.0.1 rtoe-GR_worker-0
    $nbctl --policy=src-ip lr-route-add ovn_cluster_router 10.128.0.0/23 100.64.0.2
    $nbctl lr-route-add ovn_cluster_router 10.128.2.0/23 100.88.0.3
    $nbctl lb-add Service_demo/web_TCP_cluster 172.30.0.10:80 10.128.0.3:8080 tcp
    $nbctl set Load_Balancer Service_demo/web_TCP_cluster options:reject=true options:event=false \
        external_ids:k8s.ovn.org/kind=Service external_ids:k8s.ovn.org/owner=demo/web
    $nbctl ls-lb-add worker-0 Service_demo/web_TCP_cluster
    $nbctl lb-add Service_demo/db_TCP_cluster 172.30.0.20:5432 10.128.0.9:5432 tcp
    lb_web=$($nbctl --bare --columns=_uuid find Load_Balancer name=Service_demo/web_TCP_cluster)
    lb_db=$($nbctl --bare --columns=_uuid find Load_Balancer name=Service_demo/db_TCP_cluster)
    group=$($nbctl create Load_Balancer_Group name=clusterSwitchLBGroup)
    $nbctl add Load_Balancer_Group $group load_balancer $lb_web -- add Load_Balancer_Group $group load_balancer $lb_db
    $nbctl add Logical_Switch worker-0 load_balancer_group $group

    # Changes after creation, so that the files hold diffs of each kind: a map value replaced,
    # a map key added and one removed, a set element added and removed, a scalar changed, and
    # deleted rows (a port, a route, a load balancer referenced from a group).
    $nbctl set Load_Balancer Service_demo/web_TCP_cluster vips:'"172.30.0.10:80"'='"10.128.0.3:8080,10.128.2.3:8080"'
    $nbctl remove Load_Balancer Service_demo/web_TCP_cluster options event
    $nbctl set Logical_Switch worker-0 other_config:mcast_snoop=false
    $nbctl lsp-add worker-0 demo_old-1 -- lsp-set-addresses demo_old-1 "0a:58:0a:80:00:04 10.128.0.4"
    $nbctl lsp-del demo_old-1
    $nbctl lsp-set-enabled k8s-worker-0 enabled
    $nbctl lr-route-del ovn_cluster_router 10.128.2.0/23
    $nbctl lb-del Service_demo/db_TCP_cluster

    $nbctl --wait=sb sync
    $sbctl chassis-add $LOCAL_CHASSIS geneve 172.18.0.11 -- set Chassis $LOCAL_CHASSIS hostname=worker-0
    $sbctl chassis-add $REMOTE_CHASSIS geneve 172.18.0.12 -- set Chassis $REMOTE_CHASSIS hostname=worker-1 \
        other_config:is-remote=true
    $sbctl lsp-bind demo_web-0 $LOCAL_CHASSIS
    $sbctl set Chassis $LOCAL_CHASSIS other_config:ovn-cms-options=enable-chassis-as-gw
    $sbctl set Encap "$($sbctl --bare --columns=_uuid find Encap ip=172.18.0.12)" options:csum=true
    $nbctl --wait=sb sync

    for db in nb sb; do
        if [ $db = nb ]; then tables=$NB_TABLES; ctl=$nbctl; name=OVN_Northbound
        else tables=$SB_TABLES; ctl=$sbctl; name=OVN_Southbound; fi
        for t in $tables; do
            $ctl --format=json list "$t" > "$out/$db-$format.$t.json"
        done
        ovsdb-client -f json dump "unix:$db.sock" $name > "$out/$db-$format.dump.json"
    done
    stop
    for db in nb sb; do
        cp "$d/$db.db" "$out/$db-$format.db"
        gzip -n -9 -c "$d/$db.db" > "$out/$db-$format.db.gz"
    done
    cd "$work"
done

# must-gather 4.14+ keeps each node's standalone files as ovnk_database_store/<ovnkube-node pod>_nbdb
# and _sbdb in network_logs/ovnk_database_store.tar.gz.
if [ -f "$out/nb-standalone.db" ] && [ -f "$out/sb-standalone.db" ]; then
    mkdir "$work/ovnk_database_store"
    cp "$out/nb-standalone.db" "$work/ovnk_database_store/ovnkube-node-x7k2p_nbdb"
    cp "$out/sb-standalone.db" "$work/ovnk_database_store/ovnkube-node-x7k2p_sbdb"
    tar -C "$work" --owner=0 --group=0 --mtime=@0 -cf - ovnk_database_store | gzip -n -9 > "$out/ovnk_database_store.tar.gz"
fi
