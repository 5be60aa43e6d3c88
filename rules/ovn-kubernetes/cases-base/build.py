#!/usr/bin/env python3
"""Builds the healthy OVN-Kubernetes case bases (README.md in this folder says what they are).

    python3 rules/ovn-kubernetes/cases-base/build.py [ic-3node|legacy-3node ...]

Needs ovn-central/ovn-host and openvswitch (ovsdb-tool, ovsdb-server, ovsdb-client, ovn-nbctl,
ovn-sbctl, ovn-northd, ovs-vsctl). The OVN databases are built with the real tools, as
ovnkube-controller, ovn-northd and ovn-controller would leave them: private ovsdb-servers on
unix sockets in a temporary folder (stopped by their PIDs and removed at the end), ovn-nbctl
for the NB, ovn-northd run briefly for the SB, ovn-sbctl for what ovn-controller writes
(chassis, bindings). The files are what `ovsdb-client -f json dump` and `ovs-vsctl` print.
The Kubernetes objects and the kernel views (ip, sysctl) are written from the same table of
nodes, pods and services, so that every record agrees with every other.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- the cluster
COLLECTED_AT = "2026-12-07T12:00:00Z"
COLLECTED_EPOCH = 1796644800          # 2026-12-07T12:00:00Z
CREATED = "2026-11-02T09:14:07Z"      # nodes and system pods
USER_CREATED = "2026-12-01T08:30:00Z"
CLUSTER_CIDR = "10.128.0.0/14"
HOST_PREFIX = 23
SERVICE_CIDR = "172.30.0.0/16"
MACHINE_CIDR = "192.168.126.0/24"
GATEWAY = "192.168.126.1"
JOIN_ROUTER_IP = "100.64.0.1"
MTU = 1400
NIC_MTU = 1500
MASQ_SUBNET = "169.254.169.0/29"
MASQ_HOST = "169.254.169.2"
MASQ_NEXT_HOP = "169.254.169.4"
NS = "openshift-ovn-kubernetes"


def h(text, n=64):
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def uid(text):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "netrules-ovnbase/" + text))


def mac_of_ip(ip):
    return "0a:58:" + ":".join("%02x" % int(o) for o in ip.split("."))


def suffix(text, n=5):
    alphabet = "bcdfghjklmnpqrstvwxz2456789"
    v = int(h(text), 16)
    out = ""
    for _ in range(n):
        out += alphabet[v % len(alphabet)]
        v //= len(alphabet)
    return out


class Node:
    def __init__(self, i):
        self.i = i
        self.name = "worker-%d" % i
        self.ip = "192.168.126.%d" % (51 + i)
        self.mac = "52:54:00:7e:%02x:%02x" % (0x10 + i, 0x51 + i)
        self.subnet_base = "10.%d.0" % (128 + i)          # 10.128.0.0/23, 10.129.0.0/23, 10.130.0.0/23
        self.subnet = self.subnet_base + ".0/23"
        self.gw_ip = self.subnet_base + ".1"
        self.mp_ip = self.subnet_base + ".2"
        self.mp_mac = mac_of_ip(self.mp_ip)
        self.rtr_mac = mac_of_ip(self.gw_ip)
        self.chassis = uid("chassis/" + self.name)
        self.node_id = i + 2
        self.join_ip = "100.64.0.%d" % self.node_id
        self.transit_ip = "100.88.0.%d" % self.node_id
        self.uid = uid("node/" + self.name)
        self.next_pod = 3
        self.tunnel = "ovn-%s-0" % self.chassis[:6]

    def pod_ip(self):
        ip = "%s.%d" % (self.subnet_base, self.next_pod)
        self.next_pod += 1
        return ip


class Pod:
    def __init__(self, ns, name, node, containers, labels, host_network=False, owner=None, ports=()):
        self.ns, self.name, self.node = ns, name, node
        self.containers, self.labels, self.host_network = containers, labels, host_network
        self.owner = owner
        self.ports = ports
        self.uid = uid("pod/%s/%s" % (ns, name))
        self.sandbox = h("sandbox/%s/%s" % (ns, name))
        self.ip = node.ip if host_network else node.pod_ip()
        self.mac = None if host_network else mac_of_ip(self.ip)
        self.veth = h("veth/%s/%s" % (ns, name), 15)
        self.lsp = "%s_%s" % (ns, name)


class Mode:
    def __init__(self, name):
        self.name = name
        self.ic = name == "ic-3node"
        self.version = "4.16.21" if self.ic else "4.13.50"
        self.kubelet = "v1.29.9+5865c5b" if self.ic else "v1.26.15+4818370"
        self.nodes = [Node(i) for i in range(3)]
        self.pods = []
        self.build_pods()

    # pods in creation order; IP addresses follow it per node
    def build_pods(self):
        n = self.nodes
        if self.ic:
            node_containers = ["ovn-controller", "ovn-acl-logging", "kube-rbac-proxy-node",
                               "kube-rbac-proxy-ovn-metrics", "northd", "nbdb", "sbdb", "ovnkube-controller"]
        else:
            node_containers = ["ovn-controller", "ovn-acl-logging", "kube-rbac-proxy",
                               "kube-rbac-proxy-ovn-metrics", "ovnkube-node"]
        for node in n:
            self.pods.append(Pod(NS, "ovnkube-node-" + suffix("ovnkube-node" + node.name + self.name), node,
                                 node_containers, {"app": "ovnkube-node", "component": "network",
                                                   "ovn-db-pod": "true", "type": "infra"} if self.ic else
                                 {"app": "ovnkube-node", "component": "network", "type": "infra"},
                                 host_network=True, owner=("DaemonSet", "ovnkube-node")))
        if self.ic:
            rs = suffix("cp-rs" + self.name, 10)
            for node in n[:2]:
                self.pods.append(Pod(NS, "ovnkube-control-plane-%s-%s" % (rs, suffix("cp" + node.name)), node,
                                     ["kube-rbac-proxy", "ovnkube-cluster-manager"],
                                     {"app": "ovnkube-control-plane", "component": "network", "type": "infra"},
                                     host_network=True, owner=("ReplicaSet", "ovnkube-control-plane-" + rs)))
        else:
            for node in n:
                self.pods.append(Pod(NS, "ovnkube-master-" + suffix("master" + node.name), node,
                                     ["northd", "nbdb", "kube-rbac-proxy", "sbdb", "ovnkube-master",
                                      "ovn-dbchecker"],
                                     {"app": "ovnkube-master", "component": "network", "ovn-db-pod": "true",
                                      "type": "infra"},
                                     host_network=True, owner=("DaemonSet", "ovnkube-master")))
        for node in n:
            self.pods.append(Pod("openshift-dns", "dns-default-" + suffix("dns" + node.name), node,
                                 ["dns", "kube-rbac-proxy"], {"dns.operator.openshift.io/daemonset-dns": "default"},
                                 owner=("DaemonSet", "dns-default"), ports=(("dns", 5353, "UDP"), ("dns-tcp", 5353, "TCP"),
                                                                            ("metrics", 9154, "TCP"))))
        for node in n:
            self.pods.append(Pod("openshift-network-diagnostics",
                                 "network-check-target-" + suffix("nct" + node.name), node,
                                 ["network-check-target-container"], {"app": "network-check-target"},
                                 owner=("DaemonSet", "network-check-target"), ports=(("", 8080, "TCP"),)))
        src_rs = suffix("ncs" + self.name, 10)
        self.pods.append(Pod("openshift-network-diagnostics",
                             "network-check-source-%s-%s" % (src_rs, suffix("ncs-pod")), n[0],
                             ["check-endpoints"], {"app": "network-check-source"},
                             owner=("ReplicaSet", "network-check-source-" + src_rs)))
        web_rs = "web-7d4c9b8f6d"
        self.pods.append(Pod("demo", "client", n[0], ["client"], {"app": "client"}))
        for node in n[1:]:
            self.pods.append(Pod("demo", "%s-%s" % (web_rs, suffix("web" + node.name)), node, ["web"],
                                 {"app": "web", "pod-template-hash": "7d4c9b8f6d"},
                                 owner=("ReplicaSet", web_rs), ports=(("http", 8080, "TCP"),)))

    def pods_on(self, node):
        return [p for p in self.pods if p.node is node]

    def network_pods(self, node=None):
        return [p for p in self.pods if not p.host_network and (node is None or p.node is node)]

    def selected(self, key, value):
        return [p for p in self.pods if p.labels.get(key) == value]


# services: (namespace, name, clusterIP, [(port name, port, protocol, targetPort)], endpoint pods or "api")
def services(m):
    return [
        ("default", "kubernetes", "172.30.0.1", [("https", 443, "TCP", 6443)], "api"),
        ("openshift-dns", "dns-default", "172.30.0.10",
         [("dns", 53, "UDP", 5353), ("dns-tcp", 53, "TCP", 5353), ("metrics", 9154, "TCP", 9154)],
         m.selected("dns.operator.openshift.io/daemonset-dns", "default")),
        ("openshift-network-diagnostics", "network-check-target", "172.30.83.214", [("", 80, "TCP", 8080)],
         m.selected("app", "network-check-target")),
        ("demo", "web", "172.30.112.45", [("http", 80, "TCP", 8080)], m.selected("app", "web")),
    ]


def backends(m, eps, target, own=None):
    """ip:port backends of a service's VIP; `own` (host-network endpoints only): the node whose
    IP the router-side LB replaces by the host masquerade IP."""
    if eps == "api":
        out = []
        for node in m.nodes:
            out.append("%s:%d" % (MASQ_HOST if own is node else node.ip, target))
        return ",".join(out)
    return ",".join("%s:%d" % (p.ip, target) for p in eps)


# ---------------------------------------------------------------- tool plumbing
class Servers:
    """Private ovsdb-servers (and an ovn-northd) in a temp dir, stopped by their PIDs."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ovnbase-")
        self.pids = []

    def db(self, name, schema):
        path = os.path.join(self.dir, name)
        subprocess.run(["ovsdb-tool", "create", path + ".db", schema], check=True)
        subprocess.run(["ovsdb-server", path + ".db", "--remote=punix:" + path + ".sock",
                        "--pidfile=" + path + ".pid", "--unixctl=" + path + ".ctl", "--detach", "--no-chdir",
                        "-vconsole:off", "--log-file=" + path + ".log"], check=True, stdin=subprocess.DEVNULL)
        self.pids.append(int(open(path + ".pid").read().strip()))
        return "unix:" + path + ".sock"

    def northd(self, name, nb, sb):
        path = os.path.join(self.dir, name)
        subprocess.run(["ovn-northd", "--ovnnb-db=" + nb, "--ovnsb-db=" + sb, "--pidfile=" + path + ".pid",
                        "--unixctl=" + path + ".ctl", "--detach", "--no-chdir", "-vconsole:off",
                        "--log-file=" + path + ".log"], check=True, stdin=subprocess.DEVNULL)
        pid = int(open(path + ".pid").read().strip())
        self.pids.append(pid)
        return pid

    def stop(self, pid):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.02)
        if pid in self.pids:
            self.pids.remove(pid)

    def close(self):
        for pid in list(self.pids):
            self.stop(pid)
        shutil.rmtree(self.dir, ignore_errors=True)


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(args[:3]), r.stderr.strip()))
    return r.stdout


