package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.NetInterface;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ip.IpAddressParser;
import io.netrules.plugins.ovnkubernetes.model.GeneveDevice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneveLinkParserTest {
    private static final String FILE = "ip_-s_-d_link";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new GeneveLinkParser(), FILE, "ip-link", text);
    }

    @Test
    void findsTheKernelGeneveDeviceAndItsPort() {
        var r = parse(Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        List<GeneveDevice> devices = r.facts(GeneveDevice.class);
        assertEquals(1, devices.size());
        GeneveDevice g = devices.get(0);
        assertEquals("genev_sys_6081", g.name());
        assertEquals(6081, g.dstPort());
        assertEquals(65000, g.mtu());
        assertTrue(g.up());
        assertEquals(Samples.NODE, g.node());
        assertEquals(35, g.source().line());
        assertTrue(g.source().text().startsWith("6: genev_sys_6081: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000"));
    }

    /** The core's ip parser already reads this file's links and MTUs: this parser adds only dstport. */
    @Test
    void theCoreIpParserReadsTheLinksAndMtusOfTheSameFile() {
        var r = Samples.parse(new IpAddressParser(), FILE, "ip-link", Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        List<NetInterface> links = r.facts(NetInterface.class);
        assertEquals(List.of("lo", "ens3", "ovs-system", "br-ex", "br-int", "genev_sys_6081", "ovn-k8s-mp0",
                "3f9a0c1e2b7d4a5"), links.stream().map(NetInterface::name).toList());
        NetInterface geneve = links.get(5);
        assertEquals("geneve", geneve.kind());
        assertEquals(65000, geneve.mtu());
        assertEquals("ovs-system", geneve.master());
        assertEquals(1400, links.get(6).mtu());
        assertEquals(1500, links.get(1).mtu());
    }

    /** {@code ip -d address} prints the same detail lines, with the addresses among them. */
    @Test
    void readsTheSameDeviceOutOfIpDAddress() {
        var r = Samples.parse(new GeneveLinkParser(), "ip_-d_address", "ip-addr", """
                6: genev_sys_6081: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system state UNKNOWN group default qlen 1000
                    link/ether 5e:fa:3c:1b:9a:44 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65465
                    geneve external id 0 ttl auto dstport 6081 udp6zerocsumrx
                    openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                    inet6 fe80::5cfa:3cff:fe1b:9a44/64 scope link
                       valid_lft forever preferred_lft forever
                7: ovn-k8s-mp0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/ether 0a:58:0a:80:02:02 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
                    openvswitch addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                    inet 10.128.2.2/23 brd 10.128.3.255 scope global ovn-k8s-mp0
                       valid_lft forever preferred_lft forever
                """);
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of("genev_sys_6081"), r.facts(GeneveDevice.class).stream().map(GeneveDevice::name).toList());
        assertEquals(6081, r.facts(GeneveDevice.class).get(0).dstPort());
    }

    @Test
    void aDownGeneveDeviceWithAnotherPort() {
        var r = parse("""
                7: genev_sys_6082: <BROADCAST,MULTICAST> mtu 1500 qdisc noop master ovs-system state DOWN mode DEFAULT group default qlen 1000
                    link/ether 5e:fa:3c:1b:9a:45 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65465
                    geneve external id 0 ttl auto dstport 6082 udp6zerocsumrx
                """);
        assertEquals(List.of(), r.warnings);
        GeneveDevice g = r.facts(GeneveDevice.class).get(0);
        assertFalse(g.up());
        assertEquals(6082, g.dstPort());
        assertEquals(1500, g.mtu());
    }

    @Test
    void noGeneveDeviceGivesNoFact() {
        var r = parse("""
                2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel master ovs-system state UP mode DEFAULT group default qlen 1000
                    link/ether fa:16:3e:5b:2c:91 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65535
                    openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
                """);
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of(), r.facts(GeneveDevice.class));
    }

    @Test
    void junkOutsideALinkIsAWarningAndTheBadPortIsToo() {
        var r = parse("""
                garbage before any link
                6: genev_sys_6081: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 65000 qdisc noqueue master ovs-system state UNKNOWN mode DEFAULT group default qlen 1000
                    geneve external id 0 ttl auto dstport sixty udp6zerocsumrx
                """);
        assertEquals(List.of(1, 3), r.warnings.stream().map(ParseWarning::line).toList());
        assertNull(r.facts(GeneveDevice.class).get(0).dstPort());
    }

    @Test
    void aFailedIpIsTheToolsFailure() {
        var r = parse("Cannot open netlink socket: Permission denied\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, r.ctx.toolError().kind());
        assertEquals(List.of(), r.facts(GeneveDevice.class));
    }
}
