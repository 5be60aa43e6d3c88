package io.netrules.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIDR helpers the route, HostSubnet and tun0 rules call from DRL. */
class RulesCidrTest {

    @Test
    void firstAddressIsTheSubnetGateway() {
        assertEquals("10.130.0.1", Rules.firstAddress("10.130.0.0/23"));
        assertEquals("10.128.0.1", Rules.firstAddress("10.128.0.0/14"));
        assertEquals("10.1.2.1", Rules.firstAddress("10.1.2.0/24"));
        // host bits are ignored: the subnet of 10.130.1.7/23 is 10.130.0.0/23
        assertEquals("10.130.0.1", Rules.firstAddress("10.130.1.7/23"));
        assertEquals("0.0.0.1", Rules.firstAddress("0.0.0.0/0"));
        assertEquals("192.168.0.1", Rules.firstAddress("192.168.0.0/30"));
    }

    @Test
    void firstAddressOfNoSubnetIsNull() {
        assertNull(Rules.firstAddress(null));
        assertNull(Rules.firstAddress("10.130.0.0/33"));
        assertNull(Rules.firstAddress("10.130.0/23"));
        assertNull(Rules.firstAddress("fd00::/64"));
        assertNull(Rules.firstAddress("10.0.0.5"));
        assertNull(Rules.firstAddress("10.0.0.4/31"));
        assertNull(Rules.firstAddress("10.0.0.0/x"));
    }

    @Test
    void containsNestedAndEqualCidrs() {
        assertTrue(Rules.cidrContains("10.128.0.0/14", "10.130.0.0/23"));
        assertTrue(Rules.cidrContains("10.128.0.0/14", "10.131.254.0/23"));
        assertTrue(Rules.cidrContains("10.128.0.0/14", "10.128.0.0/14"));
        assertTrue(Rules.cidrContains("10.128.0.0/14", "10.129.0.5"));
        assertTrue(Rules.cidrContains("10.130.0.1/23", "10.130.1.0/24"));
        assertTrue(Rules.cidrContains("default", "10.128.0.0/14"));
        assertTrue(Rules.cidrContains("0.0.0.0/0", "172.30.0.0/16"));
    }

    @Test
    void doesNotContainWiderOrDisjointCidrs() {
        assertFalse(Rules.cidrContains("10.130.0.0/23", "10.128.0.0/14"));
        assertFalse(Rules.cidrContains("10.128.0.0/14", "10.132.0.0/23"));
        assertFalse(Rules.cidrContains("10.128.0.0/14", "10.127.255.0/24"));
        assertFalse(Rules.cidrContains("10.128.0.0/14", "default"));
        assertFalse(Rules.cidrContains("172.30.0.0/16", "172.17.0.0/16"));
        assertFalse(Rules.cidrContains(null, "10.0.0.0/8"));
        assertFalse(Rules.cidrContains("10.0.0.0/8", null));
        assertFalse(Rules.cidrContains("fe80::/64", "fe80::/64"));
        assertFalse(Rules.cidrContains("10.0.0.0/8", "10.0.0.0/40"));
    }

    @Test
    void overlapIsContainmentEitherWay() {
        assertTrue(Rules.cidrOverlaps("10.128.0.0/23", "10.128.0.0/23"));
        assertTrue(Rules.cidrOverlaps("10.128.0.0/23", "10.128.1.0/24"));
        assertTrue(Rules.cidrOverlaps("10.128.1.0/24", "10.128.0.0/23"));
        assertFalse(Rules.cidrOverlaps("10.128.0.0/22", "10.132.0.0/23"));
        assertTrue(Rules.cidrOverlaps("10.128.0.0/22", "10.128.2.0/23"));
        assertFalse(Rules.cidrOverlaps("10.128.0.0/23", "10.128.2.0/23"));
        assertFalse(Rules.cidrOverlaps("10.128.0.0/23", "10.129.0.0/23"));
        assertFalse(Rules.cidrOverlaps("10.128.0.0/23", "garbage"));
    }

    @Test
    void anyContainsLooksAtEveryNetwork() {
        List<String> nets = List.of("10.128.0.0/14", "10.200.0.0/16");
        assertTrue(Rules.anyContains(nets, "10.200.4.0/23"));
        assertTrue(Rules.anyContains(nets, "10.131.0.0/23"));
        assertFalse(Rules.anyContains(nets, "10.201.0.0/23"));
        assertFalse(Rules.anyContains(List.of(), "10.128.0.0/23"));
        assertFalse(Rules.anyContains(null, "10.128.0.0/23"));
    }

    @Test
    void prefixLengthAndNetwork() {
        assertEquals(14, Rules.prefixLength("10.128.0.0/14"));
        assertEquals(32, Rules.prefixLength("10.0.0.1"));
        assertEquals(0, Rules.prefixLength("default"));
        assertEquals(-1, Rules.prefixLength("fe80::/64"));
        assertEquals(-1, Rules.prefixLength(null));
        assertEquals("10.130.0.0/23", Rules.network("10.130.0.1", 23));
        assertEquals("10.0.0.0/24", Rules.network("10.0.0.3", 24));
        assertNull(Rules.network("fe80::1", 64));
    }

    @Test
    void metricAtMostTakesNoMetricAsZero() {
        assertTrue(Rules.metricAtMost(null, 100));
        assertTrue(Rules.metricAtMost(null, null));
        assertTrue(Rules.metricAtMost(100, 100));
        assertFalse(Rules.metricAtMost(100, null));
        assertFalse(Rules.metricAtMost(200, 100));
    }
}
