#!/usr/bin/env bash
# lab-down.sh PREFIX WORKDIR
#
# Removes what lab-up.sh PREFIX WORKDIR created, and nothing else:
#  1. stops every process named by a pidfile under WORKDIR (OVS daemons, HTTP
#     listeners), after checking the process is still one started for WORKDIR;
#  2. stops any process still running inside a ${PREFIX}-* namespace;
#  3. deletes every ${PREFIX}-* network namespace (and so every veth, bridge
#     and tap device of the lab);
#  4. removes WORKDIR, but only when it carries the lab's marker file (or is
#     empty): a wrong WORKDIR argument never deletes someone's directory.
# Idempotent: running it again, or on a half-built lab, is fine. Exit 0 when
# nothing of the lab is left, 1 otherwise.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lab-lib.sh"

[ $# -eq 2 ] || die "usage: lab-down.sh PREFIX WORKDIR"
lab_args "$1" "$2"
[ "$(id -u)" = 0 ] || die "must run as root"

# 1. processes we started, by their pidfiles
STOPPED=()
if [ -d "$WORKDIR" ]; then
    while IFS= read -r -d '' f; do
        pid=$(kill_pidfile "$f")
        [ -n "$pid" ] && STOPPED+=("$pid")
    done < <(find "$WORKDIR" -maxdepth 3 -name '*.pid' -print0 2>/dev/null)
fi
[ ${#STOPPED[@]} = 0 ] || wait_gone "${STOPPED[@]}"

# 2. anything else still inside our namespaces
for ns in $(lab_namespaces); do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    if [ -n "$pids" ]; then
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
        # shellcheck disable=SC2086
        wait_gone $pids
    fi
done

# 3. the namespaces themselves
for ns in $(lab_namespaces); do
    ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
done

# 4. the work directory
if [ -d "$WORKDIR" ]; then
    if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$PREFIX" ]; then
        rm -rf -- "$WORKDIR"
    elif [ -z "$(ls -A "$WORKDIR")" ]; then
        rmdir -- "$WORKDIR"
    else
        log "leaving $WORKDIR in place: it is not a lab directory of prefix $PREFIX"
    fi
fi

left=$(lab_namespaces)
if [ -n "$left" ]; then
    log "still present: $left"
    exit 1
fi
log "down: prefix $PREFIX"
exit 0
