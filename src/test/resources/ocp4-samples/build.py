"""Builds the OpenShift 4 openshift-sdn samples of facts-samples/ (ocp4-sdn-healthy,
ocp4-sdn-broken-vxlan): the readable source tree under <sample>/src/ and, from it, the archives a
support engineer receives: must-gather.tar.gz and one sosreport-<...>.tar.xz per node (byte for
byte the same on every run: sorted entries, fixed mtime/owner, gzip without a name or time, xz
without a time). Run from the repo root:  python3 src/test/resources/ocp4-samples/build.py

The cluster: OpenShift 4.14.12, openshift-sdn NetworkPolicy mode (table-253 note 02.0d, the
4.10 flow layout), three schedulable control-plane nodes node-a/b/c on 10.0.0.0/24, cluster
network 10.128.0.0/14 (hostPrefix 23), services 172.30.0.0/16, VXLAN port 4789, MTU 1450 over
ens3 1500. Sosreports of node-a and node-b (sos 4.5.6 from the rhel9 support-tools image;
hostname localhost.localdomain). The broken sample: node-b lost its table 10/50/90 flows to
node-a (table 111 still lists it): NR-OVS-005 on node-b for hostsubnet/node-a, which only the
node data shows."""
import gzip
import hashlib
import io
import lzma
import os
import shutil
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sdn_flows

MTIME = 1718099100  # 2024-06-11T09:45:00Z, when the sosreports were taken
IMAGE = "quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-" + hashlib.sha256(b"must-gather 4.14.12").hexdigest()
MG_TOP = "must-gather.local.5417920384211576093"
VERSION = "4.14.12"
KUBELET = "v1.27.10+28ed2d7"
NODES = [  # name, ip, subnet, gateway, mac, hostsubnet uid, sos random
    ("node-a", "10.0.0.11", "10.128.0.0/23", "10.128.0.1", "52:54:00:3e:0a:0b", "5c0b7a1e-2f44-4d8e-9a61-0d7f3c2b9e11", "kqzvd"),
    ("node-b", "10.0.0.12", "10.129.0.0/23", "10.129.0.1", "52:54:00:3e:0a:0c", "a91d6e2f-6b0c-4f3a-8d52-7e4b1c9f0a22", "pxrjw"),
    ("node-c", "10.0.0.13", "10.130.0.0/23", "10.130.0.1", "52:54:00:3e:0a:0d", "e4f27b93-1c8d-45a0-b6e7-2a9d0f5c8b33", None),
]
SOS_NODES = ("node-a", "node-b")
DIAG_VNID = 9391402  # openshift-network-diagnostics' NetID
SDN_POD = {"node-a": "sdn-7kq2x", "node-b": "sdn-m4tzr", "node-c": "sdn-9wd5c"}
CHECK_POD = {"node-a": "network-check-target-2xlqp", "node-b": "network-check-target-h8v4n", "node-c": "network-check-target-rzq7m"}
VETH = {"node-a": "veth3c9a1f07", "node-b": "vethb27e5d41", "node-c": "veth8f0d2c6a"}


def cookie(uid):
    h = hashlib.sha256(uid.encode()).digest()
    return "0x%02x%02x%02x%02x" % (h[0], h[1], h[2], h[3])


def pod_ip(subnet):
    return subnet.split("/")[0].rsplit(".", 1)[0] + ".4"


def w(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)


# ---------------------------------------------------------------- must-gather
def yaml_node(name, ip):
    return f"""---
apiVersion: v1
kind: Node
metadata:
  annotations:
    machineconfiguration.openshift.io/currentConfig: rendered-master-6f1c0b2d8e4a9b7c3d5e1f0a2b4c6d8e
    machineconfiguration.openshift.io/state: Done
    volumes.kubernetes.io/controller-managed-attach-detach: "true"
  creationTimestamp: "2024-05-02T08:14:51Z"
  labels:
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: {name}
    kubernetes.io/os: linux
    node-role.kubernetes.io/control-plane: ""
    node-role.kubernetes.io/master: ""
    node-role.kubernetes.io/worker: ""
    node.openshift.io/os_id: rhcos
  name: {name}
  resourceVersion: "4187332"
  uid: {hashlib.md5(name.encode()).hexdigest()[:8]}-4b1e-4c2f-9d3a-{hashlib.md5(name.encode()).hexdigest()[8:20]}
spec: {{}}
status:
  addresses:
  - address: {ip}
    type: InternalIP
  - address: {name}
    type: Hostname
  conditions:
  - lastHeartbeatTime: "2024-06-11T09:31:07Z"
    lastTransitionTime: "2024-05-02T08:16:02Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  nodeInfo:
    architecture: amd64
    containerRuntimeVersion: cri-o://1.27.4-3.rhaos4.14.git914bcba.el9
    kernelVersion: 5.14.0-284.55.1.el9_2.x86_64
    kubeProxyVersion: {KUBELET}
    kubeletVersion: {KUBELET}
    operatingSystem: linux
    osImage: Red Hat Enterprise Linux CoreOS 414.92.202402201520-0 (Plow)
"""


