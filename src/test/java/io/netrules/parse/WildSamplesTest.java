package io.netrules.parse;

import io.netrules.TestPaths;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.model.EthtoolLink;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.KernelRoute;
import io.netrules.model.OvsBridge;
import io.netrules.model.OvsDbPort;
import io.netrules.model.OvsFlow;
import io.netrules.model.OvsPort;
import io.netrules.model.ParseWarning;
import io.netrules.model.Sysctl;
import io.netrules.parse.iptables.IptablesListParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real output others published (src/test/resources/wild/, sources in its SOURCES.md),
 * read by the parser of its command as the registry binds it: no warning except on the lines
 * listed here as junk (each with why), no tool failure, and the facts the sample plainly shows.
 * Folders of commands netrules does not read (ip link, ovs-ofctl show, ovs-dpctl show,
 * iptables -S, ovs-vsctl list-ifaces, the oc get tables and objects) are listed as such.
 */
class WildSamplesTest {
    private static final Path WILD = TestPaths.project().resolve("src/test/resources/wild");

    /** Folder to the registry command whose parser reads it. */
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("ovs-ofctl-dump-flows", "ovs-ofctl -O OpenFlow13 dump-flows br0"),
            Map.entry("ovs-vsctl-show", "ovs-vsctl show"),
            Map.entry("ovs-ofctl-dump-ports-desc", "ovs-ofctl -O OpenFlow13 dump-ports-desc br0"),
            Map.entry("ip-addr", "ip -d address"),
            Map.entry("ip-route", "ip route show table all"),
            Map.entry("iptables-save", "iptables-save"),
            Map.entry("iptables-L", "iptables -t filter -nvL"),
            Map.entry("ovs-vsctl-list-br", "ovs-vsctl list-br"),
            Map.entry("sysctl-a", "sysctl -a"),
            Map.entry("ethtool", "ethtool {target}"));
    /** Folders of outputs no node parser of netrules reads. */
    private static final Set<String> NOT_READ = Set.of("ip-link", "ovs-ofctl-show", "ovs-dpctl-show", "iptables-S",
            "ovs-vsctl-list-ifaces", "oc-get-clusternetwork", "oc-get-egressnetworkpolicy", "oc-get-endpoints",
            "oc-get-hostsubnets", "oc-get-netnamespaces", "oc-get-service");

    /** Lines that really are junk, per file, and why. */
    private static final Map<String, Set<Integer>> JUNK = Map.of(
            // The test authors put three "Message truncated" lines above the first interface.
            "ip-addr/insights-core__test_ip_IP_ADDR_TEST.txt", Set.of(1, 2, 3));

    /** What each sample plainly shows. */
    private static final Map<String, Consumer<ParseContext.Collecting>> SHOWS = Map.ofEntries(
            Map.entry("ethtool/insights-core__test_ethtool_ETHTOOL_INFO.txt", c -> {
                EthtoolLink l = c.facts(EthtoolLink.class).get(0);
                assertEquals(1000, l.speedMbps());
                assertEquals(true, l.linkDetected());
            }),
            Map.entry("ethtool/jds2001-coreos-sosreport__ethtool_eth0_EMPTY.txt", c -> assertEquals(List.of(), c.facts)),
            Map.entry("ip-addr/SLionB__ocp3x_ip-a_egrep-A3_veth.txt",
                    c -> address(c, "veth3d41f6c4", "fe80::74c2:65ff:fe55:d8d4")),
            Map.entry("ip-addr/bigg01__ocp311_ip-a-show-tun0.txt", c -> address(c, "tun0", "10.129.0.1")),
            Map.entry("ip-addr/insights-core__test_ip_IP_ADDR_TEST.txt", c -> address(c, "bond1.57", "10.192.4.171")),
            Map.entry("ip-addr/jds2001-coreos-sosreport__ip_-d_address.txt", c -> address(c, "eth0", "172.16.1.10")),
            Map.entry("ip-addr/jds2001-coreos-sosreport__ip_-o_addr.txt", c -> address(c, "eth0", "172.16.1.10")),
            Map.entry("ip-addr/oselab__ocp311_master1_ip-d-a.txt", c -> address(c, "tun0", "10.128.0.1")),
            Map.entry("ip-addr/oselab__ocp311_node1_ip-4-o-a.txt", c -> address(c, "tun0", "10.129.0.1")),
            Map.entry("ip-addr/oselab__ocp311_node1_ip-d-a.txt", c -> address(c, "tun0", "10.129.0.1")),
            Map.entry("ip-addr/oselab__ocp35_node1_ip-d-a.txt", c -> assertTrue(c.facts(InterfaceAddress.class)
                    .stream().anyMatch(a -> a.iface().equals("tun0")), "tun0 has an address")),
            Map.entry("ip-route/insights-core__test_ip_IP_ROUTE_SHOW_TABLE_ALL_TEST.txt",
                    c -> route(c, "red_mgmt", "default", "bond0.400")),
            Map.entry("ip-route/insights-core__test_ip_IP_ROUTE_SHOW_TABLE_ALL_TEST_2.txt",
                    c -> route(c, "main", "10.0.0.0/8", "tun0")),
            Map.entry("ip-route/jds2001-coreos-sosreport__ip_route_show_table_all.txt",
                    c -> route(c, "main", "172.16.1.0/24", "eth0")),
            Map.entry("ip-route/oselab__ocp311_master1_ip-r.txt", c -> route(c, "main", "10.128.0.0/14", "tun0")),
            Map.entry("ip-route/oselab__ocp311_node1_ip-r.txt", c -> {
                route(c, "main", "10.128.0.0/14", "tun0");
                route(c, "main", "172.30.0.0/16", "tun0");
            }),
            Map.entry("ip-route/oselab__ocp35_node1_ip-r.txt", c -> route(c, "main", "default", "eth3")),
            Map.entry("iptables-L/bigg01__ocp311_nat_OPENSHIFT-MASQUERADE_line-numbers.txt",
                    c -> chain(c, "nat", "OPENSHIFT-MASQUERADE")),
            Map.entry("iptables-L/oselab__ocp311_node1_iptables-nL-t-nat.txt", c -> {
                chain(c, "nat", "KUBE-SERVICES");
                chain(c, "nat", "OPENSHIFT-MASQUERADE-2");
            }),
            Map.entry("iptables-L/oselab__ocp311_node1_iptables-nL.txt", c -> chain(c, "filter", "KUBE-SERVICES")),
            Map.entry("iptables-L/oselab__ocp35_node1_iptables-nL-t-nat.txt", c -> chain(c, "nat", "KUBE-SERVICES")),
            Map.entry("iptables-save/insights-core__test_iptables_IPTABLES_SAVE.txt", c -> chain(c, "filter", "REJECT-LOG")),
            Map.entry("iptables-save/oselab__ocp311_infra1.txt", c -> chain(c, "nat", "KUBE-SERVICES")),
            Map.entry("iptables-save/oselab__ocp311_node1.txt", c -> {
                chain(c, "nat", "OPENSHIFT-MASQUERADE");
                chain(c, "filter", "OPENSHIFT-FIREWALL-ALLOW");
            }),
            Map.entry("iptables-save/oselab__ocp35_node1.txt", c -> chain(c, "nat", "KUBE-SERVICES")),
            Map.entry("ovs-ofctl-dump-flows/bigg01__ocp311_table100_appnode.txt", c -> flows(c, 5, 100)),
            Map.entry("ovs-ofctl-dump-flows/bigg01__ocp311_table100_egressnode.txt", c -> flows(c, 5, 100)),
            Map.entry("ovs-ofctl-dump-flows/bigg01__ocp311_table100_nodeA_counters.txt", c -> flows(c, 6, 100)),
            Map.entry("ovs-ofctl-dump-flows/insights-core__test_ovs_ofctl_dump_flows_OVS_FLOW_DUMPS.txt",
                    c -> flows(c, 8, 0)),
            Map.entry("ovs-ofctl-dump-flows/openshift-examples-web__ocp311_no-stats_names_bouvier-default-deny.txt",
                    c -> flows(c, 111, 0)),
            Map.entry("ovs-ofctl-dump-flows/openshift-sdn__ovs_test_TestDumpFlows.txt", c -> flows(c, 7, 0)),
            Map.entry("ovs-ofctl-dump-flows/openshift-sdn__ovscontroller_test_b8d91af5.txt", c -> flows(c, 54, 253)),
            Map.entry("ovs-ofctl-dump-flows/oselab__ocp311_master1_01_dev_to_dev.txt", c -> flows(c, 74, 253)),
            Map.entry("ovs-ofctl-dump-flows/oselab__ocp311_node1_01_dev_to_dev.txt", c -> flows(c, 70, 253)),
            Map.entry("ovs-ofctl-dump-flows/oselab__ocp311_node2_09_policy_perpod.txt", c -> flows(c, 71, 80)),
            Map.entry("ovs-ofctl-dump-flows/oselab__ocp35_node1_21_first_mysqld.txt", c -> flows(c, 67, 253)),
            Map.entry("ovs-ofctl-dump-ports-desc/oselab__ocp311_node1.txt", c -> port(c, "vxlan0")),
            Map.entry("ovs-ofctl-dump-ports-desc/oselab__ocp35_node1.txt", c -> port(c, "vxlan0")),
            Map.entry("ovs-vsctl-list-br/SLionB__ocp3x_ovs-vsctl-list-br.txt", c -> assertEquals(List.of("br0"),
                    c.facts(OvsBridge.class).stream().map(OvsBridge::name).toList())),
            Map.entry("ovs-vsctl-show/insights-core__test_ovs_vsctl_show.txt", c -> dbPort(c, "br-tun", null)),
            Map.entry("ovs-vsctl-show/oselab__ocp311_master1.txt", c -> dbPort(c, "br0", "vxlan0")),
            Map.entry("ovs-vsctl-show/oselab__ocp311_node1.txt", c -> dbPort(c, "br0", "vxlan0")),
            Map.entry("ovs-vsctl-show/oselab__ocp35_node1.txt", c -> dbPort(c, "br0", "tun0")),
            Map.entry("sysctl-a/jds2001-coreos-sosreport__sysctl_-a.txt", c -> assertEquals("1",
                    c.facts(Sysctl.class).stream().filter(s -> s.key().equals("net.ipv4.ip_forward")).findFirst()
                            .orElseThrow().value())));

    @Test
    void everyWildSampleIsReadByItsCommandsParser() throws IOException {
        List<String> read = new ArrayList<>();
        try (Stream<Path> s = Files.walk(WILD)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = WILD.relativize(p).toString().replace('\\', '/');
                if (rel.equals("SOURCES.md")) {
                    continue;
                }
                String folder = rel.substring(0, rel.indexOf('/'));
                if (NOT_READ.contains(folder)) {
                    continue;
                }
                String command = COMMANDS.get(folder);
                assertTrue(command != null, "a folder with no command: " + folder);
                FactSource source = FactSources.all().stream().filter(f -> command.equals(f.command())).findFirst()
                        .orElseThrow();
                CommandParser parser = folder.equals("iptables-L")
                        ? IptablesListParser.forTable(rel.contains("nat") ? "nat" : "filter")
                        : source.parser().get();
                var c = ParseContext.collecting("node-1", rel, source.input(), "eth0");
                try (Lines lines = Lines.open(p)) {
                    parser.parse(lines, c.ctx);
                }
                Set<Integer> warned = new TreeSet<>();
                for (ParseWarning w : c.warnings) {
                    warned.add(w.line());
                }
                assertEquals(JUNK.getOrDefault(rel, Set.of()), warned, rel + ": " + c.warnings);
                assertNull(c.ctx.toolError(), rel);
                Consumer<ParseContext.Collecting> shows = SHOWS.get(rel);
                assertTrue(shows != null, "no check for " + rel);
                shows.accept(c);
                read.add(rel);
            }
        }
        assertEquals(new HashSet<>(read), SHOWS.keySet(), "every checked sample was read");
        assertTrue(Files.isRegularFile(WILD.resolve("SOURCES.md")), "the samples keep their sources");
    }

    private static void address(ParseContext.Collecting c, String iface, String address) {
        assertTrue(c.facts(InterfaceAddress.class).stream()
                .anyMatch(a -> a.iface().equals(iface) && a.address().equals(address)),
                iface + " " + address + " in " + c.facts(InterfaceAddress.class));
    }

    private static void route(ParseContext.Collecting c, String table, String destination, String dev) {
        assertTrue(c.facts(KernelRoute.class).stream().anyMatch(r -> r.table().equals(table)
                && r.destination().equals(destination) && dev.equals(r.dev())), table + " " + destination + " dev " + dev);
    }

    private static void chain(ParseContext.Collecting c, String table, String chain) {
        assertTrue(c.facts(IptablesChain.class).stream().anyMatch(ch -> ch.table().equals(table)
                && ch.chain().equals(chain)), table + " " + chain);
        assertTrue(c.facts(IptablesRule.class).stream().anyMatch(r -> r.table().equals(table)), table + " rules");
    }

    /** The flow count (every flow line) and one table the sample has flows in. */
    private static void flows(ParseContext.Collecting c, int count, int table) {
        assertEquals(count, c.facts(OvsFlow.class).size());
        assertTrue(c.facts(OvsFlow.class).stream().anyMatch(f -> f.table() == table), "a flow in table " + table);
    }

    private static void port(ParseContext.Collecting c, String name) {
        assertTrue(c.facts(OvsPort.class).stream().anyMatch(p -> p.name().equals(name) && p.ofport() == 1), name);
    }

    private static void dbPort(ParseContext.Collecting c, String bridge, String port) {
        assertTrue(c.facts(OvsDbPort.class).stream().anyMatch(p -> p.bridge().equals(bridge)
                && (port == null || p.name().equals(port))), bridge + " " + port + " in " + c.facts(OvsDbPort.class));
    }
}
