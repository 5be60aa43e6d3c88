package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterPort;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.netrules.plugins.ovnkubernetes.rules.TopologyChecks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the topology and gateway rules expect of the NB, from settings and annotations. */
class TopologyChecksTest {

    private static final NetworkConfig NC = new NetworkConfig("cluster", "OVNKubernetes", "OVNKubernetes", 1400,
            List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23), new NetworkConfig.CidrBlock("fd01::/48", 64)),
            List.of("172.30.0.0/16"), null);

    private static LogicalRouterPort port(String name, String... networks) {
        return new LogicalRouterPort(OvnDb.NB, "worker-0", "u", name, "ovn_cluster_router", "0a:58:64:40:00:01",
                List.of(networks), null, List.of(), Map.of(), Map.of(), null);
    }

    private static OvnClusterConfig join(String join) {
        return new OvnClusterConfig(null, null, null, null, null, join, null, null, false, false, List.of(), null, null);
    }

    @Test
    void clusterNetworkMembershipAndHostPrefix() {
        assertEquals(List.of("10.128.0.0/14", "fd01::/48"), clusterCidrs(NC));
        assertTrue(inClusterNetwork(NC, "10.131.254.0/23"));
        assertFalse(inClusterNetwork(NC, "10.132.0.0/23"));
        assertTrue(inClusterNetwork(NC, "fd01:0:0:7::/64"));
        assertEquals(23, hostPrefixFor(NC, "10.130.0.0/24"));
        assertEquals(64, hostPrefixFor(NC, "fd01:0:0:7::/64"));
        assertEquals(-1, hostPrefixFor(NC, "10.200.0.0/23"));
        assertEquals(-1, hostPrefixFor(null, "10.130.0.0/23"));
    }

    @Test
    void defaultRoutesPerFamily() {
        assertEquals(List.of(4, 6), families(List.of("fd00::1", "192.168.126.1", "192.168.126.2")));
        assertTrue(isDefaultPrefix("0.0.0.0/0", 4));
        assertTrue(isDefaultPrefix("::/0", 6));
        assertFalse(isDefaultPrefix("0.0.0.0/0", 6));
        assertFalse(isDefaultPrefix("10.128.0.0/14", 4));
        assertFalse(isDefaultPrefix("0.0.0.0", 4));
        assertTrue(isKernelDefault("default", "192.168.126.1", 4));
        assertFalse(isKernelDefault("default", "fe80::1", 4));
        assertFalse(isKernelDefault("10.0.0.0/8", "192.168.126.1", 4));
    }

    @Test
    void physicalIpsPreferThePluralKey() {
        assertEquals(List.of("192.168.126.52", "fd00::52"),
                physicalIps(Map.of("physical_ips", "192.168.126.52,fd00::52", "physical_ip", "192.168.126.52")));
        assertEquals(List.of("192.168.126.52"), physicalIps(Map.of("physical_ip", "192.168.126.52")));
        assertNull(physicalIps(Map.of()));
    }

    @Test
    void joinNextHopFromTheClusterRouterPortElseTheJoinSubnet() {
        assertEquals("100.64.0.1", joinNextHop(List.of(port("rtoj-ovn_cluster_router", "100.64.0.1/16")), List.of(), 4));
        assertEquals("fd98::1", joinNextHop(List.of(port("rtoj-ovn_cluster_router", "100.64.0.1/16", "fd98::1/64")),
                List.of(), 6));
        assertEquals("100.99.0.1", joinNextHop(List.of(), List.of(join("100.99.0.0/16")), 4));
        assertEquals("100.64.0.1", joinNextHop(List.of(), List.of(join(null)), 4));
        assertEquals("fd98::1", joinNextHop(List.of(), List.of(), 6));
    }

    @Test
    void srcIpRouteNextHopDependsOnTheGatewayMode() {
        assertEquals("100.64.0.3", srcIpNextHop("shared", "10.129.0.0/23", List.of("100.64.0.3/16")));
        assertEquals("10.129.0.2", srcIpNextHop("local", "10.129.0.0/23", List.of("100.64.0.3/16")));
        assertEquals("fd98::3", srcIpNextHop("shared", "fd01:0:0:2::/64", List.of("100.64.0.3/16", "fd98::3/64")));
        assertNull(srcIpNextHop("shared", "fd01:0:0:2::/64", List.of("100.64.0.3/16")));
        assertNull(srcIpNextHop("disabled", "10.129.0.0/23", List.of("100.64.0.3/16")));
    }

    @Test
    void remoteRoutesOvnkWritesForAPeer() {
        List<String> subnets = List.of("10.130.0.0/23");
        List<String> joins = List.of("100.64.0.4/16");
        List<String> transit = List.of("100.88.0.4/16");
        assertTrue(expectedRemoteRoute("10.130.0.0/23", "100.88.0.4", subnets, joins, transit));
        assertTrue(expectedRemoteRoute("100.64.0.4", "100.88.0.4", subnets, joins, transit));
        assertTrue(expectedRemoteRoute("100.64.0.4/32", "100.88.0.4", subnets, joins, transit));
        assertFalse(expectedRemoteRoute("10.130.0.0/23", "100.88.0.9", subnets, joins, transit));
        assertFalse(expectedRemoteRoute("10.132.0.0/23", "100.88.0.4", subnets, joins, transit));
        assertFalse(expectedRemoteRoute("100.64.0.5", "100.88.0.4", subnets, joins, transit));
        // join addresses not annotated (older nodes): any host route via the transit address is OVN-K's
        assertTrue(expectedRemoteRoute("100.64.0.5", "100.88.0.4", subnets, List.of(), transit));
        assertFalse(expectedRemoteRoute("garbage", "100.88.0.4", subnets, joins, transit));
    }

    @Test
    void remotePortAddressesAndChassis() {
        assertTrue(containsAllAddresses(List.of("0a:58:64:58:00:04 100.88.0.4/16"), List.of("100.88.0.4/16")));
        assertFalse(containsAllAddresses(List.of("0a:58:64:58:00:04 100.88.0.4/16"),
                List.of("100.88.0.4/16", "fd97::4/64")));
        assertTrue(requestsChassisOf("worker-2", "worker-2", "6fb269cd"));
        assertTrue(requestsChassisOf("6fb269cd", "worker-2", "6fb269cd"));
        assertFalse(requestsChassisOf("worker-1", "worker-2", "6fb269cd"));
        assertFalse(requestsChassisOf(null, "worker-2", "6fb269cd"));
    }
}
