package io.netrules.rules;

import io.netrules.model.EthtoolLink;
import io.netrules.model.NodeSummary;
import io.netrules.model.PrimaryInterface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NR-NODE-006's comparison of a node's primary link with its subnet's. */
class LinkCheckTest {

    static NodeSummary node(String name, String address, Integer speed, String duplex) {
        PrimaryInterface p = new PrimaryInterface(name, "eth0", address, 24, 1500, "nodes", null);
        EthtoolLink l = new EthtoolLink(name, "eth0", speed, duplex, true, "off", null);
        return new NodeSummary(name, List.of(), List.of(), p, l);
    }

    @Test
    void aSlowerNodeAmongFasterNeighbours() {
        NodeSummary n1 = node("node-1", "10.0.0.1", 10000, "Full");
        NodeSummary n2 = node("node-2", "10.0.0.2", 1000, "Full");
        NodeSummary n3 = node("node-3", "10.0.0.3", 10000, "Full");
        List<NodeSummary> all = List.of(n1, n2, n3);
        LinkCheck c = LinkCheck.check(all, n2);
        assertTrue(c.oddSpeed());
        assertFalse(c.halfDuplex());
        assertEquals(10000, c.commonSpeed());
        assertEquals("10.0.0.0/24", c.subnet());
        assertEquals("node-1, node-3", c.peerNodes());
        assertEquals("runs at 1000Mb/s while most nodes on 10.0.0.0/24 run 10000Mb/s", c.problem());
        assertFalse(LinkCheck.check(all, n1).suspect());
    }

    @Test
    void unknownSpeedIsNoEvidenceAndNotCounted() {
        NodeSummary n1 = node("node-1", "10.0.0.1", 1000, "Full");
        NodeSummary n2 = node("node-2", "10.0.0.2", 10000, "Full");
        NodeSummary n3 = node("node-3", "10.0.0.3", null, null);
        List<NodeSummary> all = List.of(n1, n2, n3);
        assertNull(LinkCheck.check(all, n1).commonSpeed(), "1 against 1: no majority");
        assertFalse(LinkCheck.check(all, n1).suspect());
        assertFalse(LinkCheck.check(all, n3).suspect());
    }

    @Test
    void onlyNodesOnTheSameSubnetCount() {
        NodeSummary n1 = node("node-1", "10.0.0.1", 10000, "Full");
        NodeSummary n2 = node("node-2", "10.0.0.2", 10000, "Full");
        NodeSummary n3 = node("node-3", "10.0.1.3", 1000, "Full");
        assertFalse(LinkCheck.check(List.of(n1, n2, n3), n3).suspect());
    }

    @Test
    void halfDuplexIsWrongByItself() {
        NodeSummary alone = node("node-1", "10.0.0.1", 100, "Half");
        LinkCheck c = LinkCheck.check(List.of(alone), alone);
        assertTrue(c.halfDuplex());
        assertFalse(c.oddSpeed());
        assertEquals("runs half duplex", c.problem());
        assertEquals("", c.peerNodes());
    }

    @Test
    void noPrimaryOrNoLinkIsNoCheck() {
        NodeSummary none = new NodeSummary("node-1", List.of(), List.of(), null, null);
        assertFalse(LinkCheck.check(List.of(none), none).suspect());
    }
}
