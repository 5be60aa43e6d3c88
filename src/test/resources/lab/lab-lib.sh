# shellcheck shell=bash
# Shared definitions of the netrules lab: names, addresses and helpers.
# Sourced by lab-up.sh, lab-down.sh, lab-fault.sh, lab-check.sh, lab-exec.sh.
#
# Every name this lab creates outside its own namespaces starts with PREFIX:
# the namespaces ${PREFIX}-ul (underlay switch), ${PREFIX}-n1..nN (nodes) and
# ${PREFIX}-p1..pN (one pod per node). Interface names live inside those
# namespaces, so they never clash with the host's own. Every file the lab
# writes is under WORKDIR; every process it starts has a pidfile there.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Addressing (all of it exists only inside the lab's namespaces).
LAB_CLUSTER_CIDR=10.128.0.0/14
LAB_SERVICE_CIDR=172.30.0.0/16
LAB_HOSTSUBNET_LENGTH=9            # /23 per node
LAB_UNDERLAY_PREFIX=198.51.100     # TEST-NET-2, node underlay
LAB_UNDERLAY_GW=198.51.100.254     # the underlay switch's own address (default gateway)
LAB_EXTERNAL_IP=203.0.113.10       # TEST-NET-3, "the internet" for pod egress checks
LAB_SDN_MTU=1450
LAB_UNDERLAY_MTU=1500
LAB_PORT=8080                      # HTTP listener in every pod, node and on the external host
LAB_POD_NAMESPACE=netrules-lab     # Kubernetes namespace of the lab's pods
LAB_PLUGIN=redhat/openshift-ovs-subnet
LAB_MAX_NODES=4                    # 10.128/23 .. 10.131/23 fit in 10.128.0.0/14

die() { echo "lab: $*" >&2; exit 2; }
log() { [ -n "${LAB_QUIET:-}" ] || echo "lab: $*" >&2; }

# lab_args PREFIX WORKDIR: validate and set PREFIX, WORKDIR and the derived names.
lab_args() {
    PREFIX=${1:-}
    WORKDIR=${2:-}
    [[ $PREFIX =~ ^[a-z][a-z0-9]{0,7}$ ]] \
        || die "PREFIX must be 1-8 characters [a-z0-9], starting with a letter (got '${PREFIX}')"
    [ -n "$WORKDIR" ] || die "WORKDIR missing"
    case $WORKDIR in
        /*) ;;
        *) WORKDIR=$(pwd)/$WORKDIR ;;
    esac
    WORKDIR=${WORKDIR%/}
    [ "$WORKDIR" != "" ] && [ "$WORKDIR" != "/" ] || die "WORKDIR must not be /"
    UL_NS=${PREFIX}-ul
    MARKER=$WORKDIR/.netrules-lab
    if [ -f "$WORKDIR/lab.env" ]; then
        LAB_NODES=$(sed -n 's/^LAB_NODES=//p' "$WORKDIR/lab.env")
    fi
    LAB_NODES=${LAB_NODES:-3}
    [[ $LAB_NODES =~ ^[1-9]$ ]] && [ "$LAB_NODES" -le $LAB_MAX_NODES ] \
        || die "LAB_NODES must be 1..$LAB_MAX_NODES"
    PYTHON=/usr/bin/python3
    [ -x "$PYTHON" ] || PYTHON=$(command -v python3) || die "python3 not found"
}

# node_vars I: set the names and addresses of node I (1..LAB_NODES) and its pod.
node_vars() {
    local i=$1
    [[ $i =~ ^[1-9]$ ]] && [ "$i" -le "$LAB_NODES" ] || die "no node '$i' (1..$LAB_NODES)"
    local o=$((127 + i))
    N=$i
    NODE_NS=${PREFIX}-n$i               # network namespace = node name
    NODE_NAME=$NODE_NS
    NODE_DIR=$WORKDIR/$NODE_NAME        # plays the node's root file system
    NODE_IP=${LAB_UNDERLAY_PREFIX}.$i
    NODE_SUBNET=10.$o.0.0/23
    NODE_GW=10.$o.0.1
    UL_PORT=n$i                         # the node's port on the underlay switch
    POD_NS=${PREFIX}-p$i                # network namespace = pod name
    POD_NAME=$POD_NS
    POD_IP=10.$o.0.5
    POD_MAC=$(printf '0a:58:0a:%02x:00:05' "$o")
    POD_VETH=veth$(hash_hex "$POD_NAME" 8)
    POD_OFPORT=3
    SANDBOX_ID=$(hash_hex "sandbox-$POD_NAME" 64)
}

hash_hex() { printf '%s' "$1" | sha256sum | cut -c1-"$2"; }

uuid_of() {
    local h
    h=$(hash_hex "$1" 32)
    echo "${h:0:8}-${h:8:4}-${h:12:4}-${h:16:4}-${h:20:12}"
}

vsctl() { OVS_RUNDIR=$NODE_DIR/run ovs-vsctl --db="unix:$NODE_DIR/run/db.sock" --timeout=10 "$@"; }
ofctl() { OVS_RUNDIR=$NODE_DIR/run ovs-ofctl -O OpenFlow13 "$@"; }
in_node() { ip netns exec "$NODE_NS" "$@"; }
in_pod() { ip netns exec "$POD_NS" "$@"; }

# lab_namespaces: every namespace of this PREFIX that exists now.
lab_namespaces() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${PREFIX}-" || true
}

# start_bg NS PIDFILE LOGFILE CMD...: start CMD inside NS as its own session,
# detached from our stdio, and record its pid.
start_bg() {
    local ns=$1 pidfile=$2 logfile=$3
    shift 3
    ip netns exec "$ns" setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" \
        </dev/null >>"$logfile" 2>&1 &
}

# pid_is_ours PID: the process still runs and was started for this WORKDIR.
pid_is_ours() {
    local pid=$1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$WORKDIR/"
}

# kill_pidfile FILE: stop the process a pidfile names, if it is still ours.
kill_pidfile() {
    local f=$1 pid
    [ -f "$f" ] || return 0
    pid=$(tr -dc '0-9' <"$f")
    if pid_is_ours "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        echo "$pid"
    fi
}

# wait_gone PID...: wait up to 2 s for processes to end (zombies count as ended),
# then SIGKILL what is left.
wait_gone() {
    local pid t state
    for t in $(seq 20); do
        local alive=0
        for pid in "$@"; do
            state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || continue
            [ "$state" = Z ] || alive=1
        done
        [ $alive = 0 ] && return 0
        sleep 0.1
    done
    for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
}
