package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.ClusterVersion;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetworkConfig;
import io.netrules.model.Node;
import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpers the node-side OVN rules (gateway, host, tunnel) call from DRL. */
class NodeSideRuleHelpersTest {
    private static final Source SRC = new Source("f", 1, "t");

    @Test
    void nthAddressesOfNodeAndMasqueradeSubnets() {
        assertEquals("10.130.0.1", HostAddresses.nth("10.130.0.0/23", 1));
        assertEquals("10.130.0.2", HostAddresses.nth("10.130.0.0/23", 2));
        assertEquals("10.130.0.2/23", HostAddresses.nthWithPrefix("10.130.0.0/23", 2));
        // host bits of the CIDR are ignored: the subnet is what counts
        assertEquals("10.130.0.2", HostAddresses.nth("10.130.1.7/23", 2));
        assertEquals("169.254.169.4", HostAddresses.nth("169.254.169.0/29", 4));
        assertEquals("169.254.0.2", HostAddresses.nth("169.254.0.0/17", 2));
        // IPv6 printed as ip prints it
        assertEquals("fd69::2", HostAddresses.nth("fd69::/125", 2));
        assertEquals("fd01:0:0:1::2", HostAddresses.nth("fd01:0:0:1::/64", 2));
        // a /31 has no 4th address; garbage is no subnet
        assertNull(HostAddresses.nth("10.0.0.0/31", 4));
        assertNull(HostAddresses.nth("not-a-cidr", 1));
        assertNull(HostAddresses.nth("10.0.0.0/33", 1));
    }

    @Test
    void addressComparisonsIgnoreSpellingAndPrefix() {
        assertTrue(HostAddresses.sameIp("fd69::2", "fd69:0:0:0:0:0:0:2"));
        assertTrue(HostAddresses.sameIp("10.0.0.1/24", "10.0.0.1"));
        assertFalse(HostAddresses.sameIp("10.0.0.1", "10.0.0.10"));
        assertFalse(HostAddresses.sameIp(null, "10.0.0.1"));
        assertFalse(HostAddresses.sameIp("example.com", "example.com"));
        assertTrue(HostAddresses.sameCidr("10.128.0.0/14", "10.128.0.0/14"));
        assertTrue(HostAddresses.sameCidr("default", "0.0.0.0/0"));
        assertFalse(HostAddresses.sameCidr("10.128.0.0/14", "10.128.0.0/16"));
        assertTrue(HostAddresses.contains("10.128.0.0/14", "10.131.255.1"));
        assertFalse(HostAddresses.contains("10.128.0.0/14", "10.132.0.1"));
        assertFalse(HostAddresses.contains("10.128.0.0/14", "fd01::1"));
        assertTrue(HostAddresses.contains("fd01::/48", "fd01:0:0:5::9"));
        assertEquals(List.of("10.0.0.0/8"), HostAddresses.sameFamily(List.of("10.0.0.0/8", "fd00::/8"), "1.2.3.4/32"));
    }

    private static OvnNode node(String name, String masquerade) {
        return new OvnNode(name, true, true, "192.168.126.51", null, "c1", name, false, List.of("10.128.0.0/23"), true,
                2, List.of(), List.of(), "shared", "br-ex", null, "52:54:00:7e:10:51", List.of(), List.of(), true,
                List.of(), List.of(), masquerade, List.of(), false, List.of(), SRC);
    }

    private static OvnClusterConfig config(String masquerade) {
        return new OvnClusterConfig(1400, 6081, null, false, null, null, null, masquerade, false, false, List.of(),
                null, SRC);
    }

    private static InterfaceAddress on(String address) {
        return new InterfaceAddress("w", "br-ex", address, 17, "inet", SRC);
    }

    @Test
    void masqueradeSubnetFromAnnotationThenOperatorThenInstallVersion() {
        GatewayMasquerade byAnnotation = GatewayMasquerade.of(node("w", "169.254.64.0/18"),
                List.of(config("169.254.2.0/29")), List.of(), List.of());
        assertEquals("169.254.64.0/18", byAnnotation.subnet());
        assertEquals("169.254.64.2", byAnnotation.hostIp());
        assertEquals("169.254.64.4", byAnnotation.nextHop());
        assertEquals("169.254.2.0/29",
                GatewayMasquerade.of(node("w", null), List.of(config("169.254.2.0/29")), List.of(), List.of()).subnet());
        ClusterVersion v416 = new ClusterVersion("version", "4.16.21", null, SRC);
        ClusterVersion v417 = new ClusterVersion("version", "4.17.3", null, SRC);
        // before 4.17 the version settles it, whatever the bridge holds
        assertEquals(GatewayMasquerade.BEFORE_4_17, GatewayMasquerade.of(node("w", null), List.of(), List.of(v416),
                List.of(on("169.254.0.2"))).subnet());
        // 4.17+: an upgraded cluster keeps /29; the bridge says which
        assertEquals(GatewayMasquerade.BEFORE_4_17, GatewayMasquerade.of(node("w", null), List.of(), List.of(v417),
                List.of(on("169.254.169.2"))).subnet());
        assertEquals(GatewayMasquerade.SINCE_4_17, GatewayMasquerade.of(node("w", null), List.of(), List.of(v417),
                List.of(on("169.254.0.2"))).subnet());
        assertEquals(GatewayMasquerade.SINCE_4_17, GatewayMasquerade.of(node("w", null), List.of(), List.of(v417),
                List.of()).subnet());
        assertEquals(GatewayMasquerade.BEFORE_4_17, GatewayMasquerade.of(node("w", null), List.of(), List.of(),
                List.of()).subnet());
    }

