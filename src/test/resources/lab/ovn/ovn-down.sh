#!/usr/bin/env bash
# ovn-down.sh PREFIX WORKDIR
#
# Removes what ovn-up.sh PREFIX WORKDIR created, and nothing else: every process named by a
# pidfile under WORKDIR (checked to be one started for WORKDIR), any process still inside a
# ${PREFIX}-* namespace, every ${PREFIX}-* namespace, and WORKDIR when it carries the lab's
# marker. Idempotent. Exit 0 when nothing of the lab is left, 1 otherwise.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ovn-lib.sh"

[ $# -eq 2 ] || die "usage: ovn-down.sh PREFIX WORKDIR"
ovn_args "$1" "$2"
[ "$(id -u)" = 0 ] || die "must run as root"

# SIGTERM, not ovn-controller's graceful `exit`: that would first delete its Chassis from an
# SB that is being stopped at the same time, and slow the tear-down.
STOPPED=()
if [ -d "$WORKDIR" ]; then
    while IFS= read -r -d '' f; do
        pid=$(kill_pidfile "$f")
        [ -n "$pid" ] && STOPPED+=("$pid")
    done < <(find "$WORKDIR" -maxdepth 3 -name '*.pid' -print0 2>/dev/null)
fi
[ ${#STOPPED[@]} = 0 ] || wait_gone "${STOPPED[@]}"

for ns in $(ovn_namespaces); do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    if [ -n "$pids" ]; then
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
        # shellcheck disable=SC2086
        wait_gone $pids
    fi
done
for ns in $(ovn_namespaces); do
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
done

if [ -d "$WORKDIR" ]; then
    if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$PREFIX" ]; then
        rm -rf -- "$WORKDIR"
    elif [ -z "$(ls -A "$WORKDIR")" ]; then
        rmdir -- "$WORKDIR"
    else
        log "leaving $WORKDIR in place: it is not a lab directory of prefix $PREFIX"
    fi
fi

left=$(ovn_namespaces)
if [ -n "$left" ]; then
    log "still present: $left"
    exit 1
fi
log "down: prefix $PREFIX"
exit 0
