package io.netrules.parse.ip;

import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpJsonAddressParserTest {
    private static ParseContext.Collecting parse(String file, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/" + file, "ip-address")
                .parse(new IpJsonAddressParser(), text);
    }

    private static Map<String, NetInterface> byName(ParseContext.Collecting c) {
        return c.facts(NetInterface.class).stream().collect(Collectors.toMap(NetInterface::name, Function.identity()));
    }

    /** A link as a rule sees it, without where it was read. */
    private static String link(NetInterface i) {
        return String.join(" | ", i.node(), String.valueOf(i.index()), i.name(), String.valueOf(i.mtu()),
                i.operState(), String.valueOf(i.flags()), String.valueOf(i.kind()), String.valueOf(i.master()),
                String.valueOf(i.addresses()));
    }

    private static String address(InterfaceAddress a) {
        return String.join(" | ", a.node(), a.iface(), a.cidr(), a.family());
    }

    @Test
    void prettyDetailJsonGivesTheFactsOfTheTextForm() {
        var json = parse("ip_-j_-d_-p_address", Samples.read("ip_-j_-d_-p_address"));
        var text = ParseContext.collecting("node-1", "nodes/node-1/ip_-d_address", "ip-address")
                .parse(new IpAddressParser(), Samples.read("ip_-d_address"));
        assertEquals(List.of(), json.warnings);
        assertNull(json.ctx.toolError());
        assertEquals(9, json.facts(NetInterface.class).size());
        assertEquals(text.facts(NetInterface.class).stream().map(IpJsonAddressParserTest::link).toList(),
                json.facts(NetInterface.class).stream().map(IpJsonAddressParserTest::link).toList());
        assertEquals(text.facts(InterfaceAddress.class).stream().map(IpJsonAddressParserTest::address).toList(),
                json.facts(InterfaceAddress.class).stream().map(IpJsonAddressParserTest::address).toList());

        var ifs = byName(json);
        assertEquals("vxlan", ifs.get("vxlan_sys_4789").kind());
        assertEquals("ovs-system", ifs.get("veth3c9a1f2e").master());
        assertEquals("openvswitch", ifs.get("tun0").kind());
        assertEquals("bridge", ifs.get("docker0").kind());
        // The MAC of ether links, as the text form's link/ether line gives it; none for loopback.
        assertEquals(text.facts(NetInterface.class).stream().map(NetInterface::mac).toList(),
                json.facts(NetInterface.class).stream().map(NetInterface::mac).toList());
        assertEquals("fa:16:3e:5d:8a:21", ifs.get("eth0").mac());
        assertNull(ifs.get("lo").mac());
        // Source: the line of the object's opening brace, and the object's own values as text.
        NetInterface eth0 = ifs.get("eth0");
        assertEquals(34, eth0.source().line());
        assertEquals("nodes/node-1/ip_-j_-d_-p_address", eth0.source().file());
        assertTrue(eth0.source().text().startsWith("{\"ifindex\":2,\"ifname\":\"eth0\",\"flags\":[\"BROADCAST\""),
                eth0.source().text());
        assertTrue(!eth0.source().text().contains("addr_info"), eth0.source().text());
        InterfaceAddress primary = json.facts(InterfaceAddress.class).stream()
                .filter(a -> a.address().equals("10.0.0.1")).findFirst().orElseThrow();
        assertEquals(51, primary.source().line());
        assertTrue(primary.source().text().startsWith("{\"family\":\"inet\",\"local\":\"10.0.0.1\",\"prefixlen\":24"));
    }

    @Test
    void oneLineJsonWithoutDetailPutsEveryFactOnLineOne() {
        var c = parse("ip_-j_address", Samples.read("ip_-j_address"));
        assertEquals(List.of(), c.warnings);
        var ifs = byName(c);
        assertEquals(9, ifs.size());
        NetInterface tun0 = ifs.get("tun0");
        assertEquals(7, tun0.index());
        assertEquals(1450, tun0.mtu());
        assertEquals("UNKNOWN", tun0.operState());
        assertNull(tun0.kind(), "no linkinfo without -d");
        assertEquals(List.of("10.129.0.1/23", "fe80::948d:3fff:fe0b:27c5/64"), tun0.addresses());
        assertEquals("ovs-system", ifs.get("vxlan_sys_4789").master(), "the master key is printed without -d too");
        assertTrue(c.facts(InterfaceAddress.class).stream().allMatch(a -> a.source().line() == 1));
        assertEquals(10, c.facts(InterfaceAddress.class).size());
    }

    @Test
    void emptyObjectsOfAnAddressFilterAreSkippedAndAnIfnameAtSuffixIsDropped() {
        String text = "[{},{},{\"ifindex\":2,\"ifname\":\"eth0\",\"flags\":[\"UP\"],\"mtu\":1500,\"operstate\":\"UP\","
                + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.1\",\"prefixlen\":24}]},"
                + "{\"ifindex\":9,\"ifname\":\"veth1@if3\",\"master\":\"ovs-system\",\"addr_info\":[]}]\n";
        var c = parse("ip_-j_-4_address", text);
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("eth0", "veth1"), c.facts(NetInterface.class).stream().map(NetInterface::name).toList());
        assertEquals(List.of("10.0.0.1/24"), byName(c).get("eth0").addresses());
    }

    @Test
    void badItemsAreWarningsAtTheirLineAndTheRestIsRead() {
        String text = "[ {\n"
                + "        \"ifindex\": 1,\n"
                + "        \"ifname\": \"lo\",\n"
                + "        \"mtu\": \"big\",\n"
                + "        \"addr_info\": [ ]\n"
                + "    },{\n"
                + "        \"ifindex\": 2,\n"
                + "        \"ifname\": \"eth0\",\n"
                + "        \"mtu\": 1500,\n"
                + "        \"addr_info\": [ {\n"
                + "                \"family\": \"inet\",\n"
                + "                \"local\": \"10.0.0.300\",\n"
                + "                \"prefixlen\": 24\n"
                + "            },{\n"
                + "                \"family\": \"inet\",\n"
                + "                \"local\": \"10.0.0.1\",\n"
                + "                \"prefixlen\": 24\n"
                + "            } ]\n"
                + "    },{\n"
                + "        \"mtu\": 1450\n"
                + "    } ]\n";
        var c = parse("ip_-j_-p_address", text);
        assertEquals(List.of(1, 10, 19), c.warnings.stream().map(ParseWarning::line).toList(), c.warnings.toString());
        assertTrue(c.warnings.get(0).text().contains("mtu"), c.warnings.get(0).text());
        assertEquals(List.of("eth0"), c.facts(NetInterface.class).stream().map(NetInterface::name).toList());
        assertEquals(List.of("10.0.0.1/24"), byName(c).get("eth0").addresses());
        assertEquals(14, c.facts(InterfaceAddress.class).get(0).source().line());
    }

    @Test
    void brokenJsonIsAWarningAtItsLineAndWhatCameBeforeStays() {
        String text = "[ {\n"
                + "        \"ifindex\": 1,\n"
                + "        \"ifname\": \"lo\",\n"
                + "        \"addr_info\": [ ]\n"
                + "    },{\n"
                + "        \"ifindex\": \u0001\u0002\ufffd\n"
                + "    } ]\n";
        var c = parse("ip_-j_-p_address", text);
        assertEquals(List.of("lo"), c.facts(NetInterface.class).stream().map(NetInterface::name).toList());
        assertEquals(1, c.warnings.size());
        assertEquals(6, c.warnings.get(0).line());
    }

    @Test
    void jsonCutShortIsAWarning() {
        var c = parse("ip_-j_address", "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[]},{\"ifindex\":2,");
        assertEquals(List.of("lo"), c.facts(NetInterface.class).stream().map(NetInterface::name).toList());
        assertEquals(1, c.warnings.size());
        assertTrue(c.warnings.get(0).text().contains("cut short"), c.warnings.get(0).text());
    }

    @Test
    void jsonCutShortOnItsOnlyLineNamesThatLine() {
        // Found by ParsersFuzzTest: Jackson puts the end of input on the line after the last one.
        var c = parse("ip_-j_address", "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\"");
        assertEquals(1, c.warnings.size());
        assertEquals(1, c.warnings.get(0).line(), c.warnings.get(0).toString());
        assertTrue(c.warnings.get(0).text().contains("cut short"), c.warnings.get(0).text());
    }

    @Test
    void oldIproute2WithoutJsonIsAToolFailure() {
        var c = parse("ip_-j_address", "Option \"-j\" is unknown, try \"ip -help\".\n");
        assertEquals(List.of(), c.warnings);
        assertEquals(ToolErrorKind.OTHER, c.ctx.toolError().kind());
        assertEquals(1, c.facts.size());

        var missing = parse("ip_-j_address", "bash: ip: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
    }

    @Test
    void textThatIsNotJsonIsAWarningPerLine() {
        var c = parse("ip_-j_address", "\n1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n");
        assertEquals(List.of(2, 3), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of(), c.facts);
    }

    @Test
    void emptyFilesGiveNothing() {
        assertEquals(List.of(), parse("ip_-j_address", "").facts);
        assertEquals(List.of(), parse("ip_-j_address", "").warnings);
        var blank = parse("ip_-j_address", "\n\n[]\n");
        assertEquals(List.of(), blank.facts);
        assertEquals(List.of(), blank.warnings);
    }

    @Test
    void crlfLineEndsAreRead() {
        String text = Samples.read("ip_-j_-d_-p_address").replace("\n", "\r\n");
        var c = parse("ip_-j_-d_-p_address", text);
        assertEquals(List.of(), c.warnings);
        assertEquals(9, c.facts(NetInterface.class).size());
        assertEquals(34, byName(c).get("eth0").source().line());
    }
}
