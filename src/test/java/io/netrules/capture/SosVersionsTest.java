package io.netrules.capture;

import io.netrules.model.ParseWarning;
import io.netrules.parse.iptables.IptablesListParser;
import io.netrules.parse.iptables.NftRulesetParser;
import io.netrules.parse.ovs.OvsListBrParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sosreport trees of each sos version an RHCOS node may have been taken with, in sos's real
 * file names (ocp4-inputs.md section 3.2): each input is found where that version puts it.
 */
class SosVersionsTest {
    private static final String NAT_LISTING = """
            Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
             pkts bytes target     prot opt in     out     source               destination
            """;
    private static final String RULESET = """
            table ip nat {
            	chain PREROUTING {
            		type nat hook prerouting priority -100; policy accept;
            	}
            }
            """;

    private static Path tree(Path root, Map<String, String> files) throws IOException {
        Files.createDirectories(root.resolve("sos_commands"));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        return root;
    }

    private static NodeFolder index(Path root, List<ParseWarning> warnings) throws IOException {
        return NodeFolder.index(root, "node-1", "nodes/node-1/", warnings);
    }

    private static String file(NodeFolder f, String input) {
        var files = f.inputs().get(input);
        return files == null ? null : files.get(0).display();
    }

    @Test
    void sos36OnRhcos42HasTheRulesOnlyAsAnNftRulesetInNetworking(@TempDir Path dir) throws IOException {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder f = index(tree(dir, Map.of(
                "version.txt", "sosreport: 3.6\n",
                "sos_commands/networking/ip_-d_address", "",
                "sos_commands/networking/nft_list_ruleset", RULESET,
                "sos_commands/kernel/sysctl_-a", "net.ipv4.ip_forward = 1\n")), warnings);
        assertEquals(List.of(), warnings);
        assertEquals("nodes/node-1/sos_commands/networking/nft_list_ruleset", file(f, FactSources.IPTABLES_FILTER));
        assertEquals("nodes/node-1/sos_commands/networking/nft_list_ruleset", file(f, FactSources.IPTABLES_NAT));
        assertInstanceOf(NftRulesetParser.class, f.inputs().get(FactSources.IPTABLES_NAT).get(0).source().parser().get());
        assertEquals("nodes/node-1/sos_commands/kernel/sysctl_-a", file(f, FactSources.SYSCTL));
        assertNull(file(f, FactSources.OVS_BRIDGES), "no OVS on the host before 4.6");
        // The ruleset is read once per table: two files to read, one input each.
        assertEquals(2, f.files().keySet().stream()
                .filter(i -> i.display().endsWith("nft_list_ruleset")).count());
    }

    @Test
    void sos39SavesListBrWithoutTheTimeout(@TempDir Path dir) throws IOException {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder f = index(tree(dir, Map.of(
                "sos_commands/openvswitch/ovs-vsctl_list-br", "br0\n",
                "sos_commands/openvswitch/ovs-vsctl_-t_5_show", "")), warnings);
        assertEquals("nodes/node-1/sos_commands/openvswitch/ovs-vsctl_list-br", file(f, FactSources.OVS_BRIDGES));
        assertInstanceOf(OvsListBrParser.class, f.inputs().get(FactSources.OVS_BRIDGES).get(0).source().parser().get());
        assertEquals("nodes/node-1/sos_commands/openvswitch/ovs-vsctl_-t_5_show", file(f, FactSources.OVS_SHOW));
    }

    @Test
    void sos40ListsTheTablesInNetworkingAndPrefersThemToTheRuleset(@TempDir Path dir) throws IOException {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder f = index(tree(dir, Map.of(
                "sos_commands/networking/iptables_-vnxL", NAT_LISTING.replace("PREROUTING", "FORWARD"),
                "sos_commands/networking/iptables_-t_nat_-nvL", NAT_LISTING,
                "sos_commands/networking/nft_list_ruleset", RULESET,
                "sos_commands/openvswitch/ovs-vsctl_-t_5_list-br", "br0\n")), warnings);
        assertEquals(List.of(), warnings);
        assertEquals("nodes/node-1/sos_commands/networking/iptables_-vnxL", file(f, FactSources.IPTABLES_FILTER));
        assertEquals("nodes/node-1/sos_commands/networking/iptables_-t_nat_-nvL", file(f, FactSources.IPTABLES_NAT));
        assertInstanceOf(IptablesListParser.class, f.inputs().get(FactSources.IPTABLES_NAT).get(0).source().parser().get());
        assertEquals("nodes/node-1/sos_commands/openvswitch/ovs-vsctl_-t_5_list-br", file(f, FactSources.OVS_BRIDGES));
    }

