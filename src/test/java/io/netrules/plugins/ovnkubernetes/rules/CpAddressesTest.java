package io.netrules.plugins.ovnkubernetes.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dual-stack address helpers of the control-plane, egress and MTU rules. */
class CpAddressesTest {

    @Test
    void oneIpv6AddressInItsSpellingsIsTheSameAddress() {
        assertTrue(CpAddresses.sameAddress("fd00:10:20::c8", "fd00:10:20:0:0:0:0:c8"));
        assertTrue(CpAddresses.sameAddress("FD00:10:20::C8", "fd00:0010:0020::00c8"));
        assertTrue(CpAddresses.sameAddress("::ffff:10.0.0.1", "::ffff:a00:1"));
        assertTrue(CpAddresses.sameAddress("192.168.126.52", "192.168.126.52/24"));
        assertFalse(CpAddresses.sameAddress("fd00::c8", "fd00::c9"));
        assertFalse(CpAddresses.sameAddress("10.0.0.1", "::ffff:10.0.0.1"));
        assertFalse(CpAddresses.sameAddress("api.example.com", "api.example.com"));
        assertFalse(CpAddresses.sameAddress(null, null));
    }

    @Test
    void malformedAddressesAreNotAddresses() {
        assertFalse(CpAddresses.isAddress("10.0.0"));
        assertFalse(CpAddresses.isAddress("10.0.0.256"));
        assertFalse(CpAddresses.isAddress("fd00::1::2"));
        assertFalse(CpAddresses.isAddress("1:2:3:4:5:6:7:8:9"));
        assertFalse(CpAddresses.isAddress("fd00:12345::1"));
        assertFalse(CpAddresses.isAddress("www.example.com"));
        assertTrue(CpAddresses.isAddress("::"));
        assertTrue(CpAddresses.isAddress("[fd00::1]"));
    }

    @Test
    void cidrContainmentInBothFamilies() {
        assertTrue(CpAddresses.inCidr("192.168.126.53", "192.168.126.0/25"));
        assertFalse(CpAddresses.inCidr("192.168.126.200", "192.168.126.0/25"));
        assertTrue(CpAddresses.inCidr("198.51.100.10", "0.0.0.0/0"));
        assertTrue(CpAddresses.inCidr("fd00:10:20::c8", "fd00:10:20::/64"));
        assertFalse(CpAddresses.inCidr("fd00:10:21::c8", "fd00:10:20::/64"));
        assertTrue(CpAddresses.inCidr("2001:db8::1", "::/0"));
        // families never mix: 0.0.0.0/0 holds no IPv6 address
        assertFalse(CpAddresses.inCidr("2001:db8::1", "0.0.0.0/0"));
        // host bits of the CIDR are ignored; no prefix is one address
        assertTrue(CpAddresses.inCidr("10.129.0.9", "10.129.1.7/23"));
        assertTrue(CpAddresses.inCidr("10.0.0.1", "10.0.0.1"));
        assertFalse(CpAddresses.inCidr("10.0.0.2", "10.0.0.1"));
        assertFalse(CpAddresses.inCidr("10.0.0.1", "10.0.0.0/33"));
        assertTrue(CpAddresses.inAnyCidr(List.of("10.0.0.0/8", "fd00::/8"), "fd12::1"));
        assertFalse(CpAddresses.inAnyCidr(null, "10.0.0.1"));
    }

    @Test
    void prefixLengthsAndExpansion() {
        assertEquals(14, CpAddresses.prefixLength("10.128.0.0/14"));
        assertEquals(64, CpAddresses.prefixLength("fd00::/64"));
        assertEquals(-1, CpAddresses.prefixLength("10.128.0.0"));
        assertEquals(-1, CpAddresses.prefixLength("10.128.0.0/x"));
        assertEquals("fc00:f853:0ccd:e793:0000:0000:0000:0054", CpAddresses.expandedIpv6("fc00:f853:ccd:e793::54"));
        assertNull(CpAddresses.expandedIpv6("10.0.0.1"));
    }
}
