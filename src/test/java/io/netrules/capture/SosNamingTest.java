package io.netrules.capture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SosNamingTest {
    @Test
    void namesCommandsTheWaySosreportDoes() {
        assertEquals("ip_-d_address", SosNaming.fileName("ip -d address"));
        assertEquals("ovs-ofctl_-O_OpenFlow13_dump-flows_br0", SosNaming.fileName("/usr/bin/ovs-ofctl -O OpenFlow13 dump-flows br0"));
        assertEquals("ovs-vsctl_-t_5_show", SosNaming.fileName("ovs-vsctl -t 5 show"));
        assertEquals("journalctl_--no-pager_--unit_origin-node", SosNaming.fileName("journalctl --no-pager --unit origin-node"));
        assertEquals("iptables_-t_nat_-nvL", SosNaming.fileName("/sbin/iptables -t nat -nvL"));
        // Runs of other characters become one '_', '/' becomes '.', and the ends are stripped.
        assertEquals("cat_.proc.net.dev", SosNaming.fileName("cat /proc/net/dev"));
        assertEquals("a_b", SosNaming.fileName("a  \"'b'\" "));
    }

    @Test
    void perTargetSourcesMatchTheirFilesOnly() {
        FactSource ethtool = FactSources.forInput(FactSources.ETHTOOL).get(0);
        assertEquals("eth0", ethtool.targetOf("ethtool_eth0"));
        assertNull(ethtool.targetOf("ethtool_-i_eth0"), "ethtool -i is another command");
        FactSource get = FactSources.forInput(FactSources.ROUTE_GET).get(0);
        assertEquals("10.0.0.2", get.targetOf("ip_route_get_10.0.0.2"));
        assertEquals("ip_route_get_10.0.0.2", get.fileNameFor("10.0.0.2"));
        assertEquals("ip route get 10.0.0.2", get.commandFor("10.0.0.2"));
    }
}
