#!/usr/bin/env bash
# lab-up.sh PREFIX WORKDIR
#
# Builds a small openshift-sdn 3.11 (redhat/openshift-ovs-subnet) cluster
# entirely inside network namespaces, with userspace Open vSwitch:
#
#   ${PREFIX}-ul   the underlay switch: Linux bridge "ul" with 198.51.100.254/24
#                  (the nodes' default gateway) and 203.0.113.10 (an "external"
#                  host for pod egress checks); ports n1..nN go to the nodes.
#   ${PREFIX}-nI   node I: eth0 (underlay veth) in OVS bridge br-phy, which holds
#                  the node IP 198.51.100.I/24; br0 with vxlan0 (ofport 1), tun0
#                  (ofport 2, gateway of the node's HostSubnet) and the pod's
#                  veth (ofport 3); the 3.11 flow tables; tun0 routes;
#                  ip_forward=1; the OPENSHIFT-* iptables chains.
#   ${PREFIX}-pI   the one pod on node I: 10.(127+I).0.5/23 on eth0, routes
#                  10.128.0.0/14 on-link and default via the tun0 gateway.
#
# An HTTP listener (python3 http.server, port 8080) runs in every pod, every
# node and on the external host, serving WORKDIR/www (small.txt, big.bin).
#
# WORKDIR/<node>/ plays the node's root file system (etc/origin/node/
# node-config.yaml, etc/resolv.conf) and holds its OVS run/db/log dirs;
# WORKDIR/cluster/ holds nodes/hostsubnets/clusternetworks/pods.json as
# `oc get -o json` prints them; WORKDIR/lab.env describes the lab in
# shell-sourceable KEY=value lines. Environment: LAB_NODES (default 3, max 4),
# LAB_NO_WARMUP=1 skips the tunnel warm-up, LAB_KEEP_ON_FAIL=1 leaves a failed
# lab in place for inspection. Exit 0 when up, 1 when bring-up failed (the
# partial lab is removed), 2 on bad usage.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

