package io.netrules.plugins.ovnkubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.KernelRoute;
import io.netrules.model.OvsBridge;
import io.netrules.model.Sysctl;
import io.netrules.parse.CommandParser;
import io.netrules.parse.InputLimits;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ip.IpAddressParser;
import io.netrules.parse.ip.IpRouteParser;
import io.netrules.parse.ip.SysctlParser;
import io.netrules.parse.ovs.OvsListBrParser;
import io.netrules.parse.ovs.OvsShowParser;
import io.netrules.plugins.ovnkubernetes.model.Chassis;
import io.netrules.plugins.ovnkubernetes.model.Encap;
import io.netrules.plugins.ovnkubernetes.model.GeneveDevice;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancer;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancerGroup;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouter;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterPort;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterStaticRoute;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitchPort;
import io.netrules.plugins.ovnkubernetes.model.NbGlobal;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import io.netrules.plugins.ovnkubernetes.model.OvnFact;
import io.netrules.plugins.ovnkubernetes.model.OvnFacts;
import io.netrules.plugins.ovnkubernetes.model.OvnZone;
import io.netrules.plugins.ovnkubernetes.model.OvsInterface;
import io.netrules.plugins.ovnkubernetes.model.OvsOpenVswitch;
import io.netrules.plugins.ovnkubernetes.model.PortBinding;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbReader;
import io.netrules.plugins.ovnkubernetes.parse.GeneveLinkParser;
import io.netrules.plugins.ovnkubernetes.parse.OvsInterfaceParser;
import io.netrules.plugins.ovnkubernetes.parse.OvsOpenVswitchParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The healthy bases every OVN rule case starts from ({@code rules/ovn-kubernetes/cases-base/}):
 * each file reads without a warning through the readers netrules has, the IC zones are the nodes,
 * and the records agree with each other the way a healthy cluster's do (what the rules compare:
 * annotations vs NB/SB vs OVS vs kernel). A rule case that patches a base relies on all of it.
 */
class OvnCaseBaseTest {
    static final String IC = "ic-3node";
    static final String LEGACY = "legacy-3node";
    static final List<String> NODES = List.of("worker-0", "worker-1", "worker-2");
    static final String NB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound";
    static final String SB_FILE = "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnsb_db.sock_OVN_Southbound";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path base(String name) {
        return TestPaths.rules().resolve("ovn-kubernetes/cases-base").resolve(name);
    }

    static OvsdbDatabase db(String base, String relative) throws Exception {
        Path p = base(base).resolve(relative);
        return OvsdbReader.read(p, relative, null, InputLimits.DEFAULTS);
    }

    /** The NB and SB facts a node's rules see: IC its own zone's, legacy the central pair's. */
    static List<OvnFact> ovn(String base, String node) throws Exception {
        String dir = base.equals(IC) ? "nodes/" + node + "/" : "cluster/ovn/";
        OvsdbDatabase nb = db(base, dir + NB_FILE);
        OvsdbDatabase sb = db(base, dir + SB_FILE);
        String zone = base.equals(IC) ? node : null;
        List<OvnFact> all = new ArrayList<>(OvnFacts.of(nb, OvnDb.NB, zone));
        all.addAll(OvnFacts.of(sb, OvnDb.SB, zone));
        return all;
    }