def nbctl(db, *cmds):
    return run(["ovn-nbctl", "--db=" + db, "--timeout=20"] + list(cmds))


def sbctl(db, *cmds):
    return run(["ovn-sbctl", "--db=" + db, "--timeout=20"] + list(cmds))


def chain(cmds):
    """[[cmd, args...], ...] -> one ctl invocation's args with `--` between commands."""
    out = []
    for c in cmds:
        out += ["--"] + c
    return out


UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def stable_uuids(dump_text, salt):
    """Row UUID -> a UUID derived from the row's content, so that a rebuild gives the same
    files (ovsdb-server draws row UUIDs at random; cases that patch a reference rely on them).
    A row's key is its table and its columns, each reference replaced by the key of the row it
    names, and the keys of the rows that name it (four rounds deep; a UUID inside a string, e.g.
    SB external_ids naming an NB row, is blanked)."""
    rows = {}
    for line in dump_text.splitlines():
        t = json.loads(line)
        table = t["caption"][:-len(" table")]
        heads = t["headings"]
        for row in t["data"]:
            rows[row[0][1]] = (table, [c for hd, c in zip(heads[1:], row[1:]) if hd != "tunnel_key"])

    def keyed(cell, keys):
        if isinstance(cell, list):
            if len(cell) == 2 and cell[0] == "uuid":
                return ["ref", keys.get(cell[1], "")]
            inner = [keyed(c, keys) for c in cell]
            if len(cell) == 2 and cell[0] == "set":
                inner = ["set", sorted(inner[1], key=json.dumps)]
            return inner
        if isinstance(cell, str):
            return UUID_RE.sub("", cell)
        return cell

    parents = {}
    for u, (table, cols) in rows.items():
        for child in UUID_RE.findall(json.dumps(cols)):
            parents.setdefault(child, []).append(u)
    keys = {}
    for _ in range(4):
        # a row also takes the keys of the rows that name it: identical rows of two routers
        # (their default routes) are told apart by their router
        keys = {u: hashlib.sha256(json.dumps([table, keyed(cols, keys),
                                              sorted(keys.get(p, "") for p in parents.get(u, []))]).encode()).hexdigest()
                for u, (table, cols) in rows.items()}
    mapping, counts = {}, {}
    for u in rows:
        n = counts.get(keys[u], 0)
        counts[keys[u]] = n + 1
        mapping[u] = str(uuid.uuid5(uuid.NAMESPACE_URL, "netrules-ovnbase/%s/%s/%d" % (salt, keys[u], n)))
    return mapping


def remap(text, mapping):
    return UUID_RE.sub(lambda mo: mapping.get(mo.group(0), mo.group(0)), text)


def sorted_sets(cell):
    """Sets of references in the order ovsdb prints them (by UUID), after a remap."""
    if isinstance(cell, list):
        if len(cell) == 2 and cell[0] == "set":
            members = [sorted_sets(c) for c in cell[1]]
            if members and all(isinstance(c, list) and c[:1] == ["uuid"] for c in members):
                members.sort(key=lambda c: c[1])
            return ["set", members]
        return [sorted_sets(c) for c in cell]
    return cell


def dump_lines(text, fn):
    """Applies fn(table, headings, rows) -> rows to each table of an `ovsdb-client -f json dump`,
    keeping its compact JSON form."""
    out = []
    for line in text.splitlines():
        t = json.loads(line)
        t["data"] = fn(t["caption"][:-len(" table")], t["headings"], t["data"])
        out.append(json.dumps(t, separators=(",", ":")))
    return "\n".join(out) + "\n"


def stable_tunnel_keys(sb_text):
    """northd hands out datapath and port tunnel keys in hash order: give the ones nobody
    requested in name order instead (requested keys, e.g. the transit switch's, stay)."""
    def requested(row, heads, column):
        opts = dict(row[heads.index(column)][1])
        return opts.get("requested-tnl-key")

    dps = {}
    def datapaths(table, heads, rows):
        if table != "Datapath_Binding":
            return rows
        name_of = lambda r: dict(r[heads.index("external_ids")][1]).get("name", "")
        tk = heads.index("tunnel_key")
        fixed = {r[tk] for r in rows if name_of(r) == "transit_switch"}
        nxt = 1
        for r in sorted(rows, key=name_of):
            if name_of(r) == "transit_switch":
                continue
            while nxt in fixed:
                nxt += 1
            r[tk] = nxt
            nxt += 1
        return rows
    sb_text = dump_lines(sb_text, datapaths)

    def ports(table, heads, rows):
        if table != "Port_Binding":
            return rows
        tk, dp, lp = heads.index("tunnel_key"), heads.index("datapath"), heads.index("logical_port")
        by_dp = {}
        for r in rows:
            by_dp.setdefault(r[dp][1], []).append(r)
        for group in by_dp.values():
            fixed = {int(requested(r, heads, "options")) for r in group if requested(r, heads, "options")}
            nxt = 1
            for r in sorted(group, key=lambda r: r[lp]):
                if requested(r, heads, "options"):
                    continue
                while nxt in fixed:
                    nxt += 1
                r[tk] = nxt
                nxt += 1
        return rows
    return dump_lines(sb_text, ports)


def row_order(row):
    """ovsdb-client dump sorts a table's rows by their columns after _uuid."""
    def cell(c):
        if isinstance(c, bool):
            return (0, str(c))
        if isinstance(c, (int, float)):
            return (1, "%020.6f" % c)
        if isinstance(c, str):
            return (2, c)
        return (3, json.dumps(c))
    return [cell(c) for c in row[1:]] + [(4, row[0][1])]    # identical rows: by their UUID


def finish_dump(text, mapping):
    return dump_lines(remap(text, mapping),
                      lambda table, heads, rows: sorted((sorted_sets(r) for r in rows), key=row_order))


def sort_records(text):
    """`ovs-vsctl list` prints records in hash order: sort them by their (stable) _uuid."""
    records = [r for r in text.strip("\n").split("\n\n") if r]
    records.sort(key=lambda r: r.split("\n", 1)[0])
    out = "\n\n".join(records) + "\n"
    return re.sub(r"\[((?:[0-9a-f-]{36}, )+[0-9a-f-]{36})\]",
                  lambda mo: "[" + ", ".join(sorted(mo.group(1).split(", "))) + "]", out)


def sort_show(text, order):
    """`ovs-vsctl show` prints bridges and ports in UUID order: reorder them by their stable
    UUIDs (`order`: bridge or port name -> UUID)."""
    lines = text.rstrip("\n").split("\n")
    head, rest = lines[0], lines[1:]
    tail = [l for l in rest if l.startswith("    ovs_version")]
    rest = [l for l in rest if not l.startswith("    ovs_version")]

    def blocks(ls, indent):
        out, cur = [], None
        for l in ls:
            if len(l) - len(l.lstrip(" ")) == indent:
                cur = [l]
                out.append(cur)
            else:
                cur.append(l)
        return out

    def key(block):
        name = block[0].split()[1].strip('"')
        return order.get(name, name)

    result = [head]
    for bridge in sorted(blocks(rest, 4), key=key):
        children = bridge[1:]
        attrs = [l for l in children if not l.startswith("        Port ") and len(l) - len(l.lstrip(" ")) == 8
                 and not l.startswith("            ")]
        port_lines = children[len(attrs):]
        result += [bridge[0]] + attrs
        for port in sorted(blocks(port_lines, 8), key=key):
            result += port
    return "\n".join(result + tail) + "\n"


# ---------------------------------------------------------------- NB
def lsp_router(switch, port, router_port, addresses="router", extra_options=()):
    return [["lsp-add", switch, port], ["lsp-set-type", port, "router"], ["lsp-set-addresses", port, addresses],
            ["lsp-set-options", port, "router-port=" + router_port] + list(extra_options)]


def nb_shared(m, db, zone):
    """Rows every zone (IC) or the central NB (legacy) holds."""
    opts = ["options:e2e_timestamp=%d" % (COLLECTED_EPOCH - 12), "options:mac_prefix=86:9f:e1",
            "options:max_tunid=16711680", "options:northd_probe_interval=10000",
            "options:northd-backoff-interval-ms=300", "options:svc_monitor_mac=\"8e:21:d3:5f:a1:0c\"",
            "options:use_logical_dp_groups=true"]
    cmds = [["set", "NB_Global", "."] + (["name=" + zone] if zone else []) + opts]
    cmds += [["lr-add", "ovn_cluster_router"],
             ["set", "logical_router", "ovn_cluster_router", "external_ids:k8s-cluster-router=yes",
              "external_ids:k8s-ovn-topo-version=%d" % (11 if m.ic else 7), "options:mcast_relay=true"],
             ["ls-add", "join"],
             ["lrp-add", "ovn_cluster_router", "rtoj-ovn_cluster_router", mac_of_ip(JOIN_ROUTER_IP),
              JOIN_ROUTER_IP + "/16"]]
    cmds += lsp_router("join", "jtor-ovn_cluster_router", "rtoj-ovn_cluster_router")
    cmds += [["lr-policy-add", "ovn_cluster_router", "102",
              "ip4.src == %s && ip4.dst == %s" % (CLUSTER_CIDR, CLUSTER_CIDR), "allow"],
             ["lr-policy-add", "ovn_cluster_router", "102",
              "ip4.src == %s && ip4.dst == 100.64.0.0/16" % CLUSTER_CIDR, "allow"]]
    if m.ic:
        cmds += [["lr-policy-add", "ovn_cluster_router", "102",
                  "ip4.src == %s && ip4.dst == 100.88.0.0/16" % CLUSTER_CIDR, "allow"]]
    for g in ("clusterLBGroup", "clusterSwitchLBGroup", "clusterRouterLBGroup"):
        cmds += [["--id=@" + g, "create", "Load_Balancer_Group", "name=" + g]]
    nbctl(db, *chain(cmds))