    @Test
    void bridgeMappingsAndLocalnetPort() {
        assertTrue(GatewayChecks.mapsPhysnet("physnet:br-ex", "br-ex"));
        assertTrue(GatewayChecks.mapsPhysnet("other:br-foo, physnet:br-ex", "br-ex"));
        assertFalse(GatewayChecks.mapsPhysnet("physnet:br-ex1", "br-ex"));
        assertFalse(GatewayChecks.mapsPhysnet("physnet0:br-ex", "br-ex"));
        assertFalse(GatewayChecks.mapsPhysnet(null, "br-ex"));
        assertEquals("br-ex_w", GatewayChecks.localnetPort(node("w", null)));
    }

    @Test
    void outsideTheClusterMeansNoClusterServiceMachineNetworkNorNodeAddress() {
        NetworkConfig nc = new NetworkConfig("cluster", "OVNKubernetes", "OVNKubernetes", 1400,
                List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23)), List.of("172.30.0.0/16"), SRC);
        OvnClusterConfig cc = new OvnClusterConfig(null, null, null, null, null, null, null, null, false, false,
                List.of("192.168.126.0/24"), null, SRC);
        Node n = new Node("w", "10.20.0.5", List.of("10.20.0.5"), false, true, SRC);
        assertTrue(GatewayChecks.outsideCluster("203.0.113.10", List.of(nc), List.of(cc), List.of(n)));
        assertFalse(GatewayChecks.outsideCluster("10.129.0.4", List.of(nc), List.of(cc), List.of(n)));
        assertFalse(GatewayChecks.outsideCluster("172.30.0.10", List.of(nc), List.of(cc), List.of(n)));
        assertFalse(GatewayChecks.outsideCluster("192.168.126.1", List.of(nc), List.of(cc), List.of(n)));
        assertFalse(GatewayChecks.outsideCluster("10.20.0.5", List.of(nc), List.of(cc), List.of(n)));
        // no network.config: the default cluster and service networks
        assertFalse(GatewayChecks.outsideCluster("10.130.0.9", List.of(), List.of(), List.of()));
        assertFalse(GatewayChecks.outsideCluster("www.example.com", List.of(), List.of(), List.of()));
    }

    private static OvnControllerLog log(OvnControllerLog.Kind kind, String time, String target, int line) {
        return new OvnControllerLog("w", kind, time, "INFO", null, null, null, target, null,
                new Source("logs/current.log", line, "x"));
    }

    @Test
    void southboundTargetsAndLogOrder() {
        assertTrue(HostChecks.southbound("unix:/var/run/ovn/ovnsb_db.sock"));
        assertTrue(HostChecks.southbound("ssl:10.0.0.3:9642"));
        assertFalse(HostChecks.southbound("unix:/var/run/openvswitch/db.sock"));
        assertFalse(HostChecks.southbound(null));
        OvnControllerLog a = log(OvnControllerLog.Kind.CONNECTED, "2026-12-07T11:20:01.234Z", "x", 5);
        OvnControllerLog b = log(OvnControllerLog.Kind.CONNECTION_DROPPED, "2026-12-07T11:50:41.511Z", "x", 7);
        OvnControllerLog c = log(OvnControllerLog.Kind.CONNECTED, "2026-12-07T11:50:41.511Z", "x", 9);
        assertTrue(HostChecks.later(b, a));
        assertFalse(HostChecks.later(a, b));
        assertTrue(HostChecks.later(c, b), "same millisecond: the later line");
        assertFalse(HostChecks.later(a, a));
    }

    @Test
    void managementPortAddressesAndSysctlKeys() {
        List<String> addresses = List.of("0a:58:0a:81:00:02 10.129.0.2");
        assertEquals("0a:58:0a:81:00:02", HostChecks.lspMac(addresses));
        assertEquals(List.of("10.129.0.2"), HostChecks.lspIps(addresses));
        assertTrue(HostChecks.lspAddressesAre(addresses, "0A:58:0A:81:00:02", List.of("10.129.0.2")));
        assertFalse(HostChecks.lspAddressesAre(addresses, "0a:58:0a:81:00:03", List.of("10.129.0.2")));
        assertFalse(HostChecks.lspAddressesAre(addresses, null, List.of("10.129.0.3")));
        assertFalse(HostChecks.lspAddressesAre(addresses, null, List.of("10.129.0.2", "fd01::2")));
        assertNull(HostChecks.lspMac(List.of("router")));
        assertEquals(List.of("10.129.0.2", "fd01::2"), HostChecks.nthOfEach(List.of("10.129.0.0/23", "fd01::/64"), 2));
        assertEquals("net.ipv4.conf.br-ex.forwarding", HostChecks.forwardingKey("br-ex"));
        assertEquals("net.ipv4.conf.br-ex/100.forwarding", HostChecks.forwardingKey("br-ex.100"));
    }

    @Test
    void genevePortEndpointsAndConnectErrors() {
        assertEquals(6081, TunnelChecks.genevePort(List.of()));
        assertEquals(6081, TunnelChecks.genevePort(List.of(config(null))));
        assertEquals(9081, TunnelChecks.genevePort(List.of(new OvnClusterConfig(null, 9081, null, null, null, null,
                null, null, false, false, List.of(), null, SRC))));
        assertEquals("10.129.0.4", TunnelChecks.hostOf("10.129.0.4:8080"));
        assertEquals("fd01::4", TunnelChecks.hostOf("[fd01::4]:8080"));
        assertTrue(TunnelChecks.tcpConnectError("network-check-target-worker-1: failed to establish a TCP connection"
                + " to 10.129.0.4:8080: dial tcp 10.129.0.4:8080: i/o timeout"));
        assertFalse(TunnelChecks.tcpConnectError("tcp connection to 10.129.0.4:8080 succeeded"));
        assertFalse(TunnelChecks.tcpConnectError(null));
    }
}
