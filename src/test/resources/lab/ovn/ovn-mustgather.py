"""ovn-mustgather.py STATE.json MG_IMAGE_DIR

Writes the Kubernetes/OpenShift objects of an OVN lab into a must-gather image folder, in the
layout `oc adm must-gather` / `oc adm inspect` write (docs/ocp4.md): the Nodes with their
k8s.ovn.org annotations, network.config and network.operator (OVNKubernetes), the
ClusterVersion, the openshift-ovn-kubernetes pods (readiness from the lab's daemons) with the
real ovn-controller/northd logs as container logs, and, as the `oc adm inspect ns/demo` a
support engineer adds (inspect.local.<n>/ next to the image folder), the demo pods with
k8s.ovn.org/pod-networks, the service and its EndpointSlice and Endpoints.

The objects say what the cluster *intends* (what ovn-kubernetes' cluster manager and
ovnkube-node annotated, what the API holds): a fault injected into OVN or OVS leaves them as
they were, so the rules find the disagreement. STATE.json is written by ovn-capture.sh.
"""
import hashlib
import json
import os
import sys

SERVICE_CIDR = "172.30.0.0/16"



def oc_time(iso):
    """The time as oc writes a must-gather's `timestamp` file: Go's time.String() in UTC."""
    import datetime
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return t.strftime("%Y-%m-%d %H:%M:%S.000000000 +0000 UTC m=+0.000000001")

def w(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)


def uid(seed):
    h = hashlib.sha256(seed.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def q(value):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value)


def node_yaml(s, n):
    mode = s["mode"]
    ann = {
        "k8s.ovn.org/host-cidrs": json.dumps([n["ip"] + "/24"], separators=(",", ":")),
        "k8s.ovn.org/l3-gateway-config": json.dumps({"default": {
            "mode": "shared", "bridge-id": "br-ex", "interface-id": "br-ex_" + n["name"],
            "mac-address": n["mac"], "ip-addresses": [n["ip"] + "/24"], "ip-address": n["ip"] + "/24",
            "next-hops": [s["gateway"]], "next-hop": s["gateway"], "node-port-enable": "true", "vlan-id": "0"}},
            separators=(",", ":")),
        "k8s.ovn.org/node-chassis-id": n["systemId"],
        "k8s.ovn.org/node-mgmt-port-mac-address": n["mpMac"],
        "k8s.ovn.org/node-primary-ifaddr": json.dumps({"ipv4": n["ip"] + "/24"}, separators=(",", ":")),
        "k8s.ovn.org/node-subnets": json.dumps({"default": [n["subnet"]]}, separators=(",", ":")),
        "k8s.ovn.org/node-masquerade-subnet": json.dumps({"ipv4": "169.254.169.0/29", "ipv6": "fd69::/125"},
                                                         separators=(",", ":")),
    }
    if mode == "ic":
        ann.update({
            "k8s.ovn.org/network-ids": json.dumps({"default": "0"}, separators=(",", ":")),
            "k8s.ovn.org/node-id": str(n["nodeId"]),
            "k8s.ovn.org/node-gateway-router-lrp-ifaddrs": json.dumps({"default": {"ipv4": n["joinIp"] + "/16"}},
                                                                      separators=(",", ":")),
            "k8s.ovn.org/node-transit-switch-port-ifaddr": json.dumps({"ipv4": n["transitIp"] + "/16"},
                                                                      separators=(",", ":")),
            "k8s.ovn.org/remote-zone-migrated": n["name"],
            "k8s.ovn.org/zone-name": n["name"],
        })
    else:
        # 4.13 (central): one zone "global"; the join address in its older, singular form
        ann.update({
            "k8s.ovn.org/node-gateway-router-lrp-ifaddr": json.dumps({"ipv4": n["joinIp"] + "/16"},
                                                                     separators=(",", ":")),
        })
    lines = ["apiVersion: v1", "kind: Node", "metadata:", "  annotations:"]
    for k in sorted(ann):
        lines.append(f"    {k}: {q(ann[k])}")
    lines += [
        f"  creationTimestamp: {q(s['upTime'])}",
        "  labels:",
        "    beta.kubernetes.io/arch: amd64",
        "    beta.kubernetes.io/os: linux",
        "    kubernetes.io/arch: amd64",
        f"    kubernetes.io/hostname: {n['name']}",
        "    kubernetes.io/os: linux",
        "    node-role.kubernetes.io/worker: \"\"",
        "    node.openshift.io/os_id: rhcos",
        f"  name: {n['name']}",
        f"  uid: {uid('node-' + s['prefix'] + n['name'])}",
        "spec: {}",
        "status:",
        "  addresses:",
        f"  - address: {n['ip']}",
        "    type: InternalIP",
        f"  - address: {n['name']}",
        "    type: Hostname",
        "  conditions:",
        f"  - lastHeartbeatTime: {q(s['captureTime'])}",
        f"    lastTransitionTime: {q(s['upTime'])}",
        "    message: kubelet is posting ready status",
        "    reason: KubeletReady",
        "    status: \"True\"",
        "    type: Ready",
        "  nodeInfo:",
        "    architecture: amd64",
        "    kernelVersion: 5.14.0-284.55.1.el9_2.x86_64",
        f"    kubeletVersion: {s['kubelet']}",
        "    operatingSystem: linux",
        "    osImage: Red Hat Enterprise Linux CoreOS",
    ]
    return "\n".join(lines) + "\n"


