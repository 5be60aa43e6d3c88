#!/usr/bin/env bash
# lab-check.sh PREFIX WORKDIR FROM TO [KIND]
# lab-check.sh PREFIX WORKDIR matrix
#
# Shows whether traffic passes in the lab. FROM and TO are node numbers
# (1..N; "n2"/"p2" are accepted too). KIND:
#   tcp           (default) pod FROM -> pod TO, HTTP GET of a small file
#   ping          pod FROM -> pod TO, ICMP echo
#   large         pod FROM downloads 1 MiB from pod TO (breaks on MTU faults,
#                 where tcp still passes: lab-note 8)
#   egress        pod FROM -> the external host 203.0.113.10 (TO is ignored; use -)
#   pod-to-node   pod FROM -> node TO's IP (crosses node FROM's kernel: ip_forward,
#                 FORWARD chain, MASQUERADE; lab-notes 5 and 7)
#   node-to-pod   node FROM -> pod TO (the path of service traffic: tun0 routes)
#   node-to-node  node FROM -> node TO's IP over the underlay
# Each check retries (the first packet to a new tunnel peer is dropped,
# lab-note 6): LAB_TRIES attempts (default 3) of LAB_TIMEOUT seconds (default 2);
# "large" allows LAB_LARGE_TIMEOUT seconds (default 3) without progress.
#
# Prints one line: "PASS|FAIL KIND FROM->TO: SRC -> DST: RESULT details" and
# exits 0 (pass), 1 (fail) or 2 (bad usage). RESULT is a probes.jsonl result
# word: ok, refused, timeout, unreachable, error.
#
# "matrix" runs every kind between every pair of nodes in parallel, prints one
# line per check and exits 0 only if all of them pass.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

TRIES=${LAB_TRIES:-3}
TIMEOUT=${LAB_TIMEOUT:-2}
LARGE_TIMEOUT=${LAB_LARGE_TIMEOUT:-3}
KINDS="tcp ping large egress pod-to-node node-to-pod node-to-node"

usage() { die "usage: lab-check.sh PREFIX WORKDIR FROM TO [$(echo $KINDS | tr ' ' '|')] | lab-check.sh PREFIX WORKDIR matrix"; }
[ $# -ge 3 ] || usage
lab_args "$1" "$2"
[ -f "$MARKER" ] || die "no lab at $WORKDIR (run lab-up.sh first)"

node_num() {   # node_num ARG: 1, n1, p1, PREFIX-n1 -> 1
    local a=${1#"$PREFIX"-}
    a=${a#[np]}
    [[ $a =~ ^[1-9]$ ]] && [ "$a" -le "$LAB_NODES" ] || die "no node '$1' (1..$LAB_NODES)"
    echo "$a"
}

# probe NS HOST PATH IDLE [EXPECT]: HTTP GET with retries; sets RESULT, DETAIL, TRY
probe() {
    local ns=$1 host=$2 path=$3 idle=$4 expect=${5:-} out
    for TRY in $(seq "$TRIES"); do
        out=$(ip netns exec "$ns" "$PYTHON" "$LAB_DIR/lab-probe.py" \
            "$host" "$LAB_PORT" "$path" "$TIMEOUT" "$idle" $expect 2>&1)
        RESULT=${out%% *}
        DETAIL=${out#"$RESULT"}
        [ "$RESULT" = ok ] && return 0
        # refused/unreachable are answers, not lost packets: retry only once
        # more for them (an ICMP error can be a stale neighbour entry)
        case $RESULT in
            ok|timeout) ;;
            refused|unreachable) [ "$TRY" -ge 2 ] && return 1 ;;
            *) RESULT=error ;;
        esac
        sleep 0.2
    done
    return 1
}

# ping_probe NS HOST: ICMP with retries; sets RESULT, DETAIL, TRY
ping_probe() {
    local ns=$1 host=$2 out rc
    for TRY in $(seq "$TRIES"); do
        out=$(ip netns exec "$ns" ping -n -c 1 -W "$TIMEOUT" "$host" 2>&1)
        rc=$?
        if [ $rc = 0 ]; then
            RESULT=ok
            DETAIL=" $(echo "$out" | grep -o 'time=[0-9.]* ms' | tr -d ' ')"
            return 0
        fi
        if echo "$out" | grep -qiE 'unreachable|prohibited'; then
            RESULT=unreachable
            DETAIL=" $(echo "$out" | grep -iE 'unreachable|prohibited' | head -1 | sed 's/^.*: //')"
        else
            RESULT=timeout
            DETAIL=""
        fi
    done
    return 1
}

check() {   # check KIND FROM TO
    local kind=$1 from to src dst ns rc
    from=$(node_num "$2")
    if [ "$kind" = egress ]; then to=-; else to=$(node_num "$3"); fi
    node_vars "$from"
    case $kind in
        tcp|ping|large|egress|pod-to-node) ns=$POD_NS; src="pod $POD_NAME $POD_IP" ;;
        node-to-pod|node-to-node) ns=$NODE_NS; src="node $NODE_NAME $NODE_IP" ;;
        *) usage ;;
    esac
    [ "$to" = - ] || node_vars "$to"
    case $kind in
        tcp|ping|large|node-to-pod) dst=$POD_IP ;;
        pod-to-node|node-to-node) dst=$NODE_IP ;;
        egress) dst=$LAB_EXTERNAL_IP ;;
    esac
    case $kind in
        ping)
            ping_probe "$ns" "$dst"
            ;;
        large)
            # warm up with a small request, then the 1 MiB transfer
            probe "$ns" "$dst" /small.txt "$TIMEOUT" \
                && { local TRIES=2; probe "$ns" "$dst" /big.bin "$LARGE_TIMEOUT" 1048576; }
            ;;
        *)
            probe "$ns" "$dst" /small.txt "$TIMEOUT"
            ;;
    esac
    rc=$?
    local port=":$LAB_PORT"
    [ "$kind" = ping ] && port=""
    printf '%s %s %s->%s: %s -> %s%s: %s%s (try %s)\n' \
        "$([ $rc = 0 ] && echo PASS || echo FAIL)" "$kind" "$from" "$to" \
        "$src" "$dst" "$port" "$RESULT" "$DETAIL" "$TRY"
    return $rc
}

if [ "$3" = matrix ]; then
    tmp=$(mktemp -d "$WORKDIR/check.XXXXXX")
    n=0
    for kind in $KINDS; do
        for i in $(seq "$LAB_NODES"); do
            if [ "$kind" = egress ]; then
                ( check "$kind" "$i" - >"$tmp/$(printf '%03d' $n)" ) &
                n=$((n + 1))
                continue
            fi
            for j in $(seq "$LAB_NODES"); do
                [ "$i" = "$j" ] && [ "$kind" != node-to-pod ] && continue
                ( check "$kind" "$i" "$j" >"$tmp/$(printf '%03d' $n)" ) &
                n=$((n + 1))
            done
        done
    done
    wait
    cat "$tmp"/*
    fails=$(cat "$tmp"/* | grep -c '^FAIL')
    rm -rf "$tmp"
    [ "$fails" = 0 ]
    exit $?
fi

[ $# -ge 4 ] || usage
check "${5:-tcp}" "$3" "$4"
