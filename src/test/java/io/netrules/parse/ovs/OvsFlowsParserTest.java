package io.netrules.parse.ovs;

import io.netrules.model.OvsFlow;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolError;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsFlowsParserTest {
    private static final String FILE = "ovs-ofctl_-O_OpenFlow13_dump-flows_br0";
    private static final String INPUT = "ovs-ofctl_-O_OpenFlow13_dump-flows";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new OvsFlowsParser(), FILE, INPUT, "br0", text);
    }

    private static ParseContext.Collecting sample(String name) {
        return parse(Samples.text(name));
    }

    private static OvsFlow only(List<OvsFlow> flows, Predicate<OvsFlow> p) {
        List<OvsFlow> found = flows.stream().filter(p).toList();
        assertEquals(1, found.size(), "expected exactly one flow, found " + found);
        return found.get(0);
    }

    /** What a flow says, without where it was read: to compare variants of one dump. */
    private static List<String> content(List<OvsFlow> flows) {
        return flows.stream().map(f -> f.table() + "|" + f.priority() + "|" + f.cookie() + "|" + f.match() + "|"
                + f.actions() + "|" + f.inPort() + "|" + f.tunSrc() + "|" + f.tunDst() + "|" + f.nwSrc() + "|"
                + f.nwDst() + "|" + f.arpSpa() + "|" + f.arpTpa() + "|" + f.outputs()).toList();
    }

    @Test
    void full311DumpWithHeader() {
        var r = sample(FILE);
        List<OvsFlow> flows = r.facts(OvsFlow.class);
        assertEquals(68, flows.size());
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
        assertTrue(flows.stream().allMatch(f -> f.node().equals("node-1") && f.bridge().equals("br0")
                && f.cookie().equals("0x0")));

        // every remote node has a tun_src flow in table 10
        Set<String> tunSrcs = flows.stream().filter(f -> f.table() == 10 && f.tunSrc() != null)
                .map(OvsFlow::tunSrc).collect(Collectors.toSet());
        assertEquals(Set.of("10.0.0.2", "10.0.0.3"), tunSrcs);
        OvsFlow tunSrc = only(flows, f -> "10.0.0.2".equals(f.tunSrc()));
        assertEquals(100, tunSrc.priority());
        assertEquals("goto_table:30", tunSrc.actions());
        assertEquals(16, tunSrc.source().line());
        assertTrue(tunSrc.source().text().startsWith("cookie=0x0, duration="));
        assertEquals("nodes/node-1/" + FILE, tunSrc.source().file());

        // ARP and IP to each remote subnet go out of vxlan0 (port 1) to the node's IP
        OvsFlow arpRemote = only(flows, f -> f.table() == 50 && "10.128.0.0/23".equals(f.arpTpa()));
        assertEquals("10.0.0.2", arpRemote.tunDst());
        assertEquals(List.of("1"), arpRemote.outputs());
        assertEquals("", arpRemote.field("arp"));
        assertEquals("move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],set_field:10.0.0.2->tun_dst,output:1",
                arpRemote.actions());
        OvsFlow ipRemote = only(flows, f -> f.table() == 90 && "10.130.0.0/23".equals(f.nwDst()));
        assertEquals("10.0.0.3", ipRemote.tunDst());
        assertEquals(List.of("1"), ipRemote.outputs());
        assertTrue(ipRemote.matches("ip"));

        // multicast to every remote node: several tun_dst, one output each; tunDst is the first
        OvsFlow multicast = only(flows, f -> f.table() == 111);
        assertEquals("10.0.0.2", multicast.tunDst());
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), multicast.tunDsts());
        assertEquals(List.of("1", "1"), multicast.outputs());
        assertTrue(multicast.actions().contains("set_field:10.0.0.3->tun_dst"));
        assertEquals(Map.of(), multicast.match());

        // per-pod flows of the pod on port 3
        OvsFlow podArp = only(flows, f -> f.table() == 20 && "10.129.0.5".equals(f.arpSpa()));
        assertEquals("3", podArp.inPort());
        assertEquals("0a:58:0a:81:00:05", podArp.field("arp_sha"));
        assertEquals(Set.of("arp", "in_port", "arp_spa", "arp_sha"), podArp.match().keySet());
        assertTrue(podArp.actions().startsWith("load:0xd3e8f1->NXM_NX_REG0[],note:6a.3f."));
        assertTrue(podArp.actions().endsWith(",goto_table:21"));
        assertEquals(List.of(), podArp.outputs());
        OvsFlow podIp = only(flows, f -> f.table() == 20 && "10.129.0.5".equals(f.nwSrc()));
        assertEquals("3", podIp.inPort());
        OvsFlow podArpIn = only(flows, f -> f.table() == 40 && "10.129.0.5".equals(f.arpTpa()));
        assertEquals(List.of("3"), podArpIn.outputs());
        OvsFlow podIpIn = only(flows, f -> f.table() == 70 && "10.129.0.5".equals(f.nwDst()));
        assertEquals("load:0xd3e8f1->NXM_NX_REG1[],load:0x3->NXM_NX_REG2[],goto_table:80", podIpIn.actions());
        assertEquals(List.of(), podIpIn.outputs());

        // commas inside ct(...) do not split actions; output to a register is not a port
        OvsFlow commit = only(flows, f -> f.table() == 21 && f.priority() == 200);
        assertEquals("ct(commit,table=30)", commit.actions());
        assertEquals("10.128.0.0/14", commit.nwDst());
        OvsFlow reply = only(flows, f -> f.table() == 30 && "+rpl".equals(f.field("ct_state")));
        assertEquals("ct(table=70,nat)", reply.actions());
        assertEquals("10.129.0.0/23", reply.nwDst());
        assertTrue(flows.stream().filter(f -> f.table() == 80).allMatch(f -> f.outputs().isEmpty()));

        // service DNS to the node: tp_dst kept as printed
        OvsFlow dns = only(flows, f -> f.table() == 101 && f.matches("tcp"));
        assertEquals("53", dns.field("tp_dst"));
        assertEquals(51, dns.priority());
        assertEquals(List.of("2"), dns.outputs());

        // the version note prints no priority: the default applies, and there is no match
        OvsFlow note = only(flows, f -> f.table() == 253);
        assertEquals(OvsFlowsParser.DEFAULT_PRIORITY, note.priority());
        assertEquals(Map.of(), note.match());
        assertEquals("note:02.06.00.00.00.00", note.actions());
        assertEquals(69, note.source().line());

        OvsFlow tableMiss = only(flows, f -> f.table() == 0 && f.priority() == 0);
        assertEquals("drop", tableMiss.actions());
        assertEquals(Map.of(), tableMiss.match());
    }

    @Test
    void portNamesInsteadOfNumbers() {
        var r = sample(FILE + ".names");
        List<OvsFlow> flows = r.facts(OvsFlow.class);
        assertEquals(68, flows.size());
        assertEquals(List.of(), r.warnings);
        OvsFlow podArp = only(flows, f -> f.table() == 20 && "10.129.0.5".equals(f.arpSpa()));
        assertEquals("veth3b2fd6c1", podArp.inPort());
        assertEquals("veth3b2fd6c1", podArp.field("in_port"));
        OvsFlow arpRemote = only(flows, f -> f.table() == 50 && "10.128.0.0/23".equals(f.arpTpa()));
        assertEquals(List.of("vxlan0"), arpRemote.outputs());
        assertEquals(List.of("vxlan0", "vxlan0"), only(flows, f -> f.table() == 111).outputs());
        assertEquals(List.of("vethc8a4be73"),
                only(flows, f -> f.table() == 40 && "10.129.0.6".equals(f.arpTpa())).outputs());
        // the register load keeps its number: only ports are printed as names
        assertTrue(only(flows, f -> f.table() == 70 && "10.129.0.6".equals(f.nwDst())).actions()
                .contains("load:0x4->NXM_NX_REG2[]"));
        assertEquals(2, flows.stream().filter(f -> f.table() == 0 && "vxlan0".equals(f.inPort())
                && f.priority() == 200 && f.matches("ip")).count());
        // first flow on line 1: no header
        assertEquals(1, flows.get(0).source().line());
    }

    @Test
    void withoutHeaderOrLeadingSpaceIsTheSameDump() {
        var withHeader = sample(FILE);
        var noHeader = sample(FILE + ".noheader");
        assertEquals(List.of(), noHeader.warnings);
        List<OvsFlow> flows = noHeader.facts(OvsFlow.class);
        assertEquals(content(withHeader.facts(OvsFlow.class)), content(flows));
        assertEquals(1, flows.get(0).source().line());
        assertEquals(68, flows.get(67).source().line());
    }

    @Test
    void crlfLineEndsAreTheSameDump() {
        String text = Samples.text(FILE + ".crlf");
        assertTrue(text.contains("\r\n"), "the sample must keep its CRLF line ends");
        var crlf = parse(text);
        assertEquals(List.of(), crlf.warnings);
        List<OvsFlow> flows = crlf.facts(OvsFlow.class);
        assertEquals(content(sample(FILE).facts(OvsFlow.class)), content(flows));
        assertTrue(flows.stream().noneMatch(f -> f.actions().indexOf('\r') >= 0
                || f.source().text().indexOf('\r') >= 0));
        assertEquals("note:02.06.00.00.00.00", only(flows, f -> f.table() == 253).actions());
    }

    @Test
    void trailingCarriageReturnLeftInTextIsTolerated() {
        // a parser may be handed lines whose CR was not removed
        var r = ParseContext.collecting("node-1", FILE, INPUT, null);
        new OvsFlowsParser().parse(List.of(new io.netrules.parse.Line(1,
                " cookie=0x0, duration=5.1s, table=40, n_packets=0, n_bytes=0, priority=100,arp,arp_tpa=10.129.0.5"
                        + " actions=output:3\r")), r.ctx);
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of("3"), r.facts(OvsFlow.class).get(0).outputs());
    }

    @Test
    void openFlow10DumpWithRepeatedHeadersAgesAndFlags() {
        var r = Samples.parse(new OvsFlowsParser(), "ovs-ofctl_dump-flows_br0", "ovs-ofctl_dump-flows", "br0",
                Samples.text("ovs-ofctl_dump-flows_br0.of10"));
        assertEquals(List.of(), r.warnings);
        List<OvsFlow> flows = r.facts(OvsFlow.class);
        assertEquals(6, flows.size());
        assertTrue(flows.stream().noneMatch(f -> f.matches("idle_age") || f.matches("hard_age")
                || f.matches("duration") || f.matches("n_packets")));

        OvsFlow remote = only(flows, f -> f.table() == 8);
        assertEquals("0xac100019", remote.cookie());
        assertEquals("172.16.0.25", remote.tunDst()); // load:0xac100019->NXM_NX_TUN_IPV4_DST[]
        assertEquals(List.of("1"), remote.outputs());
        assertEquals("10.1.3.0/24", remote.arpTpa());
        assertEquals("172.16.0.25", only(flows, f -> f.table() == 1).tunSrc());

        OvsFlow flagged = only(flows, f -> "5".equals(f.inPort()));
        assertEquals(10, flagged.priority());
        assertEquals(Map.of("in_port", "5"), flagged.match());
        assertEquals("NORMAL", flagged.actions());
        assertEquals(List.of(), flagged.outputs());

        OvsFlow defaultPriority = only(flows, f -> "9".equals(f.inPort()));
        assertEquals(OvsFlowsParser.DEFAULT_PRIORITY, defaultPriority.priority());
        assertEquals(Map.of("in_port", "9"), defaultPriority.match());
        assertEquals(8, defaultPriority.source().line());
    }

    @Test
    void sosreportWithoutOpenFlow13IsAVersionMismatchNotAnEmptyDump() {
        var r = Samples.parse(new OvsFlowsParser(), "ovs-ofctl_dump-flows_br0", "ovs-ofctl_dump-flows", "br0",
                Samples.text("ovs-ofctl_dump-flows_br0"));
        assertEquals(List.of(), r.facts(OvsFlow.class));
        ToolError error = r.ctx.toolError();
        assertEquals(ToolErrorKind.OPENFLOW_VERSION_MISMATCH, error.kind());
        assertEquals(1, error.source().line());
        assertEquals(List.of(error), r.facts(ToolError.class));
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void toolFailuresAreClassified() {
        assertEquals(ToolErrorKind.NO_SUCH_BRIDGE, sample(FILE + ".no-bridge").ctx.toolError().kind());
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, sample(FILE + ".ovs-down").ctx.toolError().kind());
        var brokenPipe = parse("ovs-ofctl: /var/run/openvswitch/br0.mgmt: failed to open socket (Broken pipe)\n");
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, brokenPipe.ctx.toolError().kind());
        var notInstalled = parse("bash: ovs-ofctl: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, notInstalled.ctx.toolError().kind());
        var unknown = parse("ovs-ofctl: br0: something nobody has seen before\n");
        assertEquals(ToolErrorKind.OTHER, unknown.ctx.toolError().kind());
        assertEquals(List.of(), unknown.warnings);
        for (var r : List.of(brokenPipe, notInstalled, unknown)) {
            assertEquals(List.of(), r.facts(OvsFlow.class));
        }
    }

    @Test
    void garbageAndBrokenLinesAreWarningsWithTheirLineNumbers() {
        String text = "OFPST_FLOW reply (OF1.3) (xid=0x2):\n"
                + " cookie=0x0, duration=10.5s, table=10, n_packets=0, n_bytes=0, priority=100,tun_src=10.0.0.2"
                + " actions=goto_table:30\n"
                + "\u0000\u0001\u00ff\ufffd\ufffd\u0007PK\u0003\u0004\n"
                + " cookie=0x0, duration=10.5s, table=ten, n_packets=0, n_bytes=0, priority=100 actions=drop\n"
                + " cookie=0x0, duration=10.5s, table=0, n_packets=0, n_bytes=0, priority=1x0 actions=drop\n"
                + " cookie=0x0, duration=10.5s, table=0, n_packets=0, n_bytes=0, priority=100,ip,nw_dst=10.128.0.0/23"
                + " actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],load:0xa0000zz->NXM_NX_TUN_IPV4_DST[],output:1\n"
                + " cookie=0x0, duration=10.5s, table=10, n_packets=0, n_byt\n"
                + " cookie=0x0, duration=10.5s, table=10, n_packets=0, n_bytes=0, priority=100,tun_src=10.0.0.3"
                + " actions=goto_table:30\n";
        var r = parse(text);
        assertEquals(List.of(3, 4, 5, 6, 7), r.warnings.stream().map(ParseWarning::line).toList());
        assertTrue(r.warnings.stream().allMatch(w -> w.source().equals("nodes/node-1/" + FILE)));
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), r.facts(OvsFlow.class).stream().map(OvsFlow::tunSrc).toList());
        assertNull(r.ctx.toolError());
    }

    @Test
    void emptyFileHasNoFlowsAndNoProblem() {
        for (String text : List.of("", "\n", "  \n\n")) {
            var r = parse(text);
            assertEquals(List.of(), r.facts);
            assertEquals(List.of(), r.warnings);
            assertNull(r.ctx.toolError());
        }
        // only a header: a bridge without flows
        var header = parse("OFPST_FLOW reply (OF1.3) (xid=0x2):\n");
        assertEquals(List.of(), header.facts);
        assertEquals(List.of(), header.warnings);
    }

    @Test
    void quotedPortNamesAndOtherActions() {
        String text = ""
                + " cookie=0xdeff105, duration=1568.501s, table=0, n_packets=10530, n_bytes=8425138, priority=500,ip,"
                + "in_port=\"patch-br-ex_ip-\",nw_src=172.30.0.0/16,nw_dst=169.254.169.2 actions=ct(table=3,zone=64001,nat)\n"
                + " cookie=0xdeff105, duration=1568.501s, table=0, n_packets=0, n_bytes=0, priority=200,udp,in_port=LOCAL,"
                + "tp_dst=6081 actions=output:\"patch-br-ex_ip-\",LOCAL\n"
                + " cookie=0x0, duration=3.2s, table=0, n_packets=0, n_bytes=0, priority=10,ip actions="
                + "learn(table=20,hard_timeout=300,NXM_OF_VLAN_TCI[0..11],output:NXM_OF_IN_PORT[]),output:5,output:reg2\n"
                + " cookie=0x0, duration=3.2s, table=111, n_packets=0, n_bytes=0, priority=100 actions="
                + "load:0xa000003->NXM_NX_TUN_IPV4_DST[],output:1\n"
                + " table=30, priority=0,arp actions=drop\n"
                + " actions=NORMAL\n";
        var r = parse(text);
        assertEquals(List.of(), r.warnings);
        List<OvsFlow> flows = r.facts(OvsFlow.class);
        assertEquals(6, flows.size());
        assertEquals("patch-br-ex_ip-", flows.get(0).inPort());
        assertEquals("patch-br-ex_ip-", flows.get(0).field("in_port"));
        assertEquals("0xdeff105", flows.get(0).cookie());
        assertEquals("169.254.169.2", flows.get(0).nwDst());
        assertEquals(List.of("patch-br-ex_ip-"), flows.get(1).outputs());
        assertEquals("LOCAL", flows.get(1).inPort());
        assertEquals(List.of("5"), flows.get(2).outputs());
        assertEquals("10.0.0.3", flows.get(3).tunDst());
        assertEquals(30, flows.get(4).table());
        assertEquals(0, flows.get(4).priority());
        assertEquals("0x0", flows.get(4).cookie());
        assertEquals(0, flows.get(5).table());
        assertEquals(OvsFlowsParser.DEFAULT_PRIORITY, flows.get(5).priority());
        assertEquals("NORMAL", flows.get(5).actions());
    }

    @Test
    void hexTunnelAddresses() {
        assertEquals("10.0.0.3", OvsFlowsParser.address("0xa000003"));
        assertEquals("172.16.0.25", OvsFlowsParser.address("0xac100019"));
        assertEquals("192.168.1.2", OvsFlowsParser.address("192.168.1.2"));
        assertEquals("0.0.0.1", OvsFlowsParser.address("1"));
    }

    @Test
    void bridgeComesFromTheDetail() {
        String line = " cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=0 actions=drop\n";
        assertEquals("br1", Samples.parse(new OvsFlowsParser(), "f", INPUT, "br1", line)
                .facts(OvsFlow.class).get(0).bridge());
        assertEquals("br0", Samples.parse(new OvsFlowsParser(), "f", INPUT, null, line)
                .facts(OvsFlow.class).get(0).bridge());
    }

    @Test
    void largeDumpParsesInOnePass() {
        // a big node's dump, many times over: this must stay a quick part of the normal test run
        int n = 100_000;
        StringBuilder text = new StringBuilder(n * 200).append("OFPST_FLOW reply (OF1.3) (xid=0x2):\n");
        for (int i = 0; i < n; i++) {
            int pod = i % 60_000;
            String ip = "10." + (128 + pod / 16384) + "." + (pod / 64 % 256) + "." + (pod % 64 + 2);
            switch (i % 4) {
                case 0 -> text.append(" cookie=0x0, duration=1843.286s, table=20, n_packets=785981, n_bytes=47158860, ")
                        .append("priority=100,arp,in_port=").append(i % 250 + 3).append(",arp_spa=").append(ip)
                        .append(",arp_sha=0a:58:0a:81:00:05 actions=load:0xd3e8f1->NXM_NX_REG0[],note:6a.3f.0c.9e,")
                        .append("goto_table:21\n");
                case 1 -> text.append(" cookie=0x0, duration=2107.1s, table=90, n_packets=0, n_bytes=0, priority=100,")
                        .append("ip,nw_dst=").append(ip).append("/23 actions=move:NXM_NX_REG0[]->NXM_NX_TUN_ID[0..31],")
                        .append("set_field:10.0.").append(i % 250).append(".7->tun_dst,output:1\n");
                case 2 -> text.append("cookie=0x0, duration=2107.1s, table=10, n_packets=0, n_bytes=0, priority=100,")
                        .append("tun_src=10.0.").append(i % 250).append(".7 actions=goto_table:30\n");
                default -> text.append(" cookie=0x0, duration=12.5s, table=70, n_packets=3, n_bytes=294, ")
                        .append("priority=100,ip,nw_dst=").append(ip)
                        .append(" actions=load:0xd3e8f1->NXM_NX_REG1[],load:0x3->NXM_NX_REG2[],goto_table:80\n");
            }
        }
        int[] counts = new int[2];
        List<ParseWarning> warnings = new ArrayList<>();
        ParseContext ctx = new ParseContext("node-1", FILE, INPUT, "br0", fact -> {
            counts[0]++;
            if (fact instanceof OvsFlow f && f.tunDst() != null && !f.outputs().isEmpty()) {
                counts[1]++;
            }
        }, warnings::add);
        new OvsFlowsParser().parse(Lines.of(text.toString()), ctx);
        assertEquals(List.of(), warnings);
        assertEquals(n, counts[0]);
        assertEquals(n / 4, counts[1]);
        assertFalse(ctx.toolError() != null);
    }
}
