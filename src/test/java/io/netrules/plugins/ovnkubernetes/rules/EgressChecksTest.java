package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall.Port;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall.Rule;
import io.netrules.plugins.ovnkubernetes.model.EgressIP;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EgressIP and EgressFirewall arithmetic of NR-OVNEGR-001..005. */
class EgressChecksTest {
    private static final Source SRC = new Source("cluster/egressfirewalls.json", 1, "x");

    private static EgressFirewall ef(Rule... rules) {
        return new EgressFirewall("demo", "default", List.of(rules), "EgressFirewall Rules applied", List.of(), SRC);
    }

    private static Rule cidr(int i, String type, String cidr, Port... ports) {
        return new Rule(i, type, cidr, null, false, List.of(ports));
    }

    private static OvnNode node(String name, List<String> hostCidrs, List<String> egressIpConfig) {
        return new OvnNode(name, true, true, null, null, null, name, false, List.of(), true, null, List.of(),
                List.of(), "shared", null, null, null, List.of(), List.of(), true, List.of(), hostCidrs, null,
                List.of(), true, egressIpConfig, SRC);
    }

    @Test
    void unassignedAddressesAreThoseNoStatusItemHolds() {
        EgressIP e = new EgressIP("egress-demo", List.of("192.168.126.200", "fd00:10:20::c8", "192.168.126.201"),
                List.of(new EgressIP.Assignment("192.168.126.200", "worker-1"),
                        new EgressIP.Assignment("fd00:10:20:0:0:0:0:c8", "worker-2")), SRC);
        assertEquals(List.of("192.168.126.201"), EgressChecks.unassigned(e));
    }

    @Test
    void aNodeCanHostAnAddressOfItsHostCidrsOrCloudSubnet() {
        OvnNode metal = node("worker-1", List.of("192.168.126.52/24"), List.of());
        OvnNode cloud = node("worker-2", List.of("10.0.128.5/32"), List.of("10.0.128.0/18"));
        assertTrue(EgressChecks.canHost(metal, "192.168.126.200"));
        assertFalse(EgressChecks.canHost(metal, "192.168.127.200"));
        assertTrue(EgressChecks.canHost(cloud, "10.0.130.9"));
        assertEquals("worker-2", EgressChecks.hostingNames(List.of(metal, cloud), "10.0.130.9"));
        assertEquals("none", EgressChecks.hostingNames(List.of(metal, cloud), "172.16.0.1"));
        assertEquals("worker-1, worker-2", EgressChecks.names(List.of(cloud, metal)));
    }

    @Test
    void cloudPrivateIpConfigNamesFollowTheApisConvention() {
        assertEquals("192.168.126.200", EgressChecks.cloudPrivateIpConfigName("192.168.126.200"));
        assertEquals("fc00.f853.0ccd.e793.0000.0000.0000.0054", EgressChecks.cloudPrivateIpConfigName("fc00:f853:ccd:e793::54"));
    }

    @Test
    void theFirstMatchingRuleDecides() {
        EgressFirewall f = ef(cidr(0, "Allow", "192.168.126.0/24"), cidr(1, "Allow", "203.0.113.0/24"),
                cidr(2, "Deny", "0.0.0.0/0"));
        assertFalse(EgressChecks.denies(f, "192.168.126.51", "TCP", 6443));
        assertFalse(EgressChecks.denies(f, "203.0.113.10", "TCP", 443));
        assertTrue(EgressChecks.denies(f, "198.51.100.10", "TCP", 443));
        assertEquals(2, EgressChecks.firstMatch(f, "198.51.100.10", null, null).index());
        // rules are walked in spec order, whatever order the list holds them in
        EgressFirewall shuffled = ef(cidr(2, "Deny", "0.0.0.0/0"), cidr(0, "Allow", "192.168.126.0/24"));
        assertFalse(EgressChecks.denies(shuffled, "192.168.126.51", "TCP", 6443));
        // IPv6 destinations match only IPv6 rules
        assertNull(EgressChecks.firstMatch(f, "2001:db8::1", "TCP", 443));
    }