def nb_node(m, db, node, local):
    """Node switch, management port, GR, external switch, join wiring of one node (legacy: all
    nodes; IC: the zone's own node only)."""
    x, gr = node.name, "GR_" + node.name
    cmds = [["ls-add", x],
            ["set", "logical_switch", x, "other_config:subnet=" + node.subnet,
             "other_config:exclude_ips=" + node.mp_ip, "other_config:mcast_snoop=true",
             "other_config:mcast_querier=false", "other_config:mcast_eth_src=" + node.rtr_mac,
             "other_config:mcast_ip4_src=" + node.gw_ip],
            ["lrp-add", "ovn_cluster_router", "rtos-" + x, node.rtr_mac, node.gw_ip + "/23"],
            ["lrp-set-gateway-chassis", "rtos-" + x, node.chassis, "1"]]
    cmds += lsp_router(x, "stor-" + x, "rtos-" + x)
    cmds += [["lsp-add", x, "k8s-" + x], ["lsp-set-addresses", "k8s-" + x, "%s %s" % (node.mp_mac, node.mp_ip)]]
    for p in m.network_pods(node):
        cmds += [["lsp-add", x, p.lsp], ["lsp-set-addresses", p.lsp, "%s %s" % (p.mac, p.ip)],
                 ["lsp-set-port-security", p.lsp, "%s %s" % (p.mac, p.ip)],
                 ["lsp-set-options", p.lsp, "requested-chassis=" + x, "iface-id-ver=" + p.uid],
                 ["set", "logical_switch_port", p.lsp, "external_ids:namespace=" + p.ns, "external_ids:pod=true"]]
    cmds += [["lr-add", gr],
             ["set", "logical_router", gr, "options:chassis=" + node.chassis, "options:lb_force_snat_ip=router_ip",
              "options:snat-ct-zone=0", "options:always_learn_from_arp_request=false",
              "options:dynamic_neigh_routers=true", "external_ids:physical_ip=" + node.ip,
              "external_ids:physical_ips=" + node.ip],
             ["lrp-add", gr, "rtoj-" + gr, mac_of_ip(node.join_ip), node.join_ip + "/16"]]
    cmds += lsp_router("join", "jtor-" + gr, "rtoj-" + gr)
    cmds += [["lrp-add", gr, "rtoe-" + gr, node.mac, node.ip + "/24"],
             ["ls-add", "ext_" + x]]
    cmds += lsp_router("ext_" + x, "etor-" + gr, "rtoe-" + gr, node.mac, ["exclude-lb-vips-from-garp=true",
                                                                         "nat-addresses=router"])
    cmds += [["lsp-add", "ext_" + x, "br-ex_" + x], ["lsp-set-type", "br-ex_" + x, "localnet"],
             ["lsp-set-addresses", "br-ex_" + x, "unknown"],
             ["lsp-set-options", "br-ex_" + x, "network_name=physnet"],
             ["lr-route-add", gr, "0.0.0.0/0", GATEWAY, "rtoe-" + gr],
             ["lr-route-add", gr, CLUSTER_CIDR, JOIN_ROUTER_IP],
             ["--policy=src-ip", "lr-route-add", "ovn_cluster_router", node.subnet, node.join_ip],
             ["lr-route-add", "ovn_cluster_router", node.join_ip, node.join_ip],
             ["lr-policy-add", "ovn_cluster_router", "1004",
              'inport == "rtos-%s" && ip4.dst == %s /* %s */' % (x, node.ip, x), "reroute", node.mp_ip],
             ["lr-policy-add", "ovn_cluster_router", "1004",
              'inport == "rtos-%s" && ip4.dst == %s /* %s */' % (x, MASQ_HOST, x), "reroute", node.mp_ip]]
    for p in m.network_pods(node):
        cmds += [["lr-nat-add", gr, "snat", node.ip, p.ip]]
    cmds += [["add", "logical_switch", x, "load_balancer_group", "@clusterLBGroup"],
             ["add", "logical_switch", x, "load_balancer_group", "@clusterSwitchLBGroup"],
             ["add", "logical_router", gr, "load_balancer_group", "@clusterLBGroup"],
             ["add", "logical_router", gr, "load_balancer_group", "@clusterRouterLBGroup"]]
    nbctl(db, *group_refs(db, chain(cmds)))


def group_refs(db, args):
    """Replaces @clusterLBGroup etc. by the groups' UUIDs (they exist already)."""
    ids = {}
    for g in ("clusterLBGroup", "clusterSwitchLBGroup", "clusterRouterLBGroup"):
        ids["@" + g] = nbctl(db, "--bare", "--columns=_uuid", "find", "Load_Balancer_Group", "name=" + g).strip()
    return [ids.get(a, a) for a in args]


def nb_transit(m, db, local):
    cmds = [["ls-add", "transit_switch"],
            ["set", "logical_switch", "transit_switch", "other_config:interconn-ts=transit_switch",
             "other_config:requested-tnl-key=16711683", "other_config:mcast_snoop=true",
             "other_config:mcast_querier=false", "other_config:mcast_flood_unregistered=true"],
            ["lrp-add", "ovn_cluster_router", "rtots-" + local.name, mac_of_ip(local.transit_ip),
             local.transit_ip + "/16"]]
    cmds += lsp_router("transit_switch", "tstor-" + local.name, "rtots-" + local.name, "router",
                       ["requested-tnl-key=%d" % local.node_id])
    for y in m.nodes:
        if y is local:
            continue
        port = "tstor-" + y.name
        cmds += [["lsp-add", "transit_switch", port], ["lsp-set-type", port, "remote"],
                 ["lsp-set-addresses", port, "%s %s/16" % (mac_of_ip(y.transit_ip), y.transit_ip)],
                 ["lsp-set-options", port, "requested-chassis=" + y.name, "requested-tnl-key=%d" % y.node_id],
                 ["set", "logical_switch_port", port, "external_ids:node=" + y.name]]
        for prefix in (y.subnet, y.join_ip):
            ref = "@r" + h(prefix, 8)
            cmds += [["--id=" + ref, "create", "Logical_Router_Static_Route", "ip_prefix=\"%s\"" % prefix,
                      "nexthop=\"%s\"" % y.transit_ip, "external_ids:ic-node=" + y.name],
                     ["add", "logical_router", "ovn_cluster_router", "static_routes", ref]]
    nbctl(db, *chain(cmds))


def nb_services(m, db, zone_nodes):
    group = nbctl(db, "--bare", "--columns=_uuid", "find", "Load_Balancer_Group", "name=clusterLBGroup").strip()
    cmds = []
    for ns, name, vip, ports, eps in services(m):
        owner = ["external_ids:k8s.ovn.org/kind=Service", "external_ids:k8s.ovn.org/owner=%s/%s" % (ns, name)]
        options = ["options:event=false", "options:reject=true", "options:skip_snat=false",
                   "options:hairpin_snat_ip=\"169.254.169.5 fd69::5\""]
        by_proto = {}
        for pname, port, proto, target in ports:
            by_proto.setdefault(proto, []).append((port, target))
        for proto in sorted(by_proto, key=lambda p: ["TCP", "UDP", "SCTP"].index(p)):
            if eps == "api":
                # host-network endpoints: per-node LBs, the router one with the node's own IP
                # replaced by the host masquerade IP
                for node in zone_nodes:
                    for side, own in (("router", node), ("switch", None)):
                        lb = "Service_%s/%s_%s_node_%s_%s" % (ns, name, proto, side, node.name)
                        vips = ["vips:\"%s:%d\"=\"%s\"" % (vip, port, backends(m, eps, target, own))
                                for port, target in by_proto[proto]]
                        ref = "@lb" + h(lb, 8)
                        cmds += [["--id=" + ref, "create", "Load_Balancer", "name=\"%s\"" % lb,
                                  "protocol=" + proto.lower()] + vips + options + owner]
                        if side == "router":
                            cmds += [["add", "logical_router", "GR_" + node.name, "load_balancer", ref]]
                        else:
                            cmds += [["add", "logical_switch", node.name, "load_balancer", ref]]
            else:
                lb = "Service_%s/%s_%s_cluster" % (ns, name, proto)
                vips = ["vips:\"%s:%d\"=\"%s\"" % (vip, port, backends(m, eps, target))
                        for port, target in by_proto[proto]]
                ref = "@lb" + h(lb, 8)
                cmds += [["--id=" + ref, "create", "Load_Balancer", "name=\"%s\"" % lb,
                          "protocol=" + proto.lower()] + vips + options + owner,
                         ["add", "Load_Balancer_Group", group, "load_balancer", ref]]
    nbctl(db, *chain(cmds))


# ---------------------------------------------------------------- SB
def chassis_other_config(m, node):
    oc = {"ct-commit-nat-v2": "true", "ct-no-masked-label": "true", "datapath-type": "system",
          "fdb-timestamp": "true", "iface-types": "bareudp,erspan,geneve,gre,gtpu,internal,ip6erspan,ip6gre,"
                                                  "lisp,patch,srv6,stt,system,tap,vxlan",
          "is-interconn": "true" if m.ic else "false", "ls-dpg-column": "true", "mac-binding-timestamp": "true",
          "ovn-bridge-mappings": "physnet:br-ex", "ovn-chassis-mac-mappings": "", "ovn-cms-options": "",
          "ovn-ct-lb-related": "true", "ovn-enable-lflow-cache": "true", "ovn-limit-lflow-cache": "",
          "ovn-memlimit-lflow-cache-kb": "", "ovn-monitor-all": "true", "ovn-trim-limit-lflow-cache": "",
          "ovn-trim-timeout-ms": "", "ovn-trim-wmark-perc-lflow-cache": "", "port-up-notif": "true"}
    return ["other_config:%s=\"%s\"" % (k, v) for k, v in oc.items()]