def container_status(name, ready, started, image="quay.io/openshift-release-dev/ocp-v4.0-art-dev"):
    lines = [
        f"  - containerID: cri-o://{hashlib.sha256(name.encode()).hexdigest()}",
        f"    image: {image}",
        f"    name: {name}",
        f"    ready: {'true' if ready else 'false'}",
        f"    restartCount: {0 if ready else 1}",
        f"    started: {'true' if ready else 'false'}",
    ]
    if ready:
        lines += ["    state:", "      running:", f"        startedAt: {q(started)}"]
    else:
        lines += ["    lastState:", "      terminated:", "        exitCode: 1",
                  f"        finishedAt: {q(started)}", "        reason: Error",
                  f"        startedAt: {q(started)}",
                  "    state:", "      waiting:", "        reason: CrashLoopBackOff"]
    return lines


def pod_yaml(s, ns, name, node, labels, containers, annotations=None, host_network=False, pod_ip=None,
             owner=None):
    """containers: [(name, ready)]."""
    all_ready = all(r for _, r in containers)
    lines = ["apiVersion: v1", "kind: Pod", "metadata:"]
    if annotations:
        lines.append("  annotations:")
        for k in sorted(annotations):
            lines.append(f"    {k}: {q(annotations[k])}")
    lines += [f"  creationTimestamp: {q(s['upTime'])}", "  labels:"]
    for k in sorted(labels):
        lines.append(f"    {k}: {labels[k]}")
    lines += [f"  name: {name}", f"  namespace: {ns}"]
    if owner:
        lines += ["  ownerReferences:", f"  - apiVersion: apps/v1", "    controller: true",
                  f"    kind: {owner[0]}", f"    name: {owner[1]}", f"    uid: {uid(owner[1] + s['prefix'])}"]
    lines += [f"  uid: {uid('pod-' + s['prefix'] + ns + name) if ns != 'demo' else name_uid(s, name)}",
              "spec:", "  containers:"]
    for c, _ in containers:
        lines += [f"  - image: quay.io/openshift-release-dev/ocp-v4.0-art-dev", f"    name: {c}"]
    if host_network:
        lines.append("  hostNetwork: true")
    lines += [f"  nodeName: {node}", "status:", "  conditions:",
              f"  - lastTransitionTime: {q(s['upTime'])}", "    status: \"True\"", "    type: Initialized",
              f"  - lastTransitionTime: {q(s['upTime'])}", f"    status: \"{'True' if all_ready else 'False'}\"",
              "    type: Ready",
              f"  - lastTransitionTime: {q(s['upTime'])}", f"    status: \"{'True' if all_ready else 'False'}\"",
              "    type: ContainersReady",
              f"  - lastTransitionTime: {q(s['upTime'])}", "    status: \"True\"", "    type: PodScheduled",
              "  containerStatuses:"]
    for c, r in containers:
        lines += container_status(c, r, s["upTime"])
    ip = pod_ip or s["nodeIps"][node]
    lines += [f"  hostIP: {s['nodeIps'][node]}", "  phase: Running", f"  podIP: {ip}", "  podIPs:",
              f"  - ip: {ip}", f"  startTime: {q(s['upTime'])}"]
    return "\n".join(lines) + "\n"