[ $# -eq 2 ] || die "usage: lab-up.sh PREFIX WORKDIR"
lab_args "$1" "$2"
[ "$(id -u)" = 0 ] || die "must run as root"
for t in ip ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ovs-ofctl iptables-restore ethtool setsid; do
    command -v "$t" >/dev/null || die "missing tool: $t"
done
OVS_SCHEMA=${OVS_SCHEMA:-/usr/share/openvswitch/vswitch.ovsschema}
[ -f "$OVS_SCHEMA" ] || die "OVS schema not found: $OVS_SCHEMA"
[ -z "$(lab_namespaces)" ] || die "namespaces with prefix ${PREFIX}- exist already (run lab-down.sh first)"
if [ -e "$WORKDIR" ]; then
    [ -d "$WORKDIR" ] && [ -z "$(ls -A "$WORKDIR")" ] \
        || die "WORKDIR $WORKDIR exists and is not empty (run lab-down.sh first)"
fi

START_NS=$(date +%s%N)
mkdir -p "$WORKDIR"
echo "$PREFIX" >"$MARKER"
echo "LAB_NODES=$LAB_NODES" >"$WORKDIR/lab.env"

PIDS=()
fail() {
    trap - ERR
    echo "lab-up: FAILED: $*" >&2
    [ ${#PIDS[@]} = 0 ] || wait "${PIDS[@]}" 2>/dev/null || true
    if [ -z "${LAB_KEEP_ON_FAIL:-}" ]; then
        LAB_QUIET=1 bash "$LAB_DIR/lab-down.sh" "$PREFIX" "$WORKDIR" || true
    fi
    exit 1
}
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR

# --- content served by every listener --------------------------------------
mkdir -p "$WORKDIR/www" "$WORKDIR/ul/run" "$WORKDIR/ul/log" "$WORKDIR/cluster"
echo "netrules lab" >"$WORKDIR/www/small.txt"
head -c 1048576 /dev/zero >"$WORKDIR/www/big.bin"

# --- namespaces ------------------------------------------------------------
# Fresh namespaces: loopback up, IPv6 off (no DAD state changing under us).
new_ns() {
    ip netns add "$1"
    ip netns exec "$1" sh -c '
        echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6
        echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
        ip link set lo up'
}
new_ns "$UL_NS"
for i in $(seq "$LAB_NODES"); do
    node_vars "$i"
    new_ns "$NODE_NS"
    new_ns "$POD_NS"
done

# --- underlay switch -------------------------------------------------------
{
    echo "link add ul type bridge"
    echo "link set ul up"
    echo "addr add $LAB_UNDERLAY_GW/24 dev ul"
    echo "addr add $LAB_EXTERNAL_IP/32 dev lo"
} | ip -n "$UL_NS" -batch -
# The switch's own TCP replies must carry full checksums: the nodes' eth0 is
# read by OVS through a packet socket, which never completes a partial one.
ip netns exec "$UL_NS" ethtool -K ul tx off >/dev/null
for i in $(seq "$LAB_NODES"); do
    node_vars "$i"
    # the node's "cable": eth0 in the node, port nI on the switch
    ip -n "$UL_NS" link add "$UL_PORT" type veth peer name eth0 netns "$NODE_NS"
    ip -n "$UL_NS" link set "$UL_PORT" master ul up
    # the pod's veth pair: host side in the node, eth0 in the pod
    ip -n "$NODE_NS" link add "$POD_VETH" type veth peer name eth0 netns "$POD_NS"
done

# --- per-node set-up -------------------------------------------------------
# The flows openshift-sdn 3.x writes for ovs-subnet (pluginId 0, no
# conntrack): SetupOVS, the single-tenant table 80 rule, setupPodFlows for the
# node's pod and AddHostSubnetRules for every other node.
flows_for_node() {
    local cn=$LAB_CLUSTER_CIDR j peers=()
    local subnet=$NODE_SUBNET gw=$NODE_GW ip=$NODE_IP pod_ip=$POD_IP pod_mac=$POD_MAC port=$POD_OFPORT
    local note
    note=$(echo "$SANDBOX_ID" | sed 's/../&./g; s/\.$//')
    cat <<EOF
table=0, priority=200, in_port=1, arp, nw_src=$cn, nw_dst=$subnet, actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0, priority=200, in_port=1, ip, nw_src=$cn, actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0, priority=200, in_port=1, ip, nw_dst=$cn, actions=move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10
table=0, priority=150, in_port=1, actions=drop
table=0, priority=250, in_port=2, ip, nw_dst=224.0.0.0/4, actions=drop
table=0, priority=200, in_port=2, arp, nw_src=$gw, nw_dst=$cn, actions=goto_table:30
table=0, priority=200, in_port=2, ip, actions=goto_table:30
table=0, priority=150, in_port=2, actions=drop
table=0, priority=100, arp, actions=goto_table:20
table=0, priority=100, ip, actions=goto_table:20
table=0, priority=0, actions=drop
table=10, priority=0, actions=drop
table=20, priority=100, in_port=$port, arp, nw_src=$pod_ip, arp_sha=$pod_mac, actions=load:0->NXM_NX_REG0[],note:$note,goto_table:21
table=20, priority=100, in_port=$port, ip, nw_src=$pod_ip, actions=load:0->NXM_NX_REG0[],goto_table:21
table=20, priority=0, actions=drop
table=21, priority=0, actions=goto_table:30
table=30, priority=300, arp, nw_dst=$gw, actions=output:2
table=30, priority=200, arp, nw_dst=$subnet, actions=goto_table:40
table=30, priority=100, arp, nw_dst=$cn, actions=goto_table:50
table=30, priority=300, ip, nw_dst=$gw, actions=output:2
table=30, priority=100, ip, nw_dst=$LAB_SERVICE_CIDR, actions=goto_table:60
table=30, priority=200, ip, nw_dst=$subnet, actions=goto_table:70
table=30, priority=100, ip, nw_dst=$cn, actions=goto_table:90
table=30, priority=50, in_port=1, ip, nw_dst=224.0.0.0/4, actions=goto_table:120
table=30, priority=25, ip, nw_dst=224.0.0.0/4, actions=goto_table:110
table=30, priority=0, ip, actions=goto_table:100
table=30, priority=0, arp, actions=drop
table=40, priority=100, arp, nw_dst=$pod_ip, actions=output:$port
table=40, priority=0, actions=drop
table=50, priority=0, actions=drop
table=60, priority=200, reg0=0, actions=output:2
table=60, priority=0, actions=drop
table=70, priority=100, ip, nw_dst=$pod_ip, actions=load:0->NXM_NX_REG1[],load:$port->NXM_NX_REG2[],goto_table:80
table=70, priority=0, actions=drop
table=80, priority=300, ip, nw_src=$gw/32, actions=output:NXM_NX_REG2[]
table=80, priority=200, actions=output:NXM_NX_REG2[]
table=80, priority=0, actions=drop
table=90, priority=0, actions=drop
table=100, priority=0, actions=goto_table:101
table=101, priority=51, tcp, tcp_dst=53, nw_dst=$ip, actions=output:2
table=101, priority=51, udp, udp_dst=53, nw_dst=$ip, actions=output:2
table=101, priority=0, actions=output:2
table=110, priority=0, actions=drop
table=120, priority=0, actions=drop
table=253, actions=note:00.06
EOF
    # one HostSubnet's flows per other node (AddHostSubnetRules)
    local me=$N mcast=""
    for j in $(seq "$LAB_NODES"); do
        [ "$j" = "$me" ] && continue
        node_vars "$j"
        echo "table=10, priority=100, tun_src=$NODE_IP, actions=goto_table:30"
        echo "table=50, priority=100, arp, nw_dst=$NODE_SUBNET, actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:$NODE_IP->tun_dst,output:1"
        echo "table=90, priority=100, ip, nw_dst=$NODE_SUBNET, actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:$NODE_IP->tun_dst,output:1"
        mcast+="set_field:$NODE_IP->tun_dst,output:1,"
    done
    node_vars "$me"
    if [ -n "$mcast" ]; then
        echo "table=111, priority=100, actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],${mcast}goto_table:120"
    else
        echo "table=111, priority=100, actions=goto_table:120"
    fi
}

# The chains openshift-sdn's NodeIPTables writes for ovs-subnet (no conntrack,
# so masqueradeServices: one MASQUERADE rule), plus the catch-all REJECT that
# RHEL's iptables-services puts at the end of FORWARD.
iptables_for_node() {
    local cn=$LAB_CLUSTER_CIDR
    cat <<EOF
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:OPENSHIFT-MASQUERADE - [0:0]
-A POSTROUTING -m comment --comment "rules for masquerading OpenShift traffic" -j OPENSHIFT-MASQUERADE
-A OPENSHIFT-MASQUERADE -s $cn -m comment --comment "masquerade pod-to-service and pod-to-external traffic" -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:OPENSHIFT-ADMIN-OUTPUT-RULES - [0:0]
:OPENSHIFT-FIREWALL-ALLOW - [0:0]
:OPENSHIFT-FIREWALL-FORWARD - [0:0]
-A INPUT -m comment --comment "firewall overrides" -j OPENSHIFT-FIREWALL-ALLOW
-A FORWARD -m comment --comment "firewall overrides" -j OPENSHIFT-FIREWALL-FORWARD
-A FORWARD -i tun0 ! -o tun0 -m comment --comment "administrator overrides" -j OPENSHIFT-ADMIN-OUTPUT-RULES
-A FORWARD -j REJECT --reject-with icmp-host-prohibited
-A OPENSHIFT-FIREWALL-ALLOW -p udp -m udp --dport 4789 -m comment --comment "VXLAN incoming" -j ACCEPT
-A OPENSHIFT-FIREWALL-ALLOW -i tun0 -m comment --comment "from SDN to localhost" -j ACCEPT
-A OPENSHIFT-FIREWALL-ALLOW -i docker0 -m comment --comment "from docker to localhost" -j ACCEPT
-A OPENSHIFT-FIREWALL-FORWARD -s $cn -m comment --comment "attempted resend after connection close" -m conntrack --ctstate INVALID -j DROP
-A OPENSHIFT-FIREWALL-FORWARD -d $cn -m comment --comment "forward traffic from SDN" -j ACCEPT
-A OPENSHIFT-FIREWALL-FORWARD -s $cn -m comment --comment "forward traffic to SDN" -j ACCEPT
COMMIT
EOF
}

write_node_files() {
    local etc=$NODE_DIR/etc
    mkdir -p "$etc/origin/node"
    cat >"$etc/origin/node/node-config.yaml" <<EOF
kind: NodeConfig
apiVersion: v1
authConfig:
  authenticationCacheSize: 1000
  authenticationCacheTTL: 5m
  authorizationCacheSize: 1000
  authorizationCacheTTL: 5m
dnsBindAddress: "127.0.0.1:53"
dnsDomain: cluster.local
dnsIP: 0.0.0.0
dnsNameservers: null
dnsRecursiveResolvConf: /etc/origin/node/resolv.conf
dockerConfig:
  dockerShimRootDirectory: /var/lib/dockershim
  dockerShimSocket: /var/run/dockershim.sock
  execHandlerName: native
enableUnidling: true
imageConfig:
  format: "registry.redhat.io/openshift3/ose-\${component}:\${version}"
  latest: false
iptablesSyncPeriod: "30s"
kubeletArguments:
  pod-manifest-path:
  - /etc/origin/node/pods
  bootstrap-kubeconfig:
  - /etc/origin/node/bootstrap.kubeconfig
  feature-gates:
  - RotateKubeletClientCertificate=true,RotateKubeletServerCertificate=true
  rotate-certificates:
  - "true"
  cert-dir:
  - /etc/origin/node/certificates
  enable-controller-attach-detach:
  - 'true'
masterClientConnectionOverrides:
  acceptContentTypes: application/vnd.kubernetes.protobuf,application/json
  burst: 40
  contentType: application/vnd.kubernetes.protobuf
  qps: 20
masterKubeConfig: node.kubeconfig
networkConfig:
  mtu: $LAB_SDN_MTU
  networkPluginName: $LAB_PLUGIN
servingInfo:
  bindAddress: 0.0.0.0:10250
  bindNetwork: tcp4
  clientCA: client-ca.crt
volumeConfig:
  localQuota:
    perFSGroup: null
volumeDirectory: /var/lib/origin/openshift.local.volumes
proxyArguments:
  metrics-bind-address: [":11257"]
EOF
    cat >"$etc/resolv.conf" <<EOF
# Generated by NetworkManager
search cluster.local lab.example.com
nameserver $NODE_IP
EOF
}

node_up() {
    node_vars "$1"
    local run=$NODE_DIR/run db=$NODE_DIR/db logd=$NODE_DIR/log
    mkdir -p "$run" "$db" "$logd"
    write_node_files

    # OVS: one ovsdb-server and one userspace ovs-vswitchd per node
    ovsdb-tool create "$db/conf.db" "$OVS_SCHEMA"
    ip netns exec "$NODE_NS" env OVS_RUNDIR="$run" OVS_DBDIR="$db" OVS_LOGDIR="$logd" \
        ovsdb-server "$db/conf.db" --remote="punix:$run/db.sock" \
        --pidfile="$run/ovsdb-server.pid" --detach --no-chdir \
        --log-file="$logd/ovsdb-server.log" -vconsole:off </dev/null >/dev/null 2>&1
    vsctl --no-wait init
    ip netns exec "$NODE_NS" env OVS_RUNDIR="$run" OVS_DBDIR="$db" OVS_LOGDIR="$logd" \
        ovs-vswitchd "unix:$run/db.sock" --disable-system \
        --pidfile="$run/ovs-vswitchd.pid" --detach --no-chdir \
        --log-file="$logd/ovs-vswitchd.log" -vconsole:off </dev/null >/dev/null 2>&1

    # Distinct MACs for eth0 and br-phy: the kernel still sees frames on the
    # OVS-attached eth0 and must treat those for br-phy as not its own.
    # Links up before OVS opens them (else it logs "Network is down").
    {
        echo "link set eth0 address 52:54:00:64:00:0$N up arp off"
        echo "link set $POD_VETH mtu $LAB_SDN_MTU up arp off"
    } | ip -n "$NODE_NS" -batch -
    vsctl -- add-br br-phy \
          -- set bridge br-phy datapath_type=netdev other_config:hwaddr="52:54:00:64:01:0$N" \
          -- add-port br-phy eth0 \
          -- add-br br0 \
          -- set bridge br0 datapath_type=netdev fail_mode=secure protocols=OpenFlow13 \
          -- add-port br0 vxlan0 \
          -- set interface vxlan0 type=vxlan options:remote_ip=flow options:key=flow ofport_request=1 \
          -- add-port br0 tun0 \
          -- set interface tun0 type=internal ofport_request=2 mtu_request=$LAB_SDN_MTU \
          -- add-port br0 "$POD_VETH" \
          -- set interface "$POD_VETH" ofport_request=$POD_OFPORT external_ids:sandbox="$SANDBOX_ID"

    # kernel side of the node
    {
        echo "link set br-phy up"
        echo "addr add $NODE_IP/24 dev br-phy"
        echo "route add default via $LAB_UNDERLAY_GW dev br-phy"
        echo "link set tun0 up"
        echo "addr add $NODE_GW/23 dev tun0"
        # 3.11 removes the kernel's local-subnet route and routes the whole
        # cluster network (and the service network) into OVS through tun0
        echo "route del $NODE_SUBNET dev tun0"
        echo "route add $LAB_CLUSTER_CIDR dev tun0 scope link"
        echo "route add $LAB_SERVICE_CIDR dev tun0"
    } | ip -n "$NODE_NS" -batch -
    ip netns exec "$NODE_NS" sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward'
    iptables_for_node | ip netns exec "$NODE_NS" iptables-restore

    # the pod, as the openshift CNI plug-in leaves it
    {
        echo "link set eth0 address $POD_MAC mtu $LAB_SDN_MTU up"
        echo "addr add $POD_IP/23 dev eth0"
        echo "route add $LAB_CLUSTER_CIDR dev eth0"
        echo "route add default via $NODE_GW dev eth0"
    } | ip -n "$POD_NS" -batch -
    ip netns exec "$POD_NS" ethtool -K eth0 tx off >/dev/null

    # the 3.11 flow tables
    ofctl set-frags br0 nx-match
    flows_for_node | ofctl add-flows br0 -

    # listeners
    start_bg "$NODE_NS" "$run/http-node.pid" "$logd/http-node.log" \
        "$PYTHON" -m http.server "$LAB_PORT" --bind 0.0.0.0 --directory "$WORKDIR/www"
    start_bg "$POD_NS" "$run/http-pod.pid" "$logd/http-pod.log" \
        "$PYTHON" -m http.server "$LAB_PORT" --bind 0.0.0.0 --directory "$WORKDIR/www"
}

for i in $(seq "$LAB_NODES"); do
    ( trap - ERR; set -e; node_up "$i" ) >"$WORKDIR/node-up-$i.log" 2>&1 &
    PIDS+=($!)
done
# wait for every node before judging, so that no set-up still runs while a
# failed lab is torn down
FAILED=()
for i in $(seq "$LAB_NODES"); do
    wait "${PIDS[$((i - 1))]}" || FAILED+=("$i")
done
PIDS=()
for i in "${FAILED[@]}"; do
    cat "$WORKDIR/node-up-$i.log" >&2
done
[ ${#FAILED[@]} = 0 ] || fail "node(s) ${FAILED[*]} did not come up"
rm -f "$WORKDIR"/node-up-*.log
start_bg "$UL_NS" "$WORKDIR/ul/run/http-external.pid" "$WORKDIR/ul/log/http-external.log" \
    "$PYTHON" -m http.server "$LAB_PORT" --bind 0.0.0.0 --directory "$WORKDIR/www"

# --- cluster objects, as `oc get <kind> -o json` prints them -----------------
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
list_json() {   # list_json FILE ITEM...
    local f=$1 first=1 item
    shift
    {
        echo '{'
        echo '    "apiVersion": "v1",'
        echo '    "items": ['
        for item in "$@"; do
            [ $first = 1 ] || echo '        },'
            first=0
            echo "$item"
        done
        [ $# = 0 ] || echo '        }'
        echo '    ],'
        echo '    "kind": "List",'
        echo '    "metadata": {'
        echo '        "resourceVersion": "",'
        echo '        "selfLink": ""'
        echo '    }'
        echo '}'
    } >"$f"
}
NODES_ITEMS=() SUBNET_ITEMS=() POD_ITEMS=()
for i in $(seq "$LAB_NODES"); do
    node_vars "$i"
    NODE_UID=$(uuid_of "node/$NODE_NAME")
    NODES_ITEMS+=("$(cat <<EOF
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "annotations": {
                    "volumes.kubernetes.io/controller-managed-attach-detach": "true"
                },
                "creationTimestamp": "$NOW",
                "labels": {
                    "beta.kubernetes.io/arch": "amd64",
                    "beta.kubernetes.io/os": "linux",
                    "kubernetes.io/hostname": "$NODE_NAME",
                    "node-role.kubernetes.io/compute": "true"
                },
                "name": "$NODE_NAME",
                "resourceVersion": "$((1000 + i))",
                "selfLink": "/api/v1/nodes/$NODE_NAME",
                "uid": "$NODE_UID"
            },
            "spec": {},
            "status": {
                "addresses": [
                    {
                        "address": "$NODE_IP",
                        "type": "InternalIP"
                    },
                    {
                        "address": "$NODE_NAME",
                        "type": "Hostname"
                    }
                ],
                "conditions": [
                    {
                        "lastHeartbeatTime": "$NOW",
                        "lastTransitionTime": "$NOW",
                        "message": "kubelet is posting ready status",
                        "reason": "KubeletReady",
                        "status": "True",
                        "type": "Ready"
                    }
                ],
                "nodeInfo": {
                    "architecture": "amd64",
                    "containerRuntimeVersion": "docker://1.13.1",
                    "kernelVersion": "3.10.0-957.el7.x86_64",
                    "kubeProxyVersion": "v1.11.0+d4cacc0",
                    "kubeletVersion": "v1.11.0+d4cacc0",
                    "operatingSystem": "linux",
                    "osImage": "Red Hat Enterprise Linux Server 7.6 (Maipo)"
                }
            }
EOF
)")
    SUBNET_ITEMS+=("$(cat <<EOF
        {
            "apiVersion": "network.openshift.io/v1",
            "host": "$NODE_NAME",
            "hostIP": "$NODE_IP",
            "kind": "HostSubnet",
            "metadata": {
                "annotations": {
                    "pod.network.openshift.io/node-uid": "$NODE_UID"
                },
                "creationTimestamp": "$NOW",
                "name": "$NODE_NAME",
                "resourceVersion": "$((2000 + i))",
                "selfLink": "/apis/network.openshift.io/v1/hostsubnets/$NODE_NAME",
                "uid": "$(uuid_of "hostsubnet/$NODE_NAME")"
            },
            "subnet": "$NODE_SUBNET"
EOF
)")
    POD_ITEMS+=("$(cat <<EOF
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "annotations": {
                    "openshift.io/scc": "restricted"
                },
                "creationTimestamp": "$NOW",
                "labels": {
                    "app": "lab-http"
                },
                "name": "$POD_NAME",
                "namespace": "$LAB_POD_NAMESPACE",
                "resourceVersion": "$((3000 + i))",
                "selfLink": "/api/v1/namespaces/$LAB_POD_NAMESPACE/pods/$POD_NAME",
                "uid": "$(uuid_of "pod/$POD_NAME")"
            },
            "spec": {
                "containers": [
                    {
                        "image": "registry.access.redhat.com/rhscl/python-36-rhel7",
                        "name": "http",
                        "ports": [
                            {
                                "containerPort": $LAB_PORT,
                                "protocol": "TCP"
                            }
                        ]
                    }
                ],
                "nodeName": "$NODE_NAME"
            },
            "status": {
                "conditions": [
                    {
                        "lastProbeTime": null,
                        "lastTransitionTime": "$NOW",
                        "status": "True",
                        "type": "Ready"
                    }
                ],
                "containerStatuses": [
                    {
                        "name": "http",
                        "ready": true,
                        "restartCount": 0,
                        "state": {
                            "running": {
                                "startedAt": "$NOW"
                            }
                        }
                    }
                ],
                "hostIP": "$NODE_IP",
                "phase": "Running",
                "podIP": "$POD_IP",
                "startTime": "$NOW"
            }
EOF
)")
done
list_json "$WORKDIR/cluster/nodes.json" "${NODES_ITEMS[@]}"
list_json "$WORKDIR/cluster/hostsubnets.json" "${SUBNET_ITEMS[@]}"
list_json "$WORKDIR/cluster/pods.json" "${POD_ITEMS[@]}"
list_json "$WORKDIR/cluster/clusternetworks.json" "$(cat <<EOF
        {
            "apiVersion": "network.openshift.io/v1",
            "clusterNetworks": [
                {
                    "CIDR": "$LAB_CLUSTER_CIDR",
                    "hostSubnetLength": $LAB_HOSTSUBNET_LENGTH
                }
            ],
            "hostsubnetlength": $LAB_HOSTSUBNET_LENGTH,
            "kind": "ClusterNetwork",
            "metadata": {
                "creationTimestamp": "$NOW",
                "name": "default",
                "resourceVersion": "400",
                "selfLink": "/apis/network.openshift.io/v1/clusternetworks/default",
                "uid": "$(uuid_of "clusternetwork/default/$PREFIX")"
            },
            "network": "$LAB_CLUSTER_CIDR",
            "pluginName": "$LAB_PLUGIN",
            "serviceNetwork": "$LAB_SERVICE_CIDR"
EOF
)"

# --- lab.env: the lab described for scripts and tests -----------------------
{
    echo "LAB_PREFIX=$PREFIX"
    echo "LAB_NODES=$LAB_NODES"
    echo "LAB_UL_NS=$UL_NS"
    echo "LAB_UNDERLAY_GW=$LAB_UNDERLAY_GW"
    echo "LAB_EXTERNAL_IP=$LAB_EXTERNAL_IP"
    echo "LAB_PORT=$LAB_PORT"
    echo "LAB_CLUSTER_CIDR=$LAB_CLUSTER_CIDR"
    echo "LAB_SERVICE_CIDR=$LAB_SERVICE_CIDR"
    echo "LAB_SDN_MTU=$LAB_SDN_MTU"
    echo "LAB_POD_NAMESPACE=$LAB_POD_NAMESPACE"
    for i in $(seq "$LAB_NODES"); do
        node_vars "$i"
        echo "NODE${i}_NAME=$NODE_NAME"
        echo "NODE${i}_NS=$NODE_NS"
        echo "NODE${i}_IP=$NODE_IP"
        echo "NODE${i}_SUBNET=$NODE_SUBNET"
        echo "NODE${i}_GW=$NODE_GW"
        echo "NODE${i}_DIR=$NODE_NAME"
        echo "POD${i}_NAME=$POD_NAME"
        echo "POD${i}_NS=$POD_NS"
        echo "POD${i}_IP=$POD_IP"
        echo "POD${i}_MAC=$POD_MAC"
        echo "POD${i}_VETH=$POD_VETH"
    done
} >"$WORKDIR/lab.env"

# --- wait for the listeners, warm the tunnels up (lab-note 6) ----------------
listening() {   # listening NS: the HTTP listener in NS accepts
    ip netns exec "$1" ss -Hltn "sport = :$LAB_PORT" 2>/dev/null | grep -q LISTEN
}
for t in $(seq 50); do
    all=1
    listening "$UL_NS" || all=0
    for i in $(seq "$LAB_NODES"); do
        node_vars "$i"
        listening "$NODE_NS" && listening "$POD_NS" || all=0
    done
    [ $all = 1 ] && break
    sleep 0.1
done
[ $all = 1 ] || fail "HTTP listeners did not start (see $WORKDIR/*/log/http-*.log)"

if [ -z "${LAB_NO_WARMUP:-}" ]; then
    WARM=()
    for i in $(seq "$LAB_NODES"); do
        node_vars "$i"
        from=$POD_NS
        ip netns exec "$from" ping -c 1 -W 1 "$LAB_EXTERNAL_IP" >/dev/null 2>&1 &
        WARM+=($!)
        for j in $(seq "$LAB_NODES"); do
            [ "$j" = "$i" ] && continue
            node_vars "$j"
            ip netns exec "$from" ping -c 1 -W 1 "$POD_IP" >/dev/null 2>&1 &
            WARM+=($!)
        done
    done
    wait "${WARM[@]}" 2>/dev/null || true
fi

trap - ERR
END_NS=$(date +%s%N)
echo "LAB_UP_MS=$(((END_NS - START_NS) / 1000000))" >>"$WORKDIR/lab.env"
log "up: $LAB_NODES nodes, prefix $PREFIX, in $(((END_NS - START_NS) / 1000000)) ms"