def sb_chassis(m, db, local_nodes, remote_nodes):
    cmds = []
    for node in local_nodes:
        cmds += [["chassis-add", node.chassis, "geneve", node.ip],
                 ["set", "chassis", node.chassis, "hostname=" + node.name,
                  "external_ids:ovn-encap-ip=" + node.ip] + chassis_other_config(m, node)]
    for node in remote_nodes:
        cmds += [["chassis-add", node.chassis, "geneve", node.ip],
                 ["set", "chassis", node.chassis, "hostname=" + node.name, "other_config:is-remote=true"]]
    sbctl(db, *chain(cmds))
    for node in local_nodes:
        ch = sbctl(db, "--bare", "--columns=_uuid", "find", "Chassis", "name=" + node.chassis).strip()
        sbctl(db, "create", "Chassis_Private", "name=" + node.chassis, "chassis=" + ch,
              "nb_cfg_timestamp=%d" % ((COLLECTED_EPOCH - 40) * 1000))


def sb_bind(m, db, local_nodes, all_nodes):
    """What each node's ovn-controller writes: the ports it has claimed, up."""
    chassis = {}
    for node in all_nodes:
        out = sbctl(db, "--bare", "--columns=_uuid", "find", "Chassis", "name=" + node.chassis).strip()
        if out:
            chassis[node.name] = out
    rows = json.loads(sbctl(db, "--format=json", "--columns=_uuid,logical_port,type,options", "list", "Port_Binding"))
    cmds = []
    for row in rows["data"]:
        pb_uuid, port, ptype, options = row[0][1], row[1], row[2], dict(row[3][1])
        owner = None
        if ptype == "":
            for node in local_nodes:
                if port == "k8s-" + node.name or any(p.lsp == port for p in m.network_pods(node)):
                    owner = node
        elif ptype == "l3gateway":
            owner = next((n for n in local_nodes if n.chassis == options.get("l3gateway-chassis")), None)
        elif ptype == "chassisredirect":
            owner = next((n for n in local_nodes if port == "cr-rtos-" + n.name), None)
        elif ptype == "remote":
            owner = next((n for n in all_nodes if n.name == options.get("requested-chassis")), None)
        if owner is not None:
            cmds += [["set", "Port_Binding", pb_uuid, "chassis=" + chassis[owner.name], "up=true"]]
    if cmds:
        sbctl(db, *chain(cmds))


def build_zone(servers, m, name, nb_nodes, local_nodes, remote_nodes):
    """One NB/SB pair: IC zone (name = node) or the legacy central pair (name = None)."""
    tag = name or "central"
    nb = servers.db(tag + "-nb", "/usr/share/ovn/ovn-nb.ovsschema")
    sb = servers.db(tag + "-sb", "/usr/share/ovn/ovn-sb.ovsschema")
    nb_shared(m, nb, name)
    for node in nb_nodes:
        nb_node(m, nb, node, node in local_nodes)
    if m.ic:
        nb_transit(m, nb, nb_nodes[0])
    nb_services(m, nb, nb_nodes)
    sb_chassis(m, sb, local_nodes, remote_nodes)
    northd = servers.northd(tag + "-northd", nb, sb)
    nbctl(nb, "--wait=sb", "sync")
    sb_bind(m, sb, local_nodes, m.nodes)
    nbctl(nb, "--wait=sb", "sync")
    # ovn-controller reports the NB configuration it has applied
    cfg = nbctl(nb, "get", "NB_Global", ".", "nb_cfg").strip()
    for node in local_nodes:
        sbctl(sb, "set", "Chassis_Private", node.chassis, "nb_cfg=" + cfg,
              "nb_cfg_timestamp=%d" % ((COLLECTED_EPOCH - 11) * 1000))
    for _ in range(100):
        if nbctl(nb, "get", "NB_Global", ".", "hv_cfg").strip() == cfg:
            break
        time.sleep(0.05)
    status = run(["ovn-appctl", "-t", os.path.join(servers.dir, tag + "-northd.ctl"), "status"])
    servers.stop(northd)
    # the *_cfg_timestamp columns hold this machine's clock: put them at capture time
    stamp = (COLLECTED_EPOCH - 11) * 1000
    nbctl(nb, "set", "NB_Global", ".", "nb_cfg_timestamp=%d" % stamp, "sb_cfg_timestamp=%d" % stamp,
          "hv_cfg_timestamp=%d" % stamp)
    # Logical flows are northd's compiled output: no rule reads them, and they would make every
    # SB file 200 kB+. Dropping them (with the datapath groups only they use) is the one change
    # from a live dump.
    sbctl(sb, "--all", "destroy", "Logical_Flow")
    nb_text = run(["ovsdb-client", "-f", "json", "dump", nb, "OVN_Northbound"])
    sb_text = run(["ovsdb-client", "-f", "json", "dump", sb, "OVN_Southbound"])
    nb_map = stable_uuids(nb_text, "%s/%s/nb" % (m.name, tag))
    sb_text = stable_tunnel_keys(sb_text)
    sb_map = stable_uuids(sb_text, "%s/%s/sb" % (m.name, tag))
    nb_text = finish_dump(nb_text, nb_map)
    sb_text = finish_dump(sb_text, dict(nb_map, **sb_map))    # SB external_ids name NB rows
    return nb_text, sb_text, status


# ---------------------------------------------------------------- OVS (node)
def ovs_node(servers, m, node):
    """The node's Open_vSwitch DB as ovnkube-node and ovn-controller leave it; returns the
    `ovs-vsctl -t 5` views."""
    db = servers.db(node.name + "-conf", "/usr/share/openvswitch/vswitch.ovsschema")

    def vsctl(*a):
        return run(["ovs-vsctl", "--db=" + db, "--no-wait", "-t", "5"] + list(a))

    remote = "unix:/var/run/ovn/ovnsb_db.sock" if m.ic else ",".join("ssl:%s:9642" % n.ip for n in m.nodes)
    ext = {"hostname": node.name, "ovn-bridge-mappings": "physnet:br-ex", "ovn-enable-lflow-cache": "true",
           "ovn-encap-ip": node.ip, "ovn-encap-type": "geneve", "ovn-limit-lflow-cache": "",
           "ovn-memlimit-lflow-cache-kb": "", "ovn-monitor-all": "true", "ovn-ofctrl-wait-before-clear": "0",
           "ovn-openflow-probe-interval": "180", "ovn-remote": remote, "ovn-remote-probe-interval": "180000",
           "rundir": "/var/run/openvswitch", "system-id": node.chassis}
    if m.ic:
        ext["ovn-is-interconn"] = "true"
    vsctl("init")
    vsctl("set", "Open_vSwitch", ".", *["external_ids:%s=\"%s\"" % kv for kv in ext.items()],
          "other_config:bundle-idle-timeout=180", "other_config:vlan-limit=0")
    cmds = [["add-br", "br-ex"], ["set", "bridge", "br-ex", "fail_mode=standalone", "datapath_type=system",
                                     "external_ids:bridge-id=br-ex", "external_ids:bridge-uplink=ens3",
                                     "other_config:hwaddr=\"%s\"" % node.mac, "protocols=OpenFlow10,OpenFlow13,OpenFlow15"],
            ["add-port", "br-ex", "ens3"],
            ["add-br", "br-int"], ["set", "bridge", "br-int", "fail_mode=secure", "datapath_type=system",
                                     "other_config:disable-in-band=true", "protocols=OpenFlow13,OpenFlow15"],
            ["add-port", "br-int", "ovn-k8s-mp0"],
            ["set", "interface", "ovn-k8s-mp0", "type=internal", "mtu_request=%d" % MTU,
             "external_ids:iface-id=k8s-" + node.name, "external_ids:ovn-installed=true",
             "external_ids:ovn-installed-ts=\"%d\"" % ((COLLECTED_EPOCH - 86000) * 1000)],
            ["add-port", "br-int", "patch-br-int-to-br-ex_" + node.name],
            ["set", "interface", "patch-br-int-to-br-ex_" + node.name, "type=patch",
             "options:peer=patch-br-ex_%s-to-br-int" % node.name],
            ["set", "port", "patch-br-int-to-br-ex_" + node.name, "external_ids:ovn-localnet-port=br-ex_" + node.name],
            ["add-port", "br-ex", "patch-br-ex_%s-to-br-int" % node.name],
            ["set", "interface", "patch-br-ex_%s-to-br-int" % node.name, "type=patch",
             "options:peer=patch-br-int-to-br-ex_" + node.name],
            ["set", "port", "patch-br-ex_%s-to-br-int" % node.name, "external_ids:ovn-localnet-port=br-ex_" + node.name]]
    for y in m.nodes:
        if y is node:
            continue
        cmds += [["add-port", "br-int", y.tunnel],
                 ["set", "interface", y.tunnel, "type=geneve", "options:csum=true", "options:key=flow",
                  "options:remote_ip=" + y.ip],
                 ["set", "port", y.tunnel, "external_ids:ovn-chassis-id=\"%s@%s\"" % (y.chassis, y.ip)]]
    for p in m.network_pods(node):
        cmds += [["add-port", "br-int", p.veth],
                 ["set", "interface", p.veth, "external_ids:attached_mac=\"%s\"" % p.mac,
                  "external_ids:iface-id=" + p.lsp, "external_ids:iface-id-ver=" + p.uid,
                  "external_ids:ip_addresses=\"%s/23\"" % p.ip, "external_ids:ovn-installed=true",
                  "external_ids:ovn-installed-ts=\"%d\"" % ((COLLECTED_EPOCH - 3600) * 1000),
                  "external_ids:sandbox=" + p.sandbox]]
    vsctl(*chain(cmds))
    # What ovs-vswitchd fills in (read-only for ovs-vsctl): ofport, MTU, state, MACs, versions.
    ops = [{"op": "update", "table": "Open_vSwitch", "where": [],
            "row": {"ovs_version": "3.1.5", "db_version": "8.3.1", "system_type": "rhcos",
                    "system_version": "4.16" if m.ic else "4.13", "cur_cfg": 42, "next_cfg": 42,
                    "datapath_types": ["set", ["netdev", "system"]],
                    "iface_types": ["set", ["bareudp", "erspan", "geneve", "gre", "gtpu", "internal",
                                            "ip6erspan", "ip6gre", "lisp", "patch", "srv6", "stt", "system",
                                            "tap", "vxlan"]]}}]
    names = ["br-ex", "ens3", "br-int", "ovn-k8s-mp0", "patch-br-int-to-br-ex_" + node.name,
             "patch-br-ex_%s-to-br-int" % node.name] + [y.tunnel for y in m.nodes if y is not node] + \
            [p.veth for p in m.network_pods(node)]
    ofport = {"br-ex": 65534, "br-int": 65534, "ens3": 1, "patch-br-ex_%s-to-br-int" % node.name: 2,
              "ovn-k8s-mp0": 2, "patch-br-int-to-br-ex_" + node.name: 1}
    nxt = 3
    for y in m.nodes:
        if y is not node:
            ofport[y.tunnel] = nxt
            nxt += 1
    for p in m.network_pods(node):
        ofport[p.veth] = nxt
        nxt += 1
    ifindex = {"ens3": 2, "br-ex": 4, "br-int": 5, "ovn-k8s-mp0": 7}
    for k, p in enumerate(m.network_pods(node)):
        ifindex[p.veth] = 8 + k
    for n in names:
        row = {"ofport": ofport[n], "admin_state": "up", "link_state": "up"}
        if n in ifindex:
            row["ifindex"] = ifindex[n]
        if n == "ens3" or n == "br-ex":
            row.update({"mtu": NIC_MTU, "mac_in_use": node.mac})
        elif n == "ovn-k8s-mp0":
            row.update({"mtu": MTU, "mac_in_use": node.mp_mac})
        elif n == "br-int":
            row.update({"mtu": MTU, "mac_in_use": "be:%s" % ":".join(h("brint" + node.name)[i:i + 2]
                                                                      for i in range(0, 10, 2)),
                        "admin_state": "down", "link_state": "down"})
        elif n.startswith("ovn-") or n.startswith("patch-"):
            pass
        else:
            row.update({"mtu": MTU, "mac_in_use": veth_mac(n)})
        ops.append({"op": "update", "table": "Interface", "where": [["name", "==", n]], "row": row})
    run(["ovsdb-client", "transact", db, json.dumps(["Open_vSwitch"] + ops)])
    conf = run(["ovsdb-client", "-f", "json", "dump", db, "Open_vSwitch"])
    mapping = stable_uuids(conf, "%s/%s/ovs" % (m.name, node.name))
    order = {}
    for line in conf.splitlines():
        t = json.loads(line)
        if t["caption"] in ("Bridge table", "Port table"):
            for row in t["data"]:
                order[row[t["headings"].index("name")]] = mapping[row[0][1]]
    views = {}
    for name, args in (("ovs-vsctl_-t_5_show", ["show"]),
                       ("ovs-vsctl_-t_5_list_Open_vSwitch", ["list", "Open_vSwitch"]),
                       ("ovs-vsctl_-t_5_list_interface", ["list", "interface"]),
                       ("ovs-vsctl_-t_5_list-br", ["list-br"])):
        text = remap(run(["ovs-vsctl", "--db=" + db, "-t", "5"] + args), mapping)
        if args[0] == "list":
            text = sort_records(text)
        elif args[0] == "show":
            text = sort_show(text, order)
        views[name] = text
    return views