    @Test
    void portsRestrictARule() {
        EgressFirewall f = ef(cidr(0, "Deny", "192.168.126.0/24", new Port("TCP", 443)),
                cidr(1, "Deny", "192.168.126.0/24", new Port("UDP", null)), cidr(2, "Allow", "0.0.0.0/0"));
        assertFalse(EgressChecks.denies(f, "192.168.126.51", "TCP", 6443));
        assertTrue(EgressChecks.denies(f, "192.168.126.51", "tcp", 443));
        assertTrue(EgressChecks.denies(f, "192.168.126.51", "UDP", 53));
        // ping (no transport protocol) matches only rules without ports
        assertEquals(2, EgressChecks.firstMatch(f, "192.168.126.51", null, null).index());
    }

    @Test
    void dnsNameAndNodeSelectorRulesAreSkippedAndNamed() {
        EgressFirewall f = ef(new Rule(0, "Allow", null, "api.example.com", false, List.of()),
                new Rule(1, "Allow", null, null, true, List.of()), cidr(2, "Deny", "0.0.0.0/0"));
        Rule deny = EgressChecks.firstMatch(f, "192.168.126.51", "TCP", 6443);
        assertEquals(2, deny.index());
        assertEquals("spec.egress[0] (Allow dnsName api.example.com), spec.egress[1] (Allow nodeSelector)",
                EgressChecks.skippedBefore(f, deny));
        assertEquals("none", EgressChecks.skippedBefore(ef(cidr(0, "Deny", "0.0.0.0/0")), null));
        assertEquals("spec.egress[2] Deny to 0.0.0.0/0", EgressChecks.describe(deny));
        assertEquals("spec.egress[0] Deny to 10.0.0.0/8 (TCP/443, UDP)",
                EgressChecks.describe(cidr(0, "Deny", "10.0.0.0/8", new Port("TCP", 443), new Port("UDP", null))));
    }

    @Test
    void deniedApiEndpointsAreListedWithTheirPort() {
        EndpointSlice api = new EndpointSlice("default", "kubernetes", "kubernetes", null, false, "IPv4",
                List.of(new EndpointSlice.Endpoint(List.of("192.168.126.51"), true, true, false, null),
                        new EndpointSlice.Endpoint(List.of("192.168.126.200"), true, true, false, null)),
                List.of(new EndpointSlice.Port("https", 6443, "TCP")), "1", SRC);
        EgressFirewall f = ef(cidr(0, "Allow", "192.168.126.128/25"), cidr(1, "Deny", "0.0.0.0/0"));
        assertEquals(List.of("192.168.126.51:6443"), EgressChecks.deniedEndpoints(f, List.of(api)));
        assertEquals("spec.egress[1] Deny to 0.0.0.0/0", EgressChecks.denyingRule(f, List.of(api)));
        assertEquals(List.of(), EgressChecks.deniedEndpoints(ef(cidr(0, "Allow", "0.0.0.0/0")), List.of(api)));
    }

    @Test
    void clusterAddressesAndProbeShapes() {
        NetworkConfig nc = new NetworkConfig("cluster", "OVNKubernetes", "OVNKubernetes", 1400,
                List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23)), List.of("172.30.0.0/16"), SRC);
        assertTrue(EgressChecks.inCluster("10.130.0.5", nc));
        assertTrue(EgressChecks.inCluster("172.30.0.1", nc));
        assertFalse(EgressChecks.inCluster("198.51.100.10", nc));
        assertTrue(EgressChecks.inCluster("10.129.0.1", null));
        assertEquals("TCP", EgressChecks.probeProtocol("http"));
        assertNull(EgressChecks.probeProtocol("ping"));
        assertEquals(443, EgressChecks.probePort(null, "https://198.51.100.10/healthz"));
        assertEquals(8080, EgressChecks.probePort(null, "http://198.51.100.10:8080/"));
        assertEquals(53, EgressChecks.probePort(53, null));
        assertEquals("2001:db8::5", EgressChecks.urlHost("https://[2001:db8::5]:8443/"));
    }
}
