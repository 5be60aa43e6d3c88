"""br0 flow dumps of openshift-sdn 4.8 and 4.10+ nodes, as `ovs-ofctl -O OpenFlow13 dump-flows br0`
prints them. The flows follow openshift/sdn pkg/network/node/ovscontroller.go (SetupOVS,
setupPodFlows, AddHostSubnetRules, UpdateVXLANMulticastFlows) and networkpolicy.go (Start,
generateNamespace*Flows) of release-4.8 (rule version 0x0c) and release-4.10 (0x0d); the
counters and durations are made up but deterministic (seeded by the node name).

Used by build.py for the OpenShift 4 samples and to write the 4.x rule-case dumps."""
import random

CLUSTER = "10.128.0.0/14"
SERVICES = "172.30.0.0/16"


def _fmt(rng, up, table, match, actions, cookie="0x0", priority=None, idle=False):
    age = up - rng.uniform(0.0, 1.0)
    if idle:
        pkts = 0
    else:
        pkts = rng.randint(0, 90000) if rng.random() < 0.8 else 0
    nbytes = pkts * rng.randint(42, 310)
    head = f" cookie={cookie}, duration={age:.3f}s, table={table}, n_packets={pkts}, n_bytes={nbytes}, "
    body = []
    if priority is not None:
        body.append(f"priority={priority}")
    if match:
        body.append(match)
    m = ",".join(body)
    return head + (m + " " if m else "") + "actions=" + actions


