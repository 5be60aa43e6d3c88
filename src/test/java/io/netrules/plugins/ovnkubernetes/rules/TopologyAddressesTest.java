package io.netrules.plugins.ovnkubernetes.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netrules.plugins.ovnkubernetes.rules.TopologyAddresses.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The address helpers the OVN topology and gateway rules call from DRL, both families. */
class TopologyAddressesTest {

    @Test
    void subnetAddressesAreTheGatewayAndManagementPort() {
        assertEquals("10.130.0.1", nthAddress("10.130.0.0/23", 1));
        assertEquals("10.130.0.2", nthAddress("10.130.0.0/23", 2));
        assertEquals("10.130.0.1/23", nthIfAddr("10.130.0.0/23", 1));
        assertEquals("100.64.0.1", nthAddress("100.64.0.0/16", 1));
        assertEquals("fd01:0:0:3::1", nthAddress("fd01:0:0:3::/64", 1));
        assertEquals("fd01:0:0:3::2/64", nthIfAddr("fd01:0:0:3::/64", 2));
        assertEquals("fd98::1", nthAddress("fd98::/64", 1));
        // host bits do not move the subnet
        assertEquals("10.130.0.1", nthAddress("10.130.1.9/23", 1));
        assertEquals("169.254.169.4", nthAddress("169.254.169.0/29", 4));
    }

    @Test
    void noNthAddressInATooSmallSubnetOrNoSubnet() {
        assertNull(nthAddress("10.0.0.5/32", 1));
        assertNull(nthAddress("10.0.0.4/31", 2));
        assertNull(nthAddress("not-a-cidr", 1));
        assertNull(nthAddress(null, 1));
        assertNull(nthAddress("10.0.0.0/33", 1));
        assertNull(nthAddress("fd00::/129", 1));
    }

    @Test
    void ipv6SpellingsOfOneAddressAreEqual() {
        assertTrue(sameAddress("fd01:0:0:3::1", "fd01:0000:0000:0003:0000:0000:0000:0001"));
        assertTrue(sameAddress("FD01::3:0:0:0:1", "fd01:0:0:3::1"));
        assertTrue(sameAddress("[fd97::4]", "fd97::4/64"));
        assertTrue(sameAddress("::ffff:10.0.0.1", "::ffff:a00:1"));
        assertFalse(sameAddress("fd97::4", "fd97::5"));
        assertFalse(sameAddress("10.0.0.1", "::ffff:10.0.0.1"));
        assertEquals("fd01:0:0:3::", addressOf("fd01:0000:0000:0003::"));
        assertEquals("::", addressOf("::"));
        assertEquals("2001:db8::1:0:0:1", addressOf("2001:db8:0:0:1:0:0:1"));
    }

    @Test
    void malformedAddressesAreNoAddresses() {
        for (String bad : new String[] {"10.0.0", "10.0.0.256", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::",
                "fe80::1%eth0", "", "dynamic", "0a:58:64:58:00:04", "10.0.0.0/", "10.0.0.0/x"}) {
            assertEquals(0, family(bad), bad);
            assertFalse(sameAddress(bad, bad), bad);
        }
        assertEquals(-1, prefixLength("nope"));
    }

    @Test
    void familiesAndPrefixes() {
        assertEquals(4, family("10.128.0.0/14"));
        assertEquals(6, family("fd01::/48"));
        assertEquals(23, prefixLength("10.130.0.0/23"));
        assertEquals(128, prefixLength("fd00::1"));
        assertEquals(List.of("10.130.0.0/23"), ofFamily(List.of("10.130.0.0/23", "fd01:0:0:3::/64"), 4));
        assertEquals("fd01:0:0:3::/64", firstOfFamily(List.of("10.130.0.0/23", "fd01:0:0:3::/64"), 6));
        assertNull(firstOfFamily(List.of("10.130.0.0/23"), 6));
    }

