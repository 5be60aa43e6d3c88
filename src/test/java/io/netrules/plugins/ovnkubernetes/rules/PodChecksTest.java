package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.model.KubeEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodChecksTest {

    @Test
    void addressesCompareWhateverTheirSpellingAndPrefix() {
        assertEquals("10.129.2.7", PodChecks.canonicalIp("10.129.2.7/23"));
        assertEquals(PodChecks.canonicalIp("fd01:0:0:3::7/64"), PodChecks.canonicalIp("fd01:0000:0:3:0:0:0:7"));
        assertEquals(PodChecks.canonicalIp("[fd02::a]"), PodChecks.canonicalIp("fd02:0::A"));
        assertNull(PodChecks.canonicalIp("dynamic"));
        assertNull(PodChecks.canonicalIp("router"));
        assertNull(PodChecks.canonicalIp("10.1.2"));
        assertNull(PodChecks.canonicalIp("0a:58:0a:81:02:07"), "a MAC is no IP");
    }

    @Test
    void subnetMembershipPerFamily() {
        assertTrue(PodChecks.inSubnet("10.129.2.7/23", "10.129.2.0/23"));
        assertTrue(PodChecks.inSubnet("10.129.3.254", "10.129.2.0/23"));
        assertFalse(PodChecks.inSubnet("10.129.4.1", "10.129.2.0/23"));
        assertTrue(PodChecks.inSubnet("fd01:0:0:3::7/64", "fd01:0:0:3::/64"));
        assertFalse(PodChecks.inSubnet("fd01:0:0:4::7/64", "fd01:0:0:3::/64"));
        assertFalse(PodChecks.inSubnet("10.129.2.7", "fd01:0:0:3::/64"), "never across families");
        assertFalse(PodChecks.inSubnet("10.129.2.7", "10.129.2.0"), "a CIDR needs its prefix");
    }

    @Test
    void outsideNamesEachAddressInNoSubnet() {
        List<String> subnets = List.of("10.129.2.0/23", "fd01:0:0:3::/64");
        assertEquals(List.of(), PodChecks.outside(List.of("10.129.2.7/23", "fd01:0:0:3::7/64"), subnets));
        assertEquals(List.of("10.130.0.9"), PodChecks.outside(List.of("10.130.0.9/23", "fd01:0:0:3::7/64"), subnets));
        assertTrue(PodChecks.anyOutside(List.of("fd01:0:0:5::7/64"), subnets));
        assertTrue(PodChecks.anyOutside(List.of("10.129.2.7/23"), List.of()), "no subnet holds it");
    }

    @Test
    void holdsIpIgnoresPrefixAndSpelling() {
        assertTrue(PodChecks.holdsIp(List.of("10.129.2.7/23", "fd01::7/64"), "10.129.2.7"));
        assertTrue(PodChecks.holdsIp(List.of("fd01:0::7/64"), "fd01::7"));
        assertFalse(PodChecks.holdsIp(List.of("10.129.2.70/23"), "10.129.2.7"));
        assertEquals(List.of("10.129.2.7", PodChecks.canonicalIp("fd01::7")),
                PodChecks.ips(List.of("10.129.2.7/23", "fd01::7/64", "10.129.2.7/23")));
    }

    @Test
    void holdsAnyOfAListAsRulesWriteIt() {
        assertTrue(PodChecks.holdsAnyOf(List.of("10.129.0.5/23"), "10.130.0.5, 10.129.0.5"));
        assertFalse(PodChecks.holdsAnyOf(List.of("10.129.0.5/23"), "10.130.0.5, 10.129.0.50"));
        assertFalse(PodChecks.holdsAnyOf(List.of("10.129.0.5/23"), ""));
    }

    @Test
    void kubevirtLaunchersOfOneVmShareTheirAddress() {
        assertTrue(PodChecks.sameVm("vms", "rhel9", "vms", "rhel9"));
        assertFalse(PodChecks.sameVm("vms", "rhel9", "other", "rhel9"), "another namespace's VM");
        assertFalse(PodChecks.sameVm("vms", null, "vms", null), "two ordinary pods");
        assertFalse(PodChecks.sameVm("vms", "rhel9", "vms", "rhel8"));
    }

    @Test
    void logicalPortAddressesAreOneMacAndTheSetOfPodIps() {
        List<String> pod = List.of("10.129.2.7/23", "fd01:0:0:3::7/64");
        assertTrue(PodChecks.addressesMatch(List.of("0a:58:0a:81:02:07 10.129.2.7 fd01:0:0:3::7"), "0a:58:0a:81:02:07", pod));
        assertTrue(PodChecks.addressesMatch(List.of("0A:58:0A:81:02:07 fd01:0:0:3:0:0:0:7 10.129.2.7"),
                "0a:58:0a:81:02:07", pod), "order and case do not matter");
        assertFalse(PodChecks.addressesMatch(List.of("0a:58:0a:81:02:08 10.129.2.7 fd01:0:0:3::7"), "0a:58:0a:81:02:07", pod), "other MAC");
        assertFalse(PodChecks.addressesMatch(List.of("0a:58:0a:81:02:07 10.129.2.7"), "0a:58:0a:81:02:07", pod), "an IP missing");
        assertFalse(PodChecks.addressesMatch(List.of("0a:58:0a:81:02:07 10.129.2.8 fd01:0:0:3::7"), "0a:58:0a:81:02:07", pod), "stale IP");
        assertFalse(PodChecks.addressesMatch(List.of("dynamic"), "0a:58:0a:81:02:07", pod));
        assertFalse(PodChecks.addressesMatch(List.of(), "0a:58:0a:81:02:07", pod));
        assertEquals("0a:58:0a:81:02:07 10.129.2.7", PodChecks.expectedAddresses("0a:58:0a:81:02:07", List.of("10.129.2.7/23")));
    }

    @Test
    void requestedChassisIsAListOfNodeOrChassisNames() {
        assertFalse(PodChecks.requestsOtherChassis(Map.of("requested-chassis", "worker-1"), "worker-1", "abc"));
        assertFalse(PodChecks.requestsOtherChassis(Map.of("requested-chassis", "abc"), "worker-1", "abc"), "the chassis name works too");
        assertTrue(PodChecks.requestsOtherChassis(Map.of("requested-chassis", "worker-2"), "worker-1", "abc"));
        assertFalse(PodChecks.requestsOtherChassis(Map.of(), "worker-1", "abc"), "unset: not this rule's business");
        assertFalse(PodChecks.requestsOtherChassis(Map.of("requested-chassis", "worker-2,worker-1"), "worker-1", null));
        assertTrue(PodChecks.requestsTwoChassis(Map.of("requested-chassis", "worker-2,worker-1")));
        assertFalse(PodChecks.requestsTwoChassis(Map.of("requested-chassis", "worker-1")));
        assertEquals("uid-1", PodChecks.ifaceIdVer(Map.of("iface-id-ver", "uid-1")));
        assertNull(PodChecks.ifaceIdVer(Map.of("iface-id-ver", "")));
    }

    @Test
    void cniTimeoutVariantsAreTheTwoOvnkMessages() {
        String a = "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create pod network sandbox "
                + "k8s_web-1_shop_0b6c_0(5f2e): error adding pod shop_web-1 to CNI network \"multus-cni-network\": plugin "
                + "type=\"multus-shim\" name=\"multus-cni-network\" failed (add): CmdAdd (shim): CNI request failed with "
                + "status 400: '[shop/web-1 5f2e] [shop/web-1 5f2e] failed to get pod annotation: timed out waiting for "
                + "annotations: context deadline exceeded'";
        String b = "... failed to configure pod interface: timed out waiting for OVS port binding (ovn-installed) for "
                + "0a:58:0a:81:02:0c [10.129.2.12/23]";
        assertEquals(PodChecks.CniTimeout.A, PodChecks.cniTimeout(a));
        assertEquals(PodChecks.CniTimeout.B, PodChecks.cniTimeout(b));
        assertTrue(PodChecks.waitedForOvnInstalled(b));
        assertFalse(PodChecks.waitedForOvnInstalled(a));
        assertNull(PodChecks.cniTimeout("error adding container to network \"ovn-kubernetes\": failed to send CNI request: connection refused"));
        assertNull(PodChecks.cniTimeout(null));
    }

    @Test
    void laterEventByTimeThenPlace() {
        KubeEvent early = event(Instant.parse("2026-12-07T10:00:00Z"), 3);
        KubeEvent late = event(Instant.parse("2026-12-07T10:05:00Z"), 1);
        assertTrue(PodChecks.later(late, early));
        assertFalse(PodChecks.later(early, late));
        assertTrue(PodChecks.later(event(null, 9), event(null, 2)), "no time: the later line of the file");
        assertTrue(PodChecks.later(early, event(null, 9)), "a time beats none");
    }

    private static KubeEvent event(Instant t, int line) {
        return new KubeEvent("shop", "FailedCreatePodSandBox", "m", "Pod", "shop", "web-1", 1, t,
                new Source("cluster/events.json", line, "event"));
    }

    @Test
    void busiestMinuteCountsLinesWithinSixtySeconds() {
        List<String> times = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            times.add(String.format("2026-12-07T10:00:%02d.100Z", i * 5));
        }
        times.add("2026-12-07T10:03:00.000Z");
        PodChecks.Burst b = PodChecks.busiestMinute(times);
        assertEquals(11, b.count());
        assertEquals("2026-12-07T10:00:00.100Z", b.first());
        assertEquals("2026-12-07T10:00:50.100Z", b.last());

        List<String> spread = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            spread.add(String.format("2026-12-07T10:%02d:00.000Z", i * 6 / 10 + i));
        }
        assertTrue(PodChecks.busiestMinute(spread).count() <= 2, "one change a minute is no flap");
        assertEquals(0, PodChecks.busiestMinute(List.of("not a time")).count());
        assertEquals(2, PodChecks.busiestMinute(List.of("2026-12-07T10:00:00.000", "2026-12-07T10:00:59.999")).count(),
                "stamps without a zone letter");
        assertEquals(1, PodChecks.busiestMinute(List.of("2026-12-07T10:00:00Z", "2026-12-07T10:01:00Z")).count(),
                "60 s apart is two windows");
    }
}
