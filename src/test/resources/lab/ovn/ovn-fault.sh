#!/usr/bin/env bash
# ovn-fault.sh PREFIX WORKDIR FAULT ARG
#
# Injects one fault of the OVN rule catalogue into a running lab, then waits until the
# change has reached the SB (and the chassis that still listen). ARG is a node number N, `-`,
# or (interconnect faults that one zone holds about another) X:Y = in zone X, about node Y.
# "The NB of N" is the central NB in central mode and N's own zone's NB in IC mode.
#  lsp-del          N    delete pod web-N's logical switch port demo_web-N from the NB of N
#                        (its OVS interface with iface-id=demo_web-N stays on the node)
#  controller-kill  N    SIGTERM worker-N's ovn-controller (as a crash would: its Chassis
#                        stays in the SB, its br-int flows stay), then bump NB_Global nb_cfg
#  controller-exit  N    worker-N's ovn-controller exits gracefully (`exit`): it removes its
#                        own Chassis and Encap from the SB it is attached to
#  encap-ip         N    worker-N's ovn-encap-ip set to 172.18.0.99, an address it does not
#                        have: the SB Encap of its own chassis points there
#  system-id-dup    N    worker-N's OVS system-id set to worker-0's (a cloned node): its
#                        ovn-controller registers as worker-0's chassis
#  vip-no-backend   -    the service's only endpoint (web-1) turns not ready: the EndpointSlice
#                        says so and ovn-k empties the VIP's backends (vips value "") in every NB
#  lb-stale         N    in the NB of N the ClusterIP's backend is 10.128.2.99:8080 (a pod that
#                        is gone) instead of web-1's 10.128.2.3:8080; the EndpointSlice is right
#  lb-del           N    the NB of N has no load balancer for the ClusterIP on worker-N's switch
#                        and GR (IC: the row deleted from N's zone; central: detached from both)
#  gr-del           N    GR_worker-N deleted from the NB of N (pod egress of worker-N is cut)
#  mp0-del          N    worker-N's management port ovn-k8s-mp0 removed from br-int
#  mp0-mtu          N    worker-N's ovn-k8s-mp0 MTU 1500 (mtu_request), cluster MTU 1400
#  interconn-off    N    IC: ovn-is-interconn removed from worker-N's OVS: its ovn-controller
#                        drops the tunnels to every remote-zone chassis
#  transit-port-del X:Y  IC: zone X's transit_switch loses the remote port tstor-worker-Y
#  ic-route-del     X:Y  IC: zone X's ovn_cluster_router loses the static route to worker-Y's
#                        subnet via Y's transit IP
#  remote-encap-ip  X:Y  IC: in zone X's SB the remote chassis of worker-Y has encap ip
#                        172.18.0.99 (not Y's address)
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 4 ] || die "usage: ovn-fault.sh PREFIX WORKDIR FAULT ARG"
ovn_args "$1" "$2"
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$MARKER" ] || die "no lab of prefix $PREFIX in $WORKDIR"
FAULT=$3
ARG=$4

wait_hv() { timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=30 sync; }
# every_nb CMD...: CMD once per NB (central: the one; IC: each zone's), NB_SOCK set for it
every_nb() {
    local i
    if [ "$MODE" = central ]; then
        "$@"
    else
        for i in $(seq 0 $((OVN_NODES - 1))); do node_vars "$i"; "$@"; done
    fi
}
ic_only() { [ "$MODE" = ic ] || die "fault $FAULT needs an interconnect lab"; }
# zone_about X:Y: sets Y's values in ABOUT_* and node_vars X
zone_about() {
    [[ $ARG =~ ^([0-9]):([0-9])$ ]] || die "fault $FAULT needs X:Y (in zone X, about node Y)"
    local x=${BASH_REMATCH[1]} y=${BASH_REMATCH[2]}
    [ "$x" != "$y" ] || die "X and Y must differ"
    node_vars "$y"
    ABOUT_NODE=$NODE ABOUT_SUBNET=$SUBNET ABOUT_TRANSIT_IP=$TRANSIT_IP ABOUT_SYSTEM_ID=$SYSTEM_ID
    node_vars "$x"
}
controller_ctl() {
    local pid
    pid=$(tr -dc '0-9' <"$NODE_DIR/ovn/ovn-controller.pid")
    echo "$NODE_DIR/ovn/ovn-controller.$pid.ctl"
}
lb_uuid() { nbctl --bare --columns=_uuid find load_balancer name="$LB_NAME"; }
k8s_state() { echo "$1" >>"$WORKDIR/k8s.env"; }

