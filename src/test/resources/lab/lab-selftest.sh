#!/usr/bin/env bash
# lab-selftest.sh PREFIX WORKDIR [FAULT...]
#
# Proves the lab: brings it up, shows that every check passes, then for each
# fault (default: all) brings a fresh lab up, injects the fault on node 1
# (peer: node 2), and shows that the checks the fault must break fail while
# the checks it must not touch still pass. Tears everything down at the end.
# The table below is the one in docs/lab.md. Prints one line per fault and
# exits 0 when every fault behaved as the table says.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

[ $# -ge 2 ] || die "usage: lab-selftest.sh PREFIX WORKDIR [FAULT...]"
lab_args "$1" "$2"
shift 2

# fault | arg | checks that must FAIL | checks that must still PASS
# a check is KIND:FROM:TO (see lab-check.sh)
TABLE='
ip-forward-off        |   | egress:1:- pod-to-node:1:2                         | tcp:1:2 node-to-pod:1:1 pod-to-node:2:1
cluster-route-deleted |   | node-to-pod:1:1 node-to-pod:1:2 egress:1:-          | tcp:1:2 node-to-pod:2:1
overlapping-route     |   | node-to-pod:1:1 egress:1:- pod-to-node:1:2          | tcp:1:2 node-to-pod:1:2
br0-deleted           |   | tcp:1:2 tcp:2:1 egress:1:- node-to-pod:1:1          | tcp:2:3 node-to-node:1:2
ovs-stopped           |   | tcp:1:2 tcp:2:1 egress:1:- node-to-node:2:1         | tcp:2:3
vxlan0-deleted        |   | tcp:1:2 tcp:2:1 node-to-pod:1:2                     | egress:1:- node-to-pod:1:1 tcp:2:3
tun0-deleted          |   | egress:1:- pod-to-node:1:2 node-to-pod:1:1          | tcp:1:2 tcp:2:1
tun-src-flow-deleted  | 2 | tcp:1:2 tcp:2:1 ping:2:1                            | tcp:1:3 tcp:3:1 tcp:2:3
tun-dst-flow-deleted  | 2 | tcp:1:2 tcp:2:1 ping:1:2                            | tcp:1:3 tcp:3:1 tcp:2:3
pod-flows-deleted     |   | tcp:1:2 tcp:2:1 egress:1:- node-to-pod:1:1          | tcp:2:3 node-to-node:1:2
pod-veth-removed      |   | tcp:1:2 tcp:2:1 egress:1:- node-to-pod:1:1          | tcp:2:3 node-to-node:1:2
forward-reject        |   | egress:1:- pod-to-node:1:2                          | tcp:1:2 node-to-pod:1:1 egress:2:-
mtu-too-big           |   | large:1:2 large:2:1                                 | tcp:1:2 tcp:2:1 ping:1:2 large:2:3
link-down             |   | tcp:1:2 tcp:2:1 node-to-node:1:2 egress:1:-         | tcp:2:3 node-to-pod:1:1
'
CHECK=$LAB_DIR/lab-check.sh
QUIET="LAB_QUIET=1"

run_checks() {   # run_checks OUTDIR WANT CHECK...: run in parallel, one file each
    local dir=$1 want=$2 c k f t
    shift 2
    for c in "$@"; do
        IFS=: read -r k f t <<<"$c"
        ( bash "$CHECK" "$PREFIX" "$WORKDIR" "$f" "$t" "$k" >"$dir/$want.$c" 2>&1 ) &
    done
}

up() {
    bash "$LAB_DIR/lab-down.sh" "$PREFIX" "$WORKDIR" >/dev/null 2>&1
    env $QUIET bash "$LAB_DIR/lab-up.sh" "$PREFIX" "$WORKDIR"
}

status=0
T0=$(date +%s%N)
up || exit 1
UP_MS=$(sed -n 's/^LAB_UP_MS=//p' "$WORKDIR/lab.env")
if bash "$CHECK" "$PREFIX" "$WORKDIR" matrix >/dev/null; then
    echo "ok   baseline: every check passes (up in $UP_MS ms)"
else
    echo "FAIL baseline: not every check passes on a healthy lab:"
    bash "$CHECK" "$PREFIX" "$WORKDIR" matrix | grep '^FAIL' | sed 's/^/     /'
    status=1
fi

while IFS='|' read -r fault arg breaks keeps; do
    fault=$(echo "$fault" | xargs)
    [ -n "$fault" ] || continue
    if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$fault"; then continue; fi
    arg=$(echo "$arg" | xargs)
    up || { echo "FAIL $fault: lab did not come up"; status=1; continue; }
    if ! env $QUIET bash "$LAB_DIR/lab-fault.sh" "$PREFIX" "$WORKDIR" "$fault" 1 $arg; then
        echo "FAIL $fault: could not inject"
        status=1
        continue
    fi
    out=$(mktemp -d "$WORKDIR/selftest.XXXXXX")
    # shellcheck disable=SC2086
    run_checks "$out" breaks $breaks
    # shellcheck disable=SC2086
    run_checks "$out" keeps $keeps
    wait
    bad=""
    for c in $breaks; do grep -q '^FAIL' "$out/breaks.$c" || bad+=" $c passed;"; done
    for c in $keeps; do grep -q '^PASS' "$out/keeps.$c" || bad+=" $c failed;"; done
    if [ -z "$bad" ]; then
        echo "ok   $fault${arg:+ $arg}: breaks$(echo " $breaks" | xargs | sed 's/^/ /'); keeps$(echo " $keeps" | xargs | sed 's/^/ /')"
    else
        echo "FAIL $fault${arg:+ $arg}:$bad"
        cat "$out"/* | sed 's/^/     /'
        status=1
    fi
    rm -rf "$out"
done <<<"$TABLE"

bash "$LAB_DIR/lab-down.sh" "$PREFIX" "$WORKDIR" >/dev/null 2>&1
left=$(lab_namespaces)
if [ -n "$left" ] || [ -e "$WORKDIR" ]; then
    echo "FAIL teardown: left behind: $left $( [ -e "$WORKDIR" ] && echo "$WORKDIR")"
    status=1
else
    echo "ok   teardown: no ${PREFIX}-* namespace and no WORKDIR left"
fi
echo "selftest took $((($(date +%s%N) - T0) / 1000000000)) s"
exit $status
