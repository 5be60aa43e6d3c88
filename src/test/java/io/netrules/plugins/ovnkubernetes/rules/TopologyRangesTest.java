package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OVN-K's internal ranges as NR-OVNTOPO-006 sees them: configured value, else the default. */
class TopologyRangesTest {

    private static OvnClusterConfig cfg(String join, String transit, String masq) {
        return new OvnClusterConfig(1400, 6081, null, false, null, join, transit, masq, false, false,
                List.of(), null, null);
    }

    @Test
    void defaultsWhenNothingIsSetAndNoTransitSwitchInLegacyMode() {
        assertEquals(List.of(new InternalRange("join", "100.64.0.0/16", "default"),
                        new InternalRange("masquerade", "169.254.169.0/29", "default")),
                TopologyRanges.internalRanges(cfg(null, null, null), false, List.of()));
    }

    @Test
    void interconnectAddsTheTransitSwitchSubnet() {
        assertEquals(List.of(new InternalRange("join", "100.64.0.0/16", "default"),
                        new InternalRange("transit", "100.88.0.0/16", "default"),
                        new InternalRange("masquerade", "169.254.169.0/29", "default")),
                TopologyRanges.internalRanges(cfg(null, null, null), true, List.of()));
    }

    @Test
    void configuredValuesWinAndNodeAnnotationsWinOverTheOperator() {
        assertEquals(List.of(new InternalRange("join", "100.99.0.0/16", "ipv4.internalJoinSubnet"),
                        new InternalRange("transit", "100.100.0.0/16", "ipv4.internalTransitSwitchSubnet"),
                        new InternalRange("masquerade", "169.254.0.0/17", "k8s.ovn.org/node-masquerade-subnet")),
                TopologyRanges.internalRanges(cfg("100.99.0.0/16", "100.100.0.0/16", "169.254.169.0/29"), false,
                        List.of("169.254.0.0/17", "169.254.0.0/17")));
        assertEquals(new InternalRange("masquerade", "169.254.64.0/18", "gatewayConfig.ipv4.internalMasqueradeSubnet"),
                TopologyRanges.internalRanges(cfg(null, null, "169.254.64.0/18"), false, List.of()).get(1));
    }

    @Test
    void aSettingThatIsNoIpv4CidrIsLeftOut() {
        assertEquals(List.of(new InternalRange("masquerade", "169.254.169.0/29", "default")),
                TopologyRanges.internalRanges(cfg("garbage", null, null), false, null));
    }
}
