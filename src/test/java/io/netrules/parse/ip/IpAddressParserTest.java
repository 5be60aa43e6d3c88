package io.netrules.parse.ip;

import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolError;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressParserTest {
    private static ParseContext.Collecting parse(String file, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/" + file, "ip_-d_address")
                .parse(new IpAddressParser(), text);
    }

    private static Map<String, NetInterface> byName(ParseContext.Collecting c) {
        return c.facts(NetInterface.class).stream().collect(Collectors.toMap(NetInterface::name, Function.identity()));
    }

    @Test
    void readsAn311NodeWithDetail() {
        var c = parse("ip_-d_address", Samples.read("ip_-d_address"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        var ifs = byName(c);
        assertEquals(List.of("lo", "eth0", "docker0", "ovs-system", "br0", "vxlan_sys_4789", "tun0", "veth3c9a1f2e",
                "veth71d0b6a4"), c.facts(NetInterface.class).stream().map(NetInterface::name).toList());

        NetInterface eth0 = ifs.get("eth0");
        assertEquals("node-1", eth0.node());
        assertEquals(2, eth0.index());
        assertEquals(1500, eth0.mtu());
        assertEquals("UP", eth0.operState());
        assertEquals(List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), eth0.flags());
        assertNull(eth0.kind());
        assertNull(eth0.master());
        assertEquals(List.of("10.0.0.1/24", "fe80::f816:3eff:fe5d:8a21/64"), eth0.addresses());
        assertEquals(7, eth0.source().line());
        assertTrue(eth0.source().text().startsWith("2: eth0: <BROADCAST"));
        assertEquals("nodes/node-1/ip_-d_address", eth0.source().file());
        // The link/ether line's MAC; loopback has none of that kind.
        assertEquals("fa:16:3e:5d:8a:21", eth0.mac());

        NetInterface br0 = ifs.get("br0");
        assertEquals("openvswitch", br0.kind());
        assertEquals("DOWN", br0.operState());
        assertFalse(br0.adminUp());
        assertEquals(1450, br0.mtu());

        NetInterface vxlan = ifs.get("vxlan_sys_4789");
        assertEquals("vxlan", vxlan.kind());
        assertEquals(65000, vxlan.mtu());
        assertEquals("ovs-system", vxlan.master());
        assertEquals("UNKNOWN", vxlan.operState());
        assertTrue(vxlan.lowerUp());

        NetInterface tun0 = ifs.get("tun0");
        assertEquals("openvswitch", tun0.kind());
        assertEquals(1450, tun0.mtu());
        assertEquals(List.of("10.129.0.1/23", "fe80::948d:3fff:fe0b:27c5/64"), tun0.addresses());

        NetInterface veth = ifs.get("veth3c9a1f2e");
        assertEquals("veth", veth.kind());
        assertEquals("ovs-system", veth.master());
        assertEquals(8, veth.index());

        assertEquals("bridge", ifs.get("docker0").kind());
        assertEquals(List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"), ifs.get("docker0").flags());
        assertEquals(65536, ifs.get("lo").mtu());
        assertNull(ifs.get("lo").kind());
        assertNull(ifs.get("lo").mac());
    }

    @Test
    void emitsOneAddressFactPerInetLineWithItsOwnLine() {
        var c = parse("ip_-d_address", Samples.read("ip_-d_address"));
        List<InterfaceAddress> addrs = c.facts(InterfaceAddress.class);
        assertEquals(10, addrs.size());
        InterfaceAddress tun0 = addrs.stream().filter(a -> a.iface().equals("tun0") && a.family().equals("inet"))
                .findFirst().orElseThrow();
        assertEquals("10.129.0.1", tun0.address());
        assertEquals(23, tun0.prefixLength());
        assertEquals("10.129.0.1/23", tun0.cidr());
        assertEquals(33, tun0.source().line());
        assertEquals("inet 10.129.0.1/23 brd 10.129.1.255 scope global tun0", tun0.source().text());
        InterfaceAddress lo6 = addrs.stream().filter(a -> a.iface().equals("lo") && a.family().equals("inet6"))
                .findFirst().orElseThrow();
        assertEquals("::1", lo6.address());
        assertEquals(128, lo6.prefixLength());
        InterfaceAddress veth6 = addrs.stream().filter(a -> a.iface().equals("veth71d0b6a4")).findFirst()
                .orElseThrow();
        assertEquals("fe80::d06e:5ff:fe9b:14f8", veth6.address());
        assertEquals(64, veth6.prefixLength());
    }

    @Test
    void readsPlainIpAddressWithAltnames() {
        var c = parse("ip_address", Samples.read("ip_address"));
        assertEquals(List.of(), c.warnings);
        var ifs = byName(c);
        assertEquals(7, ifs.size());
        NetInterface ens3 = ifs.get("ens3");
        assertEquals(List.of("10.0.0.2/24", "fe80::5054:ff:fe8c:1102/64"), ens3.addresses());
        assertNull(ens3.kind());
        NetInterface veth = ifs.get("vethb61f3c07");
        assertEquals("ovs-system", veth.master());
        assertNull(veth.kind(), "plain ip address has no detail lines");
        assertEquals(List.of(), ifs.get("br0").addresses());
        assertEquals("10.130.0.1/23", ifs.get("tun0").addresses().get(0));
    }

    @Test
    void readsOtherKindsPeerAddressesAndNoneSuffix() {
        var c = parse("ip_-d_address", Samples.read("ip_-d_address_misc"));
        assertEquals(List.of(), c.warnings);
        var ifs = byName(c);
        assertEquals("bond", ifs.get("bond0").kind());
        assertEquals("bond0", ifs.get("em1").master());
        assertNull(ifs.get("em1").kind(), "bond_slave is not the link's kind");
        assertEquals("gre", ifs.get("gre0").kind());
        NetInterface tun1 = ifs.get("tun1");
        assertEquals("tun", tun1.kind());
        assertEquals(List.of("10.8.0.1/32"), tun1.addresses());
        InterfaceAddress peer = c.facts(InterfaceAddress.class).stream().filter(a -> a.iface().equals("tun1"))
                .findFirst().orElseThrow();
        assertEquals("10.8.0.1", peer.address(), "the local address, not the peer");
        assertEquals(32, peer.prefixLength());
    }

    @Test
    void openvswitchSlaveWithoutMasterOnHeaderIsAttachedToOvs() {
        String text = """
                2: eno1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc mq state UP group default qlen 1000
                    link/ether 38:90:a5:80:43:c9 brd ff:ff:ff:ff:ff:ff promiscuity 1
                    openvswitch_slave addrgenmode eui64 numtxqueues 8 numrxqueues 8 gso_max_size 65536 gso_max_segs 65535
                """;
        NetInterface eno1 = parse("ip_-d_address", text).facts(NetInterface.class).get(0);
        assertEquals("ovs-system", eno1.master());
        assertNull(eno1.kind());
    }

    @Test
    void passesStatisticsAndVfLinesInsideABlockQuietly() {
        String text = """
                7: ens1f1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
                    link/ether b4:96:91:e5:c8:a9 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 9702
                    RX: bytes  packets  errors  dropped missed  mcast
                    17496609   257835   0       67      0       792
                    TX: bytes  packets  errors  dropped carrier collsns
                    33991      231      0       0       0       0
                    vf 0     link/ether 6e:cc:c3:fe:ad:7f brd ff:ff:ff:ff:ff:ff, spoof checking on, link-state auto, trust off
                    bridge_slave state forwarding priority 32 cost 100 hairpin off guard off
                """;
        var c = parse("ip_-d_address", text);
        assertEquals(List.of(), c.warnings);
        NetInterface nic = c.facts(NetInterface.class).get(0);
        assertEquals("ens1f1", nic.name());
        assertNull(nic.kind());
    }

    @Test
    void readsOneLineForm() {
        String text = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet6 fe80::f816:3eff:fe5d:8a21/64 scope link \\       valid_lft forever preferred_lft forever\n";
        var c = parse("ip_-o_addr", text);
        assertEquals(List.of(), c.warnings);
        var ifs = byName(c);
        assertEquals(List.of("10.0.0.1/24", "fe80::f816:3eff:fe5d:8a21/64"), ifs.get("eth0").addresses());
        assertEquals(2, ifs.get("eth0").index());
        assertNull(ifs.get("eth0").mtu());
        assertEquals(3, c.facts(InterfaceAddress.class).size());
        assertEquals(3, c.facts(InterfaceAddress.class).get(2).source().line());
    }

    @Test
    void acceptsCrlfAndTrailingCarriageReturn() {
        String text = Samples.read("ip_address").replace("\n", "\r\n");
        var c = parse("ip_address", text);
        assertEquals(List.of(), c.warnings);
        assertEquals(7, c.facts(NetInterface.class).size());
        assertEquals("ens3", byName(c).get("ens3").name());
        assertEquals(1500, byName(c).get("ens3").mtu());
    }

    @Test
    void garbageLinesBecomeWarningsWithTheirLineNumbers() {
        String text = """
                Message truncated
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                \u0000\u0013\uFFFD\uFFFDPK
                    inet 127.0.0.1/8 scope host lo
                    inet 10.0.0.300/24 scope global lo
                7 eth0 <UP> mtu
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 15x0 qdisc mq state UP group default qlen 1000
                    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0
                """;
        var c = parse("ip_-d_address", text);
        assertEquals(List.of(1, 4, 6, 7, 8), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals("nodes/node-1/ip_-d_address", c.warnings.get(0).source());
        var ifs = byName(c);
        assertEquals(List.of("127.0.0.1/8"), ifs.get("lo").addresses());
        assertNull(ifs.get("eth0").mtu(), "a bad mtu is a warning, the link is still read");
        assertEquals(List.of("10.0.0.1/24"), ifs.get("eth0").addresses());
    }

    @Test
    void commandNotFoundIsAToolFailure() {
        var c = parse("ip_-d_address", "bash: ip: command not found\n");
        ToolError error = c.ctx.toolError();
        assertEquals(ToolErrorKind.NOT_INSTALLED, error.kind());
        assertEquals(1, error.source().line());
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of(), c.facts(NetInterface.class));
    }

    @Test
    void netlinkPermissionErrorIsAToolFailure() {
        var c = parse("ip_-d_address", "Cannot open netlink socket: Permission denied\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, c.ctx.toolError().kind());
    }

    @Test
    void interruptedDumpIsAWarningNotAFailedTool() {
        var c = parse("ip_address", Samples.read("ip_address") + "Dump was interrupted and may be inconsistent.\n");
        assertNull(c.ctx.toolError());
        assertEquals(List.of(30), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(7, c.facts(NetInterface.class).size());
    }

    @Test
    void emptyFileGivesNothing() {
        var c = parse("ip_-d_address", "");
        assertTrue(c.facts.isEmpty());
        assertTrue(c.warnings.isEmpty());
        assertNull(c.ctx.toolError());
    }
}