def mg_tree(root):
    base = os.path.join(root, MG_TOP)
    img = os.path.join(base, IMAGE)
    w(base, "timestamp", "2024-06-11 11:40:12.412938 +0200 CEST m=+0.061544231\n2024-06-11 11:43:58.90213 +0200 CEST m=+226.550736198\n")
    w(base, "event-filter.html", "<!DOCTYPE html>\n<html><head><title>Events</title></head><body></body></html>\n")
    w(img, "version", "openshift/must-gather\n4.14.0-202402081809.p0.g0d4ea4e.assembly.stream-0d4ea4e\n")
    w(img, "timestamp", "2024-06-11 09:40:19.103385216 +0000 UTC m=+0.032151901\n2024-06-11 09:43:51.553701422 +0000 UTC m=+212.482468107\n")
    w(img, "event-filter.html", "<!DOCTYPE html>\n<html><head><title>Events</title></head><body></body></html>\n")
    csr = "cluster-scoped-resources/"
    w(img, csr + "config.openshift.io/clusterversions/version.yaml", f"""apiVersion: config.openshift.io/v1
kind: ClusterVersion
metadata:
  creationTimestamp: "2024-05-02T08:02:11Z"
  name: version
  resourceVersion: "4180021"
  uid: 0f3b2c1d-7e8a-4b9c-a1d2-3e4f5a6b7c8d
spec:
  channel: stable-4.14
  clusterID: 7c1e3f5a-9b2d-4e6f-8a0c-3b5d7f9e1a2c
status:
  desired:
    image: quay.io/openshift-release-dev/ocp-release@sha256:{hashlib.sha256(b'release').hexdigest()}
    version: {VERSION}
  history:
  - completionTime: "2024-05-02T08:41:37Z"
    image: quay.io/openshift-release-dev/ocp-release@sha256:{hashlib.sha256(b'release').hexdigest()}
    startedTime: "2024-05-02T08:02:11Z"
    state: Completed
    verified: false
    version: {VERSION}
""")
    w(img, csr + "config.openshift.io/networks.yaml", """---
apiVersion: config.openshift.io/v1
items:
- apiVersion: config.openshift.io/v1
  kind: Network
  metadata:
    creationTimestamp: "2024-05-02T08:02:09Z"
    generation: 2
    name: cluster
    resourceVersion: "3071"
    uid: 2b7d9f1e-3c5a-4e8b-9d0f-6a1c3e5b7d9f
  spec:
    clusterNetwork:
    - cidr: 10.128.0.0/14
      hostPrefix: 23
    externalIP:
      policy: {}
    networkType: OpenShiftSDN
    serviceNetwork:
    - 172.30.0.0/16
  status:
    clusterNetwork:
    - cidr: 10.128.0.0/14
      hostPrefix: 23
    clusterNetworkMTU: 1450
    networkType: OpenShiftSDN
    serviceNetwork:
    - 172.30.0.0/16
kind: NetworkList
metadata:
  continue: ""
  resourceVersion: "4187410"
""")
    w(img, csr + "operator.openshift.io/networks/cluster.yaml", """---
apiVersion: operator.openshift.io/v1
kind: Network
metadata:
  creationTimestamp: "2024-05-02T08:03:44Z"
  generation: 3
  name: cluster
  resourceVersion: "3390"
  uid: 6e8a0c2d-4f6b-4a9d-8c1e-3f5b7d9a1c2e
spec:
  clusterNetwork:
  - cidr: 10.128.0.0/14
    hostPrefix: 23
  defaultNetwork:
    openshiftSDNConfig:
      enableUnidling: true
      mode: NetworkPolicy
      mtu: 1450
      vxlanPort: 4789
    type: OpenShiftSDN
  logLevel: Normal
  managementState: Managed
  operatorLogLevel: Normal
  serviceNetwork:
  - 172.30.0.0/16
status:
  readyReplicas: 0
  version: 4.14.12
""")
    w(img, csr + "network.openshift.io/clusternetworks/default.yaml", """---
apiVersion: network.openshift.io/v1
clusterNetworks:
- CIDR: 10.128.0.0/14
  hostSubnetLength: 9
hostsubnetlength: 9
kind: ClusterNetwork
metadata:
  creationTimestamp: "2024-05-02T08:05:12Z"
  generation: 1
  name: default
  resourceVersion: "4012"
  uid: 8c0e2a4b-6d8f-4b1a-9c3e-5d7f9b1d3e5a
mtu: 1450
network: 10.128.0.0/14
pluginName: redhat/openshift-ovs-networkpolicy
serviceNetwork: 172.30.0.0/16
vxlanPort: 4789
""")
    for name, ip, subnet, gw, mac, uid, _ in NODES:
        w(img, csr + f"core/nodes/{name}.yaml", yaml_node(name, ip))
        w(img, csr + f"network.openshift.io/hostsubnets/{name}.yaml", f"""---
apiVersion: network.openshift.io/v1
host: {name}
hostIP: {ip}
kind: HostSubnet
metadata:
  annotations:
    pod.network.openshift.io/node-uid: {hashlib.md5(name.encode()).hexdigest()[:8]}-4b1e-4c2f-9d3a-{hashlib.md5(name.encode()).hexdigest()[8:20]}
  creationTimestamp: "2024-05-02T08:15:03Z"
  name: {name}
  resourceVersion: "5120"
  uid: {uid}
subnet: {subnet}
""")
    # openshift-sdn: namespace, sdn pods (hostNetwork) and their logs
    ns = "namespaces/openshift-sdn/"
    w(img, ns + "openshift-sdn.yaml", """---
apiVersion: v1
kind: Namespace
metadata:
  annotations:
    openshift.io/node-selector: ""
    openshift.io/sa.scc.uid-range: 1000000000/10000
  creationTimestamp: "2024-05-02T08:05:10Z"
  labels:
    kubernetes.io/metadata.name: openshift-sdn
    openshift.io/run-level: "0"
  name: openshift-sdn
  resourceVersion: "3955"
  uid: 3d5f7b9c-1e3a-4c5e-8f0b-2d4f6a8c0e1b
spec:
  finalizers:
  - kubernetes
status:
  phase: Active
""")
    items = []
    for name, ip, subnet, gw, mac, uid, _ in NODES:
        items.append(f"""- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: sdn
      component: network
      openshift.io/component: network
      type: infra
    name: {SDN_POD[name]}
    namespace: openshift-sdn
  spec:
    containers:
    - name: sdn
    - name: kube-rbac-proxy
    hostNetwork: true
    nodeName: {name}
  status:
    conditions:
    - status: "True"
      type: Ready
    hostIP: {ip}
    phase: Running
    podIP: {ip}
    podIPs:
    - ip: {ip}
    startTime: "2024-06-08T02:11:40Z"
""")
    w(img, ns + "core/pods.yaml", "---\napiVersion: v1\nitems:\n" + "".join(items) + "kind: PodList\nmetadata:\n  resourceVersion: \"4187455\"\n")
    for name, ip, subnet, gw, mac, uid, _ in NODES:
        pod = SDN_POD[name]
        logs = ns + f"pods/{pod}/sdn/sdn/logs/"
        lines = [
            ("2024-06-08T02:11:44.617201903Z", f"I0608 02:11:44.617134    3811 cmd.go:153] Reading proxy configuration from /config/kube-proxy-config.yaml"),
            ("2024-06-08T02:11:44.901528417Z", f"I0608 02:11:44.901470    3811 node.go:153] Initializing SDN node \"{name}\" (10.0.0.{ip.rsplit('.',1)[1]}) of type \"redhat/openshift-ovs-networkpolicy\""),
            ("2024-06-08T02:11:45.210334180Z", "I0608 02:11:45.210281    3811 cmd.go:159] Starting node networking (4.14.0-202402081809.p0.g4a2bd5b.assembly.stream-4a2bd5b)"),
            ("2024-06-08T02:11:45.210412655Z", "I0608 02:11:45.210397    3811 node.go:346] Starting openshift-sdn network plugin"),
            ("2024-06-08T02:11:45.744839026Z", f"I0608 02:11:45.744801    3811 sdn_controller.go:139] [SDN setup] full SDN setup required (Local subnet gateway CIDR not found)"),
            ("2024-06-08T02:11:46.080515871Z", f"I0608 02:11:46.080472    3811 node.go:396] Starting openshift-sdn pod manager"),
            ("2024-06-08T02:11:46.302276412Z", "I0608 02:11:46.302228    3811 node.go:451] OVS bridge has been recreated. Will reattach 1 existing pods..."),
            ("2024-06-08T02:11:46.511700388Z", "I0608 02:11:46.511657    3811 node.go:536] openshift-sdn network plugin ready"),
            ("2024-06-08T02:11:47.001952131Z", "I0608 02:11:47.001899    3811 proxier.go:271] \"Starting proxier\""),
        ]
        w(img, logs + "current.log", "".join(f"{t} {m}\n" for t, m in lines))
        w(img, logs + "previous.log", "")
        w(img, ns + f"pods/{pod}/kube-rbac-proxy/kube-rbac-proxy/logs/current.log",
          "2024-06-08T02:11:43.118224911Z I0608 02:11:43.118102       1 main.go:186] Valid token audiences: \n")
        w(img, ns + f"pods/{pod}/kube-rbac-proxy/kube-rbac-proxy/logs/previous.log", "")
    # openshift-network-diagnostics: one pod-network pod per node, its service and endpoints
    nd = "namespaces/openshift-network-diagnostics/"
    w(img, nd + "openshift-network-diagnostics.yaml", """---
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: "2024-05-02T08:05:31Z"
  labels:
    kubernetes.io/metadata.name: openshift-network-diagnostics
  name: openshift-network-diagnostics
  resourceVersion: "4406"
  uid: 9a1c3e5b-7d9f-4b1d-8e3a-5c7e9b1d3f5a
spec:
  finalizers:
  - kubernetes
status:
  phase: Active
""")
    items = []
    for name, ip, subnet, gw, mac, uid, _ in NODES:
        items.append(f"""- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: network-check-target
      kubernetes.io/os: linux
    name: {CHECK_POD[name]}
    namespace: openshift-network-diagnostics
  spec:
    containers:
    - name: network-check-target-container
    nodeName: {name}
  status:
    conditions:
    - status: "True"
      type: Ready
    hostIP: {ip}
    phase: Running
    podIP: {pod_ip(subnet)}
    podIPs:
    - ip: {pod_ip(subnet)}
    startTime: "2024-06-08T02:12:10Z"
""")
    w(img, nd + "core/pods.yaml", "---\napiVersion: v1\nitems:\n" + "".join(items) + "kind: PodList\nmetadata:\n  resourceVersion: \"4187460\"\n")
    w(img, nd + "core/services.yaml", """---
apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: network-check-target
    namespace: openshift-network-diagnostics
  spec:
    clusterIP: 172.30.151.38
    clusterIPs:
    - 172.30.151.38
    ports:
    - port: 80
      protocol: TCP
      targetPort: 8080
    selector:
      app: network-check-target
    type: ClusterIP
kind: ServiceList
metadata:
  resourceVersion: "4187461"
""")
    addrs = "".join(f"""    - ip: {pod_ip(s)}
      nodeName: {n}
      targetRef:
        kind: Pod
        name: {CHECK_POD[n]}
        namespace: openshift-network-diagnostics
""" for n, _, s, *_ in NODES)
    w(img, nd + "core/endpoints.yaml", f"""---
apiVersion: v1
items:
- apiVersion: v1
  kind: Endpoints
  metadata:
    name: network-check-target
    namespace: openshift-network-diagnostics
  subsets:
  - addresses:
{addrs}    ports:
    - port: 8080
      protocol: TCP
kind: EndpointsList
metadata:
  resourceVersion: "4187462"
""")


