package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.capture.Capture;
import io.netrules.model.ParseWarning;
import io.netrules.plugin.NodeSink;
import io.netrules.plugin.PluginCapture;
import io.netrules.plugins.ovnkubernetes.OvnKubernetesPlugin;
import io.netrules.plugins.ovnkubernetes.model.Chassis;
import io.netrules.plugins.ovnkubernetes.model.ForeignPortClaim;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancer;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancerGroup;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouter;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterPort;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterStaticRoute;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitchPort;
import io.netrules.plugins.ovnkubernetes.model.NbGlobal;
import io.netrules.plugins.ovnkubernetes.model.NorthdStatus;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog;
import io.netrules.plugins.ovnkubernetes.model.OvnFact;
import io.netrules.plugins.ovnkubernetes.model.OvsIdentity;
import io.netrules.plugins.ovnkubernetes.model.PortBinding;
import io.netrules.plugins.ovnkubernetes.model.XfrmState;
import io.netrules.parse.ParseContext;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which OVN rows, identities, claims and logs each node's session gets, from the files a
 * must-gather, a node sosreport or a netrules capture holds, and which inputs are collected.
 */
class OvnNodeDataTest {
    static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    static final Map<String, String> POD_NODE = Map.of(
            "ovnkube-node-aaaaa", "node-a", "ovnkube-node-bbbbb", "node-b", "ovnkube-node-ccccc", "node-c",
            "web-node-a", "node-a", "web-node-b", "node-b", "web-node-c", "node-c");

    /** One node's session as the plugin filled it. */
    static final class Session implements NodeSink {
        final List<Object> facts = new ArrayList<>();
        final Map<String, String> collected = new LinkedHashMap<>();
        final Map<String, String> failed = new LinkedHashMap<>();
        final Map<String, String> notCollected = new LinkedHashMap<>();

        @Override
        public void fact(Object fact) {
            facts.add(fact);
        }

        @Override
        public void collected(String input, String file) {
            collected.put(input, file);
        }

        @Override
        public void failed(String input, String file, String reason) {
            failed.put(input, file + ": " + reason);
        }

        @Override
        public void notCollected(String input, String reason) {
            notCollected.put(input, reason);
        }

        <T> List<T> of(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T> Set<String> names(Class<T> type, Function<T, String> name) {
            return new TreeSet<>(of(type).stream().map(name).toList());
        }
    }

    record Run(OvnNodeData data, Map<String, Session> sessions, List<ParseWarning> warnings) {
        Session of(String node) {
            return sessions.get(node);
        }
    }

    static Run run(Path root) throws Exception {
        Capture capture = Capture.open(root);
        List<ParseWarning> warnings = Collections.synchronizedList(new ArrayList<>(capture.warnings()));
        Set<String> nodes = new TreeSet<>(NODES);
        PluginCapture pc = new PluginCapture(capture, nodes, (ns, pod) -> {
            if ("openshift-ovn-kubernetes".equals(ns)) {
                return POD_NODE.get(pod);
            }
            return "demo".equals(ns) ? POD_NODE.get(pod) : null;
        }, warnings);
        OvnNodeData data = (OvnNodeData) new OvnKubernetesPlugin().nodeExtras(pc);
        Map<String, Session> sessions = new LinkedHashMap<>();
        for (String n : nodes) {
            Session s = new Session();
            data.addTo(n, s);
            sessions.put(n, s);
        }
        return new Run(data, sessions, warnings);
    }