def eui64(mac):
    """The link-local IPv6 address the kernel derives from a MAC."""
    b = [int(x, 16) for x in mac.split(":")]
    b = [b[0] ^ 2] + b[1:3] + [0xff, 0xfe] + b[3:]
    groups = ["%x" % (b[i] << 8 | b[i + 1]) for i in range(0, 8, 2)]
    return "fe80::" + ":".join(groups)


def veth_mac(name):
    v = h("vethmac" + name, 12)
    return "%02x:%s" % ((int(v[:2], 16) & 0xfc) | 0x02, ":".join(v[i:i + 2] for i in range(2, 12, 2)))


# ---------------------------------------------------------------- kernel views (node)
def links(m, node):
    """(name, flags, mtu, qdisc-and-rest, mac, kind lines, addresses) as ip -d prints them."""
    q = "addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 "
    br_int_mac = "be:%s" % ":".join(h("brint" + node.name)[i:i + 2] for i in range(0, 10, 2))
    out = [
        ("lo", "<LOOPBACK,UP,LOWER_UP>", 65536, "qdisc noqueue state UNKNOWN", "link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 "
         + q,
         [], [("inet 127.0.0.1/8 scope host lo", "forever"), ("inet6 ::1/128 scope host ", "forever")], "qlen 1000"),
        ("ens3", "<BROADCAST,MULTICAST,UP,LOWER_UP>", NIC_MTU, "qdisc fq_codel master ovs-system state UP",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 " % node.mac,
         ["openvswitch_slave " + q], [], "qlen 1000"),
        ("ovs-system", "<BROADCAST,MULTICAST>", 1500, "qdisc noop state DOWN",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 " % veth_mac("ovs-system" + node.name),
         ["openvswitch " + q], [], "qlen 1000"),
        ("br-ex", "<BROADCAST,MULTICAST,UP,LOWER_UP>", NIC_MTU, "qdisc noqueue state UNKNOWN",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 " % node.mac,
         ["openvswitch " + q],
         [("inet %s/24 brd 192.168.126.255 scope global dynamic noprefixroute br-ex" % node.ip, "3146sec"),
          ("inet %s/29 brd 169.254.169.7 scope global br-ex" % MASQ_HOST, "forever"),
          ("inet6 %s/64 scope link noprefixroute " % eui64(node.mac), "forever")],
         "qlen 1000"),
        ("br-int", "<BROADCAST,MULTICAST>", MTU, "qdisc noop state DOWN",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 " % br_int_mac,
         ["openvswitch " + q], [], "qlen 1000"),
        ("genev_sys_6081", "<BROADCAST,MULTICAST,UP,LOWER_UP>", 65000, "qdisc noqueue master ovs-system state UNKNOWN",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65465 " % veth_mac("genev" + node.name),
         ["geneve external id 0 ttl auto dstport 6081 udp6zerocsumrx ", "openvswitch_slave " + q],
         [("inet6 %s/64 scope link " % eui64(veth_mac("genev" + node.name)), "forever")], "qlen 1000"),
        ("ovn-k8s-mp0", "<BROADCAST,MULTICAST,UP,LOWER_UP>", MTU, "qdisc noqueue state UNKNOWN",
         "link/ether %s brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 " % node.mp_mac,
         ["openvswitch " + q],
         [("inet %s/23 brd %s.1.255 scope global ovn-k8s-mp0" % (node.mp_ip, node.subnet_base.rsplit(".", 1)[0]), "forever"),
          ("inet6 %s/64 scope link " % eui64(node.mp_mac), "forever")], "qlen 1000"),
    ]
    for k, p in enumerate(m.network_pods(node)):
        out.append(("%s@if2" % p.veth, "<BROADCAST,MULTICAST,UP,LOWER_UP>", MTU, "qdisc noqueue master ovs-system state UP",
                    "link/ether %s brd ff:ff:ff:ff:ff:ff link-netns %s promiscuity 1  allmulti 0 minmtu 68 maxmtu 65535 "
                    % (veth_mac(p.veth), uid("netns/" + p.sandbox)),
                    ["veth ", "openvswitch_slave " + q.replace("numtxqueues 1 numrxqueues 1", "numtxqueues 2 numrxqueues 2")],
                    [("inet6 %s/64 scope link " % eui64(veth_mac(p.veth)), "forever")], ""))
    return out


def ip_views(m, node):
    addr, link = [], []
    for idx, (name, flags, mtu, rest, ether, kinds, addrs, qlen) in enumerate(links(m, node), start=1):
        head = "%d: %s: %s mtu %d %s group default %s" % (idx, name, flags, mtu, rest, qlen)
        head = head.rstrip()
        addr.append(head)
        link.append(head.replace(" group default", " mode DEFAULT group default"))
        for v in (addr, link):
            v.append("    " + ether)
            for kline in kinds:
                v.append("    " + kline)
        for a, lft in addrs:
            addr.append("    " + a)
            addr.append("       valid_lft %s preferred_lft %s" % (lft, lft))
    return "\n".join(addr) + "\n", "\n".join(link) + "\n"


def ip_routes(m, node):
    sb = node.subnet_base
    lines = [
        "default via %s dev br-ex proto dhcp src %s metric 48 " % (GATEWAY, node.ip),
        "10.128.0.0/14 via %s dev ovn-k8s-mp0 " % node.gw_ip,
        "%s dev ovn-k8s-mp0 proto kernel scope link src %s " % (node.subnet, node.mp_ip),
        "169.254.169.0/29 dev br-ex proto kernel scope link src %s " % MASQ_HOST,
        "169.254.169.1 dev br-ex src %s " % node.ip,
        "169.254.169.3 via %s dev ovn-k8s-mp0 " % node.gw_ip,
        "172.30.0.0/16 via %s dev br-ex mtu %d " % (MASQ_NEXT_HOP, MTU),
        "192.168.126.0/24 dev br-ex proto kernel scope link src %s metric 48 " % node.ip,
        "local %s dev ovn-k8s-mp0 table local proto kernel scope host src %s " % (node.mp_ip, node.mp_ip),
        "broadcast %s.1.255 dev ovn-k8s-mp0 table local proto kernel scope link src %s " % (sb.rsplit(".", 1)[0], node.mp_ip),
        "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
        "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 ",
        "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 ",
        "local %s dev br-ex table local proto kernel scope host src %s " % (MASQ_HOST, MASQ_HOST),
        "broadcast 169.254.169.7 dev br-ex table local proto kernel scope link src %s " % MASQ_HOST,
        "local %s dev br-ex table local proto kernel scope host src %s " % (node.ip, node.ip),
        "broadcast 192.168.126.255 dev br-ex table local proto kernel scope link src %s " % node.ip,
        "::1 dev lo proto kernel metric 256 pref medium",
        "fe80::/64 dev br-ex proto kernel metric 1024 pref medium",
        "fe80::/64 dev ovn-k8s-mp0 proto kernel metric 256 pref medium",
        "local ::1 dev lo table local proto kernel metric 0 pref medium",
        "multicast ff00::/8 dev br-ex table local proto kernel metric 256 pref medium",
        "multicast ff00::/8 dev ovn-k8s-mp0 table local proto kernel metric 256 pref medium",
    ]
    if m.ic:
        # 4.14+: ovnkube-node's table 7 for traffic of the management port
        lines.insert(8, "10.128.0.0/14 via %s dev ovn-k8s-mp0 table 7 " % node.gw_ip)
    return "\n".join(lines) + "\n"


