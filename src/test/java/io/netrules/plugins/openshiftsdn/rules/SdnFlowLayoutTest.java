package io.netrules.plugins.openshiftsdn.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The layout of a node's br0 from its table-253 note, as openshift-sdn's releases wrote it. */
class SdnFlowLayoutTest {
    @Test
    void theNoteOfEachReleaseGivesItsLayout() {
        // 3.11 (real dumps in wild/raw), 4.5, 4.6/4.7, 4.8/4.9, 4.10-4.15, 4.16
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(List.of("note:02.07.00.00.00.00")));
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(List.of("note:00.08.00.00.00.00")));
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(List.of("note:01.09.00.00.00.00")));
        assertEquals(SdnFlowLayout.OCP_4_8, SdnFlowLayout.fromNotes(List.of("note:02.0c.00.00.00.00")));
        assertEquals(SdnFlowLayout.OCP_4_10, SdnFlowLayout.fromNotes(List.of("note:02.0d.00.00.00.00")));
        assertEquals(SdnFlowLayout.OCP_4_10, SdnFlowLayout.fromNotes(List.of("note:00.0E")));
        assertEquals(2, SdnFlowLayout.pluginId("note:02.0d.00.00.00.00"));
        assertEquals(13, SdnFlowLayout.ruleVersion("note:02.0d.00.00.00.00"));
    }

    @Test
    void withoutAReadableNoteTheLayoutIs311s() {
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(List.of()));
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(null));
        assertEquals(SdnFlowLayout.OKD_3_11, SdnFlowLayout.fromNotes(List.of("drop")));
        assertNull(SdnFlowLayout.ruleVersion("goto_table:120"));
    }

    @Test
    void tablesThatMovedAndTablesThatDidNot() {
        for (SdnFlowLayout l : SdnFlowLayout.values()) {
            assertEquals(10, l.vxlanIngressTable(), l.name());
            assertEquals(50, l.arpToPeerTable(), l.name());
            assertEquals(90, l.ipToPeerTable(), l.name());
            assertEquals(20, l.fromPodTable(), l.name());
            assertEquals(40, l.arpToLocalPodTable(), l.name());
            assertEquals(70, l.ipToLocalPodTable(), l.name());
            assertEquals(30, l.afterVxlanIngressTable(), l.name());
        }
        assertEquals(30, SdnFlowLayout.OKD_3_11.generalRoutingTable());
        assertEquals(31, SdnFlowLayout.OCP_4_10.generalRoutingTable());
        assertEquals(100, SdnFlowLayout.OKD_3_11.egressIpRoutingTable());
        assertEquals(101, SdnFlowLayout.OKD_3_11.egressNetworkPolicyTable());
        assertEquals(101, SdnFlowLayout.OCP_4_8.egressIpRoutingTable());
        assertEquals(100, SdnFlowLayout.OCP_4_8.egressNetworkPolicyTable());
        assertEquals(-1, SdnFlowLayout.OKD_3_11.clusterEgressDnsTable());
        assertEquals(99, SdnFlowLayout.OCP_4_8.clusterEgressDnsTable());
        assertEquals(-1, SdnFlowLayout.OCP_4_8.egressNetworkPolicyPodTable());
        assertEquals(27, SdnFlowLayout.OCP_4_10.egressNetworkPolicyPodTable());
    }
}