    /** A must-gather folder at {@code root/must-gather.local.1/}, its image folder inside. */
    static Path mustGather(Path root) throws IOException {
        Path mg = root.resolve("must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b");
        Files.createDirectories(mg.resolve("namespaces/openshift-ovn-kubernetes"));
        Files.writeString(mg.resolve("namespaces/openshift-ovn-kubernetes/openshift-ovn-kubernetes.yaml"),
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openshift-ovn-kubernetes\n");
        Files.createDirectories(mg.resolve("cluster-scoped-resources"));
        Files.createDirectories(mg.resolve("network_logs"));
        return mg;
    }

    /** must-gather 4.14+: {@code network_logs/ovnk_database_store.tar.gz} with each pod's standalone NB and SB. */
    static void store(Path file, Map<String, byte[]> members) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry dir = new TarArchiveEntry("ovnk_database_store/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry("ovnk_database_store/" + m.getKey());
                e.setSize(m.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(m.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static Path icStore(Path root) throws Exception {
        Path mg = mustGather(root);
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String node : NODES) {
            String pod = "ovnkube-node-" + node.substring(5).repeat(5);
            members.put(pod + "_nbdb", OvnTopology.icNb(NODES, node).standalone());
            members.put(pod + "_sbdb", OvnTopology.icSb(NODES, node).standalone());
        }
        store(mg.resolve("network_logs/ovnk_database_store.tar.gz"), members);
        return mg;
    }

    @Test
    void interconnectStoreGivesEachNodeOnlyItsOwnZonesRows(@TempDir Path root) throws Exception {
        Path mg = icStore(root);
        Run r = run(root);
        assertEquals(List.of(), r.warnings());
        assertEquals(6, r.data().databasesRead(), "each of the 6 members read once");
        for (String node : NODES) {
            Session s = r.of(node);
            String other = node.equals("node-a") ? "node-b" : "node-a";
            assertEquals(Set.of(node, "join", "ext_" + node, "transit_switch"), s.names(LogicalSwitch.class,
                    LogicalSwitch::name), node);
            assertEquals(Set.of("GR_" + node, "ovn_cluster_router"), s.names(LogicalRouter.class, LogicalRouter::name));
            assertTrue(s.of(NbGlobal.class).stream().allMatch(g -> node.equals(g.name())), node);
            assertTrue(s.facts.stream().filter(f -> f instanceof OvnFact).allMatch(f -> node.equals(((OvnFact) f).zone())),
                    "every row of the node's own zone");
            assertFalse(s.names(LogicalSwitchPort.class, LogicalSwitchPort::name).contains(OvnTopology.podPort(other)));
            // Its SB: every chassis (the others remote), its own binding.
            assertEquals(3, s.of(Chassis.class).size());
            assertEquals(Set.of(OvnTopology.podPort(node)), s.names(PortBinding.class, PortBinding::logicalPort));
            String pod = "ovnkube-node-" + node.substring(5).repeat(5);
            String store = "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b/"
                    + "network_logs/ovnk_database_store.tar.gz/ovnk_database_store/";
            assertEquals(Map.of(OvnKubernetesPlugin.OVN_NB, store + pod + "_nbdb",
                    OvnKubernetesPlugin.OVN_SB, store + pod + "_sbdb"), s.collected, node);
            assertFalse(s.notCollected.containsKey(OvnKubernetesPlugin.OVN_NB));
            assertFalse(s.notCollected.containsKey(OvnKubernetesPlugin.OVN_SB));
            // A row's evidence names the member and the row.
            LogicalSwitch own = s.of(LogicalSwitch.class).stream().filter(ls -> ls.name().equals(node)).findFirst()
                    .orElseThrow();
            assertEquals(store + pod + "_nbdb", own.source().file());
            assertTrue(own.source().text().startsWith("Logical_Switch "), own.source().text());
        }
        assertTrue(Files.exists(mg));
    }

    @Test
    void legacyCentralDatabaseIsSplitByNode(@TempDir Path root) throws Exception {
        Path mg = mustGather(root);
        Files.write(mg.resolve("network_logs/leader_nbdb.gz"), gzip(OvnTopology.legacyNb(NODES).standalone()));
        Files.write(mg.resolve("network_logs/leader_sbdb.gz"), gzip(OvnTopology.legacySb(NODES).standalone()));
        Run r = run(root);
        assertEquals(List.of(), r.warnings());
        Session a = r.of("node-a");
        // Its own rows and the shared ones...
        assertEquals(Set.of("node-a", "ext_node-a", "join"), a.names(LogicalSwitch.class, LogicalSwitch::name));
        assertEquals(Set.of("GR_node-a", "ovn_cluster_router"), a.names(LogicalRouter.class, LogicalRouter::name));
        assertEquals(Set.of("rtos-node-a", "rtoj-GR_node-a", "rtoe-GR_node-a", "rtoj-ovn_cluster_router"),
                a.names(LogicalRouterPort.class, LogicalRouterPort::name));
        assertEquals(Set.of("k8s-node-a", "stor-node-a", "demo_web-node-a", "jtor-GR_node-a", "etor-GR_node-a",
                "br-ex_node-a", "jtor-ovn_cluster_router"), a.names(LogicalSwitchPort.class, LogicalSwitchPort::name));
        assertEquals(Set.of("GR_node-a"), a.names(LogicalRouterStaticRoute.class, LogicalRouterStaticRoute::routerName));
        assertEquals(Set.of("Service_demo/web_TCP_cluster", "Service_default/np_TCP_node_router_node-a"),
                a.names(LoadBalancer.class, LoadBalancer::name));
        assertEquals(Set.of("clusterLBGroup"), a.names(LoadBalancerGroup.class, LoadBalancerGroup::name));
        assertEquals(1, a.of(NbGlobal.class).size());
        // ... every chassis (shared), only its own pod's binding.
        assertEquals(3, a.of(Chassis.class).size());
        assertEquals(Set.of("demo_web-node-a"), a.names(PortBinding.class, PortBinding::logicalPort));
        // The shared router still lists every node's port by name: it is the central row as it is.
        LogicalRouter ocr = a.of(LogicalRouter.class).stream().filter(x -> x.name().equals("ovn_cluster_router"))
                .findFirst().orElseThrow();
        assertTrue(ocr.ports().contains("rtos-node-b"));
        assertNull(ocr.zone(), "a central row has no zone");
        String leader = "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b/network_logs/";
        for (String node : NODES) {
            assertEquals(Map.of(OvnKubernetesPlugin.OVN_NB, leader + "leader_nbdb.gz",
                    OvnKubernetesPlugin.OVN_SB, leader + "leader_sbdb.gz"), r.of(node).collected, node);
        }
        Session c = r.of("node-c");
        assertEquals(Set.of("node-c", "ext_node-c", "join"), c.names(LogicalSwitch.class, LogicalSwitch::name));
        assertEquals(Set.of("demo_web-node-c"), c.names(PortBinding.class, PortBinding::logicalPort));
    }

    @Test
    void aDatabaseOfNoNodeIsAWarningAndNotUsed(@TempDir Path root) throws Exception {
        Path ovn = Files.createDirectories(root.resolve("cluster/ovn"));
        // A zone's NB named after a node the capture does not have.
        Files.writeString(ovn.resolve("stray_nbdb.json"), OvnTopology.icNb(List.of("node-z"), "node-z").dump());
        // An NB that says no zone: no name, no gateway router.
        Files.writeString(ovn.resolve("empty_nbdb.json"), OvnDbFile.nb().row("NB_Global", "g", "options",
                Map.of("mac_prefix", "0a:58:0a")).dump());
        Files.createDirectories(root.resolve("nodes/node-a"));
        Run r = run(root);
        List<String> w = r.warnings().stream().map(x -> x.source() + ": " + x.text()).toList();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("cluster/ovn/empty_nbdb.json: cannot tell which node's OVN database this is"),
                w.get(0));
        assertTrue(w.get(1).startsWith("cluster/ovn/stray_nbdb.json: OVN zone node-z is no node of the capture"),
                w.get(1));
        for (Session s : r.sessions().values()) {
            assertTrue(s.of(OvnFact.class).isEmpty());
            assertEquals("none of the capture's OVN databases is this node's NB (its zone's)",
                    s.notCollected.get(OvnKubernetesPlugin.OVN_NB));
            assertTrue(s.notCollected.get(OvnKubernetesPlugin.OVN_SB).startsWith("none of the capture's"));
        }
    }

    @Test
    void withoutAnyDatabaseTheNodeInputsAreNotCollectedAndSayWhere(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("nodes/node-a"));
        Session a = run(root).of("node-a");
        assertEquals(Map.of(), a.collected);
        assertTrue(a.notCollected.get(OvnKubernetesPlugin.OVN_NB).startsWith("the capture holds no OVN database"),
                a.notCollected.toString());
        assertTrue(a.notCollected.get(OvnKubernetesPlugin.OVN_NB).contains(
                "ovsdb-client_-f_json_dump_unix_.var.run.ovn.ovnnb_db.sock_OVN_Northbound"), a.notCollected.toString());
    }

    /** A node folder of a netrules capture: the DB dumps, ovs-vsctl's rows and interfaces, ip. */
    static void nodeFolder(Path root, String node, boolean withDbs, String encapIp, String... ifaceIds)
            throws IOException {
        Path d = Files.createDirectories(root.resolve("nodes/" + node));
        if (withDbs) {
            Files.writeString(d.resolve(OvnNodeData.NB_DUMP_FILE), OvnTopology.icNb(NODES, node).dump());
            Files.writeString(d.resolve(OvnNodeData.SB_DUMP_FILE), OvnTopology.icSb(NODES, node).dump());
        }
        Files.writeString(d.resolve("ovs-vsctl_-t_5_list_Open_vSwitch"), """
                _uuid               : 7284c4c5-67e8-4ca4-98da-b5fefe4c5f52
                bridges             : [6c392e76-aab4-4110-bbd9-8a07e19e464a]
                external_ids        : {hostname=%s, ovn-bridge-mappings="physnet:br-ex", ovn-encap-ip="%s", ovn-encap-type=geneve, ovn-is-interconn="true", ovn-remote="unix:/var/run/ovn/ovnsb_db.sock", rundir="/var/run/openvswitch", system-id="%s"}
                ovs_version         : "3.1.5"
                """.formatted(node, encapIp, OvnTopology.systemId(node)));
        StringBuilder ifaces = new StringBuilder();
        int n = 0;
        for (String id : ifaceIds) {
            if (n > 0) {
                ifaces.append('\n');
            }
            ifaces.append("""
                    _uuid               : 4b04d568-2110-478b-a5ed-c0197b80636%d
                    error               : []
                    external_ids        : {attached_mac="0a:58:0a:80:02:05", iface-id=%s, iface-id-ver="9d1c6e0a-2b3f-4c5d-8e7f-0a1b2c3d4e5f", ip_addresses="10.128.2.5/23", ovn-installed="true", sandbox="a1b2c3"}
                    mtu                 : 1400
                    name                : "a1b2c3d4e5f6%d"
                    ofport              : %d
                    options             : {}
                    type                : ""
                    """.formatted(n, id, n, 10 + n));
            n++;
        }
        Files.writeString(d.resolve("ovs-vsctl_-t_5_list_interface"), ifaces.toString());
        Files.writeString(d.resolve("ip_-d_address"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                2: br-ex: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/ether 52:54:00:aa:bb:01 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
                    openvswitch numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                    inet 10.0.0.10/24 brd 10.0.0.255 scope global dynamic noprefixroute br-ex
                       valid_lft 3011sec preferred_lft 3011sec
                """);
    }

    @Test
    void nodeFolderDumpsArePairedByZoneAndThePrePassTellsIdentitiesAndForeignClaims(@TempDir Path root)
            throws Exception {
        // node-a holds its DBs; node-b's ovs claims node-a's pod (demo/web-node-a); node-c has no OVS rows.
        nodeFolder(root, "node-a", true, "10.0.0.10", "demo_web-node-a");
        nodeFolder(root, "node-b", false, "10.0.0.99", "demo_web-node-b", "demo_web-node-a");
        Files.createDirectories(root.resolve("nodes/node-c"));
        Run r = run(root);
        assertEquals(List.of(), r.warnings());
        Session a = r.of("node-a");
        assertEquals("nodes/node-a/" + OvnNodeData.NB_DUMP_FILE, a.collected.get(OvnKubernetesPlugin.OVN_NB));
        assertEquals("nodes/node-a/" + OvnNodeData.SB_DUMP_FILE, a.collected.get(OvnKubernetesPlugin.OVN_SB));
        assertTrue(a.names(LogicalSwitch.class, LogicalSwitch::name).contains("node-a"));
        assertFalse(r.of("node-b").collected.containsKey(OvnKubernetesPlugin.OVN_NB), "node-b's DB is not node-a's");

        // Every session (and the cluster's) has both identities; node-b's encap IP is on no interface.
        List<OvsIdentity> ids = a.of(OvsIdentity.class);
        assertEquals(List.of("node-a", "node-b"), ids.stream().map(OvsIdentity::node).toList());
        assertEquals(OvnTopology.systemId("node-a"), ids.get(0).systemId());
        assertEquals(Boolean.TRUE, ids.get(0).encapIpConfigured());
        assertEquals("10.0.0.99", ids.get(1).encapIp());
        assertEquals(Boolean.FALSE, ids.get(1).encapIpConfigured());
        assertEquals("nodes/node-b/ovs-vsctl_-t_5_list_Open_vSwitch", ids.get(1).source().file());
        assertEquals(ids, r.of("node-c").of(OvsIdentity.class));
        assertEquals(ids, r.data().clusterFacts());

        // The claim is in the pod's node's session, naming the claiming node and its interface line.
        List<ForeignPortClaim> claims = a.of(ForeignPortClaim.class);
        assertEquals(1, claims.size(), claims.toString());
        assertEquals("node-a", claims.get(0).podNode());
        assertEquals("node-b", claims.get(0).claimingNode());
        assertEquals("demo_web-node-a", claims.get(0).ifaceId());
        assertEquals("nodes/node-b/ovs-vsctl_-t_5_list_interface", claims.get(0).source().file());
        assertEquals(List.of(), r.of("node-b").of(ForeignPortClaim.class), "node-b's own pod is not foreign");
    }

    @Test
    void aZoneIsTheNodeWhoseOvsSystemIdIsItsLocalChassis(@TempDir Path root) throws Exception {
        // A sosreport's SB only (no NB), its chassis hostname the FQDN, not the node name.
        nodeFolder(root, "node-b", false, "10.0.0.11");
        OvnDbFile sb = OvnDbFile.sb();
        OvnTopology.chassis(sb, NODES, "node-b", false, "node-b.ocp.example.com");
        OvnTopology.chassis(sb, NODES, "node-a", true, "node-a.ocp.example.com");
        Path ovn = Files.createDirectories(root.resolve("cluster/ovn"));
        Files.write(ovn.resolve("ovnsb_db.db"), sb.standalone());
        Run r = run(root);
        assertEquals(List.of(), r.warnings());
        assertEquals("cluster/ovn/ovnsb_db.db", r.of("node-b").collected.get(OvnKubernetesPlugin.OVN_SB));
        assertEquals(2, r.of("node-b").of(Chassis.class).size());
        assertTrue(r.of("node-a").of(Chassis.class).isEmpty());
    }

    @Test
    void aSecondFileOfTheSameZoneIsAWarning(@TempDir Path root) throws Exception {
        icStore(root);
        nodeFolder(root, "node-a", true, "10.0.0.10");
        Run r = run(root);
        List<String> w = r.warnings().stream().map(x -> x.source() + ": " + x.text()).toList();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).endsWith("ovnkube-node-aaaaa_nbdb: nodes/node-a/" + OvnNodeData.NB_DUMP_FILE
                + " already gives node node-a's NB database; not used"), w.get(0));
        assertEquals("nodes/node-a/" + OvnNodeData.NB_DUMP_FILE, r.of("node-a").collected.get(OvnKubernetesPlugin.OVN_NB));
    }

    /**
     * A store member is given its node by its zone tables alone and read whole in that node's
     * session: when the whole read tells another zone (here a last record renames NB_Global to
     * node-c but is invalid in a table the first look skips, so a whole read stops before it),
     * the pair is not used, with a warning naming the files, and the node it was given says why
     * its databases are not collected.
     */
    @Test
    void aStorePairWhoseWholeReadTellsAnotherZoneIsNotUsed(@TempDir Path root) throws Exception {
        Path mg = mustGather(root);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("ovnkube-node-aaaaa_nbdb", OvnTopology.icNb(NODES, "node-a").standalone());
        members.put("ovnkube-node-aaaaa_sbdb", OvnTopology.icSb(NODES, "node-a").standalone());
        StringBuilder rename = new StringBuilder(new String(OvnTopology.icNb(NODES, "node-b").standalone(),
                java.nio.charset.StandardCharsets.UTF_8));
        String nbGlobal = java.util.UUID.nameUUIDFromBytes("NB_Global/nb_global".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        String someSwitch = java.util.UUID.nameUUIDFromBytes("Logical_Switch/node-b".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        OvnDbFile.record(rename, "{\"NB_Global\":{\"" + nbGlobal + "\":{\"name\":\"node-c\"}},"
                + "\"Logical_Switch\":{\"" + someSwitch + "\":{\"no_such_column\":1}},\"_date\":1796678948329}");
        members.put("ovnkube-node-bbbbb_nbdb", rename.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        members.put("ovnkube-node-bbbbb_sbdb", OvnTopology.icSb(NODES, "node-b").standalone());
        store(mg.resolve("network_logs/ovnk_database_store.tar.gz"), members);
        Run r = run(root);
        String store = "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b/"
                + "network_logs/ovnk_database_store.tar.gz/ovnk_database_store/";
        List<String> w = r.warnings().stream().map(x -> x.source() + ":" + x.line() + ": " + x.text()).sorted().toList();
        assertEquals(List.of(
                store + "ovnkube-node-bbbbb_nbdb:0: OVN zone node-b is node node-b's, not node-c's as its NB_Global,"
                        + " gateway routers and chassis alone said: " + store + "ovnkube-node-bbbbb_nbdb and " + store
                        + "ovnkube-node-bbbbb_sbdb not used",
                store + "ovnkube-node-bbbbb_nbdb:5: no column no_such_column in table Logical_Switch; the database is"
                        + " read up to the record before it"), w);
        Session c = r.of("node-c");
        assertTrue(c.of(OvnFact.class).isEmpty());
        assertEquals("none of the capture's OVN databases is this node's NB (its zone's): " + store
                + "ovnkube-node-bbbbb_nbdb is another zone's when read whole", c.notCollected.get(OvnKubernetesPlugin.OVN_NB));
        assertFalse(c.collected.containsKey(OvnKubernetesPlugin.OVN_SB));
        Session b = r.of("node-b");
        assertTrue(b.of(OvnFact.class).isEmpty());
        assertEquals("none of the capture's OVN databases is this node's NB (its zone's)",
                b.notCollected.get(OvnKubernetesPlugin.OVN_NB));
        assertEquals(Set.of("node-a"), r.of("node-a").names(NbGlobal.class, NbGlobal::name));
        assertEquals(store + "ovnkube-node-aaaaa_sbdb", r.of("node-a").collected.get(OvnKubernetesPlugin.OVN_SB));
    }

    @Test
    void mustGatherContainerLogsAndXfrmStatesGoToThePodsNode(@TempDir Path root) throws Exception {
        Path mg = mustGather(root);
        Path parsers = io.netrules.TestPaths.project().resolve("src/test/resources/parsers/ovn");
        Path pod = mg.resolve("namespaces/openshift-ovn-kubernetes/pods/ovnkube-node-bbbbb");
        Path controller = Files.createDirectories(pod.resolve("ovn-controller/ovn-controller/logs"));
        Files.copy(parsers.resolve("ovn-controller.log"), controller.resolve("current.log"));
        // An older release: the container is ovnkube-node (= ovnkube-controller).
        Path kube = Files.createDirectories(pod.resolve("ovnkube-node/ovnkube-node/logs"));
        Files.copy(parsers.resolve("ovnkube-controller.log"), kube.resolve("current.log"));
        Path xfrm = Files.createDirectories(mg.resolve("network_logs/ipsec/xfrm"));
        Files.copy(parsers.resolve("ovn-ipsec-host-x7k2p_state.log"), xfrm.resolve("ovnkube-node-ccccc_state.log"));
        Files.writeString(xfrm.resolve("ovnkube-node-zzzzz_state.log"), "");
        Run r = run(root);
        Session b = r.of("node-b");
        String pods = "must-gather.local.1/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-1a2b/namespaces/"
                + "openshift-ovn-kubernetes/pods/ovnkube-node-bbbbb/";
        assertEquals(pods + "ovn-controller/ovn-controller/logs/current.log",
                b.collected.get(OvnKubernetesPlugin.LOGS_OVN_CONTROLLER));
        assertEquals(pods + "ovnkube-node/ovnkube-node/logs/current.log",
                b.collected.get(OvnKubernetesPlugin.LOGS_OVNKUBE_CONTROLLER));
        assertFalse(b.of(OvnControllerLog.class).isEmpty());
        assertTrue(b.of(OvnControllerLog.class).stream().allMatch(l -> "node-b".equals(l.node())));
        assertTrue(r.of("node-a").of(OvnControllerLog.class).isEmpty());
        assertEquals("the must-gather has no log of this container of the node's ovnkube-node pod",
                r.of("node-a").notCollected.get(OvnKubernetesPlugin.LOGS_OVN_CONTROLLER));
        Session c = r.of("node-c");
        assertTrue(c.collected.get(OvnKubernetesPlugin.XFRM_STATE).endsWith("network_logs/ipsec/xfrm/ovnkube-node-ccccc_state.log"));
        assertFalse(c.of(XfrmState.class).isEmpty());
        assertTrue(r.warnings().stream().anyMatch(w -> w.source().endsWith("ovnkube-node-zzzzz_state.log")
                && w.text().startsWith("pod not among the pods read")), r.warnings().toString());
    }

    @Test
    void everyNodeInputOfTheContractIsOneRulesCanRequire() {
        for (String input : List.of("ovn-nb", "ovn-sb", "northd-status", "ovnctl-conn", "ovs-open_vswitch",
                "ovs-interface", "ovs-show", "ip-address", "ip-link", "ip-route", "sysctl", "xfrm-state",
                "logs:ovn-controller", "logs:ovnkube-controller")) {
            assertTrue(io.netrules.engine.RuleBase.knownInput(input), input);
        }
    }

    @Test
    void northdAndOvnControllerStatus() {
        var northd = ParseContext.collecting("node-a", "nodes/node-a/ovn-appctl_-t_ovn-northd_status", "northd-status")
                .parse(new io.netrules.plugins.ovnkubernetes.parse.NorthdStatusParser(), "Status: standby\n");
        assertEquals(List.of("standby"), northd.facts(NorthdStatus.class).stream().map(NorthdStatus::status).toList());
        assertEquals(List.of(), northd.warnings);
        var down = ParseContext.collecting("node-a", "f", "northd-status").parse(
                new io.netrules.plugins.ovnkubernetes.parse.NorthdStatusParser(),
                "2024-01-02T03:04:05Z|00001|unixctl|WARN|failed to connect to /var/run/ovn/ovn-northd.1.ctl\n"
                        + "ovn-appctl: cannot connect to \"/var/run/ovn/ovn-northd.1.ctl\" (No such file or directory)\n");
        assertTrue(down.ctx.toolError() != null, "northd not running: the input failed");
        var conn = ParseContext.collecting("node-a", "f", "ovnctl-conn").parse(
                new io.netrules.plugins.ovnkubernetes.parse.OvnControllerConnectionParser(), "not connected\n");
        assertEquals(List.of(false), conn.facts(io.netrules.plugins.ovnkubernetes.model.OvnControllerConnection.class)
                .stream().map(io.netrules.plugins.ovnkubernetes.model.OvnControllerConnection::connected).toList());
        var odd = ParseContext.collecting("node-a", "f", "ovnctl-conn").parse(
                new io.netrules.plugins.ovnkubernetes.parse.OvnControllerConnectionParser(), "maybe\n");
        assertEquals(1, odd.warnings.size());
    }
}
