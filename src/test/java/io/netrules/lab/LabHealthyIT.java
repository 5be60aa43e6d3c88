package io.netrules.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The healthy lab really carries traffic across the VXLAN tunnel, and leaves nothing behind. */
class LabHealthyIT {
    @BeforeAll
    static void needsTheLab() {
        String reason = Lab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "lab tests skipped: " + reason);
    }

    @Test
    void podsOnDifferentNodesTalkTcpAndTheLabCleansUp(@TempDir Path tmp) throws Exception {
        Lab lab = Lab.up(tmp);
        try {
            assertTrue(lab.passes("tcp", 1, "2"), "pod on node 1 -> pod on node 2 over TCP");
            assertTrue(lab.passes("tcp", 3, "1"), "pod on node 3 -> pod on node 1 over TCP");
            assertTrue(lab.passes("egress", 2, "-"), "pod on node 2 -> the external host");
            assertTrue(lab.passes("node-to-pod", 1, "3"), "node 1 -> pod on node 3");
        } finally {
            lab.close();
        }
        assertEquals(List.of(), lab.leftovers(), "every namespace and process of the lab is gone");
    }

    @Test
    void aBrokenTunnelFlowReallyBreaksTraffic(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.up(tmp)) {
            assertTrue(lab.passes("tcp", 2, "1"));
            lab.fault("tun-src-flow-deleted", 1, "2");
            assertTrue(!lab.passes("tcp", 2, "1"), "with node 1's tun_src flow for node 2 gone, 2 -> 1 must fail");
        }
    }
}
