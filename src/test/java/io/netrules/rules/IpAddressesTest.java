package io.netrules.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.netrules.plugins.ovnkubernetes.rules.CpAddresses;
import io.netrules.plugins.ovnkubernetes.rules.HostAddresses;
import io.netrules.plugins.ovnkubernetes.rules.PodChecks;
import io.netrules.plugins.ovnkubernetes.rules.TopologyAddresses;

/**
 * The one address parser every rule helper calls. Besides the arithmetic, each case where the
 * helpers' former private parsers disagreed has a test here that states the choice made, and
 * checks it through each helper that used to decide otherwise.
 */
class IpAddressesTest {

    @Test
    void parsesBothFamiliesWithAndWithoutPrefix() {
        IpAddresses.Net v4 = IpAddresses.parse("10.130.1.7/23");
        assertEquals(32, v4.bits());
        assertEquals(23, v4.prefix());
        assertEquals("10.130.0.0/23", IpAddresses.network("10.130.1.7/23"));
        assertEquals(128, IpAddresses.prefixLength("fd00::5"));
        assertEquals(32, IpAddresses.prefixLength("10.0.0.1"));
        assertEquals("fd00::5", IpAddresses.addressOf("FD00:0:0:0:0:0:0:5/64"));
        assertEquals("1:2:3:4:5:6:102:304", IpAddresses.addressOf("1:2:3:4:5:6:1.2.3.4"));
        assertArrayEquals(new byte[] {10, 0, 0, 1}, IpAddresses.bytes("10.0.0.1/8"));
        assertEquals(16, IpAddresses.bytes("::1").length);
        assertEquals(167772161L, IpAddresses.ipv4("10.0.0.1"));
    }

    @Test
    void formatsIpv6AsRfc5952() {
        assertEquals("fd01:0:0:3::1", IpAddresses.addressOf("fd01:0000:0000:0003:0000:0000:0000:0001"));
        assertEquals("::", IpAddresses.addressOf("0:0:0:0:0:0:0:0"));
        assertEquals("1:0:2:3:4:5:6:7", IpAddresses.addressOf("1::2:3:4:5:6:7"));
        assertEquals("fd00:0:0:1::", IpAddresses.nthAddress("fd00:0:0:1::/64", 0));
    }

    @Test
    void containmentIgnoresHostBitsAndNeedsTheSameFamily() {
        assertTrue(IpAddresses.inCidr("10.130.1.9/32", "10.130.1.7/23"));
        assertFalse(IpAddresses.inCidr("10.132.0.1", "10.130.0.0/23"));
        assertTrue(IpAddresses.cidrContains("10.128.0.0/14", "10.130.0.0/23"));
        assertFalse(IpAddresses.cidrContains("10.130.0.0/23", "10.128.0.0/14"));
        assertTrue(IpAddresses.cidrOverlaps("10.130.0.0/23", "10.128.0.0/14"));
        assertFalse(IpAddresses.inCidr("fd00::1", "0.0.0.0/0"));
        assertTrue(IpAddresses.inCidr("fd00::1", "::/0"));
        assertEquals("10.130.0.2", IpAddresses.nthAddress("10.130.0.0/23", 2));
        assertNull(IpAddresses.nthAddress("169.254.169.0/29", 8));
    }

    /**
     * IPv4-mapped IPv6 ({@code ::ffff:10.0.0.1}). Before: CpAddresses and TopologyAddresses took
     * it as IPv6, PodChecks as the IPv4 address 10.0.0.1 (InetAddress unmaps it), HostAddresses
     * and Rules as no address. Now it is IPv6, as written: it lies in no IPv4 CIDR. PodChecks'
     * canonical text still prints it as 10.0.0.1 (Java's text of the same 16 bytes).
     */
    @Test
    void ipv4MappedIsIpv6() {
        String mapped = "::ffff:10.0.0.1";
        assertEquals(6, IpAddresses.family(mapped));
        assertEquals("::ffff:a00:1", IpAddresses.addressOf(mapped));
        assertFalse(IpAddresses.inCidr(mapped, "10.0.0.0/8"));
        assertTrue(IpAddresses.inCidr(mapped, "::ffff:0:0/96"));
        assertFalse(PodChecks.inSubnet(mapped, "10.0.0.0/8"));
        assertEquals("10.0.0.1", PodChecks.canonicalIp(mapped));
        assertTrue(HostAddresses.isIpv6(mapped));
        assertFalse(HostAddresses.isIpv4(mapped));
        assertTrue(CpAddresses.isIpv6(mapped));
        assertFalse(Rules.inCidr(mapped, "10.0.0.0/8"));
    }

    /**
     * A CIDR written without {@code /prefix}. Before: CpAddresses, HostAddresses,
     * TopologyAddresses and Rules took it as a host prefix; PodChecks.inSubnet said false. Now a
     * host prefix everywhere.
     */
    @Test
    void cidrWithoutPrefixIsOneAddress() {
        assertTrue(PodChecks.inSubnet("10.0.0.1", "10.0.0.1"));
        assertFalse(PodChecks.inSubnet("10.0.0.2", "10.0.0.1"));
        assertTrue(PodChecks.inSubnet("fd00::1/64", "fd00::1"));
        assertTrue(CpAddresses.inCidr("10.0.0.1", "10.0.0.1"));
        assertTrue(HostAddresses.contains("10.0.0.1", "10.0.0.1"));
        assertTrue(TopologyAddresses.containsAddress("10.0.0.1", "10.0.0.1"));
        assertTrue(Rules.inCidr("10.0.0.1", "10.0.0.1"));
        // CpAddresses.prefixLength keeps its contract: the prefix written, -1 when none is.
        assertEquals(-1, CpAddresses.prefixLength("10.0.0.1"));
        assertEquals(32, HostAddresses.prefixOf("10.0.0.1"));
    }