def name_uid(s, pod):
    # the lab's OVS interface of the pod carries iface-id-ver = this UID, as ovn-k's CNI writes it
    return s["podUids"][pod]


def pod_list(pods):
    out = ["apiVersion: v1", "items:"]
    for p in pods:
        body = p.splitlines()
        out.append("- " + body[0])
        out += ["  " + line for line in body[1:]]
    out += ["kind: PodList", "metadata:", "  resourceVersion: \"1\""]
    return "\n".join(out) + "\n"


def kube_log(src, dst_root, rel):
    """A daemon's log file as `oc logs --timestamps` shows the container's output."""
    text = ""
    if src and os.path.isfile(src):
        with open(src, errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                ts = line.split("|", 1)[0]
                if len(ts) >= 23 and ts[4] == "-" and ts[10] == "T":
                    text += ts[:23].rstrip("Z") + "000000Z " + line + "\n"
    w(dst_root, rel, text)


def main():
    state_file, image = sys.argv[1], sys.argv[2]
    with open(state_file) as f:
        s = json.load(f)
    mode = s["mode"]
    s["nodeIps"] = {n["name"]: n["ip"] for n in s["nodes"]}
    s["podUids"] = {n["pod"]["name"]: n["pod"]["uid"] for n in s["nodes"]}
    csr = "cluster-scoped-resources/"
    version = s["version"]
    w(image, "version", "openshift/must-gather\n" + version + "\n")
    w(image, "timestamp", oc_time(s["captureTime"]) + "\n")
    for n in s["nodes"]:
        w(image, csr + f"core/nodes/{n['name']}.yaml", node_yaml(s, n))
    w(image, csr + "config.openshift.io/clusterversions/version.yaml", f"""apiVersion: config.openshift.io/v1
kind: ClusterVersion
metadata:
  name: version
  uid: {uid('cv' + s['prefix'])}
spec:
  clusterID: {uid('cluster' + s['prefix'])}
status:
  desired:
    version: {version}
  history:
  - completionTime: {q(s['upTime'])}
    startedTime: {q(s['upTime'])}
    state: Completed
    verified: false
    version: {version}
""")
    w(image, csr + "config.openshift.io/networks.yaml", f"""---
apiVersion: config.openshift.io/v1
items:
- apiVersion: config.openshift.io/v1
  kind: Network
  metadata:
    name: cluster
    uid: {uid('netconfig' + s['prefix'])}
  spec:
    clusterNetwork:
    - cidr: 10.128.0.0/14
      hostPrefix: 23
    externalIP:
      policy: {{}}
    networkType: OVNKubernetes
    serviceNetwork:
    - {SERVICE_CIDR}
  status:
    clusterNetwork:
    - cidr: 10.128.0.0/14
      hostPrefix: 23
    clusterNetworkMTU: 1400
    networkType: OVNKubernetes
    serviceNetwork:
    - {SERVICE_CIDR}
kind: NetworkList
metadata:
  resourceVersion: "1"
""")
    w(image, csr + "operator.openshift.io/networks/cluster.yaml", f"""---
apiVersion: operator.openshift.io/v1
kind: Network
metadata:
  name: cluster
  uid: {uid('netop' + s['prefix'])}
spec:
  clusterNetwork:
  - cidr: 10.128.0.0/14
    hostPrefix: 23
  defaultNetwork:
    ovnKubernetesConfig:
      egressIPConfig: {{}}
      gatewayConfig:
        ipForwarding: Global
        ipv4: {{}}
        ipv6: {{}}
        routingViaHost: false
      genevePort: 6081
      ipsecConfig:
        mode: Disabled
      mtu: 1400
      policyAuditConfig:
        destination: "null"
        maxFileSize: 50
        maxLogFiles: 5
        rateLimit: 20
        syslogFacility: local0
      v4InternalSubnet: 100.64.0.0/16
    type: OVNKubernetes
  logLevel: Normal
  managementState: Managed
  operatorLogLevel: Normal
  serviceNetwork:
  - {SERVICE_CIDR}
status:
  readyReplicas: 0
  version: {version}
""")

    # ---- openshift-ovn-kubernetes (inspected by every must-gather: a related object of the network CO)
    ns = "openshift-ovn-kubernetes"
    w(image, f"namespaces/{ns}/{ns}.yaml", f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"
      f"  uid: {uid('ns' + ns + s['prefix'])}\nspec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n")
    pods = []
    for n in s["nodes"]:
        alive = n["alive"]
        pod = n["ovnkubeNodePod"]
        if mode == "ic":
            containers = [("ovn-controller", alive["ovn-controller"]), ("ovn-acl-logging", True),
                          ("kube-rbac-proxy-node", True), ("kube-rbac-proxy-ovn-metrics", True),
                          ("northd", alive["northd"]), ("nbdb", alive["nbdb"]), ("sbdb", alive["sbdb"]),
                          ("ovnkube-controller", True)]
        else:
            containers = [("ovn-controller", alive["ovn-controller"]), ("ovn-acl-logging", True),
                          ("kube-rbac-proxy", True), ("kube-rbac-proxy-ovn-metrics", True), ("ovnkube-node", True)]
        labels = {"app": "ovnkube-node", "component": "network", "kubernetes.io/os": "linux", "type": "infra"}
        if mode == "ic":
            labels["ovn-db-pod"] = "\"true\""
        y = pod_yaml(s, ns, pod, n["name"], labels,
                     containers, host_network=True, owner=("DaemonSet", "ovnkube-node"))
        pods.append(y)
        w(image, f"namespaces/{ns}/pods/{pod}/{pod}.yaml", y)
        for c, _ in containers:
            src = n["logs"].get(c)
            kube_log(src, image, f"namespaces/{ns}/pods/{pod}/{c}/{c}/logs/current.log")
    first = s["nodes"][0]
    if mode == "ic":
        cp = s["controlPlanePod"]
        y = pod_yaml(s, ns, cp, first["name"], {"app": "ovnkube-control-plane", "component": "network",
                                                "kubernetes.io/os": "linux", "type": "infra"},
                     [("kube-rbac-proxy", True), ("ovnkube-cluster-manager", True)], host_network=True,
                     owner=("ReplicaSet", cp.rsplit("-", 1)[0]))
    else:
        cp = s["masterPod"]
        alive = s["central"]
        y = pod_yaml(s, ns, cp, first["name"], {"app": "ovnkube-master", "component": "network",
                                                "kubernetes.io/os": "linux", "type": "infra"},
                     [("northd", alive["northd"]), ("nbdb", alive["nbdb"]), ("kube-rbac-proxy", True),
                      ("sbdb", alive["sbdb"]), ("ovnkube-master", True), ("ovn-dbchecker", True)],
                     host_network=True, owner=("DaemonSet", "ovnkube-master"))
    pods.append(y)
    w(image, f"namespaces/{ns}/pods/{cp}/{cp}.yaml", y)
    w(image, f"namespaces/{ns}/core/pods.yaml", pod_list(pods))

    # ---- the application namespace, as `oc adm inspect ns/demo` writes it (inspect.local.<n>/)
    inspect = os.path.join(os.path.dirname(image), s["inspectDir"])
    w(inspect, "timestamp", oc_time(s["captureTime"]) + "\n")
    ns = "demo"
    w(inspect, f"namespaces/{ns}/{ns}.yaml", f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"
      f"  uid: {uid('ns' + ns + s['prefix'])}\nspec:\n  finalizers:\n  - kubernetes\nstatus:\n  phase: Active\n")
    pods = []
    backend = None
    for n in s["nodes"]:
        p = n["pod"]
        nets = {"default": {
            "ip_addresses": [p["ip"] + "/23"], "mac_address": p["mac"], "gateway_ips": [n["gw"]],
            "routes": [{"dest": "10.128.0.0/14", "nextHop": n["gw"]}, {"dest": SERVICE_CIDR, "nextHop": n["gw"]},
                       {"dest": "100.64.0.0/16", "nextHop": n["gw"]}],
            "ip_address": p["ip"] + "/23", "gateway_ip": n["gw"], "role": "primary"}}
        labels = {"app": "web" if p["backend"] else "web-client"}
        y = pod_yaml(s, ns, p["name"], n["name"], labels, [("web", p["ready"])],
                     annotations={"k8s.ovn.org/pod-networks": json.dumps(nets, separators=(",", ":"))},
                     pod_ip=p["ip"])
        pods.append(y)
        w(inspect, f"namespaces/{ns}/pods/{p['name']}/{p['name']}.yaml", y)
        if p["backend"]:
            backend = (p, n)
    w(inspect, f"namespaces/{ns}/core/pods.yaml", pod_list(pods))
    svc = s["service"]
    w(inspect, f"namespaces/{ns}/core/services.yaml", f"""apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    creationTimestamp: {q(s['upTime'])}
    name: web
    namespace: {ns}
    uid: {uid('svc' + s['prefix'])}
  spec:
    clusterIP: {svc['vip']}
    clusterIPs:
    - {svc['vip']}
    internalTrafficPolicy: Cluster
    ipFamilies:
    - IPv4
    ipFamilyPolicy: SingleStack
    ports:
    - name: http
      port: {svc['port']}
      protocol: TCP
      targetPort: {svc['targetPort']}
    selector:
      app: web
    sessionAffinity: None
    type: ClusterIP
  status:
    loadBalancer: {{}}
kind: ServiceList
metadata:
  resourceVersion: "1"
""")
    p, n = backend
    ready = "true" if p["ready"] else "false"
    w(inspect, f"namespaces/{ns}/discovery.k8s.io/endpointslices.yaml", f"""apiVersion: discovery.k8s.io/v1
items:
- addressType: IPv4
  apiVersion: discovery.k8s.io/v1
  endpoints:
  - addresses:
    - {p['ip']}
    conditions:
      ready: {ready}
      serving: {ready}
      terminating: false
    nodeName: {n['name']}
    targetRef:
      kind: Pod
      name: {p['name']}
      namespace: {ns}
      uid: {p['uid']}
  kind: EndpointSlice
  metadata:
    creationTimestamp: {q(s['upTime'])}
    generateName: web-
    labels:
      endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
      kubernetes.io/service-name: web
    name: web-{hashlib.sha256(s['prefix'].encode()).hexdigest()[:5]}
    namespace: {ns}
    resourceVersion: "{s['endpointsVersion']}"
    uid: {uid('eps' + s['prefix'])}
  ports:
  - name: http
    port: {svc['targetPort']}
    protocol: TCP
kind: EndpointSliceList
metadata:
  resourceVersion: "1"
""")
    addr_key = "addresses" if p["ready"] else "notReadyAddresses"
    w(inspect, f"namespaces/{ns}/core/endpoints.yaml", f"""apiVersion: v1
items:
- apiVersion: v1
  kind: Endpoints
  metadata:
    name: web
    namespace: {ns}
    uid: {uid('ep' + s['prefix'])}
  subsets:
  - {addr_key}:
    - ip: {p['ip']}
      nodeName: {n['name']}
      targetRef:
        kind: Pod
        name: {p['name']}
        namespace: {ns}
        uid: {p['uid']}
    ports:
    - name: http
      port: {svc['targetPort']}
      protocol: TCP
kind: EndpointsList
metadata:
  resourceVersion: "1"
""")


if __name__ == "__main__":
    main()
