#!/usr/bin/env bash
# ovn-fault.sh PREFIX WORKDIR FAULT NODE
#
# Injects one fault of the OVN rule catalogue into a running lab, then waits until the
# change has reached the SB (and the chassis that still listen). Faults:
#  lsp-del          NODE  delete pod web-NODE's logical switch port demo_web-NODE from the NB
#                         (its OVS interface with iface-id=demo_web-NODE stays on the node)
#  controller-kill  NODE  SIGTERM worker-NODE's ovn-controller (as a crash would: its Chassis
#                         stays in the SB, its br-int flows stay), then bump NB_Global nb_cfg
#  encap-ip         NODE  worker-NODE's ovn-encap-ip set to 172.18.0.99, an address it does not
#                         have: the SB Encap and every other node's tunnel point there
#  vip-no-backend   -     the ClusterIP 172.30.0.10:80 loses its only backend (vips value "")
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 4 ] || die "usage: ovn-fault.sh PREFIX WORKDIR FAULT NODE"
ovn_args "$1" "$2"
[ "$(id -u)" = 0 ] || die "must run as root"
[ -f "$MARKER" ] || die "no lab of prefix $PREFIX in $WORKDIR"
FAULT=$3
case $FAULT in
    lsp-del)
        node_vars "$4"
        nbctl lsp-del "$POD_LSP"
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=30 sync
        ;;
    controller-kill)
        node_vars "$4"
        pid=$(kill_pidfile "$NODE_DIR/ovn/ovn-controller.pid")
        [ -n "$pid" ] || die "$NODE has no running ovn-controller"
        wait_gone "$pid"
        # --wait=hv would never finish now (gotcha 12); --wait=sb bumps nb_cfg all the same
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=sb --timeout=30 sync
        ;;
    encap-ip)
        node_vars "$4"
        vsctl set open . external_ids:ovn-encap-ip=172.18.0.99
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=30 sync
        ;;
    vip-no-backend)
        nbctl set load_balancer "$LB_NAME" vips:"\"$SERVICE_VIP:$SERVICE_PORT\""='""'
        timeout 30 ovn-nbctl --db="$NB_SOCK" --wait=hv --timeout=30 sync
        ;;
    *) die "unknown fault '$FAULT' (lsp-del, controller-kill, encap-ip, vip-no-backend)" ;;
esac
log "fault $FAULT injected"
