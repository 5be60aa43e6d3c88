package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.TestPaths;
import io.netrules.model.Source;
import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed facts of the real files make-samples.sh wrote: the topology it built, after the
 * changes it made (a VIP's backends replaced, an option removed, a port, a route and a load
 * balancer deleted), in both formats, gzip'ed or not.
 */
class OvnFactsTest {
    static final String LOCAL_CHASSIS = "8d7d1c5e-59a4-4b6e-9b55-0c61a3f0e001";
    static final String REMOTE_CHASSIS = "3b1f6a2c-7e0d-4c1a-a7f4-5d2e9c8b0002";

    static Path dir() {
        return TestPaths.project().resolve("src/test/resources/ovsdb");
    }

    static OvsdbDatabase read(String name) throws Exception {
        return OvsdbReader.read(dir().resolve(name), "network_logs/" + name, null, InputLimits.DEFAULTS);
    }

    static <T> List<T> facts(List<OvnFact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T> T one(List<OvnFact> facts, Class<T> type, java.util.function.Predicate<T> which) {
        List<T> found = facts(facts, type).stream().filter(which).toList();
        assertEquals(1, found.size(), type.getSimpleName() + ": " + found);
        return found.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb-standalone.db", "nb-standalone.db.gz", "nb-clustered.db", "nb-clustered.db.gz"})
    void northboundTopology(String file) throws Exception {
        OvsdbDatabase db = read(file);
        List<OvnFact> f = OvnFacts.of(db, OvnDb.of(db).orElseThrow(), "worker-0");

        LogicalSwitch ls = one(f, LogicalSwitch.class, s -> true);
        assertEquals("worker-0", ls.name());
        assertEquals(Set.of("stor-worker-0", "k8s-worker-0", "demo_web-0"), Set.copyOf(ls.ports()));
        assertEquals(List.of("Service_demo/web_TCP_cluster"), ls.loadBalancers());
        assertEquals(List.of("clusterSwitchLBGroup"), ls.loadBalancerGroups());
        assertEquals(Map.of("subnet", "10.128.0.0/23", "exclude_ips", "10.128.0.2", "mcast_snoop", "false"),
                ls.otherConfig());

        LogicalSwitchPort pod = one(f, LogicalSwitchPort.class, p -> p.name().equals("demo_web-0"));
        assertEquals("worker-0", pod.switchName());
        assertEquals(List.of("0a:58:0a:80:00:03 10.128.0.3"), pod.addresses());
        assertEquals(List.of("0a:58:0a:80:00:03 10.128.0.3"), pod.portSecurity());
        assertEquals("worker-0", pod.options().get("requested-chassis"));
        assertEquals(Boolean.TRUE, pod.up());
        assertNull(pod.enabled());
        LogicalSwitchPort mgmt = one(f, LogicalSwitchPort.class, p -> p.name().equals("k8s-worker-0"));
        assertEquals(Boolean.TRUE, mgmt.enabled());
        assertEquals(Boolean.FALSE, mgmt.up());
        assertEquals("router", one(f, LogicalSwitchPort.class, p -> p.name().equals("stor-worker-0")).type());
        assertEquals(3, facts(f, LogicalSwitchPort.class).size(), "demo_old-1 was deleted");

        LoadBalancer lb = one(f, LoadBalancer.class, l -> true);
        assertEquals("Service_demo/web_TCP_cluster", lb.name());
        assertEquals(Map.of("172.30.0.10:80", "10.128.0.3:8080,10.128.2.3:8080"), lb.vips());
        assertEquals(Map.of("reject", "true"), lb.options(), "option event was removed");
        assertEquals("demo/web", lb.externalIds().get("k8s.ovn.org/owner"));
        assertEquals("tcp", lb.protocol());
        LoadBalancerGroup group = one(f, LoadBalancerGroup.class, g -> true);
        assertEquals(List.of("Service_demo/web_TCP_cluster"), group.loadBalancers(), "the db LB was deleted");

        LogicalRouter gr = one(f, LogicalRouter.class, r -> r.name().equals("GR_worker-0"));
        assertEquals(LOCAL_CHASSIS, gr.options().get("chassis"));
        assertEquals(List.of("rtoe-GR_worker-0"), gr.ports());
        LogicalRouter cluster = one(f, LogicalRouter.class, r -> r.name().equals("ovn_cluster_router"));
        assertEquals(Set.of("rtos-worker-0", "rtots-worker-0"), Set.copyOf(cluster.ports()));
        assertEquals(1, cluster.staticRoutes().size(), "10.128.2.0/23 was deleted");

        List<LogicalRouterStaticRoute> routes = facts(f, LogicalRouterStaticRoute.class);
        assertEquals(2, routes.size());
        LogicalRouterStaticRoute def = one(f, LogicalRouterStaticRoute.class, r -> r.ipPrefix().equals("0.0.0.0/0"));
        assertEquals("GR_worker-0", def.routerName());
        assertEquals("172.18.0.1", def.nexthop());
        assertEquals("rtoe-GR_worker-0", def.outputPort());
        assertEquals("dst-ip", def.policy());
        LogicalRouterStaticRoute srcIp = one(f, LogicalRouterStaticRoute.class, r -> r.policy().equals("src-ip"));
        assertEquals("ovn_cluster_router", srcIp.routerName());
        assertEquals("10.128.0.0/23", srcIp.ipPrefix());
        assertEquals("100.64.0.2", srcIp.nexthop());
        assertNull(srcIp.outputPort());
        assertEquals(srcIp.uuid(), cluster.staticRoutes().get(0));

        LogicalRouterPort rtos = one(f, LogicalRouterPort.class, p -> p.name().equals("rtos-worker-0"));
        assertEquals("ovn_cluster_router", rtos.routerName());
        assertEquals(List.of("10.128.0.1/23"), rtos.networks());
        assertEquals("0a:58:0a:80:00:01", rtos.mac());
        LogicalRouterPort rtots = one(f, LogicalRouterPort.class, p -> p.name().equals("rtots-worker-0"));
        GatewayChassis gc = one(f, GatewayChassis.class, g -> true);
        assertEquals(List.of(gc.name()), rtots.gatewayChassis());
        assertEquals("rtots-worker-0", gc.routerPort());
        assertEquals(LOCAL_CHASSIS, gc.chassisName());
        assertEquals(1, gc.priority());

        NbGlobal global = one(f, NbGlobal.class, g -> true);
        assertEquals(file.startsWith("nb-standalone") ? "worker-0" : "", global.name());
        assertFalse(global.ipsec());

        for (OvnFact fact : f) {
            assertEquals(OvnDb.NB, fact.db());
            assertEquals("worker-0", fact.zone());
        }
        if (!file.endsWith(".gz")) {
            sourcesNameTheLineThatWroteTheRow(f, file);
        }
    }

    /** Every fact's Source names the file, a line of it that holds the row's UUID, and "Table uuid". */
    static void sourcesNameTheLineThatWroteTheRow(List<OvnFact> facts, String file) throws Exception {
        List<String> lines = Files.readAllLines(dir().resolve(file));
        for (OvnFact fact : facts) {
            Source s = fact.source();
            assertEquals("network_logs/" + file, s.file());
            assertTrue(s.line() >= 2 && s.line() <= lines.size(), s.toString());
            assertTrue(lines.get(s.line() - 1).contains("\"" + fact.uuid() + "\""), s + " holds " + fact.uuid());
            assertTrue(s.text().endsWith(" " + fact.uuid()), s.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sb-standalone.db", "sb-standalone.db.gz", "sb-clustered.db", "sb-clustered.db.gz"})
    void southbound(String file) throws Exception {
        OvsdbDatabase db = read(file);
        List<OvnFact> f = OvnFacts.of(db, OvnDb.of(db).orElseThrow(), "worker-0");
        Chassis local = one(f, Chassis.class, c -> c.name().equals(LOCAL_CHASSIS));
        assertFalse(local.remote());
        assertEquals("worker-0", local.hostname());
        assertEquals("enable-chassis-as-gw", local.otherConfig().get("ovn-cms-options"));
        Chassis remote = one(f, Chassis.class, c -> c.name().equals(REMOTE_CHASSIS));
        assertTrue(remote.remote());
        assertEquals("worker-1", remote.hostname());
        Encap remoteEncap = one(f, Encap.class, e -> e.chassisName().equals(REMOTE_CHASSIS));
        assertEquals("172.18.0.12", remoteEncap.ip());
        assertEquals("geneve", remoteEncap.type());
        assertEquals(Map.of("csum", "true"), remoteEncap.options());
        assertEquals(List.of(remoteEncap.uuid()), remote.encaps());

        PortBinding pod = one(f, PortBinding.class, p -> p.logicalPort().equals("demo_web-0"));
        assertEquals(LOCAL_CHASSIS, pod.chassis());
        assertEquals(LOCAL_CHASSIS, pod.requestedChassis());
        assertEquals("worker-0", pod.datapath());
        assertEquals(Boolean.TRUE, pod.up());
        assertEquals(List.of("0a:58:0a:80:00:03 10.128.0.3"), pod.mac());
        PortBinding mgmt = one(f, PortBinding.class, p -> p.logicalPort().equals("k8s-worker-0"));
        assertNull(mgmt.chassis());
        assertEquals("l3gateway", one(f, PortBinding.class, p -> p.logicalPort().equals("rtoe-GR_worker-0")).type());
        assertEquals("GR_worker-0",
                one(f, PortBinding.class, p -> p.logicalPort().equals("rtoe-GR_worker-0")).datapath());
        assertEquals(Set.of("rtos-worker-0", "stor-worker-0", "cr-rtots-worker-0", "rtoe-GR_worker-0", "demo_web-0",
                        "rtots-worker-0", "k8s-worker-0"),
                facts(f, PortBinding.class).stream().map(PortBinding::logicalPort).collect(Collectors.toSet()));
        one(f, SbGlobal.class, g -> true);
        for (OvnFact fact : f) {
            assertEquals(OvnDb.SB, fact.db());
        }
        if (!file.endsWith(".gz")) {
            sourcesNameTheLineThatWroteTheRow(f, file);
        }
    }

    @Test
    void zoneOfEachFile() throws Exception {
        OvnZone ic = OvnZone.of(read("nb-standalone.db"), read("sb-standalone.db")).orElseThrow();
        assertEquals("worker-0", ic.name());
        assertEquals(OvnZone.Basis.NB_GLOBAL_NAME, ic.basis());
        assertTrue(ic.source().text().startsWith("NB_Global "));

        // No NB_Global.name: the one gateway router tells it.
        OvnZone byRouter = OvnZone.of(read("nb-clustered.db"), null).orElseThrow();
        assertEquals("worker-0", byRouter.name());
        assertEquals(OvnZone.Basis.GATEWAY_ROUTER, byRouter.basis());

        // The SB alone: its one chassis that is not another zone's.
        OvnZone bySb = OvnZone.of(null, read("sb-clustered.db")).orElseThrow();
        assertEquals("worker-0", bySb.name());
        assertEquals(OvnZone.Basis.LOCAL_CHASSIS, bySb.basis());
        assertEquals(LOCAL_CHASSIS, bySb.chassisName());
    }

    @Test
    void toolOutputGivesTheSameFactsAsTheFile() throws Exception {
        // ovn-nbctl --format=json list <Table> of each table, read with the table named by the file.
        OvsdbDatabase file = read("nb-standalone.db");
        for (String table : List.of("Logical_Switch", "Logical_Switch_Port", "Load_Balancer")) {
            OvsdbDatabase list = OvsdbReader.read(dir().resolve("nb-standalone." + table + ".json"),
                    "ovn/nb." + table + ".json", table, InputLimits.DEFAULTS);
            assertEquals(OvsdbDatabase.Format.LIST_JSON, list.format());
            // Load_Balancer is a table of both schemas: that file alone does not tell which DB it lists.
            assertEquals(table.equals("Load_Balancer") ? java.util.Optional.empty() : java.util.Optional.of(OvnDb.NB),
                    OvnDb.of(list));
            assertEquals(file.tables().get(table).keySet(), list.tables().get(table).keySet());
            for (var row : list.rows(table)) {
                assertEquals(row.columns(), file.row(table, row.uuid()).columns(), table + " " + row.uuid());
            }
        }
    }

    @Test
    void legacyCentralDbWithSeveralGatewayRoutersHasNoZone() throws Exception {
        String two = "{\"data\":[[[\"uuid\",\"a1\"],\"GR_worker-0\"],[[\"uuid\",\"a2\"],\"GR_worker-1\"]],"
                + "\"headings\":[\"_uuid\",\"name\"]}";
        OvsdbDatabase db = OvsdbReader.read(new java.io.ByteArrayInputStream(two.getBytes()), "ovn/lr.json",
                "Logical_Router", InputLimits.DEFAULTS);
        assertTrue(OvnZone.of(db, null).isEmpty());
        assertEquals(2, facts(OvnFacts.of(db, OvnDb.NB, null), LogicalRouter.class).size());
    }
}