# ---------------------------------------------------------------- sosreports
def ip_address(name, ip, subnet, gw, mac):
    veth = VETH[name]
    vmac = "9e:" + hashlib.md5(veth.encode()).hexdigest()[:10]
    vmac = ":".join([vmac[0:2]] + [vmac[3 + i:5 + i] for i in range(0, 10, 2)])
    tmac = "6a:" + ":".join(hashlib.md5((name + "tun0").encode()).hexdigest()[i:i + 2] for i in range(0, 10, 2))
    net = subnet.split("/")[0].rsplit(".", 2)
    bcast = f"{net[0]}.{int(net[1]) + 1}.255"
    return f"""1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether {mac} brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
    altname enp0s3
    inet {ip}/24 brd 10.0.0.255 scope global noprefixroute ens3
       valid_lft forever preferred_lft forever
    inet6 fe80::5054:ff:fe3e:{mac[-5:].replace(':', '')}/64 scope link noprefixroute 
       valid_lft forever preferred_lft forever
3: ovs-system: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
    link/ether 7e:21:4c:d0:93:5a brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535 
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
4: br0: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN group default qlen 1000
    link/ether 2e:6b:90:1f:4d:c8 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535 
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
5: vxlan_sys_4789: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system state UNKNOWN group default qlen 1000
    link/ether 46:0c:e1:7a:b2:39 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535 
    vxlan external id 0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx udp6zerocsumrx 
    openvswitch_slave numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
    inet6 fe80::440c:e1ff:fe7a:b239/64 scope link 
       valid_lft forever preferred_lft forever
6: tun0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000
    link/ether {tmac} brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535 
    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 
    inet {gw}/23 brd {bcast} scope global tun0
       valid_lft forever preferred_lft forever
    inet6 fe80::{tmac[3:5]}{tmac[6:8]}:{tmac[9:11]}ff:fe{tmac[12:14]}:{tmac[15:17]}{tmac[18:20]}/64 scope link 
       valid_lft forever preferred_lft forever
9: {veth}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master ovs-system state UP group default 
    link/ether {vmac} brd ff:ff:ff:ff:ff:ff link-netns {hashlib.md5(veth.encode()).hexdigest()[:8]}-0b1c-4d2e-8f3a-{hashlib.md5(veth.encode()).hexdigest()[8:20]} promiscuity 1 minmtu 68 maxmtu 65535 
    veth 
    openvswitch_slave numtxqueues 8 numrxqueues 8 gso_max_size 65536 gso_max_segs 65535 
    inet6 fe80::{vmac[0:2]}{vmac[3:5]}:{vmac[6:8]}ff:fe{vmac[9:11]}:{vmac[12:14]}{vmac[15:17]}/64 scope link 
       valid_lft forever preferred_lft forever
""", vmac, tmac


