#!/usr/bin/env bash
# ovn-up.sh PREFIX WORKDIR [MODE]
#
# Brings up a 3-node OVN-Kubernetes-shaped lab (docs/lab.md, "OVN lab"): a fabric bridge,
# three nodes each with its own ovsdb-server, ovs-vswitchd (userspace, netdev datapath) and
# ovn-controller, and one pod per node. MODE:
#  central (default)  OCP <=4.13: one central namespace with clustered (single-member RAFT)
#                     NB and SB ovsdb-servers and ovn-northd; one NB describes every node
#  ic                 OCP >=4.14 interconnect: every node is its own zone with standalone NB
#                     and SB ovsdb-servers and ovn-northd (unix sockets, as in the ovnkube-node
#                     pod); the zones are joined by `transit_switch` (remote ports tstor-<Y>,
#                     remote chassis with other_config:is-remote=true, static routes via the
#                     transit IPs), as ovnkube-controller builds them
# The NB topology uses ovn-kubernetes' names. On failure it tears down what it built (exit 1).
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 2 ] || [ $# -eq 3 ] || die "usage: ovn-up.sh PREFIX WORKDIR [central|ic]"
OVN_MODE=${3:-central} ovn_args "$1" "$2"
[ ! -f "$WORKDIR/lab.env" ] || die "$WORKDIR holds a lab already"
[ "$(id -u)" = 0 ] || die "must run as root"
for t in ovsdb-server ovs-vswitchd ovn-northd ovn-controller ovn-nbctl ovsdb-tool ethtool nc python3; do
    command -v "$t" >/dev/null || die "$t is not installed"
done
[ -z "$(ovn_namespaces)" ] || die "namespaces of prefix $PREFIX exist already"
[ ! -e "$WORKDIR" ] || [ -z "$(ls -A "$WORKDIR")" ] || die "$WORKDIR exists and is not empty"

fail() {
    log "up failed at line $1; tearing down"
    bash "$OVN_LAB_DIR/ovn-down.sh" "$PREFIX" "$WORKDIR" >&2 || true
    exit 1
}
trap 'fail $LINENO' ERR

mkdir -p "$WORKDIR"
echo "$PREFIX" >"$MARKER"
{
    echo "PREFIX=$PREFIX"
    echo "NODES=$OVN_NODES"
    echo "MODE=$MODE"
} >"$WORKDIR/lab.env"
T0=$(date +%s%N)
phase() { log "$1 ($(( ($(date +%s%N) - T0) / 1000000 )) ms)"; }

# ---- fabric: a Linux bridge; its address is the nodes' default gateway and "outside"
ip netns add "$FABRIC_NS"
ip -n "$FABRIC_NS" link set lo up
ip -n "$FABRIC_NS" link add br0 type bridge
ip -n "$FABRIC_NS" addr add $FABRIC_GW/24 dev br0
ip -n "$FABRIC_NS" link set br0 up
ip netns exec "$FABRIC_NS" ethtool -K br0 tx off >/dev/null 2>&1 || true   # gotcha 6

# attach NS HOSTIF: a veth from namespace NS (eth0) to the fabric bridge (HOSTIF).
attach() {
    ip link add "$2" netns "$FABRIC_NS" type veth peer name eth0 netns "$1"
    ip -n "$FABRIC_NS" link set "$2" master br0 up
    ip -n "$1" link set lo up
}

# start_db_server DIR DB NS CREATE: an ovsdb-server for ovn{nb,sb}_db.db in DIR, inside NS
# (DB nb or sb); CREATE names the ovsdb-tool command that makes the file (create-cluster
# ADDRESS, or create for a standalone file as ovnkube-node's nbdb/sbdb containers run it).
start_db_server() {
    local dir=$1 db=$2 ns=$3 schema table file
    shift 3
    if [ "$db" = nb ]; then schema=OVN_Northbound; table=NB_Global; else schema=OVN_Southbound; table=SB_Global; fi
    file=$dir/ovn${db}_db.db
    if [ "$1" = create-cluster ]; then
        ovsdb-tool create-cluster "$file" /usr/share/ovn/ovn-$db.ovsschema "$2"
    else
        ovsdb-tool create "$file" /usr/share/ovn/ovn-$db.ovsschema
    fi
    ip netns exec "$ns" env OVS_RUNDIR="$dir" ovsdb-server "$file" \
        --remote="punix:$dir/ovn${db}_db.sock" --remote="db:$schema,$table,connections" \
        --pidfile="$dir/ovn${db}_db.pid" --unixctl="$dir/ovn${db}_db.ctl" \
        --detach --no-chdir -vconsole:off --log-file="$dir/ovsdb-server-$db.log" </dev/null
}

# start_northd DIR NS: ovn-northd between the NB and SB sockets of DIR.
start_northd() {
    ip netns exec "$2" env OVN_RUNDIR="$1" ovn-northd \
        --ovnnb-db="unix:$1/ovnnb_db.sock" --ovnsb-db="unix:$1/ovnsb_db.sock" --pidfile="$1/ovn-northd.pid" \
        --detach --no-chdir -vconsole:off --log-file="$1/ovn-northd.log" </dev/null
}

if [ "$MODE" = central ]; then
    # ---- central: clustered NB and SB, northd
    ip netns add "$CENTRAL_NS"
    attach "$CENTRAL_NS" c0
    ip -n "$CENTRAL_NS" addr add $CENTRAL_IP/24 dev eth0
    ip -n "$CENTRAL_NS" link set eth0 up
    ip netns exec "$CENTRAL_NS" ethtool -K eth0 tx off >/dev/null 2>&1   # gotcha 6
    mkdir -p "$CENTRAL_DIR"
    start_db_server "$CENTRAL_DIR" nb "$CENTRAL_NS" create-cluster tcp:$CENTRAL_IP:9643
    start_db_server "$CENTRAL_DIR" sb "$CENTRAL_NS" create-cluster tcp:$CENTRAL_IP:9644
    nbctl set-connection ptcp:9641:$CENTRAL_IP
    sbctl set-connection ptcp:9642:$CENTRAL_IP
    start_northd "$CENTRAL_DIR" "$CENTRAL_NS"
    phase "central up"
fi

# ---- nodes: network, OVS, br-int/br-ex (ovn-controller comes after the NB topology)
for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    ip netns add "$NODE_NS"
    attach "$NODE_NS" "$FABRIC_PORT"
    ip -n "$NODE_NS" link set eth0 address "$NIC_MAC"
    ip -n "$NODE_NS" link set eth0 arp off up                           # lab-notes item 2
    ip netns exec "$NODE_NS" sysctl -qw net.ipv4.ip_forward=1
    mkdir -p "$NODE_DIR/run" "$NODE_DIR/ovn" "$NODE_DIR/log"
    if [ "$MODE" = ic ]; then
        # the node's zone: standalone NB and SB and its northd, reached over unix sockets only
        mkdir -p "$ZONE_DIR"
        start_db_server "$ZONE_DIR" nb "$NODE_NS" create
        start_db_server "$ZONE_DIR" sb "$NODE_NS" create
        start_northd "$ZONE_DIR" "$NODE_NS"
        OVN_REMOTE=$SB_SOCK
    else
        OVN_REMOTE=tcp:$CENTRAL_IP:9642
    fi
    ovsdb-tool create "$NODE_DIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema
    ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" ovsdb-server "$NODE_DIR/conf.db" \
        --remote="punix:$NODE_DIR/run/db.sock" --remote=db:Open_vSwitch,Open_vSwitch,manager_options \
        --pidfile="$NODE_DIR/run/ovsdb-server.pid" --detach --no-chdir -vconsole:off \
        --log-file="$NODE_DIR/log/ovsdb-server.log" </dev/null
    vsctl --no-wait init
    vsctl --no-wait set open . external_ids:system-id="$SYSTEM_ID" external_ids:hostname="$NODE" \
        external_ids:ovn-remote="$OVN_REMOTE" external_ids:ovn-encap-type=geneve \
        external_ids:ovn-encap-ip="$NODE_IP" external_ids:ovn-bridge-datapath-type=netdev \
        external_ids:ovn-bridge-mappings=physnet:br-ex external_ids:ovn-monitor-all=true
    # IC: ovnkube-node sets ovn-is-interconn so that ovn-controller builds tunnels to the
    # remote-zone chassis (other_config:is-remote=true) too
    [ "$MODE" != ic ] || vsctl --no-wait set open . external_ids:ovn-is-interconn=true
    ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" ovs-vswitchd "unix:$NODE_DIR/run/db.sock" \
        --disable-system --pidfile="$NODE_DIR/run/ovs-vswitchd.pid" --detach --no-chdir -vconsole:off \
        --log-file="$NODE_DIR/log/ovs-vswitchd.log" </dev/null
    vsctl add-br br-int -- set bridge br-int datapath_type=netdev fail_mode=secure \
            other_config:disable-in-band=true protocols=OpenFlow13,OpenFlow15 \
        -- add-br br-ex -- set bridge br-ex datapath_type=netdev fail_mode=secure \
            other_config:hwaddr="$NODE_MAC" protocols=OpenFlow13,OpenFlow15 \
        -- add-port br-ex eth0 -- set interface eth0 ofport_request=1
    ip -n "$NODE_NS" addr add "$NODE_IP/24" dev br-ex
    ip -n "$NODE_NS" link set br-ex up
    ip -n "$NODE_NS" route add default via $FABRIC_GW dev br-ex
    # ovnkube-node's host side of the masquerade path to services (shared gateway): the host
    # masquerade address on br-ex and the service network via the masquerade next hop. Only
    # the host's configuration: the br-ex/GR flows that would carry host -> ClusterIP traffic
    # are not built (docs/lab.md, differences).
    ip -n "$NODE_NS" addr add 169.254.169.2/29 dev br-ex
    ip -n "$NODE_NS" neigh add 169.254.169.4 lladdr "$NODE_MAC" dev br-ex nud permanent
    ip -n "$NODE_NS" route add 172.30.0.0/16 via 169.254.169.4 dev br-ex mtu $POD_MTU
    # ovnkube-node's raw-table NOTRACK for Geneve
    in_node iptables -t raw -A PREROUTING -p udp --dport 6081 -j NOTRACK
    in_node iptables -t raw -A OUTPUT -p udp --dport 6081 -j NOTRACK
done
phase "node OVS up"

# br_ex_flows: ovn-k-like br-ex flows (gotcha 4): Geneve to the host, host and GR traffic
# told apart by ct_mark 1 (GR) / 2 (host) in zone 64000, ARP from the NIC to both.
# PATCH is the GR patch port's ofport, or empty before ovn-controller created it.
br_ex_flows() {
    local patch=$1 f=$NODE_DIR/br-ex.flows
    {
        echo "table=0,priority=300,in_port=1,udp,tp_dst=6081,actions=LOCAL"
        echo "table=0,priority=300,in_port=LOCAL,udp,tp_dst=6081,actions=output:1"
        echo "table=0,priority=100,in_port=LOCAL,ip,actions=ct(commit,zone=64000,exec(load:0x2->NXM_NX_CT_MARK[])),output:1"
        echo "table=0,priority=50,in_port=1,ip,actions=ct(table=1,zone=64000)"
        echo "table=0,priority=10,in_port=LOCAL,actions=output:1"
        echo "table=1,priority=100,ct_mark=0x2,actions=LOCAL"
        echo "table=1,priority=0,actions=LOCAL"
        if [ -n "$patch" ]; then
            echo "table=0,priority=100,in_port=$patch,ip,actions=ct(commit,zone=64000,exec(load:0x1->NXM_NX_CT_MARK[])),output:1"
            echo "table=0,priority=10,in_port=$patch,actions=output:1"
            echo "table=0,priority=10,in_port=1,arp,actions=LOCAL,output:$patch"
            echo "table=0,priority=9,in_port=1,actions=LOCAL,output:$patch"
            echo "table=1,priority=100,ct_mark=0x1,actions=output:$patch"
        else
            echo "table=0,priority=9,in_port=1,actions=LOCAL"
        fi
    } | sed 's/^/cookie=0xdeff105,/' >"$f"
    ofctl replace-flows br-ex "$f"
}
for i in $(seq 0 $((OVN_NODES - 1))); do node_vars "$i"; br_ex_flows ""; done

# ---- NB topology (ovn-kubernetes, shared gateway)
# The nb_* functions queue ovn-nbctl commands (nb); nb_flush runs the queue as one ovn-nbctl
# invocation, one transaction: central flushes per node, IC once per zone (fewer round trips
# to a loaded machine's ovsdb-servers).
NBARGS=()
nb() { NBARGS+=(-- "$@"); }
nb_flush() {
    [ ${#NBARGS[@]} = 0 ] || nbctl "${NBARGS[@]}" >/dev/null
    NBARGS=()
}

# nb_cluster_router: ovn_cluster_router, the join switch and the 102 policies (central: once;
# IC: in every zone, each zone has its own copy).
nb_cluster_router() {
    nb ls-add join
    nb lr-add ovn_cluster_router
    nb lrp-add ovn_cluster_router rtoj-ovn_cluster_router 0a:58:64:40:00:01 100.64.0.1/16
    nb lsp-add join jtor-ovn_cluster_router
    nb lsp-set-type jtor-ovn_cluster_router router
    nb lsp-set-addresses jtor-ovn_cluster_router router
    nb lsp-set-options jtor-ovn_cluster_router router-port=rtoj-ovn_cluster_router
    nb lr-policy-add ovn_cluster_router 102 "ip4.src == $CLUSTER_CIDR && ip4.dst == $CLUSTER_CIDR" allow
    nb lr-policy-add ovn_cluster_router 102 "ip4.src == $CLUSTER_CIDR && ip4.dst == $JOIN_CIDR" allow
}

# nb_service_lb: the ClusterIP's load balancer (attached by name in nb_node).
nb_service_lb() {
    nb create load_balancer name="$LB_NAME" protocol=tcp \
        vips:"\"$SERVICE_VIP:$SERVICE_PORT\""="\"10.128.$((2 * BACKEND_NODE)).3:$POD_PORT\"" \
        options:reject=true options:event=false options:skip_snat=false \
        external_ids:k8s.ovn.org/kind=Service external_ids:k8s.ovn.org/owner=$K8S_NAMESPACE/web
}

# nb_node: node_vars' node's own part of the topology: its switch with the stor-, k8s- and
# pod ports, rtos- on ovn_cluster_router, GR_<node> with its join and external ports,
# ext_<node> with the localnet port, SNAT, routes, the 1004 policy, and the service's load
# balancer on the switch and the GR.
nb_node() {
    local GR=GR_$NODE
    nb ls-add "$NODE"
    nb set logical_switch "$NODE" other_config:subnet="$SUBNET" other_config:exclude_ips="$MP_IP"
    nb lrp-add ovn_cluster_router "rtos-$NODE" "$RTR_MAC" "$RTR_IP/23"
    nb lsp-add "$NODE" "stor-$NODE"
    nb lsp-set-type "stor-$NODE" router
    nb lsp-set-addresses "stor-$NODE" router
    nb lsp-set-options "stor-$NODE" router-port="rtos-$NODE"
    nb lsp-add "$NODE" "k8s-$NODE"
    nb lsp-set-addresses "k8s-$NODE" "$MP_MAC $MP_IP"
    nb lsp-add "$NODE" "$POD_LSP"
    nb lsp-set-addresses "$POD_LSP" "$POD_MAC $POD_IP"
    nb lsp-set-port-security "$POD_LSP" "$POD_MAC $POD_IP"
    nb lsp-set-options "$POD_LSP" requested-chassis="$NODE"
    nb set logical_switch_port "$POD_LSP" external_ids:namespace=$K8S_NAMESPACE external_ids:pod=true
    nb lr-add "$GR"
    nb set logical_router "$GR" options:chassis="$SYSTEM_ID" \
        options:lb_force_snat_ip=router_ip options:snat-ct-zone=0 options:dynamic_neigh_routers=true \
        external_ids:physical_ip="$NODE_IP" external_ids:physical_ips="$NODE_IP"
    nb lrp-add "$GR" "rtoj-$GR" "$JOIN_MAC" "$JOIN_IP/16"
    nb lsp-add join "jtor-$GR"
    nb lsp-set-type "jtor-$GR" router
    nb lsp-set-addresses "jtor-$GR" router
    nb lsp-set-options "jtor-$GR" router-port="rtoj-$GR"
    nb lrp-add "$GR" "rtoe-$GR" "$NODE_MAC" "$NODE_IP/24"
    nb ls-add "ext_$NODE"
    nb lsp-add "ext_$NODE" "etor-$GR"
    nb lsp-set-type "etor-$GR" router
    nb lsp-set-addresses "etor-$GR" "$NODE_MAC"
    nb lsp-set-options "etor-$GR" router-port="rtoe-$GR"
    nb lsp-add "ext_$NODE" "br-ex_$NODE"
    nb lsp-set-type "br-ex_$NODE" localnet
    nb lsp-set-addresses "br-ex_$NODE" unknown
    nb lsp-set-options "br-ex_$NODE" network_name=physnet
    nb lr-nat-add "$GR" snat "$NODE_IP" "$CLUSTER_CIDR"
    nb lr-route-add "$GR" 0.0.0.0/0 $FABRIC_GW "rtoe-$GR"
    nb lr-route-add "$GR" "$CLUSTER_CIDR" 100.64.0.1
    nb --policy=src-ip lr-route-add ovn_cluster_router "$SUBNET" "$JOIN_IP"
    nb lr-route-add ovn_cluster_router "$JOIN_IP/32" "$JOIN_IP"
    nb lr-policy-add ovn_cluster_router 1004 "inport == \"rtos-$NODE\" && ip4.dst == $NODE_IP /* $NODE */" reroute "$MP_IP"
    nb ls-lb-add "$NODE" "$LB_NAME"
    nb lr-lb-add "$GR" "$LB_NAME"
}

# nb_ic_zone X: what ovnkube-controller adds in IC mode to the zone of node X: NB_Global
# name = X, the transit switch with X's own router port tstor-X/rtots-X, and for each other
# node Y a remote port tstor-Y (requested-chassis Y, requested-tnl-key = Y's node-id) and
# static routes to Y's subnet and GR join IP via Y's transit IP (ic-node=Y).
nb_ic_zone() {
    local x=$1 y
    nb set NB_Global . name="$NODE"
    nb ls-add transit_switch
    nb set logical_switch transit_switch other_config:interconn-ts=transit_switch \
        other_config:requested-tnl-key=$TRANSIT_SWITCH_TNL_KEY other_config:mcast_snoop=true \
        other_config:mcast_querier=false other_config:mcast_flood_unregistered=true
    nb lrp-add ovn_cluster_router "rtots-$NODE" "$TRANSIT_MAC" "$TRANSIT_IP/16"
    nb set logical_router_port "rtots-$NODE" options:mcast_flood=true
    nb lsp-add transit_switch "tstor-$NODE"
    nb lsp-set-type "tstor-$NODE" router
    nb lsp-set-addresses "tstor-$NODE" router
    nb lsp-set-options "tstor-$NODE" router-port="rtots-$NODE" requested-tnl-key=$NODE_ID
    nb set logical_switch_port "tstor-$NODE" external_ids:node="$NODE"
    for y in $(seq 0 $((OVN_NODES - 1))); do
        [ "$y" != "$x" ] || continue
        node_vars "$y"
        local name=$NODE id=$NODE_ID mac=$TRANSIT_MAC tip=$TRANSIT_IP subnet=$SUBNET join=$JOIN_IP
        nb lsp-add transit_switch "tstor-$name"
        nb lsp-set-type "tstor-$name" remote
        nb lsp-set-addresses "tstor-$name" "$mac $tip/16"
        nb lsp-set-options "tstor-$name" requested-tnl-key="$id" requested-chassis="$name"
        nb set logical_switch_port "tstor-$name" external_ids:node="$name"
        nb --id=@subnet$y create logical_router_static_route ip_prefix="$subnet" nexthop="$tip" external_ids:ic-node="$name"
        nb add logical_router ovn_cluster_router static_routes @subnet$y
        nb --id=@join$y create logical_router_static_route ip_prefix="$join/32" nexthop="$tip" external_ids:ic-node="$name"
        nb add logical_router ovn_cluster_router static_routes @join$y
    done
    node_vars "$x"
}

# sb_remote_chassis X: in the SB of node X, a Chassis for every other node Y, as
# ovnkube-controller's zone chassis handler creates it: name = Y's system-id, hostname = Y,
# other_config:is-remote=true, one geneve Encap at Y's node IP (csum=true). One transaction.
sb_remote_chassis() {
    local x=$1 y args=()
    for y in $(seq 0 $((OVN_NODES - 1))); do
        [ "$y" != "$x" ] || continue
        node_vars "$y"
        args+=(-- --id=@encap$y create encap type=geneve ip="$NODE_IP" options:csum=true chassis_name="$SYSTEM_ID"
               -- create chassis name="$SYSTEM_ID" hostname="$NODE" encaps=@encap$y other_config:is-remote=true)
    done
    node_vars "$x"
    sbctl "${args[@]}" >/dev/null
}

# sb_bind_remote_ports X: in X's SB, bind each remote port tstor-Y to Y's remote chassis (as
# ovnkube-controller does; ovn-controller never claims a remote port). Needs northd to have
# created the Port_Bindings.
sb_bind_remote_ports() {
    local x=$1 y args=()
    for y in $(seq 0 $((OVN_NODES - 1))); do
        [ "$y" != "$x" ] || continue
        node_vars "$y"
        args+=(-- lsp-bind "tstor-$NODE" "$SYSTEM_ID")
    done
    node_vars "$x"
    sbctl "${args[@]}"
}

if [ "$MODE" = central ]; then
    nb_cluster_router
    nb_service_lb
    nb_flush
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        nb_node
        nb_flush
    done
else
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        nb init
        nb_cluster_router
        nb_service_lb
        nb_node
        nb_ic_zone "$i"
        nb_flush
        sb_remote_chassis "$i"
    done
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=sb --timeout=30 sync
        sb_bind_remote_ports "$i"
    done
fi
phase "NB topology"

# ---- nodes: management port, pod, ovn-controller
for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    vsctl add-port br-int ovn-k8s-mp0 -- set interface ovn-k8s-mp0 type=internal mtu_request=$POD_MTU \
        external_ids:iface-id="k8s-$NODE"
    ip -n "$NODE_NS" link set ovn-k8s-mp0 address "$MP_MAC"
    ip -n "$NODE_NS" addr add "$MP_IP/23" dev ovn-k8s-mp0
    ip -n "$NODE_NS" link set ovn-k8s-mp0 up
    ip -n "$NODE_NS" route add $CLUSTER_CIDR via "$RTR_IP" dev ovn-k8s-mp0
    in_node iptables -t nat -N OVN-KUBE-SNAT-MGMTPORT
    in_node iptables -t nat -A POSTROUTING -o ovn-k8s-mp0 -j OVN-KUBE-SNAT-MGMTPORT
    in_node iptables -t nat -A OVN-KUBE-SNAT-MGMTPORT -o ovn-k8s-mp0 -m comment --comment "OVN SNAT to Management Port" \
        -j SNAT --to-source "$MP_IP"

    ip netns add "$POD_NS"
    ip link add "$POD_VETH" netns "$NODE_NS" type veth peer name eth0 netns "$POD_NS"
    ip -n "$NODE_NS" link set "$POD_VETH" mtu $POD_MTU arp off up
    ip -n "$POD_NS" link set lo up
    ip -n "$POD_NS" link set eth0 address "$POD_MAC" mtu $POD_MTU up
    ip -n "$POD_NS" addr add "$POD_IP/23" dev eth0
    ip -n "$POD_NS" route add default via "$RTR_IP" dev eth0
    in_pod ethtool -K eth0 tx off >/dev/null                                # gotcha 6
    SANDBOX=$(hash_hex "sandbox-$PREFIX-$POD" 64)
    vsctl add-port br-int "$POD_VETH" -- set interface "$POD_VETH" \
        external_ids:iface-id="$POD_LSP" external_ids:attached_mac="$POD_MAC" \
        external_ids:ip_addresses="$POD_IP/23" external_ids:sandbox="$SANDBOX" \
        external_ids:iface-id-ver="$(uuid_of "pod-$PREFIX-$POD")"
    mkdir -p "$WORKDIR/pods/$POD"
    head -c 1048576 /dev/zero >"$WORKDIR/pods/$POD/big.bin"
    echo "$POD" >"$WORKDIR/pods/$POD/index.html"
    # Popen with close_fds (gotcha 17): the listener keeps none of our fds.
    ip netns exec "$POD_NS" python3 -c '
import subprocess, sys
d = sys.argv[1]
p = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "0.0.0.0", "--directory", d, sys.argv[2]],
                     stdin=subprocess.DEVNULL, stdout=open(d + ".log", "ab"), stderr=subprocess.STDOUT,
                     close_fds=True, start_new_session=True)
open(d + ".pid", "w").write(str(p.pid))
' "$WORKDIR/pods/$POD" "$POD_PORT"
done
phase "mgmt ports and pods"

if [ "$MODE" = central ]; then
    for t in $(seq 100); do nc -z -w 1 $CENTRAL_IP 9642 2>/dev/null && break; sleep 0.1; done   # gotcha 9
fi
for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    [ "$MODE" = ic ] || in_node nc -z -w 2 $CENTRAL_IP 9642 || { log "$NODE cannot reach the SB port"; false; }
    ip netns exec "$NODE_NS" env OVS_RUNDIR="$NODE_DIR/run" OVN_RUNDIR="$NODE_DIR/ovn" ovn-controller \
        "unix:$NODE_DIR/run/db.sock" --pidfile="$NODE_DIR/ovn/ovn-controller.pid" --detach --no-chdir \
        -vconsole:off --log-file="$NODE_DIR/log/ovn-controller.log" </dev/null
done
phase "ovn-controllers started"
if [ "$MODE" = central ]; then
    timeout 60 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=60 sync
else
    for i in $(seq 0 $((OVN_NODES - 1))); do
        node_vars "$i"
        timeout 60 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=60 sync
    done
fi
phase "hv sync"

# patch-port flows on br-ex, once ovn-controller has created the GR patch port (gotcha 7: by ofport)
for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    patch=
    for t in $(seq 100); do
        patch=$(vsctl --if-exists get interface "patch-br-ex_$NODE-to-br-int" ofport 2>/dev/null | tr -dc '0-9') || true
        [ -n "$patch" ] && [ "$patch" != 0 ] && break
        sleep 0.1
    done
    [ -n "$patch" ] || { log "$NODE: no patch port on br-ex"; false; }
    br_ex_flows "$patch"
done
phase "br-ex flows"

# warm-up (gotcha 10): every node pings every other through br-ex, each pod its gateway
for i in $(seq 0 $((OVN_NODES - 1))); do
    node_vars "$i"
    for j in $(seq 0 $((OVN_NODES - 1))); do
        [ "$i" = "$j" ] || in_node ping -c 1 -W 1 "172.18.0.$((11 + j))" >/dev/null 2>&1 || true
    done
    in_pod ping -c 1 -W 1 "$RTR_IP" >/dev/null 2>&1 || true
done
trap - ERR
phase "up: prefix $PREFIX ($MODE)"