def sysctls(m, node):
    fwd_global = 0 if m.ic else 1
    ifaces = ["all", "default", "lo", "ens3", "ovs-system", "br-ex", "br-int", "genev_sys_6081", "ovn-k8s-mp0"] + \
             [p.veth for p in m.network_pods(node)]
    lines = ["kernel.hostname = " + node.name, "kernel.osrelease = " + (
        "5.14.0-427.42.1.el9_4.x86_64" if m.ic else "5.14.0-284.92.1.el9_2.x86_64")]
    for i in sorted(ifaces):
        fwd = fwd_global
        if i in ("br-ex", "ovn-k8s-mp0"):
            fwd = 1
        lines += ["net.ipv4.conf.%s.accept_local = 0" % i, "net.ipv4.conf.%s.accept_redirects = %d" % (i, 1),
                  "net.ipv4.conf.%s.arp_ignore = 0" % i, "net.ipv4.conf.%s.forwarding = %d" % (i, fwd),
                  "net.ipv4.conf.%s.mc_forwarding = 0" % i,
                  "net.ipv4.conf.%s.route_localnet = %d" % (i, 1 if i == "br-ex" else 0),
                  "net.ipv4.conf.%s.rp_filter = %d" % (i, 0 if i in ("ovn-k8s-mp0",) else (0 if i in ("all",) else 1 if i != "default" else 1)),
                  "net.ipv4.conf.%s.send_redirects = 1" % i]
    lines += ["net.ipv4.ip_forward = %d" % fwd_global, "net.ipv4.ip_local_port_range = 32768\t60999",
              "net.ipv4.ip_nonlocal_bind = 0", "net.ipv4.ip_no_pmtu_disc = 0",
              "net.ipv4.neigh.default.gc_thresh1 = 8192", "net.ipv4.neigh.default.gc_thresh2 = 32768",
              "net.ipv4.neigh.default.gc_thresh3 = 65536", "net.ipv4.tcp_mtu_probing = 0",
              "net.netfilter.nf_conntrack_max = 1048576", "net.core.somaxconn = 4096",
              "net.ipv6.conf.all.forwarding = %d" % fwd_global, "net.ipv6.conf.all.disable_ipv6 = 0"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Kubernetes objects
def k8s_list(items):
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def rv(text):
    return str(20000 + int(h(text, 6), 16) % 900000)


def node_obj(m, node):
    ann = {
        "k8s.ovn.org/host-cidrs" if m.ic else "k8s.ovn.org/host-addresses":
            json.dumps([node.ip + "/24"] if m.ic else [node.ip], separators=(",", ":")),
        "k8s.ovn.org/l3-gateway-config": json.dumps({"default": {
            "mode": "shared", "bridge-id": "br-ex", "interface-id": "br-ex_" + node.name, "mac-address": node.mac,
            "ip-addresses": [node.ip + "/24"], "ip-address": node.ip + "/24", "next-hops": [GATEWAY],
            "next-hop": GATEWAY, "node-port-enable": "true", "vlan-id": "0"}}, separators=(",", ":")),
        "k8s.ovn.org/node-chassis-id": node.chassis,
        "k8s.ovn.org/node-mgmt-port-mac-address": node.mp_mac,
        "k8s.ovn.org/node-primary-ifaddr": json.dumps({"ipv4": node.ip + "/24"}, separators=(",", ":")),
        "k8s.ovn.org/node-masquerade-subnet" if m.ic else None:
            json.dumps({"ipv4": MASQ_SUBNET, "ipv6": "fd69::/125"}, separators=(",", ":")),
        "machineconfiguration.openshift.io/state": "Done",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
    }
    ann.pop(None, None)
    if m.ic:
        ann.update({
            "k8s.ovn.org/node-subnets": json.dumps({"default": [node.subnet]}, separators=(",", ":")),
            "k8s.ovn.org/node-gateway-router-lrp-ifaddrs":
                json.dumps({"default": {"ipv4": node.join_ip + "/16"}}, separators=(",", ":")),
            "k8s.ovn.org/node-id": str(node.node_id),
            "k8s.ovn.org/node-transit-switch-port-ifaddr": json.dumps({"ipv4": node.transit_ip + "/16"},
                                                                      separators=(",", ":")),
            "k8s.ovn.org/zone-name": node.name,
            "k8s.ovn.org/remote-zone-migrated": node.name,
            "k8s.ovn.org/network-ids": json.dumps({"default": "0"}, separators=(",", ":")),
        })
    else:
        ann.update({
            "k8s.ovn.org/node-subnets": json.dumps({"default": node.subnet}, separators=(",", ":")),
            "k8s.ovn.org/node-gateway-router-lrp-ifaddr": json.dumps({"ipv4": node.join_ip + "/16"},
                                                                     separators=(",", ":")),
        })
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "kubernetes.io/hostname": node.name, "kubernetes.io/os": "linux",
              "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/master": "",
              "node-role.kubernetes.io/worker": "", "node.openshift.io/os_id": "rhcos"}
    ready = {"lastHeartbeatTime": "2026-12-07T11:58:31Z", "lastTransitionTime": "2026-11-02T09:21:40Z",
             "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready"}
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"annotations": dict(sorted(ann.items())), "creationTimestamp": CREATED, "labels": labels,
                         "name": node.name, "resourceVersion": rv("node" + node.name), "uid": node.uid},
            "spec": {},
            "status": {"addresses": [{"address": node.ip, "type": "InternalIP"},
                                     {"address": node.name, "type": "Hostname"}],
                       "allocatable": {"cpu": "7500m", "memory": "31247140Ki", "pods": "250"},
                       "capacity": {"cpu": "8", "memory": "32861988Ki", "pods": "250"},
                       "conditions": [
                           {"lastHeartbeatTime": "2026-12-07T11:58:31Z", "lastTransitionTime": "2026-11-02T09:15:02Z",
                            "message": "kubelet has sufficient memory available", "reason": "KubeletHasSufficientMemory",
                            "status": "False", "type": "MemoryPressure"},
                           {"lastHeartbeatTime": "2026-12-07T11:58:31Z", "lastTransitionTime": "2026-11-02T09:15:02Z",
                            "message": "kubelet has no disk pressure", "reason": "KubeletHasNoDiskPressure",
                            "status": "False", "type": "DiskPressure"},
                           {"lastHeartbeatTime": "2026-12-07T11:58:31Z", "lastTransitionTime": "2026-11-02T09:15:02Z",
                            "message": "kubelet has sufficient PID available", "reason": "KubeletHasSufficientPID",
                            "status": "False", "type": "PIDPressure"}, ready],
                       "nodeInfo": {"architecture": "amd64", "containerRuntimeVersion": "cri-o://1.29.10" if m.ic else "cri-o://1.26.5",
                                    "kernelVersion": "5.14.0-427.42.1.el9_4.x86_64" if m.ic else "5.14.0-284.92.1.el9_2.x86_64",
                                    "kubeProxyVersion": m.kubelet, "kubeletVersion": m.kubelet,
                                    "machineID": h("machine" + node.name, 32), "operatingSystem": "linux",
                                    "osImage": "Red Hat Enterprise Linux CoreOS 416.94.202411201433-0" if m.ic else
                                    "Red Hat Enterprise Linux CoreOS 413.92.202411141545-0",
                                    "systemUUID": uid("system" + node.name)}}}


def pod_obj(m, p):
    started = CREATED if p.ns != "demo" else USER_CREATED
    ann = {"openshift.io/scc": "privileged" if p.host_network else "restricted-v2"}
    if not p.host_network:
        gw = p.node.gw_ip
        default = {"ip_addresses": [p.ip + "/23"], "mac_address": p.mac, "gateway_ips": [gw],
                   "routes": [{"dest": CLUSTER_CIDR, "nextHop": gw}, {"dest": SERVICE_CIDR, "nextHop": gw},
                              {"dest": "100.64.0.0/16", "nextHop": gw}],
                   "ip_address": p.ip + "/23", "gateway_ip": gw}
        if m.ic:
            default["routes"].insert(2, {"dest": "169.254.169.5/32", "nextHop": gw})
        ann["k8s.ovn.org/pod-networks"] = json.dumps({"default": default}, separators=(",", ":"))
        ann["k8s.v1.cni.cncf.io/network-status"] = json.dumps(
            [{"name": "ovn-kubernetes", "interface": "eth0", "ips": [p.ip], "mac": p.mac, "default": True,
              "dns": {}}], indent=4)
    owner = []
    if p.owner:
        owner = [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": p.owner[0],
                  "name": p.owner[1], "uid": uid("owner/%s/%s" % (p.ns, p.owner[1]))}]
    containers = []
    statuses = []
    for c in p.containers:
        spec = {"name": c, "image": "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + h("image" + c),
                "resources": {"requests": {"cpu": "10m", "memory": "50Mi"}}}
        ports = [pp for pp in p.ports if c in ("dns", "web", "network-check-target-container")]
        if ports:
            spec["ports"] = [dict(({"name": n} if n else {}), containerPort=port, protocol=proto)
                             for n, port, proto in ports]
        containers.append(spec)
        statuses.append({"containerID": "cri-o://" + h("ctr/%s/%s/%s" % (p.ns, p.name, c)),
                         "image": spec["image"], "imageID": spec["image"], "lastState": {}, "name": c,
                         "ready": True, "restartCount": 0, "started": True,
                         "state": {"running": {"startedAt": started.replace(":07Z", ":41Z")}}})
    spec = {"containers": containers, "nodeName": p.node.name, "restartPolicy": "Always",
            "schedulerName": "default-scheduler", "serviceAccountName": "default",
            "dnsPolicy": "ClusterFirst"}
    if p.host_network:
        spec["hostNetwork"] = True
    status = {"conditions": [{"lastProbeTime": None, "lastTransitionTime": started, "status": "True", "type": t}
                             for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled")],
              "containerStatuses": statuses, "hostIP": p.node.ip, "hostIPs": [{"ip": p.node.ip}], "phase": "Running",
              "podIP": p.ip, "podIPs": [{"ip": p.ip}], "qosClass": "Burstable", "startTime": started}
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"annotations": ann, "creationTimestamp": started, "labels": p.labels, "name": p.name,
                         "namespace": p.ns, "ownerReferences": owner, "resourceVersion": rv("pod" + p.name),
                         "uid": p.uid},
            "spec": spec, "status": status}