    @Test
    void sos43PutsTheTablesInFirewallTables(@TempDir Path dir) throws IOException {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder f = index(tree(dir, Map.of(
                "sos_commands/firewall_tables/iptables_-t_filter_-nvL", NAT_LISTING.replace("PREROUTING", "FORWARD"),
                "sos_commands/firewall_tables/nft_list_ruleset", RULESET)), warnings);
        assertEquals("nodes/node-1/sos_commands/firewall_tables/iptables_-t_filter_-nvL",
                file(f, FactSources.IPTABLES_FILTER));
        // No nat listing (the legacy iptable_nat module was not loaded): nat from the ruleset.
        assertEquals("nodes/node-1/sos_commands/firewall_tables/nft_list_ruleset", file(f, FactSources.IPTABLES_NAT));
    }

    @Test
    void sos410HasHandlesHostFilesTailedOutputsAndAManifest(@TempDir Path dir) throws IOException {
        List<ParseWarning> warnings = new ArrayList<>();
        Path root = tree(dir, Map.of(
                "sos_commands/firewall_tables/nft_-a_list_ruleset", RULESET,
                "host/etc/resolv.conf", "nameserver 10.0.0.2\n",
                "sos_strings/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0.tailed",
                " cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=0 actions=drop\n",
                "sos_reports/manifest.json", """
                        {"version": "1.0", "components": {"report": {"plugins": {
                          "openvswitch": {"name": "openvswitch", "commands": [
                            {"command": "ovs-vsctl", "parameters": ["-t", "5", "list-br"],
                             "exec": "ovs-vsctl -t 5 list-br", "filepath": null, "truncated": false,
                             "return_code": 127, "priority": 10},
                            {"command": "ovs-ofctl", "exec": "ovs-ofctl -O OpenFlow13 dump-flows br0",
                             "filepath": "sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0",
                             "truncated": true, "return_code": 0}]}}}}}
                        """));
        Path flows = root.resolve("sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0");
        Files.createDirectories(flows.getParent());
        Files.createSymbolicLink(flows, Path.of("../../sos_strings/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0.tailed"));
        NodeFolder f = index(root, warnings);
        assertEquals(List.of(), warnings);
        assertEquals("nodes/node-1/sos_commands/firewall_tables/nft_-a_list_ruleset", file(f, FactSources.IPTABLES_NAT));
        assertEquals("nodes/node-1/host/etc/resolv.conf", file(f, FactSources.RESOLV_CONF));
        var flowFile = f.inputs().get(FactSources.OVS_FLOWS).get(0);
        assertNotNull(flowFile.truncated());
        assertTrue(flowFile.truncated().contains("tail-truncated"), flowFile.truncated());
        assertEquals("sosreport ran 'ovs-vsctl -t 5 list-br': return code 127 (command not found), no output file",
                f.interrupted().get(FactSources.OVS_BRIDGES));
    }

    @Test
    void aTailedOutputIsReadButItsInputIsIncomplete(@TempDir Path dir) throws Exception {
        Path node = dir.resolve("capture/nodes/node-1");
        tree(node, Map.of("sos_strings/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0.tailed",
                " cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=0 actions=drop\n"));
        Path flows = node.resolve("sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0");
        Files.createDirectories(flows.getParent());
        Files.createSymbolicLink(flows, Path.of("../../sos_strings/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0.tailed"));
        List<Object> facts = new ArrayList<>();
        List<ParseWarning> warnings = new ArrayList<>();
        io.netrules.engine.Evaluator.parseOnly(Capture.open(dir.resolve("capture")), 1, facts::add, warnings);
        assertEquals(1, facts.stream().filter(o -> o instanceof io.netrules.model.OvsFlow).count(), "the tail is read");
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("nodes/node-1/sos_commands/openvswitch/ovs-ofctl_-O_OpenFlow13_dump-flows_br0",
                warnings.get(0).source());
        assertTrue(warnings.get(0).text().startsWith("tail-truncated by sosreport"), warnings.get(0).text());
        assertTrue(facts.stream().noneMatch(o -> o instanceof io.netrules.model.Collected c
                && c.input().equals(FactSources.OVS_FLOWS)), "an incomplete input is not 'collected'");
    }
}