    /**
     * A prefix that is not 1 to 3 decimal digits within the family's width ({@code /+8},
     * {@code / 8}, {@code /0008}, {@code /-0}, {@code /33} on IPv4). Before: some helpers read
     * it with Integer.parseInt (so {@code +8} and {@code -0} passed), CpAddresses and PodChecks
     * ignored a bad prefix when they only wanted the address. Now the whole text is no address.
     */
    @Test
    void badPrefixMakesNoAddress() {
        for (String bad : new String[] {"10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0.0/0008", "10.0.0.0/-0", "10.0.0.1/33",
                "fd00::/129", "10.0.0.0/", "10.0.0.0/abc"}) {
            assertNull(IpAddresses.parse(bad), bad);
            assertFalse(CpAddresses.isAddress(bad), bad);
            assertNull(PodChecks.canonicalIp(bad), bad);
            assertFalse(HostAddresses.isIpv4(bad) || HostAddresses.isIpv6(bad), bad);
            assertEquals(-1, HostAddresses.prefixOf(bad), bad);
            assertEquals(-1, Rules.prefixLength(bad), bad);
            assertFalse(PodChecks.inSubnet("10.0.0.1", bad), bad);
        }
    }

    /**
     * Bad address text. Before: CpAddresses dropped an IPv6 zone ({@code %eth0}), PodChecks
     * (InetAddress) took 5-digit groups ({@code 00001::1}), TopologyAddresses took a dotted group
     * at the start ({@code 1.2.3.4::}), Rules took signed octets ({@code 10.+1.0.1}). Now none of
     * them is an address.
     */
    @Test
    void badAddressTextIsNoAddress() {
        for (String bad : new String[] {"fe80::1%eth0", "00001::1", "1.2.3.4::", "10.+1.0.1", "::+1", "10.0.0.256",
                "10.0.0", "1:2:3:4:5:6:7:8:9", "1::2::3", "host.example", ""}) {
            assertNull(IpAddresses.parse(bad), bad);
            assertFalse(CpAddresses.isAddress(bad), bad);
            assertNull(PodChecks.canonicalIp(bad), bad);
            assertFalse(TopologyAddresses.isAddress(bad), bad);
        }
        assertEquals(-1, Rules.ipv4("10.+1.0.1"));
        assertNull(IpAddresses.parse(null));
    }

    /**
     * White space around the text and brackets around the address. Before: CpAddresses,
     * PodChecks and TopologyAddresses accepted both; HostAddresses and Rules neither. Now both
     * are accepted everywhere (inner white space is still no address).
     */
    @Test
    void outerWhiteSpaceAndBracketsAreAccepted() {
        assertTrue(HostAddresses.isIpv4(" 10.0.0.1 "));
        assertTrue(HostAddresses.isIpv6("[fd00::1]"));
        assertTrue(Rules.inCidr(" 10.0.0.1", "10.0.0.0/8"));
        assertEquals("fd00::1", IpAddresses.addressOf("[fd00::1]/64"));
        assertNull(IpAddresses.parse("10.0.0.1 /8"));
    }

    /** Leading zeros in an IPv4 octet are decimal, as every former helper (and Java) read them. */
    @Test
    void leadingZerosAreDecimal() {
        assertTrue(IpAddresses.sameAddress("010.000.000.001", "10.0.0.1"));
        assertEquals("10.0.0.1", PodChecks.canonicalIp("010.0.0.1"));
    }

    /** {@code default} is 0.0.0.0/0 only where a route destination may stand ({@link IpAddresses#parseRoute}). */
    @Test
    void defaultIsARouteDestinationOnly() {
        assertNull(IpAddresses.parse("default"));
        assertEquals(0, IpAddresses.parseRoute("default").prefix());
        assertTrue(HostAddresses.sameCidr("default", "0.0.0.0/0"));
        assertTrue(Rules.cidrContains("default", "10.0.0.0/8"));
        assertFalse(Rules.inCidr("10.0.0.1", "default"));
        assertFalse(TopologyAddresses.sameNetwork("default", "0.0.0.0/0"));
    }

    /** Rules' functions stay IPv4 only (openshift-sdn's networks are IPv4): IPv6 is no CIDR there. */
    @Test
    void rulesStayIpv4Only() {
        assertFalse(Rules.inCidr("fd00::1", "fd00::/64"));
        assertFalse(Rules.cidrContains("fd00::/8", "fd00::/64"));
        assertEquals(-1, Rules.prefixLength("fd00::/64"));
        assertNull(Rules.network("fe80::1", 64));
        assertEquals("10.130.0.0/23", Rules.network("10.130.1.7", 23));
    }
}