def service_objs(m):
    svcs, slices = [], []
    for ns, name, vip, ports, eps in services(m):
        sports = []
        for pname, port, proto, target in ports:
            sp = {"port": port, "protocol": proto, "targetPort": target}
            if pname:
                sp["name"] = pname
            sports.append(sp)
        selector = {}
        if eps != "api":
            selector = {"dns-default": {"dns.operator.openshift.io/daemonset-dns": "default"},
                        "network-check-target": {"app": "network-check-target"}, "web": {"app": "web"}}[name]
        spec = {"clusterIP": vip, "clusterIPs": [vip], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack", "ports": sports, "sessionAffinity": "None", "type": "ClusterIP"}
        if selector:
            spec["selector"] = selector
        labels = {"component": "apiserver", "provider": "kubernetes"} if eps == "api" else \
            ({"dns.operator.openshift.io/owning-dns": "default"} if name == "dns-default" else {"app": name})
        svc_uid = uid("svc/%s/%s" % (ns, name))
        svcs.append({"apiVersion": "v1", "kind": "Service",
                     "metadata": {"creationTimestamp": USER_CREATED if ns == "demo" else CREATED, "labels": labels,
                                  "name": name, "namespace": ns, "resourceVersion": rv("svc" + name), "uid": svc_uid},
                     "spec": spec, "status": {"loadBalancer": {}}})
        endpoints = []
        if eps == "api":
            for node in m.nodes:
                endpoints.append({"addresses": [node.ip], "conditions": {"ready": True, "serving": True,
                                                                         "terminating": False}})
        else:
            for p in eps:
                endpoints.append({"addresses": [p.ip], "conditions": {"ready": True, "serving": True,
                                                                      "terminating": False},
                                  "nodeName": p.node.name,
                                  "targetRef": {"kind": "Pod", "name": p.name, "namespace": p.ns, "uid": p.uid}})
        eports = []
        for pname, port, proto, target in ports:
            eports.append({"name": pname, "port": target, "protocol": proto})
        slice_name = name if eps == "api" else "%s-%s" % (name, suffix("slice" + name))
        sl_labels = {"kubernetes.io/service-name": name}
        if eps != "api":
            sl_labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io"
            sl_labels.update(labels)
        meta = {"creationTimestamp": USER_CREATED if ns == "demo" else CREATED, "labels": sl_labels,
                "name": slice_name, "namespace": ns, "resourceVersion": rv("slice" + name),
                "uid": uid("slice/%s/%s" % (ns, name))}
        if eps != "api":
            meta["generateName"] = name + "-"
            meta["ownerReferences"] = [{"apiVersion": "v1", "blockOwnerDeletion": True, "controller": True,
                                        "kind": "Service", "name": name, "uid": svc_uid}]
        slices.append({"addressType": "IPv4", "apiVersion": "discovery.k8s.io/v1", "endpoints": endpoints,
                       "kind": "EndpointSlice", "metadata": meta, "ports": eports})
    return svcs, slices


def cluster_objs(m):
    net_config = {"apiVersion": "config.openshift.io/v1", "kind": "Network",
                  "metadata": {"creationTimestamp": "2026-11-02T08:51:12Z", "generation": 2, "name": "cluster",
                               "resourceVersion": rv("netcfg"), "uid": uid("network.config")},
                  "spec": {"clusterNetwork": [{"cidr": CLUSTER_CIDR, "hostPrefix": HOST_PREFIX}],
                           "externalIP": {"policy": {}}, "networkType": "OVNKubernetes",
                           "serviceNetwork": [SERVICE_CIDR]},
                  "status": {"clusterNetwork": [{"cidr": CLUSTER_CIDR, "hostPrefix": HOST_PREFIX}],
                             "clusterNetworkMTU": MTU, "networkType": "OVNKubernetes",
                             "serviceNetwork": [SERVICE_CIDR]}}
    ovnk = {"egressIPConfig": {}, "genevePort": 6081, "mtu": MTU,
            "policyAuditConfig": {"destination": "null", "maxFileSize": 50, "maxLogFiles": 5,
                                  "rateLimit": 20, "syslogFacility": "local0"}}
    if m.ic:
        ovnk["gatewayConfig"] = {"ipForwarding": "Restricted", "ipv4": {}, "ipv6": {}, "routingViaHost": False}
        ovnk["ipv4"] = {}
        ovnk["ipv6"] = {}
    else:
        ovnk["gatewayConfig"] = {"routingViaHost": False}
    net_op = {"apiVersion": "operator.openshift.io/v1", "kind": "Network",
              "metadata": {"creationTimestamp": "2026-11-02T08:51:12Z", "generation": 3, "name": "cluster",
                           "resourceVersion": rv("netop"), "uid": uid("network.operator")},
              "spec": {"clusterNetwork": [{"cidr": CLUSTER_CIDR, "hostPrefix": HOST_PREFIX}],
                       "defaultNetwork": {"ovnKubernetesConfig": ovnk, "type": "OVNKubernetes"},
                       "deployKubeProxy": False, "disableMultiNetwork": False, "disableNetworkDiagnostics": False,
                       "logLevel": "Normal", "managementState": "Managed", "observedConfig": None,
                       "operatorLogLevel": "Normal", "serviceNetwork": [SERVICE_CIDR], "unsupportedConfigOverrides": None,
                       "useMultiNetworkPolicy": False},
              "status": {"conditions": [{"lastTransitionTime": "2026-11-02T09:30:11Z", "status": "False",
                                         "type": t} for t in ("ManagementStateDegraded", "Degraded", "Progressing")]
                         + [{"lastTransitionTime": "2026-11-02T09:30:11Z", "status": "True", "type": "Available"}],
                         "readyReplicas": 0, "version": m.version}}
    install = "\n".join([
        "additionalTrustBundlePolicy: Proxyonly", "apiVersion: v1", "baseDomain: example.com",
        "compute:", "- architecture: amd64", "  hyperthreading: Enabled", "  name: worker", "  platform: {}",
        "  replicas: 0", "controlPlane:", "  architecture: amd64", "  hyperthreading: Enabled", "  name: master",
        "  platform: {}", "  replicas: 3", "metadata:", "  name: ocp", "networking:", "  clusterNetwork:",
        "  - cidr: " + CLUSTER_CIDR, "    hostPrefix: %d" % HOST_PREFIX, "  machineNetwork:",
        "  - cidr: " + MACHINE_CIDR, "  networkType: OVNKubernetes", "  serviceNetwork:", "  - " + SERVICE_CIDR,
        "platform:", "  none: {}", "publish: External", "pullSecret: \"\"", "sshKey: |", "  ssh-ed25519 AAAA... core", ""])
    conf = ["[default]", "mtu=\"%d\"" % MTU, "cluster-subnets=\"%s/%d\"" % (CLUSTER_CIDR, HOST_PREFIX),
            "encap-port=\"6081\"", "enable-lflow-cache=true", "lflow-cache-limit-kb=1048576",
            "enable-udp-aggregation=true", "", "[kubernetes]", "service-cidrs=\"%s\"" % SERVICE_CIDR,
            "ovn-config-namespace=\"openshift-ovn-kubernetes\"", "apiserver=\"https://api-int.ocp.example.com:6443\"",
            "host-network-namespace=\"openshift-host-network\"", "platform-type=\"None\"",
            "healthz-bind-address=\"0.0.0.0:10256\"", "dns-service-namespace=\"openshift-dns\"",
            "dns-service-name=\"dns-default\"", "", "[ovnkubernetesfeature]", "enable-egress-ip=true",
            "enable-egress-firewall=true", "enable-egress-qos=true", "enable-egress-service=true",
            "egressip-node-healthcheck-port=9107", "enable-multi-network=true"]
    if m.ic:
        conf += ["enable-multi-external-gateway=true", "enable-admin-network-policy=true"]
    conf += ["", "[gateway]", "mode=shared", "nodeport=true"]
    if m.ic:
        conf += ["v4-masquerade-subnet=\"%s\"" % MASQ_SUBNET]
    conf += ["", "[logging]", "libovsdblogfile=/var/log/ovnkube/libovsdb.log", "logfile-maxsize=100",
             "logfile-maxbackups=5", "logfile-maxage=0", ""]
    cms = [{"apiVersion": "v1", "data": {"install-config": install}, "kind": "ConfigMap",
            "metadata": {"creationTimestamp": "2026-11-02T08:49:55Z", "name": "cluster-config-v1",
                         "namespace": "kube-system", "resourceVersion": rv("cc1"), "uid": uid("cm/cluster-config-v1")}},
           {"apiVersion": "v1", "data": {"ovnkube.conf": "\n".join(conf)}, "kind": "ConfigMap",
            "metadata": {"creationTimestamp": "2026-11-02T08:53:40Z", "name": "ovnkube-config", "namespace": NS,
                         "resourceVersion": rv("okc"), "uid": uid("cm/ovnkube-config")}}]
    co = {"apiVersion": "config.openshift.io/v1", "kind": "ClusterOperator",
          "metadata": {"creationTimestamp": "2026-11-02T08:50:31Z", "name": "network", "resourceVersion": rv("co"),
                       "uid": uid("co/network")},
          "spec": {},
          "status": {"conditions": [
              {"lastTransitionTime": "2026-11-02T09:30:11Z", "status": "False", "type": "ManagementStateDegraded"},
              {"lastTransitionTime": "2026-11-02T09:30:11Z", "status": "False", "type": "Degraded"},
              {"lastTransitionTime": "2026-11-02T09:21:02Z", "status": "True", "type": "Upgradeable"},
              {"lastTransitionTime": "2026-11-20T14:02:56Z", "status": "False", "type": "Progressing"},
              {"lastTransitionTime": "2026-11-02T09:23:47Z", "status": "True", "type": "Available"}],
              "versions": [{"name": "operator", "version": m.version}]}}
    cv = {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion",
          "metadata": {"creationTimestamp": "2026-11-02T08:49:58Z", "name": "version", "resourceVersion": rv("cv"),
                       "uid": uid("cv")},
          "spec": {"channel": "stable-" + m.version.rsplit(".", 1)[0], "clusterID": uid("clusterid")},
          "status": {"availableUpdates": None, "conditions": [
              {"lastTransitionTime": "2026-11-02T09:40:12Z", "message": "Done applying " + m.version,
               "status": "True", "type": "Available"},
              {"lastTransitionTime": "2026-11-02T09:40:12Z", "status": "False", "type": "Failing"},
              {"lastTransitionTime": "2026-11-20T14:10:31Z", "message": "Cluster version is " + m.version,
               "status": "False", "type": "Progressing"}],
              "desired": {"image": "quay.io/openshift-release-dev/ocp-release@sha256:" + h("rel" + m.version),
                          "version": m.version},
              "history": [{"completionTime": "2026-11-20T14:10:31Z", "startedTime": "2026-11-20T13:01:44Z",
                           "state": "Completed", "verified": True, "version": m.version}],
              "observedGeneration": 4}}
    source = next(p for p in m.pods if p.name.startswith("network-check-source"))
    pnccs = []
    for t in m.selected("app", "network-check-target"):
        name = "%s-to-network-check-target-%s" % (source.name, t.node.name)
        ok = "tcp connection to %s:8080 succeeded" % t.ip
        pnccs.append({"apiVersion": "controlplane.operator.openshift.io/v1alpha1", "kind": "PodNetworkConnectivityCheck",
                      "metadata": {"creationTimestamp": CREATED, "generation": 1, "name": name,
                                   "namespace": "openshift-network-diagnostics", "resourceVersion": rv(name),
                                   "uid": uid("pncc/" + name)},
                      "spec": {"sourcePod": source.name, "targetEndpoint": "%s:8080" % t.ip,
                               "tlsClientCert": {"name": ""}},
                      "status": {"conditions": [{"lastTransitionTime": "2026-11-02T09:33:09Z", "message": ok,
                                                 "reason": "TCPConnectSuccess", "status": "True",
                                                 "type": "Reachable"}],
                                 "failures": [], "outages": [],
                                 "successes": [{"latency": "1.402117ms", "message": ok, "reason": "TCPConnect",
                                                "success": True, "time": "2026-12-07T11:59:10Z"}]}})
    web = m.selected("app", "web")
    events = []
    for p in web:
        events.append({"apiVersion": "v1", "count": 1, "eventTime": None, "firstTimestamp": USER_CREATED,
                       "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": p.name, "namespace": p.ns,
                                          "uid": p.uid},
                       "kind": "Event", "lastTimestamp": USER_CREATED,
                       "message": "Add eth0 [%s/23] from ovn-kubernetes" % p.ip,
                       "metadata": {"creationTimestamp": USER_CREATED, "name": "%s.%s" % (p.name, h("ev" + p.name, 16)),
                                    "namespace": p.ns, "resourceVersion": rv("ev" + p.name),
                                    "uid": uid("event/" + p.name)},
                       "reason": "AddedInterface", "reportingComponent": "", "reportingInstance": "",
                       "source": {"component": "multus"}, "type": "Normal"})
    efw = {"apiVersion": "k8s.ovn.org/v1", "kind": "EgressFirewall",
           "metadata": {"creationTimestamp": USER_CREATED, "generation": 1, "name": "default", "namespace": "demo",
                        "resourceVersion": rv("efw"), "uid": uid("efw/demo")},
           "spec": {"egress": [{"to": {"cidrSelector": MACHINE_CIDR}, "type": "Allow"},
                               {"to": {"cidrSelector": "203.0.113.0/24"}, "type": "Allow"},
                               {"to": {"cidrSelector": "0.0.0.0/0"}, "type": "Deny"}]},
           "status": {"messages": ["%s: EgressFirewall Rules applied" % n.name for n in m.nodes] if m.ic else [],
                      "status": "EgressFirewall Rules applied"}}
    return {"networkconfigs": k8s_list([net_config]), "networkoperators": k8s_list([net_op]),
            "configmaps": k8s_list(cms), "clusteroperators": k8s_list([co]), "clusterversions": k8s_list([cv]),
            "podnetworkconnectivitychecks": k8s_list(pnccs), "events": k8s_list(events),
            "egressips": k8s_list([]), "egressfirewalls": k8s_list([efw]), "cloudprivateipconfigs": k8s_list([])}