case $FAULT in
    lsp-del)
        node_vars "$ARG"
        nbctl lsp-del "$POD_LSP"
        wait_hv
        ;;
    controller-kill)
        node_vars "$ARG"
        pid=$(kill_pidfile "$NODE_DIR/ovn/ovn-controller.pid")
        [ -n "$pid" ] || die "$NODE has no running ovn-controller"
        wait_gone "$pid"
        # --wait=hv would never finish now (gotcha 12); --wait=sb bumps nb_cfg all the same
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=sb --timeout=30 sync
        ;;
    controller-exit)
        node_vars "$ARG"
        pid=$(tr -dc '0-9' <"$NODE_DIR/ovn/ovn-controller.pid")
        pid_is_ours "$pid" || die "$NODE has no running ovn-controller"
        ip netns exec "$NODE_NS" ovs-appctl -t "$(controller_ctl)" exit
        wait_gone "$pid"
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=sb --timeout=30 sync
        ;;
    encap-ip)
        node_vars "$ARG"
        vsctl set open . external_ids:ovn-encap-ip=172.18.0.99
        wait_hv
        ;;
    system-id-dup)
        node_vars 0
        clone=$SYSTEM_ID
        node_vars "$ARG"
        [ "$NODE" != worker-0 ] || die "system-id-dup: N must not be 0 (it takes worker-0's id)"
        vsctl set open . external_ids:system-id="$clone"
        sleep 2   # ovn-controller re-registers; --wait=hv would wait for the old chassis forever
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=sb --timeout=30 sync
        ;;
    vip-no-backend)
        node_vars "$BACKEND_NODE"
        k8s_state "NOT_READY_POD=$POD"
        k8s_state "ENDPOINTS_VERSION=4712"
        clear_vip() { nbctl set load_balancer "$(lb_uuid)" vips:"\"$SERVICE_VIP:$SERVICE_PORT\""='""'; wait_hv; }
        every_nb clear_vip
        ;;
    lb-stale)
        node_vars "$ARG"
        nbctl set load_balancer "$(lb_uuid)" \
            vips:"\"$SERVICE_VIP:$SERVICE_PORT\""="\"10.128.$((2 * BACKEND_NODE)).99:$POD_PORT\""
        wait_hv
        ;;
    lb-del)
        node_vars "$ARG"
        if [ "$MODE" = ic ]; then
            nbctl lb-del "$(lb_uuid)"
        else
            # the switch and the GR both (the switch alone crashes OVS 3.1's conntrack, gotcha 11)
            nbctl ls-lb-del "$NODE" "$(lb_uuid)" -- lr-lb-del "GR_$NODE" "$(lb_uuid)"
        fi
        wait_hv
        ;;
    gr-del)
        node_vars "$ARG"
        nbctl lr-del "GR_$NODE"
        wait_hv
        ;;
    mp0-del)
        node_vars "$ARG"
        vsctl del-port br-int ovn-k8s-mp0
        wait_hv
        ;;
    mp0-mtu)
        node_vars "$ARG"
        vsctl set interface ovn-k8s-mp0 mtu_request=1500
        for t in $(seq 50); do
            [ "$(in_node cat /sys/class/net/ovn-k8s-mp0/mtu)" = 1500 ] && break
            sleep 0.1
        done
        ;;
    interconn-off)
        ic_only
        node_vars "$ARG"
        vsctl remove open . external_ids ovn-is-interconn
        for t in $(seq 50); do
            vsctl find interface type=geneve | grep -q remote_ip || break
            sleep 0.1
        done
        ;;
    transit-port-del)
        ic_only
        zone_about
        nbctl lsp-del "tstor-$ABOUT_NODE"
        wait_hv
        ;;
    ic-route-del)
        ic_only
        zone_about
        nbctl lr-route-del ovn_cluster_router "$ABOUT_SUBNET" "$ABOUT_TRANSIT_IP"
        wait_hv
        ;;
    remote-encap-ip)
        ic_only
        zone_about
        sbctl set encap "$(sbctl --bare --columns=_uuid find encap chassis_name="$ABOUT_SYSTEM_ID")" ip=172.18.0.99
        wait_hv
        ;;
    *) die "unknown fault '$FAULT' (see the head of ovn-fault.sh)" ;;
esac
log "fault $FAULT $ARG injected"