def dump(node, node_ip, subnet, gateway, peers, pods, rule_version=0x0d, plugin_id=2,
         uptime=86400.0 * 3, vxlan_port=4789, drop_peer_flows_to=()):
    """peers: [(host, hostIP, subnet, cookie)]; pods: [(ip, ofport, vnid)].
    drop_peer_flows_to: hostIPs whose table 10/50/90 flows are left out (a broken node)."""
    rng = random.Random(node + str(rule_version))
    v410 = rule_version >= 0x0d
    up = uptime
    f = []
    add = lambda *a, **k: f.append((a, k))
    # Table 0
    add(0, "ct_state=-trk,ip", "ct(table=0)", priority=1000)
    add(0, f"ip,in_port=2,nw_src={gateway}", "goto_table:30", priority=400)
    add(0, f"ip,in_port=2,nw_src={subnet},nw_dst={CLUSTER}", "goto_table:25", priority=300)
    add(0, "ip,in_port=2,nw_dst=224.0.0.0/4", "drop", priority=250, idle=True)
    add(0, f"arp,in_port=1,arp_spa={CLUSTER},arp_tpa={subnet}", "move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10", priority=200)
    add(0, f"ip,in_port=1,nw_src={CLUSTER}", "move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10", priority=200)
    add(0, f"ip,in_port=1,nw_dst={CLUSTER}", "move:NXM_NX_TUN_ID[0..31]->NXM_NX_REG0[],goto_table:10", priority=200)
    add(0, f"arp,in_port=2,arp_spa={gateway},arp_tpa={CLUSTER}", "goto_table:30", priority=200)
    add(0, "ip,in_port=2", "goto_table:30", priority=200)
    add(0, "in_port=1", "drop", priority=150, idle=True)
    add(0, "in_port=2", "drop", priority=150)
    add(0, "arp", "goto_table:20", priority=100)
    add(0, "ip", "goto_table:20", priority=100)
    add(0, "", "drop", priority=0)
    # Table 10
    for host, ip, sub, cookie in peers:
        if ip not in drop_peer_flows_to:
            add(10, f"tun_src={ip}", "goto_table:30", cookie=cookie, priority=100)
    add(10, "", "drop", priority=0, idle=True)
    # Table 20
    add(20, f"udp,tp_dst={vxlan_port}", "drop", priority=300, idle=True)
    arp_next = "goto_table:30" if v410 else "goto_table:21"
    ip_next = "goto_table:27" if v410 else "goto_table:21"
    for ip, port, vnid in pods:
        a, b, c, d = (int(x) for x in ip.split("."))
        mac = f"00:00:{a:02x}:{b:02x}:{c:02x}:{d:02x}/00:00:ff:ff:ff:ff"
        add(20, f"arp,in_port={port},arp_spa={ip},arp_sha={mac}", f"load:{_hex(vnid)}->NXM_NX_REG0[],{arp_next}", priority=100)
        add(20, f"ip,in_port={port},nw_src={ip}", f"load:{_hex(vnid)}->NXM_NX_REG0[],{ip_next}", priority=100)
    add(20, "", "drop", priority=0, idle=True)
    if not v410:
        add(21, f"ip,nw_dst={CLUSTER}", "ct(commit,table=30)", priority=200)
        add(21, "", "goto_table:30", priority=0)
    # Table 25
    for ip, port, vnid in pods:
        add(25, f"ip,nw_src={ip}", f"load:{_hex(vnid)}->NXM_NX_REG0[],{'goto_table:27' if v410 else 'goto_table:30'}", priority=100)
    add(25, "", "drop", priority=0, idle=True)
    routing = 31 if v410 else 30
    if v410:
        # Table 27 (networkpolicy.go Start + generateNamespaceEgressFlows: no egress policy)
        add(27, f"ip,nw_dst={SERVICES}", "goto_table:30", priority=300)
        add(27, "ct_state=+rpl,ip", "goto_table:30", priority=200)
        for vnid in sorted({p[2] for p in pods} | {0}):
            add(27, f"reg0={vnid}", "goto_table:30", priority=50)
        add(27, "", "drop", priority=0, idle=True)
        add(30, f"ct_state=-rpl,ip,nw_src={CLUSTER},nw_dst={CLUSTER}", "ct(commit,table=31)", priority=100)
        add(30, "", "goto_table:31", priority=0)
    add(routing, f"arp,arp_tpa={gateway}", "output:2", priority=300)
    add(routing, f"ip,nw_dst={gateway}", "output:2", priority=300)
    add(routing, f"ct_state=+rpl,ip,nw_dst={subnet}", "ct(nat,table=70)", priority=250)
    add(routing, f"arp,arp_tpa={subnet}", "goto_table:40", priority=200)
    add(routing, f"ip,nw_dst={subnet}", "goto_table:70", priority=200)
    add(routing, f"arp,arp_tpa={CLUSTER}", "goto_table:50", priority=100)
    add(routing, f"ip,nw_dst={SERVICES}", "goto_table:60", priority=100)
    add(routing, f"ip,nw_dst={CLUSTER}", "goto_table:90", priority=100)
    add(routing, "ip,in_port=1,nw_dst=224.0.0.0/4", "goto_table:120", priority=50, idle=True)
    add(routing, "ip,nw_dst=224.0.0.0/4", "goto_table:110", priority=25, idle=True)
    add(routing, "ip", "goto_table:99", priority=0)
    add(routing, "arp", "drop", priority=0, idle=True)
    for ip, port, vnid in pods:
        add(40, f"arp,arp_tpa={ip}", f"output:{port}", priority=100)
    add(40, "", "drop", priority=0, idle=True)
    for host, ip, sub, cookie in peers:
        if ip not in drop_peer_flows_to:
            add(50, f"arp,arp_tpa={sub}", f"move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:{ip}->tun_dst,output:1", cookie=cookie, priority=100)
    add(50, "", "drop", priority=0, idle=True)
    add(60, "", "output:2", priority=200)
    for ip, port, vnid in pods:
        add(70, f"ip,nw_dst={ip}", f"load:{_hex(vnid)}->NXM_NX_REG1[],load:{_hex(port)}->NXM_NX_REG2[],goto_table:80", priority=100)
    add(70, "", "drop", priority=0, idle=True)
    add(80, f"ip,nw_src={gateway}", "output:NXM_NX_REG2[]", priority=300)
    add(80, "ct_state=+rpl,ip", "output:NXM_NX_REG2[]", priority=200)
    for vnid in sorted({p[2] for p in pods} | {0}):
        add(80, f"reg1={vnid}", "output:NXM_NX_REG2[]", priority=50)
    add(80, "", "drop", priority=0, idle=True)
    for host, ip, sub, cookie in peers:
        if ip not in drop_peer_flows_to:
            add(90, f"ip,nw_dst={sub}", f"move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:{ip}->tun_dst,output:1", cookie=cookie, priority=100)
    add(90, "", "drop", priority=0, idle=True)
    add(99, f"tcp,nw_dst={node_ip},tp_dst=53", "output:2", priority=200)
    add(99, f"udp,nw_dst={node_ip},tp_dst=53", "output:2", priority=200)
    add(99, "", "goto_table:100", priority=0)
    add(100, "", "goto_table:101", priority=0)
    add(101, "ct_state=+rpl", "output:2", priority=150)
    add(101, "", "output:2", priority=0)
    add(110, "", "drop", priority=0, idle=True)
    mc = ",".join(sorted(f"set_field:{ip}->tun_dst,output:1" for _, ip, _, _ in peers))
    add(111, "", f"move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],{mc},goto_table:120" if peers else "goto_table:120",
        priority=100, idle=True)
    add(120, "", "drop", priority=0, idle=True)
    lines = ["OFPST_FLOW reply (OF1.3) (xid=0x2):"]
    for a, k in f:
        table, match, actions = a
        lines.append(_fmt(rng, up, table, match, actions, **k))
    lines.append(f" cookie=0x0, duration={up - 0.2:.3f}s, table=253, n_packets=0, n_bytes=0, "
                 f"actions=note:{plugin_id:02x}.{rule_version:02x}.00.00.00.00")
    return "\n".join(lines) + "\n"


def _hex(n):
    return "0" if n == 0 else hex(n)