def routes(ip, gw, subnet):
    net = subnet.split("/")[0].rsplit(".", 2)
    bcast = f"{net[0]}.{int(net[1]) + 1}.255"
    return f"""default via 10.0.0.254 dev ens3 proto dhcp src {ip} metric 100 
10.0.0.0/24 dev ens3 proto kernel scope link src {ip} metric 100 
10.128.0.0/14 dev tun0 scope link 
172.30.0.0/16 dev tun0 
local {ip} dev ens3 table local proto kernel scope host src {ip} 
broadcast 10.0.0.255 dev ens3 table local proto kernel scope link src {ip} 
local {gw} dev tun0 table local proto kernel scope host src {gw} 
broadcast {bcast} dev tun0 table local proto kernel scope link src {gw} 
local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
fe80::/64 dev ens3 proto kernel metric 100 pref medium
fe80::/64 dev tun0 proto kernel metric 256 pref medium
fe80::/64 dev vxlan_sys_4789 proto kernel metric 256 pref medium
local ::1 dev lo table local proto kernel metric 0 pref medium
multicast ff00::/8 dev ens3 table local proto kernel metric 256 pref medium
multicast ff00::/8 dev tun0 table local proto kernel metric 256 pref medium
"""


def sysctl(name):
    out = ["kernel.hostname = localhost.localdomain", "kernel.osrelease = 5.14.0-284.55.1.el9_2.x86_64",
           "net.bridge.bridge-nf-call-iptables = 1", "net.core.somaxconn = 4096", "net.ipv4.ip_forward = 1",
           "net.ipv4.ip_local_port_range = 32768\t60999", "net.ipv4.tcp_mtu_probing = 0"]
    for dev in ("all", "default", "ens3", "lo", "ovs-system", "br0", "tun0", "vxlan_sys_4789", VETH[name]):
        for k, v in (("accept_redirects", 1), ("forwarding", 1), ("rp_filter", 0 if dev != "default" else 1),
                     ("send_redirects", 1)):
            out.append(f"net.ipv4.conf.{dev}.{k} = {v}")
    return "\n".join(sorted(out)) + "\n"


