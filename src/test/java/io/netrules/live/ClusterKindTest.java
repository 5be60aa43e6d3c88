package io.netrules.live;

import io.netrules.capture.ClusterInputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterKindTest {
    @Test
    void liveModeListsExactlyTheKindsACaptureHolds() {
        assertEquals(ClusterInputs.LIVE_KINDS, ClusterKind.ALL.stream().map(ClusterKind::input).toList());
    }

    @Test
    void resourcesAreNamedAsRbacNamesThem() {
        assertEquals("hostsubnets.network.openshift.io", ClusterKind.ALL.get(1).resource());
        assertEquals("nodes", ClusterKind.ALL.get(0).resource());
        assertEquals("route.openshift.io/v1", ClusterKind.ALL.get(7).apiVersion());
    }
}
