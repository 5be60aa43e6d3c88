package io.netrules.plugins.openshiftsdn.rules;

import io.netrules.model.OvsFlow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsPortsTest {

    @Test
    void podPortsAreNumbersFromThreeOrNamesOfOrdinaryPorts() {
        assertTrue(OvsPorts.isPodPort("3"));
        assertTrue(OvsPorts.isPodPort("65279"));
        assertTrue(OvsPorts.isPodPort("veth5c1e9b07"));
        assertTrue(OvsPorts.isPodPort(" 12 "));
    }

    @Test
    void sdnAndReservedPortsAreNoPodPorts() {
        for (String ref : new String[] {"1", "2", "0", "vxlan0", "tun0", "br0", "LOCAL", "IN_PORT", "CONTROLLER",
                "NORMAL", "FLOOD", "ALL", "ANY", "NONE", "TABLE", "65280", "65534", "4294967294", "reg2",
                "NXM_NX_REG2[]", "NXM_NX_REG2[0..15]", "", " ", null}) {
            assertFalse(OvsPorts.isPodPort(ref), String.valueOf(ref));
        }
    }

    @Test
    void aReferenceIsAPortByNumberOrByName() {
        assertTrue(OvsPorts.isPort("3", 3, "veth5c1e9b07"));
        assertTrue(OvsPorts.isPort("veth5c1e9b07", 3, "veth5c1e9b07"));
        assertFalse(OvsPorts.isPort("4", 3, "veth5c1e9b07"));
        assertFalse(OvsPorts.isPort("vethd24a8f61", 3, "veth5c1e9b07"));
        assertFalse(OvsPorts.isPort("03x", 3, "veth5c1e9b07"));
        assertFalse(OvsPorts.isPort(null, 3, "veth5c1e9b07"));
        assertFalse(OvsPorts.isPort("99999999999", 3, "veth5c1e9b07"));
    }

    @Test
    void addressesAreTheSingleAddressesOfTheFlowsSorted() {
        OvsFlow arpIn = flow("3", "10.129.0.5", null, null, null, List.of());
        OvsFlow ipIn = flow("3", null, null, "10.129.0.5", null, List.of());
        OvsFlow arpOut = flow(null, null, "10.129.0.5", null, null, List.of("3"));
        OvsFlow subnet = flow(null, null, "10.129.0.0/23", null, "10.129.0.53", List.of("3"));
        assertEquals("10.129.0.5", OvsPorts.addresses(List.of(arpIn, ipIn, arpOut)));
        assertEquals("10.129.0.5, 10.129.0.53", OvsPorts.addresses(List.of(subnet, arpOut)));
        assertEquals("none", OvsPorts.addresses(List.of(flow("3", null, null, null, null, List.of()))));
        assertEquals("none", OvsPorts.addresses(null));
    }

    private static OvsFlow flow(String inPort, String arpSpa, String arpTpa, String nwSrc, String nwDst,
                                List<String> outputs) {
        return new OvsFlow("node-2", "br0", 20, 100, "0x0", Map.of(), "drop", inPort, null, null, List.of(),
                nwSrc, nwDst, arpSpa, arpTpa, outputs, null);
    }
}