def ovs_show(name):
    veth = VETH[name]
    return f"""{hashlib.md5(name.encode()).hexdigest()[:8]}-5a1e-4f0d-b2c3-{hashlib.md5((name + 'ovs').encode()).hexdigest()[:12]}
    Bridge br0
        fail_mode: secure
        Port br0
            Interface br0
                type: internal
        Port tun0
            Interface tun0
                type: internal
        Port vxlan0
            Interface vxlan0
                type: vxlan
                options: {{dst_port="4789", key=flow, remote_ip=flow}}
        Port {veth}
            Interface {veth}
    ovs_version: "3.1.5"
"""


def ports_desc(name, vmac, tmac):
    return f"""OFPST_PORT_DESC reply (OF1.3) (xid=0x2):
 1(vxlan0): addr:0e:4a:6f:21:c7:93
     config:     0
     state:      LIVE
     speed: 0 Mbps now, 0 Mbps max
 2(tun0): addr:{tmac}
     config:     0
     state:      LIVE
     speed: 0 Mbps now, 0 Mbps max
 3({VETH[name]}): addr:{vmac}
     config:     0
     state:      LIVE
     current:    10GB-FD COPPER
     speed: 10000 Mbps now, 0 Mbps max
 LOCAL(br0): addr:2e:6b:90:1f:4d:c8
     config:     PORT_DOWN
     state:      LINK_DOWN
     speed: 0 Mbps now, 0 Mbps max
"""