RAFT = """{short}
Name: {name}
Cluster ID: {cid_short} ({cid})
Server ID: {short} ({sid})
Address: ssl:{ip}:{port}
Status: cluster member
Role: leader
Term: 7
Leader: self
Vote: self

Last Election started 1549231013 ms ago, reason: leadership_transfer
Last Election won: 1549231008 ms ago
Election timer: {timer}
Log: [43012, 43891]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->{p1} ->{p2} <-{p1} <-{p2}
Disconnections: 2
Servers:
    {short} ({short} at ssl:{ip}:{port}) (self) next_index=43890 match_index=43890
    {p1} ({p1} at ssl:{ip1}:{port}) next_index=43891 match_index=43890 last msg 271 ms ago
    {p2} ({p2} at ssl:{ip2}:{port}) next_index=43891 match_index=43890 last msg 271 ms ago
"""


def raft_status(m, which):
    name = "OVN_Northbound" if which == "nb" else "OVN_Southbound"
    port = 9643 if which == "nb" else 9644
    ids = [uid("raft/%s/%s" % (which, n.name)) for n in m.nodes]
    cid = uid("raft-cluster/" + which)
    return RAFT.format(short=ids[0][:4], name=name, cid_short=cid[:4], cid=cid, sid=ids[0], ip=m.nodes[0].ip,
                       port=port, timer=10000 if which == "nb" else 16000, p1=ids[1][:4], p2=ids[2][:4],
                       ip1=m.nodes[1].ip, ip2=m.nodes[2].ip)


# ---------------------------------------------------------------- main
NB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound"
SB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnsb_db.sock_OVN_Southbound"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def write_json(path, obj):
    write(path, json.dumps(obj, indent=2) + "\n")


def build(name):
    m = Mode(name)
    out = os.path.join(HERE, name)
    if os.path.exists(out):
        shutil.rmtree(out)
    servers = Servers()
    try:
        write_json(os.path.join(out, "capture.json"), {
            "format": "netrules-capture/1", "collectedAt": COLLECTED_AT,
            "plugin": "OVNKubernetes",
            "note": "healthy case base %s (OpenShift %s-like, %s mode); built by "
                    "rules/ovn-kubernetes/cases-base/build.py" % (name, m.version,
                                                                 "interconnect" if m.ic else "legacy central")})
        cl = os.path.join(out, "cluster")
        write_json(os.path.join(cl, "nodes.json"), k8s_list([node_obj(m, n) for n in m.nodes]))
        write_json(os.path.join(cl, "pods.json"), k8s_list([pod_obj(m, p) for p in m.pods]))
        svcs, slices = service_objs(m)
        write_json(os.path.join(cl, "services.json"), k8s_list(svcs))
        write_json(os.path.join(cl, "endpointslices.json"), k8s_list(slices))
        for kind, obj in cluster_objs(m).items():
            write_json(os.path.join(cl, kind + ".json"), obj)
        if m.ic:
            for node in m.nodes:
                nb, sb, status = build_zone(servers, m, node.name, [node], [node],
                                            [y for y in m.nodes if y is not node])
                d = os.path.join(out, "nodes", node.name)
                write(os.path.join(d, NB_FILE), nb)
                write(os.path.join(d, SB_FILE), sb)
                write(os.path.join(d, "ovn-appctl_-t_ovn-northd_status"), status)
        else:
            nb, sb, _ = build_zone(servers, m, None, m.nodes, m.nodes, [])
            write(os.path.join(cl, "ovn", NB_FILE), nb)
            write(os.path.join(cl, "ovn", SB_FILE), sb)
            write(os.path.join(cl, "ovn", "leader_ovnnb_status"), raft_status(m, "nb"))
            write(os.path.join(cl, "ovn", "leader_ovnsb_status"), raft_status(m, "sb"))
        for node in m.nodes:
            d = os.path.join(out, "nodes", node.name)
            for fname, text in ovs_node(servers, m, node).items():
                write(os.path.join(d, fname), text)
            addr, link = ip_views(m, node)
            write(os.path.join(d, "ip_-d_address"), addr)
            write(os.path.join(d, "ip_-d_link"), link)
            write(os.path.join(d, "ip_route_show_table_all"), ip_routes(m, node))
            write(os.path.join(d, "sysctl_-a"), sysctls(m, node))
            write(os.path.join(d, "ovn-appctl_-t_ovn-controller_connection-status"), "connected\n")
    finally:
        servers.close()


def main(argv):
    names = argv or ["ic-3node", "legacy-3node"]
    for n in names:
        if n not in ("ic-3node", "legacy-3node"):
            sys.exit("unknown base %s (ic-3node, legacy-3node)" % n)
        build(n)
        print("built", os.path.join(HERE, n))


if __name__ == "__main__":
    main(sys.argv[1:])
