package io.netrules.plugins.ovnkubernetes.rules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadBalancerChecksTest {

    private static final Map<String, String> VIPS = Map.of(
            "172.30.0.10:53", "10.128.0.12:5353,10.129.2.8:5353",
            "[fd02::a]:53", "[fd01:0:0:1::c]:5353",
            "172.30.99.1:80", "",
            "^NODEIP_IPv4_0:30080", "10.128.0.12:8080");

    @Test
    void vipsAreFoundWhateverTheSpelling() {
        assertTrue(LoadBalancerChecks.hasVip(VIPS, "172.30.0.10:53"));
        assertTrue(LoadBalancerChecks.hasVip(VIPS, "[fd02:0:0::a]:53"));
        assertFalse(LoadBalancerChecks.hasVip(VIPS, "172.30.0.10:5353"), "another port is another VIP");
        assertFalse(LoadBalancerChecks.hasVip(VIPS, "172.30.0.1:53"));
        assertNull(LoadBalancerChecks.canonicalEndpoint("^NODEIP_IPv4_0:30080"), "template VIPs are not compared");
        assertNull(LoadBalancerChecks.canonicalEndpoint("fd02::a:53"), "IPv6 needs its brackets");
        assertEquals(LoadBalancerChecks.canonicalEndpoint("[fd02::a]:53"), LoadBalancerChecks.canonicalEndpoint("[fd02:0::A]:053"));
    }

    @Test
    void backendsCompareAsSets() {
        assertTrue(LoadBalancerChecks.sameBackends(VIPS, "172.30.0.10:53", List.of("10.129.2.8:5353", "10.128.0.12:5353")));
        assertFalse(LoadBalancerChecks.sameBackends(VIPS, "172.30.0.10:53", List.of("10.129.2.8:5353")));
        assertTrue(LoadBalancerChecks.sameBackends(VIPS, "[fd02::a]:53", List.of("[fd01:0:0:1:0:0:0:c]:5353")));
        assertTrue(LoadBalancerChecks.sameBackends(VIPS, "172.30.99.1:80", List.of()), "an empty VIP and no endpoint agree");
        assertTrue(LoadBalancerChecks.noBackends(VIPS, "172.30.99.1:80"));
        assertFalse(LoadBalancerChecks.noBackends(VIPS, "172.30.0.10:53"));
        assertFalse(LoadBalancerChecks.noBackends(VIPS, "172.30.0.1:443"), "a VIP that is not there is not empty");
    }

    @Test
    void missingAndExtraBackendsAreNamed() {
        List<String> want = List.of("10.128.0.12:5353", "10.130.0.4:5353");
        assertEquals("10.130.0.4:5353", LoadBalancerChecks.missing(VIPS, "172.30.0.10:53", want));
        assertEquals("10.129.2.8:5353", LoadBalancerChecks.extra(VIPS, "172.30.0.10:53", want));
        assertEquals("", LoadBalancerChecks.extra(VIPS, "172.30.99.1:80", List.of()));
    }

    @Test
    void onlyTheDefaultNetworksRowsCount() {
        assertTrue(LoadBalancerChecks.defaultNetwork(Map.of("k8s.ovn.org/kind", "Service")));
        assertTrue(LoadBalancerChecks.defaultNetwork(Map.of("k8s.ovn.org/network", "default")));
        assertFalse(LoadBalancerChecks.defaultNetwork(Map.of("k8s.ovn.org/network", "tenant-blue")));
    }

    @Test
    void theVipIndexHoldsEachCanonicalVipOnceAndEveryVipHasVipFinds() {
        java.util.Map<String, String> vips = new java.util.LinkedHashMap<>(VIPS);
        vips.put("[fd02:0:0::a]:53", ""); // the same VIP as "[fd02::a]:53", spelled otherwise
        io.netrules.plugins.ovnkubernetes.model.LoadBalancer lb = new io.netrules.plugins.ovnkubernetes.model.LoadBalancer(
                io.netrules.plugins.ovnkubernetes.model.OvnDb.NB, "worker-0", "uuid-1", "Service_dns", "udp", vips,
                Map.of(), Map.of(), null);
        List<String> indexed = LoadBalancerChecks.index(lb).stream()
                .map(v -> v.loadBalancer() + " " + v.name() + " " + v.vip()).sorted().toList();
        // The template VIP is no ip:port: hasVip never finds it, so the index leaves it out.
        assertEquals(List.of("uuid-1 Service_dns 172.30.0.10:53", "uuid-1 Service_dns 172.30.99.1:80",
                "uuid-1 Service_dns [fd02:0:0:0:0:0:0:a]:53"), indexed);
        // What the rules join on: for every VIP hasVip finds, the index holds its canonical text.
        for (String vip : List.of("172.30.0.10:53", "[fd02:0:0::a]:53", "172.30.99.1:80", "172.030.0.10:53")) {
            String canonical = LoadBalancerChecks.canonicalEndpoint(vip);
            assertEquals(LoadBalancerChecks.hasVip(vips, vip),
                    LoadBalancerChecks.index(lb).stream().anyMatch(v -> v.vip().equals(canonical)), vip);
        }
    }
}