FILTER = """Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
4921K 3127M KUBE-FIREWALL  all  --  *      *       0.0.0.0/0            0.0.0.0/0           
 612K   41M KUBE-NODEPORT-NON-LOCAL  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* Ensure that non-local NodePort traffic can flow */
 612K   41M KUBE-EXTERNAL-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes externally-visible service portals */

Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
1873K  913M OPENSHIFT-FIREWALL-FORWARD  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* firewall overrides */
1873K  913M KUBE-FORWARD  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */
 2310  139K KUBE-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes service portals */
 2310  139K KUBE-EXTERNAL-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes externally-visible service portals */

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
5102K 2914M KUBE-FIREWALL  all  --  *      *       0.0.0.0/0            0.0.0.0/0           
 388K   24M KUBE-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes service portals */

Chain KUBE-EXTERNAL-SERVICES (2 references)
 pkts bytes target     prot opt in     out     source               destination         

Chain KUBE-FIREWALL (2 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 DROP       all  --  *      *      !127.0.0.0/8          127.0.0.0/8          /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT

Chain KUBE-FORWARD (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 DROP       all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate INVALID
    0     0 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */ mark match 0x1/0x1
 1869K  911M ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding conntrack rule */ ctstate RELATED,ESTABLISHED

Chain KUBE-NODEPORT-NON-LOCAL (1 references)
 pkts bytes target     prot opt in     out     source               destination         

Chain KUBE-SERVICES (2 references)
 pkts bytes target     prot opt in     out     source               destination         

Chain OPENSHIFT-FIREWALL-ALLOW (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 ACCEPT     udp  --  *      *       0.0.0.0/0            0.0.0.0/0            udp dpt:4789
 4107  331K ACCEPT     all  --  tun0   *       0.0.0.0/0            0.0.0.0/0           
    0     0 ACCEPT     all  --  *      *       0.0.0.0/0            10.128.0.0/14       

Chain OPENSHIFT-FIREWALL-FORWARD (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 DROP       all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* attempted resend after connection close */ ctstate INVALID
 1103K  598M ACCEPT     all  --  *      *       10.128.0.0/14        0.0.0.0/0            /* forward traffic from SDN */
 766K  314M ACCEPT     all  --  *      *       0.0.0.0/0            10.128.0.0/14        /* forward traffic to SDN */
"""