    static <T> List<T> of(List<?> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T> T one(List<?> facts, Class<T> type, java.util.function.Predicate<T> which) {
        List<T> found = of(facts, type).stream().filter(which).toList();
        assertEquals(1, found.size(), type.getSimpleName() + ": " + found);
        return found.get(0);
    }

    static JsonNode items(String base, String kind) throws IOException {
        return JSON.readTree(base(base).resolve("cluster/" + kind + ".json").toFile()).get("items");
    }

    static JsonNode node(String base, String name) throws IOException {
        for (JsonNode n : items(base, "nodes")) {
            if (n.at("/metadata/name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name);
    }

    static String annotation(JsonNode obj, String key) {
        JsonNode v = obj.at("/metadata/annotations").get(key);
        return v == null ? null : v.asText();
    }

    static String internalIp(JsonNode node) {
        for (JsonNode a : node.at("/status/addresses")) {
            if (a.get("type").asText().equals("InternalIP")) {
                return a.get("address").asText();
            }
        }
        return null;
    }

    /** The default subnet of node-subnets, in either form (4.16 list, 4.13 string). */
    static String subnet(JsonNode node) throws IOException {
        JsonNode d = JSON.readTree(annotation(node, "k8s.ovn.org/node-subnets")).get("default");
        return d.isArray() ? d.get(0).asText() : d.asText();
    }

    static ParseContext.Collecting parse(String base, String node, String file, String input,
                                         Supplier<CommandParser> parser) throws IOException {
        String text = Files.readString(base(base).resolve("nodes/" + node + "/" + file), StandardCharsets.UTF_8);
        return ParseContext.collecting(node, "nodes/" + node + "/" + file, input).parse(parser.get(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {IC, LEGACY})
    void everyDatabaseFileReadsWithoutWarning(String name) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(base(name))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("ovsdb-client_")).sorted().toList();
        }
        assertEquals(name.equals(IC) ? 6 : 2, files.size(), files.toString());
        for (Path p : files) {
            String rel = base(name).relativize(p).toString();
            OvsdbDatabase db = OvsdbReader.read(p, rel, null, InputLimits.DEFAULTS);
            assertEquals(List.of(), db.warnings(), rel);
            assertEquals(OvsdbDatabase.Format.DUMP_JSON, db.format(), rel);
            OvnDb which = OvnDb.of(db).orElseThrow(() -> new AssertionError("NB or SB? " + rel));
            assertEquals(rel.endsWith("OVN_Northbound") ? OvnDb.NB : OvnDb.SB, which, rel);
            assertFalse(OvnFacts.of(db, which, null).isEmpty(), rel);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {IC, LEGACY})
    void everyNodeFileParsesWithoutWarning(String name) throws Exception {
        for (String n : NODES) {
            var address = parse(name, n, "ip_-d_address", "ip-address", IpAddressParser::new);
            var route = parse(name, n, "ip_route_show_table_all", "ip-route", IpRouteParser::new);
            var sysctl = parse(name, n, "sysctl_-a", "sysctl", SysctlParser::new);
            var show = parse(name, n, "ovs-vsctl_-t_5_show", "ovs-show", OvsShowParser::new);
            var listBr = parse(name, n, "ovs-vsctl_-t_5_list-br", "ovs-bridges", OvsListBrParser::new);
            var open = parse(name, n, "ovs-vsctl_-t_5_list_Open_vSwitch", "ovs-open_vswitch", OvsOpenVswitchParser::new);
            var ifaces = parse(name, n, "ovs-vsctl_-t_5_list_interface", "ovs-interface", OvsInterfaceParser::new);
            var link = parse(name, n, "ip_-d_link", "ip-link", GeneveLinkParser::new);
            for (var r : List.of(address, route, sysctl, show, listBr, open, ifaces, link)) {
                assertEquals(List.of(), r.warnings, n);
                assertFalse(r.facts.isEmpty(), n);
            }
            assertEquals(Set.of("br-ex", "br-int"),
                    of(show.facts, OvsBridge.class).stream().map(OvsBridge::name).collect(Collectors.toSet()));
            GeneveDevice geneve = one(link.facts, GeneveDevice.class, g -> true);
            assertEquals(6081, geneve.dstPort());
            assertTrue(geneve.up());
        }
    }

    @Test
    void eachInterconnectZoneIsItsNode() throws Exception {
        for (String n : NODES) {
            OvsdbDatabase nb = db(IC, "nodes/" + n + "/" + NB_FILE);
            OvsdbDatabase sb = db(IC, "nodes/" + n + "/" + SB_FILE);
            OvnZone zone = OvnZone.of(nb, sb).orElseThrow();
            assertEquals(n, zone.name());
            assertEquals(OvnZone.Basis.NB_GLOBAL_NAME, zone.basis());
            // the SB alone tells the same zone, through its one local chassis
            OvnZone bySb = OvnZone.of(null, sb).orElseThrow();
            assertEquals(n, bySb.name());
            assertEquals(annotation(node(IC, n), "k8s.ovn.org/node-chassis-id"), bySb.chassisName());
            assertEquals(n, annotation(node(IC, n), "k8s.ovn.org/zone-name"));
        }
    }

    @Test
    void theLegacyCentralDatabaseIsNoNodesZone() throws Exception {
        OvsdbDatabase nb = db(LEGACY, "cluster/ovn/" + NB_FILE);
        OvsdbDatabase sb = db(LEGACY, "cluster/ovn/" + SB_FILE);
        assertTrue(OvnZone.of(nb, sb).isEmpty());
        for (JsonNode n : items(LEGACY, "nodes")) {
            assertEquals(null, annotation(n, "k8s.ovn.org/zone-name"));
        }
        String status = Files.readString(base(LEGACY).resolve("cluster/ovn/leader_ovnnb_status"));
        assertTrue(status.contains("\nRole: leader\n") && status.contains("\nStatus: cluster member\n"), status);
    }

    /** What each node's rules compare, in agreement: annotations, NB, SB, OVS, kernel. */
    @ParameterizedTest
    @ValueSource(strings = {IC, LEGACY})
    void theRecordsOfEveryNodeAgree(String name) throws Exception {
        Map<String, String> chassisOf = new LinkedHashMap<>();
        Map<String, String> ipOf = new LinkedHashMap<>();
        for (String n : NODES) {
            chassisOf.put(n, annotation(node(name, n), "k8s.ovn.org/node-chassis-id"));
            ipOf.put(n, internalIp(node(name, n)));
        }
        assertEquals(3, new HashSet<>(chassisOf.values()).size());
        for (String n : NODES) {
            JsonNode k8s = node(name, n);
            String subnet = subnet(k8s);
            String base = subnet.substring(0, subnet.lastIndexOf('.'));   // 10.129.0
            List<OvnFact> ovn = ovn(name, n);
            var open = one(parse(name, n, "ovs-vsctl_-t_5_list_Open_vSwitch", "ovs-open_vswitch",
                    OvsOpenVswitchParser::new).facts, OvsOpenVswitch.class, o -> true);
            assertEquals(chassisOf.get(n), open.systemId(), n);
            assertEquals(ipOf.get(n), open.encapIp(), n);
            assertEquals("geneve", open.encapType());
            assertEquals("physnet:br-ex", open.bridgeMappings());
            assertEquals(name.equals(IC), open.isInterconn(), n);

            // topology: switch, router ports, GR, routes
            LogicalSwitch ls = one(ovn, LogicalSwitch.class, s -> s.name().equals(n));
            assertEquals(subnet, ls.otherConfig().get("subnet"));
            assertTrue(ls.loadBalancerGroups().containsAll(List.of("clusterLBGroup", "clusterSwitchLBGroup")), n);
            LogicalRouterPort rtos = one(ovn, LogicalRouterPort.class, p -> p.name().equals("rtos-" + n));
            assertEquals(List.of(base + ".1/23"), rtos.networks());
            LogicalRouter gr = one(ovn, LogicalRouter.class, r -> r.name().equals("GR_" + n));
            assertEquals(chassisOf.get(n), gr.options().get("chassis"));
            LogicalRouterPort rtoe = one(ovn, LogicalRouterPort.class, p -> p.name().equals("rtoe-GR_" + n));
            assertEquals(List.of(ipOf.get(n) + "/24"), rtoe.networks());
            JsonNode l3 = JSON.readTree(annotation(k8s, "k8s.ovn.org/l3-gateway-config")).get("default");
            assertEquals(l3.get("mac-address").asText(), rtoe.mac());
            one(ovn, LogicalRouterStaticRoute.class, r -> r.routerName().equals("GR_" + n)
                    && r.ipPrefix().equals("0.0.0.0/0") && r.nexthop().equals(l3.get("next-hops").get(0).asText())
                    && ("rtoe-GR_" + n).equals(r.outputPort()));
            String joinIp = JSON.readTree(annotation(k8s, name.equals(IC)
                    ? "k8s.ovn.org/node-gateway-router-lrp-ifaddrs" : "k8s.ovn.org/node-gateway-router-lrp-ifaddr"))
                    .at(name.equals(IC) ? "/default/ipv4" : "/ipv4").asText();
            assertEquals(List.of(joinIp), one(ovn, LogicalRouterPort.class,
                    p -> p.name().equals("rtoj-GR_" + n)).networks());
            one(ovn, LogicalRouterStaticRoute.class, r -> r.routerName().equals("ovn_cluster_router")
                    && "src-ip".equals(r.policy()) && r.ipPrefix().equals(subnet)
                    && r.nexthop().equals(joinIp.substring(0, joinIp.indexOf('/'))));
            LogicalSwitchPort mgmt = one(ovn, LogicalSwitchPort.class, p -> p.name().equals("k8s-" + n));
            assertEquals(n, mgmt.switchName());
            assertEquals(List.of(annotation(k8s, "k8s.ovn.org/node-mgmt-port-mac-address") + " " + base + ".2"),
                    mgmt.addresses());
            one(ovn, LogicalSwitchPort.class, p -> p.name().equals("br-ex_" + n) && p.type().equals("localnet")
                    && "physnet".equals(p.options().get("network_name")) && ("ext_" + n).equals(p.switchName()));

            // SB: this node's chassis and its encap; in IC the others are remote chassis
            Chassis own = one(ovn, Chassis.class, c -> c.name().equals(chassisOf.get(n)));
            assertFalse(own.remote());
            for (String y : NODES) {
                Chassis c = one(ovn, Chassis.class, ch -> ch.name().equals(chassisOf.get(y)));
                assertEquals(name.equals(IC) && !y.equals(n), c.remote(), n + " sees " + y);
                Encap e = one(ovn, Encap.class, en -> en.chassisName().equals(chassisOf.get(y)));
                assertEquals(ipOf.get(y), e.ip());
                assertEquals("geneve", e.type());
            }
            NbGlobal g = one(ovn, NbGlobal.class, x -> true);
            assertEquals(name.equals(IC) ? n : "", g.name() == null ? "" : g.name());
            assertEquals(g.nbCfg(), g.hvCfg());

            // OVS: mp0, tunnels to every other node, the br-ex patch pair
            List<OvsInterface> ifaces = of(parse(name, n, "ovs-vsctl_-t_5_list_interface", "ovs-interface",
                    OvsInterfaceParser::new).facts, OvsInterface.class);
            OvsInterface mp0 = one(ifaces, OvsInterface.class, i -> i.name().equals("ovn-k8s-mp0"));
            assertEquals("internal", mp0.type());
            assertEquals("k8s-" + n, mp0.ifaceId());
            assertEquals(1400, mp0.mtu());
            Set<String> remotes = ifaces.stream().filter(i -> i.type().equals("geneve"))
                    .map(OvsInterface::remoteIp).collect(Collectors.toCollection(TreeSet::new));
            Set<String> others = NODES.stream().filter(y -> !y.equals(n)).map(ipOf::get)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(others, remotes, n);
            assertTrue(ifaces.stream().noneMatch(OvsInterface::broken), n);
            one(ifaces, OvsInterface.class, i -> i.name().equals("patch-br-ex_" + n + "-to-br-int"));
            one(ifaces, OvsInterface.class, i -> i.name().equals("patch-br-int-to-br-ex_" + n));

            // kernel: node IP and masquerade IP on br-ex, mp0 address, routes, forwarding
            List<InterfaceAddress> addrs = of(parse(name, n, "ip_-d_address", "ip-address",
                    IpAddressParser::new).facts, InterfaceAddress.class);
            Set<String> brEx = addrs.stream().filter(a -> a.iface().equals("br-ex") && a.family().equals("inet"))
                    .map(InterfaceAddress::cidr).collect(Collectors.toSet());
            assertEquals(Set.of(ipOf.get(n) + "/24", "169.254.169.2/29"), brEx, n);
            assertTrue(addrs.stream().anyMatch(a -> a.iface().equals("ovn-k8s-mp0")
                    && a.cidr().equals(base + ".2/23")), n);
            List<KernelRoute> routes = of(parse(name, n, "ip_route_show_table_all", "ip-route",
                    IpRouteParser::new).facts, KernelRoute.class);
            one(routes, KernelRoute.class, r -> "main".equals(r.table()) && "10.128.0.0/14".equals(r.destination())
                    && (base + ".1").equals(r.gateway()) && "ovn-k8s-mp0".equals(r.dev()));
            one(routes, KernelRoute.class, r -> "main".equals(r.table()) && "172.30.0.0/16".equals(r.destination())
                    && "169.254.169.4".equals(r.gateway()) && "br-ex".equals(r.dev()));
            one(routes, KernelRoute.class, r -> "main".equals(r.table()) && "default".equals(r.destination())
                    && l3.get("next-hops").get(0).asText().equals(r.gateway()) && "br-ex".equals(r.dev()));
            Map<String, String> sysctl = of(parse(name, n, "sysctl_-a", "sysctl", SysctlParser::new).facts,
                    Sysctl.class).stream().collect(Collectors.toMap(Sysctl::key, Sysctl::value));
            assertEquals("1", sysctl.get("net.ipv4.conf.br-ex.forwarding"));
            assertEquals("1", sysctl.get("net.ipv4.conf.ovn-k8s-mp0.forwarding"));
            assertEquals(name.equals(IC) ? "0" : "1", sysctl.get("net.ipv4.ip_forward"));
        }
    }

    @Test
    void interconnectZonesReachEachOther() throws Exception {
        for (String x : NODES) {
            List<OvnFact> ovn = ovn(IC, x);
            for (String y : NODES) {
                JsonNode ky = node(IC, y);
                String transit = JSON.readTree(annotation(ky, "k8s.ovn.org/node-transit-switch-port-ifaddr"))
                        .get("ipv4").asText();
                String transitIp = transit.substring(0, transit.indexOf('/'));
                LogicalSwitchPort tstor = one(ovn, LogicalSwitchPort.class, p -> p.name().equals("tstor-" + y));
                assertEquals("transit_switch", tstor.switchName());
                if (y.equals(x)) {
                    assertEquals("router", tstor.type());
                    assertEquals(List.of(transit), one(ovn, LogicalRouterPort.class,
                            p -> p.name().equals("rtots-" + x)).networks());
                    continue;
                }
                assertEquals("remote", tstor.type());
                assertTrue(tstor.addresses().get(0).endsWith(" " + transit), tstor.addresses().toString());
                assertEquals(y, tstor.options().get("requested-chassis"));
                assertEquals(annotation(ky, "k8s.ovn.org/node-id"), tstor.options().get("requested-tnl-key"));
                one(ovn, LogicalRouterStaticRoute.class, r -> r.routerName().equals("ovn_cluster_router")
                        && r.ipPrefix().equals(subnetUnchecked(ky)) && r.nexthop().equals(transitIp));
                PortBinding pb = one(ovn, PortBinding.class, b -> b.logicalPort().equals("tstor-" + y));
                assertEquals(annotation(ky, "k8s.ovn.org/node-chassis-id"), pb.chassis());
            }
        }
    }

    static String subnetUnchecked(JsonNode node) {
        try {
            return subnet(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every network pod is wired: LSP on its node's switch, bound and up, its OVS port installed. */
    @ParameterizedTest
    @ValueSource(strings = {IC, LEGACY})
    void everyNetworkPodIsWired(String name) throws Exception {
        int wired = 0;
        for (JsonNode pod : items(name, "pods")) {
            String nodeName = pod.at("/spec/nodeName").asText();
            String ns = pod.at("/metadata/namespace").asText();
            String pn = pod.at("/metadata/name").asText();
            if (pod.at("/spec/hostNetwork").asBoolean(false)) {
                assertEquals(null, annotation(pod, "k8s.ovn.org/pod-networks"), pn);
                assertEquals(internalIp(node(name, nodeName)), pod.at("/status/podIP").asText(), pn);
                continue;
            }
            for (JsonNode c : pod.at("/status/containerStatuses")) {
                assertTrue(c.get("ready").asBoolean(), pn);
            }
            JsonNode net = JSON.readTree(annotation(pod, "k8s.ovn.org/pod-networks")).get("default");
            String ipCidr = net.get("ip_addresses").get(0).asText();
            String ip = ipCidr.substring(0, ipCidr.indexOf('/'));
            String mac = net.get("mac_address").asText();
            String uid = pod.at("/metadata/uid").asText();
            assertEquals(ip, pod.at("/status/podIP").asText());
            List<OvnFact> ovn = ovn(name, nodeName);
            String lspName = ns + "_" + pn;
            LogicalSwitchPort lsp = one(ovn, LogicalSwitchPort.class, p -> p.name().equals(lspName));
            assertEquals(nodeName, lsp.switchName());
            assertEquals(List.of(mac + " " + ip), lsp.addresses());
            assertEquals(nodeName, lsp.options().get("requested-chassis"));
            assertEquals(uid, lsp.options().get("iface-id-ver"));
            assertEquals(Boolean.TRUE, lsp.up());
            PortBinding pb = one(ovn, PortBinding.class, b -> b.logicalPort().equals(lspName));
            assertEquals(Boolean.TRUE, pb.up());
            assertEquals(annotation(node(name, nodeName), "k8s.ovn.org/node-chassis-id"), pb.chassis());
            OvsInterface iface = one(parse(name, nodeName, "ovs-vsctl_-t_5_list_interface", "ovs-interface",
                    OvsInterfaceParser::new).facts, OvsInterface.class, i -> lspName.equals(i.ifaceId()));
            assertEquals(uid, iface.ifaceIdVer());
            assertTrue(iface.ovnInstalled());
            assertFalse(iface.broken());
            if (name.equals(IC)) {
                for (String other : NODES) {
                    if (!other.equals(nodeName)) {
                        assertTrue(of(ovn(name, other), LogicalSwitchPort.class).stream()
                                .noneMatch(p -> p.name().equals(lspName)), lspName + " in " + other);
                    }
                }
            }
            wired++;
        }
        assertEquals(10, wired);
    }

    /** Every service's ClusterIP VIP is reachable from every node switch, with the expected backends. */
    @ParameterizedTest
    @ValueSource(strings = {IC, LEGACY})
    void everyServiceVipIsOnEveryNodeSwitch(String name) throws Exception {
        Map<String, JsonNode> slices = new LinkedHashMap<>();
        for (JsonNode s : items(name, "endpointslices")) {
            slices.put(s.at("/metadata/namespace").asText() + "/"
                    + s.at("/metadata/labels/kubernetes.io~1service-name").asText(), s);
        }
        int vips = 0;
        for (String n : NODES) {
            List<OvnFact> ovn = ovn(name, n);
            LogicalSwitch ls = one(ovn, LogicalSwitch.class, s -> s.name().equals(n));
            Set<String> reachable = new HashSet<>(ls.loadBalancers());
            for (LoadBalancerGroup g : of(ovn, LoadBalancerGroup.class)) {
                if (ls.loadBalancerGroups().contains(g.name())) {
                    reachable.addAll(g.loadBalancers());
                }
            }
            for (JsonNode svc : items(name, "services")) {
                String key = svc.at("/metadata/namespace").asText() + "/" + svc.at("/metadata/name").asText();
                JsonNode slice = slices.get(key);
                assertNotNull(slice, key);
                for (JsonNode port : svc.at("/spec/ports")) {
                    String vip = svc.at("/spec/clusterIP").asText() + ":" + port.get("port").asInt();
                    String portName = port.has("name") ? port.get("name").asText() : "";
                    int target = 0;
                    for (JsonNode sp : slice.get("ports")) {
                        if (sp.get("name").asText().equals(portName)) {
                            target = sp.get("port").asInt();
                        }
                    }
                    Set<String> expected = new TreeSet<>();
                    for (JsonNode ep : slice.get("endpoints")) {
                        expected.add(ep.get("addresses").get(0).asText() + ":" + target);
                    }
                    String proto = port.get("protocol").asText().toLowerCase();
                    List<LoadBalancer> carrying = of(ovn, LoadBalancer.class).stream()
                            .filter(lb -> reachable.contains(lb.name()) && lb.protocol().equals(proto)
                                    && lb.vips().containsKey(vip)).toList();
                    assertEquals(1, carrying.size(), n + " " + key + " " + vip + " " + carrying);
                    assertEquals(expected, new TreeSet<>(List.of(carrying.get(0).vips().get(vip).split(","))),
                            n + " " + vip);
                    vips++;
                }
            }
        }
        assertEquals(3 * 6, vips);
    }
}
