#!/usr/bin/env bash
# ovn-samples.sh [SAMPLE...]
#
# Takes the OVN samples of facts-samples/ from the real lab (run from the repo root, as root):
# for each sample a fresh lab of its mode, its fault (if any), a capture (ovn-capture.sh) and
# the lab torn down; then the case folder is packed as a support engineer receives it:
#   facts-samples/<sample>/must-gather.tar.gz                       (the must-gather.local.<n>/ folder)
#   facts-samples/<sample>/sosreport-<node>-<date>-<rand>.tar.xz    (one per node)
#   facts-samples/<sample>/README.md                                (what is wrong; kept as it is)
# The databases are compacted first (ovsdb-server/compact, as the servers do by themselves), and
# the br-int flow dumps are left out of the sosreports: they are 300 kB a node and no OVN rule
# reads them. Every run gives new UUIDs and times: the samples are taken, not generated.
set -euo pipefail
LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$LAB/ovn-lib.sh"
[ "$(id -u)" = 0 ] || die "must run as root"
[ -d facts-samples ] || die "run from the repo root"

# sample -> "MODE FAULT ARG"
declare -A SAMPLES=(
    [ovn-ic-healthy]="ic - -"
    [ovn-legacy-healthy]="central - -"
    [ovn-ic-broken-lsp]="ic lsp-del 1"
    [ovn-ic-broken-transit]="ic transit-port-del 0:1"
    [ovn-legacy-broken-encap]="central encap-ip 1"
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(ovn-ic-healthy ovn-legacy-healthy ovn-ic-broken-lsp ovn-ic-broken-transit ovn-legacy-broken-encap)

TMP=$(mktemp -d /tmp/ovn-samples.XXXXXX)
trap 'rm -rf -- "$TMP"' EXIT
for sample in "${names[@]}"; do
    spec=${SAMPLES[$sample]:-}
    [ -n "$spec" ] || die "unknown sample $sample"
    read -r mode fault arg <<<"$spec"
    prefix=os$(hash_hex "$sample$$" 5)
    work=$TMP/$prefix
    case=$TMP/case-$sample
    bash "$LAB/ovn-up.sh" "$prefix" "$work" "$mode"
    (
        trap 'bash "$LAB/ovn-down.sh" "$prefix" "$work"' EXIT
        ovn_args "$prefix" "$work"
        [ "$fault" = - ] || bash "$LAB/ovn-fault.sh" "$prefix" "$work" "$fault" "$arg"
        if [ "$mode" = central ]; then
            for db in nb sb; do ovs-appctl -t "$CENTRAL_DIR/ovn${db}_db.ctl" ovsdb-server/compact >/dev/null; done
        else
            for i in $(seq 0 $((OVN_NODES - 1))); do
                node_vars "$i"
                for db in nb sb; do ovs-appctl -t "$ZONE_DIR/ovn${db}_db.ctl" ovsdb-server/compact >/dev/null; done
            done
        fi
        bash "$LAB/ovn-capture.sh" "$prefix" "$work" "$case"
    )
    out=facts-samples/$sample
    mkdir -p "$out"
    find "$out" -maxdepth 1 -type f ! -name README.md -delete
    mg=$(cd "$case" && ls -d must-gather.local.*)
    tar -C "$case" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(stat -c %Y "$case/$mg/timestamp")" \
        -cf - "$mg" | gzip -9n >"$out/must-gather.tar.gz"
    day=$(date -u +%Y-%m-%d)
    for sos in "$case"/sosreport-*; do
        node=${sos##*/sosreport-}
        name=sosreport-$node-$day-$(hash_hex "$sample$node" 5 | tr '0-9' 'ghijklmnop')
        rm -f "$sos"/sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int \
            "$sos"/sos_commands/ovn_host/ovs-ofctl_-O_OpenFlow13_dump-flows_br-int
        mv "$sos" "$case/$name"
        tar -C "$case" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$name" | xz -9 >"$out/$name.tar.xz"
    done
    log "sample $sample: $(du -sh "$out" | cut -f1)"
done