    @Test
    void containmentAndOverlapInBothFamilies() {
        assertTrue(cidrContains("10.128.0.0/14", "10.131.254.0/23"));
        assertFalse(cidrContains("10.128.0.0/14", "10.132.0.0/23"));
        assertFalse(cidrContains("10.130.0.0/23", "10.128.0.0/14"));
        assertTrue(cidrOverlaps("10.130.0.0/23", "10.128.0.0/14"));
        assertTrue(cidrOverlaps("10.130.0.0/24", "10.130.0.0/23"));
        assertFalse(cidrOverlaps("10.130.0.0/23", "10.130.2.0/23"));
        assertTrue(cidrContains("fd01::/48", "fd01:0:0:3::/64"));
        assertFalse(cidrContains("fd01::/48", "fd02:0:0:3::/64"));
        assertTrue(cidrOverlaps("fd01:0:0:3::/64", "fd01:0:0:3::/65"));
        assertFalse(cidrOverlaps("fd01:0:0:3::/64", "fd01:0:0:4::/64"));
        // families never overlap
        assertFalse(cidrOverlaps("0.0.0.0/0", "::/0"));
        assertTrue(containsAddress("100.64.0.0/16", "100.64.3.7/24"));
        assertFalse(containsAddress("100.64.0.0/16", "100.65.0.1/16"));
        assertTrue(anyOverlaps(List.of("172.30.0.0/16", "100.64.0.0/10"), "100.88.0.0/16"));
        assertFalse(anyOverlaps(List.of("172.30.0.0/16"), "100.88.0.0/16"));
    }

    @Test
    void sameSubnetIgnoresHostBitsButNotThePrefix() {
        assertTrue(sameNetwork("10.130.0.0/23", "10.130.1.0/23"));
        assertFalse(sameNetwork("10.130.0.0/23", "10.130.0.0/24"));
        assertTrue(sameNetwork("fd01:0:0:3::/64", "fd01:0:0:3:0::/64"));
        assertEquals("10.130.0.0/23", network("10.130.1.7/23"));
    }

    @Test
    void interfaceAddressesCompareAddressAndPrefix() {
        assertTrue(sameIfAddr("100.64.0.2/16", "100.64.0.2/16"));
        assertFalse(sameIfAddr("100.64.0.2/16", "100.64.0.2/24"));
        assertTrue(containsIfAddr(List.of("10.130.0.1/23", "fd01:0:0:3::1/64"), "fd01:0:0:3:0:0:0:1/64"));
        assertFalse(containsIfAddr(List.of("10.130.0.1/24"), "10.130.0.1/23"));
        assertTrue(sameIfAddrSet(List.of("10.0.0.5/24", "fd00::5/64"), List.of("fd00:0::5/64", "10.0.0.5/24")));
        assertFalse(sameIfAddrSet(List.of("10.0.0.5/24"), List.of("10.0.0.5/24", "fd00::5/64")));
        assertFalse(sameIfAddrSet(List.of("10.0.0.5/24"), List.of("10.0.0.5/23")));
    }

    @Test
    void addressesOfPortAddressesAndPhysicalIps() {
        assertEquals(List.of("100.88.0.4"), addresses(List.of("0a:58:64:58:00:04 100.88.0.4/16")));
        assertEquals(List.of("100.88.0.4", "fd97::4"), addresses(List.of("0a:58:64:58:00:04 100.88.0.4/16 fd97::4/64")));
        assertTrue(containsAddress(List.of("0a:58:64:58:00:04 100.88.0.4/16"), "100.88.0.4"));
        assertFalse(containsAddress(List.of("router"), "100.88.0.4"));
        assertEquals(List.of("10.0.0.5", "fd00::5"), addressesOf("10.0.0.5,fd00::5"));
        assertTrue(sameAddressSet(List.of("10.0.0.5/24"), addressesOf("10.0.0.5")));
        assertFalse(sameAddressSet(List.of("10.0.0.5/24"), addressesOf("10.0.0.6")));
        assertEquals(List.of("100.64.0.4"), sharedAddresses(List.of("100.64.0.4/16"), List.of("100.64.0.4/16", "fd98::4/64")));
        assertEquals("a, b", joined(List.of("a", "b")));
    }
}
