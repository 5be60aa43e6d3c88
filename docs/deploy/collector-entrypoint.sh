#!/bin/sh
# The collector pod's main process. journalctl reads the journal of the machine named in
# /etc/machine-id from /var/log/journal and /run/log/journal: point those at the host's (inside
# this container only; /host is the host's root, mounted read-only). Then wait: live mode execs
# `netrules collect node` in this pod when it needs the node's facts.
set -e
mkdir -p /var/log /run/log
if [ -d /host/var/log/journal ]; then ln -sfn /host/var/log/journal /var/log/journal; fi
if [ -d /host/run/log/journal ]; then ln -sfn /host/run/log/journal /run/log/journal; fi
if [ -f /host/etc/machine-id ]; then ln -sf /host/etc/machine-id /etc/machine-id; fi
exec sleep infinity