def sos_tree(root, node, broken):
    name, ip, subnet, gw, mac, uid, rnd = node
    top = f"sosreport-localhost-01234567-2024-06-11-{rnd}"
    base = os.path.join(root, top)
    addr, vmac, tmac = ip_address(name, ip, subnet, gw, mac)
    peers = [(n, i, s, cookie(u)) for n, i, s, g, m, u, _ in NODES if n != name]
    drop = ("10.0.0.11",) if broken and name == "node-b" else ()
    flows = sdn_flows.dump(name, ip, subnet, gw, peers, [(pod_ip(subnet), 3, DIAG_VNID)], rule_version=0x0d,
                           plugin_id=2, uptime=285541.0, drop_peer_flows_to=drop)
    files = {
        "version.txt": "sos report: 4.5.6\n\nfirewall_tables\nhost\nkernel\nnetworking\nopenvswitch\n",
        "sos_commands/host/hostname": "localhost.localdomain\n",
        "sos_commands/networking/ip_-d_address": addr,
        "sos_commands/networking/ip_route_show_table_all": routes(ip, gw, subnet),
        "sos_commands/kernel/sysctl_-a": sysctl(name),
        "sos_commands/openvswitch/ovs-vsctl_-t_5_show": ovs_show(name),
        "sos_commands/openvswitch/ovs-vsctl_-t_5_list-br": "br0\n",
        "sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0": flows,
        "sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-ports-desc_br0": ports_desc(name, vmac, tmac),
        "sos_commands/firewall_tables/iptables_-t_filter_-nvL": FILTER,
        "etc/resolv.conf": "# Generated by NetworkManager\nsearch ocp4.example.com\nnameserver 10.0.0.254\n",
    }
    for rel, text in files.items():
        w(base, rel, text)
    return top


# ---------------------------------------------------------------- archives
def add_tree(tar, src_root, arc_root):
    """Sorted, fixed metadata; 'hostname' at the sos root is the usual symlink into sos_commands."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(src_root, arc_root)):
        dirnames.sort()
        rel = os.path.relpath(dirpath, src_root)
        entries.append((rel, None))
        for f in sorted(filenames):
            entries.append((os.path.join(rel, f), os.path.join(dirpath, f)))
    for rel, path in entries:
        info = tarfile.TarInfo(rel)
        info.mtime = MTIME
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        if path is None:
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
            tar.addfile(info)
        else:
            data = open(path, "rb").read()
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))


def pack_tar(src_root, arc_root, link=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        add_tree(tar, src_root, arc_root)
        if link:
            info = tarfile.TarInfo(os.path.join(arc_root, link[0]))
            info.type = tarfile.SYMTYPE
            info.linkname = link[1]
            info.mtime = MTIME
            info.mode = 0o777
            info.uname = info.gname = "root"
            tar.addfile(info)
    return buf.getvalue()


def build(sample, broken):
    out = os.path.join("facts-samples", sample)
    # The readable trees stay with this script; facts-samples/<sample>/ holds only what a
    # support engineer receives (the must-gather archive and the sosreports).
    src = os.path.join("src", "test", "resources", "ocp4-samples", sample)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(out)
    mg_tree(os.path.join(src, "must-gather"))
    with open(os.path.join(out, "must-gather.tar.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(pack_tar(os.path.join(src, "must-gather"), MG_TOP))
    for node in NODES:
        if node[0] not in SOS_NODES:
            continue
        sos_src = os.path.join(src, "sosreport-" + node[0])
        top = sos_tree(sos_src, node, broken)
        data = pack_tar(sos_src, top, link=("hostname", "sos_commands/host/hostname"))
        with open(os.path.join(out, top.replace("localhost", node[0]) + ".tar.xz"), "wb") as f:
            f.write(lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6))


if __name__ == "__main__":
    build("ocp4-sdn-healthy", False)
    build("ocp4-sdn-broken-vxlan", True)
