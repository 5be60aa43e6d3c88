package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.model.NetworkConfig;
import io.netrules.model.Source;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Geneve overhead of NR-OVNMTU-001/002: ovnkube-node's header sizes and the documented margin. */
class MtuChecksTest {
    private static NetworkConfig net(String... cidrs) {
        return new NetworkConfig("cluster", null, "OVNKubernetes", 1400,
                java.util.Arrays.stream(cidrs).map(c -> new NetworkConfig.CidrBlock(c, c.contains(":") ? 64 : 23)).toList(),
                List.of(), new Source("cluster/networkconfigs.json", 1, "x"));
    }

    @Test
    void hardOverheadByFamilyAndIpsec() {
        assertEquals(58, MtuChecks.hardOverhead(net("10.128.0.0/14"), "Disabled"));
        assertEquals(78, MtuChecks.hardOverhead(net("fd01::/48"), null));
        assertEquals(78, MtuChecks.hardOverhead(net("10.128.0.0/14", "fd01::/48"), null));
        assertEquals(104, MtuChecks.hardOverhead(net("10.128.0.0/14"), "Full"));
        assertEquals(58, MtuChecks.hardOverhead(net("10.128.0.0/14"), "External"));
        assertEquals(58, MtuChecks.hardOverhead(null, null));
        assertEquals(124, MtuChecks.hardOverheadOf(List.of(net("fd01::/48")), "Full"));
        assertEquals(58, MtuChecks.hardOverheadOf(List.of(), null));
    }

    @Test
    void documentedOverheadAndItsText() {
        assertEquals(100, MtuChecks.documentedOverhead(null));
        assertEquals(146, MtuChecks.documentedOverhead("Full"));
        assertEquals("58 (Geneve over IPv4)", MtuChecks.overheadText(net("10.128.0.0/14"), null));
        assertEquals("124 (Geneve over IPv6 + IPsec 46)", MtuChecks.overheadTextOf(List.of(net("fd01::/48")), "Full"));
    }

    @Test
    void largestClusterMtuFromOvnkubesRefusal() {
        var cfg = new io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig(1400, 6081, null, false, null, null, null,
                null, false, false, List.of(), null, new Source("cluster/networkoperators.json", 1, "x"));
        assertEquals("1392", MtuChecks.maxClusterMtuFromLog(1450, 1458, List.of(cfg)));
        assertEquals("unknown", MtuChecks.maxClusterMtuFromLog(1450, 1458, List.of()));
        assertEquals(1400, MtuChecks.clusterMtu(List.of("not a config", cfg)));
    }
}
