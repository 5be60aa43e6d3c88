#!/usr/bin/env bash
# ovn-check.sh PREFIX WORKDIR KIND FROM TO
#
# One traffic check in the lab; exit 0 when it passes, 1 when it does not, 2 on bad usage.
#  ping    FROM TO  pod web-FROM pings pod web-TO
#  tcp     FROM TO  pod web-FROM fetches http://<web-TO>:8080/ and gets "web-TO"
#  vip     FROM -   pod web-FROM fetches http://172.30.0.10:80/ (the ClusterIP) and gets "web-1"
#  vip-refused FROM -  the ClusterIP answers with a refusal (curl exit 7: RST/ICMP reject), not
#                  a timeout; what OVN's reject=true does for a VIP without backends
#  egress  FROM -   pod web-FROM pings the fabric gateway 172.18.0.1 (through GR SNAT)
#  node-to-pod FROM TO  node worker-FROM pings pod web-TO (through ovn-k8s-mp0)
# Each is tried twice (the first packet to a new peer may be lost, gotcha 10).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 5 ] || die "usage: ovn-check.sh PREFIX WORKDIR KIND FROM TO"
ovn_args "$1" "$2"
KIND=$3 FROM=$4 TO=$5
[ "$(id -u)" = 0 ] || die "must run as root"
node_vars "$FROM"
FROM_POD_NS=$POD_NS FROM_NODE_NS=$NODE_NS
if [ "$TO" != - ]; then node_vars "$TO"; TO_IP=$POD_IP TO_POD=$POD; fi

try() {
    local t
    for t in 1 2; do "$@" && return 0; done
    return 1
}
http_is() {   # http_is EXPECTED URL
    local body
    body=$(ip netns exec "$FROM_POD_NS" curl -s -m 3 "$2") || return 1
    [ "$body" = "$1" ]
}
case $KIND in
    ping) try ip netns exec "$FROM_POD_NS" ping -c 1 -W 2 "$TO_IP" >/dev/null ;;
    tcp) try http_is "$TO_POD" "http://$TO_IP:$POD_PORT/" ;;
    vip) try http_is "web-$BACKEND_NODE" "http://$SERVICE_VIP:$SERVICE_PORT/" ;;
    vip-refused)
        ip netns exec "$FROM_POD_NS" curl -s -m 3 -o /dev/null "http://$SERVICE_VIP:$SERVICE_PORT/"
        [ $? = 7 ] ;;
    egress) try ip netns exec "$FROM_POD_NS" ping -c 1 -W 2 $FABRIC_GW >/dev/null ;;
    node-to-pod) try ip netns exec "$FROM_NODE_NS" ping -c 1 -W 2 "$TO_IP" >/dev/null ;;
    *) die "unknown check '$KIND' (ping, tcp, vip, vip-refused, egress, node-to-pod)" ;;
esac
