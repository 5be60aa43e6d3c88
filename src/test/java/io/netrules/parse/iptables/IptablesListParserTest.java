package io.netrules.parse.iptables;

import io.netrules.TestPaths;
import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IptablesListParserTest {
    private static final String SOS = "healthy-3node-sosreport/nodes/node-3/sos_commands/networking/";

    private static String resource(String name) {
        try (InputStream in = IptablesListParserTest.class.getResourceAsStream("/parsers/iptables/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sample(String path) {
        try {
            return Files.readString(TestPaths.sample("").resolve(path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ParseContext.Collecting list(String file, String input, IptablesListParser parser, String text) {
        return ParseContext.collecting("node-3", "nodes/node-3/" + file, input).parse(parser, text);
    }

    private static ParseContext.Collecting filter(String text) {
        return list("iptables_-t_filter_-nvL", "iptables-filter", IptablesListParser.forTable("filter"), text);
    }

    /** What a rule says, without where it was read. */
    private static String rule(IptablesRule r) {
        return String.join(" | ", r.table(), r.chain(), String.valueOf(r.position()), String.valueOf(r.protocol()),
                String.valueOf(r.sourceAddr()), String.valueOf(r.destAddr()), String.valueOf(r.inIface()),
                String.valueOf(r.outIface()), String.valueOf(r.target()), String.valueOf(r.goTo()),
                String.valueOf(r.comment())) + " || " + String.join(" ", r.args());
    }

    private static List<String> rules(ParseContext.Collecting c, String table) {
        return c.facts(IptablesRule.class).stream().filter(r -> r.table().equals(table))
                .map(IptablesListParserTest::rule).toList();
    }

    private static List<String> chains(ParseContext.Collecting c, String table) {
        return c.facts(IptablesChain.class).stream().filter(ch -> ch.table().equals(table))
                .map(ch -> ch.table() + " " + ch.chain() + " " + ch.policy()).toList();
    }

    @Test
    void aConntrackWordWithoutItsValueEndsTheRuleInsteadOfLoopingForever() {
        // Found by ParsersFuzzTest: "ctstate" last on a rule line was read as a match that
        // consumed nothing, so the same word was read again, forever.
        String text = "Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination\n"
                + "    0     0 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate\n";
        var c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> filter(text));
        assertEquals(1, c.facts(IptablesRule.class).size(), c.warnings.toString());
        assertEquals("ACCEPT", c.facts(IptablesRule.class).get(0).target());
    }

    @Test
    void sosreportFilterListingGivesTheFactsOfTheSameNodesIptablesSave() {
        var listed = filter(sample(SOS + "iptables_-t_filter_-nvL"));
        var saved = ParseContext.collecting("node-3", "nodes/node-3/iptables-save", "iptables-filter")
                .parse(new IptablesSaveParser(), sample("healthy-3node/nodes/node-3/iptables-save"));
        assertEquals(List.of(), listed.warnings);
        assertEquals(List.of(), saved.warnings);
        assertEquals(chains(saved, "filter"), chains(listed, "filter"));
        assertEquals(rules(saved, "filter"), rules(listed, "filter"));
    }

    @Test
    void sosreportNatListingGivesTheFactsOfTheSameNodesIptablesSave() {
        var listed = list("iptables_-t_nat_-nvL", "iptables-nat", IptablesListParser.forTable("nat"),
                sample(SOS + "iptables_-t_nat_-nvL"));
        var saved = ParseContext.collecting("node-3", "nodes/node-3/iptables-save", "iptables-filter")
                .parse(new IptablesSaveParser(), sample("healthy-3node/nodes/node-3/iptables-save"));
        assertEquals(List.of(), listed.warnings);
        assertEquals(chains(saved, "nat"), chains(listed, "nat"));
        assertEquals(rules(saved, "nat"), rules(listed, "nat"));
    }

    @Test
    void sosreportListingsReadWithoutWarningsAndExactCountersChangeNothing() {
        var nvL = filter(sample(SOS + "iptables_-t_filter_-nvL"));
        var vnxL = list("iptables_-vnxL", "iptables-filter", IptablesListParser.forTable("filter"),
                sample(SOS + "iptables_-vnxL"));
        assertEquals(List.of(), vnxL.warnings);
        assertEquals(13, nvL.facts(IptablesChain.class).size());
        assertEquals(40, nvL.facts(IptablesRule.class).size());
        assertEquals(rules(nvL, "filter"), rules(vnxL, "filter"));
        assertEquals(chains(nvL, "filter"), chains(vnxL, "filter"));

        IptablesRule admin = nvL.facts(IptablesRule.class).stream()
                .filter(r -> r.chain().equals("FORWARD") && r.position() == 3).findFirst().orElseThrow();
        assertEquals("OPENSHIFT-ADMIN-OUTPUT-RULES", admin.target());
        assertEquals("tun0", admin.inIface());
        assertEquals("!tun0", admin.outIface());
        assertEquals("administrator overrides", admin.comment());
        assertEquals("nodes/node-3/iptables_-t_filter_-nvL", admin.source().file());
        assertEquals(17, admin.source().line());
        assertTrue(admin.source().text().startsWith("0     0 OPENSHIFT-ADMIN-OUTPUT-RULES  all  --  tun0   !tun0"));
        assertEquals("node-3", admin.node());

        IptablesChain output = nvL.facts(IptablesChain.class).stream()
                .filter(ch -> ch.chain().equals("OUTPUT")).findFirst().orElseThrow();
        assertEquals("ACCEPT", output.policy());
        assertEquals(25, output.source().line());
        assertEquals("Chain OUTPUT (policy ACCEPT 7224K packets, 2095M bytes)", output.source().text());
    }

    @Test
    void natListingLiftsNegatedSourcesBareAddressesAndDnatTargets() {
        var c = list("iptables_-t_nat_-nvL", "iptables-nat", IptablesListParser.forTable("nat"),
                sample(SOS + "iptables_-t_nat_-nvL"));
        IptablesRule masq = c.facts(IptablesRule.class).stream()
                .filter(r -> r.chain().equals("KUBE-SERVICES") && r.position() == 1).findFirst().orElseThrow();
        assertEquals("nat", masq.table());
        assertEquals("!10.128.0.0/14", masq.sourceAddr());
        assertEquals("172.30.12.7/32", masq.destAddr());
        assertEquals("tcp", masq.protocol());
        assertEquals("default/docker-registry:5000-tcp cluster IP", masq.comment());
        assertEquals(List.of("!", "-s", "10.128.0.0/14", "-d", "172.30.12.7/32", "-p", "tcp", "-m", "comment",
                "--comment", "default/docker-registry:5000-tcp cluster IP", "-m", "tcp", "--dport", "5000", "-j",
                "KUBE-MARK-MASQ"), masq.args());
        IptablesRule dnat = c.facts(IptablesRule.class).stream()
                .filter(r -> r.chain().equals("KUBE-SEP-FTO2QAIWLKB7IDPC") && r.position() == 2).findFirst()
                .orElseThrow();
        assertEquals("DNAT", dnat.target());
        assertEquals(List.of("--to-destination", "10.129.0.5:8080"),
                dnat.args().subList(dnat.args().size() - 2, dnat.args().size()));
        assertNull(c.facts(IptablesChain.class).stream().filter(ch -> ch.chain().equals("KUBE-SERVICES"))
                .findFirst().orElseThrow().policy());
    }

    private static IptablesRule at(ParseContext.Collecting c, int line) {
        return c.facts(IptablesRule.class).stream().filter(r -> r.source().line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no rule at line " + line));
    }

    @Test
    void listingVariationsMapToIptablesSaveTokens() {
        var c = filter(resource("iptables_-t_filter_-nvL.variations"));
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("filter INPUT ACCEPT", "filter FORWARD DROP", "filter KUBE-FIREWALL null"),
                chains(c, "filter"));
        assertEquals(12, c.facts(IptablesRule.class).size());

        IptablesRule sdn = at(c, 4);
        assertEquals(1, sdn.position());
        assertEquals("tun0", sdn.inIface());
        assertNull(sdn.outIface());
        assertNull(sdn.protocol());
        assertEquals(List.of("-i", "tun0", "-m", "comment", "--comment", "from SDN to localhost", "-j", "ACCEPT"),
                sdn.args());

        IptablesRule counting = at(c, 5);
        assertEquals(2, counting.position());
        assertNull(counting.target(), "a rule that only counts has no target");
        assertEquals("10.0.0.9/32", counting.sourceAddr());
        assertEquals(List.of("-s", "10.0.0.9/32"), counting.args());

        IptablesRule numbered = at(c, 6);
        assertEquals("tcp", numbered.protocol(), "iptables 1.8 prints protocol numbers under -n");
        assertEquals(List.of("-i", "eth0", "-p", "tcp", "-m", "tcp", "--dport", "30000:32767", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"), numbered.args());

        assertEquals(List.of("-f", "-j", "DROP"), at(c, 7).args());

        IptablesRule notTcp = at(c, 8);
        assertEquals("!tcp", notTcp.protocol());
        assertEquals(List.of("!", "-p", "tcp", "-m", "conntrack", "!", "--ctstate", "INVALID", "-j", "ACCEPT"),
                notTcp.args());

        assertEquals(List.of("-p", "tcp", "-m", "multiport", "--dports", "80,443", "-m", "state", "--state", "NEW",
                "-j", "ACCEPT"), at(c, 9).args());
        assertEquals(List.of("-p", "icmp", "-m", "icmp", "--icmp-type", "8", "-m", "limit", "--limit", "1/sec",
                "-j", "ACCEPT"), at(c, 10).args());
        assertEquals(List.of("-p", "tcp", "-m", "tcp", "--tcp-flags", "FIN,SYN,RST,ACK", "SYN", "-j", "LOG",
                "--log-prefix", "NEW SYN: "), at(c, 11).args());

        IptablesRule goTo = at(c, 12);
        assertEquals("KUBE-FIREWALL", goTo.target());
        assertTrue(goTo.goTo());
        assertEquals(List.of("-g", "KUBE-FIREWALL"), goTo.args());

        IptablesRule mss = at(c, 16);
        assertEquals("FORWARD", mss.chain());
        assertEquals(1, mss.position());
        assertEquals("tun0", mss.outIface());
        assertEquals(List.of("-o", "tun0", "-p", "tcp", "-m", "tcp", "--tcp-flags", "SYN,RST", "SYN", "-j", "TCPMSS",
                "--clamp-mss-to-pmtu"), mss.args());
        // A match this parser does not know stays in args as the listing shows it.
        assertEquals(List.of("PHYSDEV", "match", "--physdev-is-bridged", "-j", "ACCEPT"), at(c, 17).args());
        IptablesRule mark = at(c, 18);
        assertEquals("kubernetes firewall for dropping marked packets", mark.comment());
        assertEquals(List.of("-m", "comment", "--comment", "kubernetes firewall for dropping marked packets", "-m",
                "mark", "!", "--mark", "0x8000/0x8000", "-j", "DROP"), mark.args());
    }

    @Test
    void lineNumbersWithoutCountersAndNatTargets() {
        var c = list("iptables_-t_nat_-nL_--line-numbers", "iptables-nat", new IptablesListParser(),
                resource("iptables_-t_nat_-nL_--line-numbers"));
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("nat POSTROUTING ACCEPT", "nat KUBE-MARK-DROP null"), chains(c, "nat"));
        assertEquals(List.of("-s", "10.128.0.0/14", "-j", "SNAT", "--to-source", "10.0.0.1", "--random"),
                at(c, 3).args());
        IptablesRule masq = at(c, 4);
        assertEquals("172.17.0.0/16", masq.sourceAddr());
        assertEquals("!172.17.0.0/16", masq.destAddr());
        assertNull(masq.inIface());
        assertEquals(List.of("-s", "172.17.0.0/16", "!", "-d", "172.17.0.0/16", "-p", "tcp", "-j", "MASQUERADE",
                "--to-ports", "1024-65535"), masq.args());
        assertEquals(List.of("-m", "statistic", "--mode", "nth", "--every", "4", "--packet", "1", "-j",
                "KUBE-MARK-DROP"), at(c, 5).args());
        assertEquals(List.of("-j", "MARK", "--set-xmark", "0x8000/0x8000"), at(c, 9).args());
        assertEquals(List.of("-j", "MARK", "--set-xmark", "0x1/0xffffffff"), at(c, 10).args());
        assertEquals(List.of("-j", "MARK", "--set-xmark", "0x0/0x8000"), at(c, 11).args());
        assertEquals(List.of(1, 2, 3, 1, 2, 3),
                c.facts(IptablesRule.class).stream().map(IptablesRule::position).toList());
    }

    @Test
    void theTableComesFromTheFileNameOrTheInput() {
        String text = "Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)\n";
        assertEquals("nat", list("iptables_-t_nat_-nvL", "iptables-filter", new IptablesListParser(), text)
                .facts(IptablesChain.class).get(0).table());
        assertEquals("mangle", list("iptables_-t_mangle_-nvL", "iptables-filter", new IptablesListParser(), text)
                .facts(IptablesChain.class).get(0).table());
        assertEquals("filter", list("iptables_-vnxL", "iptables-filter", new IptablesListParser(), text)
                .facts(IptablesChain.class).get(0).table());
        assertEquals("nat", list("iptables_-vnxL", "iptables-nat", new IptablesListParser(), text)
                .facts(IptablesChain.class).get(0).table());
        assertEquals("nat", list("iptables_-vnxL", "iptables-filter", IptablesListParser.forTable("nat"), text)
                .facts(IptablesChain.class).get(0).table());
    }

    @Test
    void garbageLinesAreWarningsWithTheirLineNumbers() {
        String text = "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination\n"
                + "    0     0 ACCEPT     all  --  lo     *       0.0.0.0/0            0.0.0.0/0\n"
                + "\u0001\u0002\ufffdELF\u0000\n"
                + "this is not an iptables listing\n"
                + "  12x   3 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n"
                + "Chain FORWARD policy\n"
                + "    0     0 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n";
        var c = filter(text);
        assertEquals(List.of(4, 5, 6, 7), c.warnings.stream().map(ParseWarning::line).toList(), c.warnings.toString());
        // The rule after a bad Chain line still belongs to INPUT: the bad line did not open a chain.
        assertEquals(List.of(1, 2), c.facts(IptablesRule.class).stream().map(IptablesRule::position).toList());
        assertNull(c.ctx.toolError());
    }

    @Test
    void aRuleBeforeAnyChainIsAWarning() {
        var c = filter("    0     0 ACCEPT     all  --  lo     *       0.0.0.0/0            0.0.0.0/0\n");
        assertEquals(List.of(1), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of(), c.facts);
    }

    @Test
    void iptablesFailuresAreToolFailures() {
        var noTable = list("iptables_-t_nat_-nvL", "iptables-nat", IptablesListParser.forTable("nat"),
                "iptables v1.4.21: can't initialize iptables table `nat': Table does not exist (do you need to insmod?)\n"
                        + "Perhaps iptables or your kernel needs to be upgraded.\n");
        assertEquals(List.of(), noTable.warnings);
        assertEquals(ToolErrorKind.OTHER, noTable.ctx.toolError().kind());
        assertEquals(1, noTable.ctx.toolError().source().line());

        var notRoot = filter("iptables v1.4.21: can't initialize iptables table `filter': Permission denied (you must be root)\n"
                + "Perhaps iptables or your kernel needs to be upgraded.\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, notRoot.ctx.toolError().kind());
        assertEquals(List.of(), notRoot.warnings);

        var missing = filter("bash: iptables: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
        assertFalse(missing.facts(IptablesRule.class).iterator().hasNext());
    }

    @Test
    void emptyFileAndCrlf() {
        var empty = filter("");
        assertEquals(List.of(), empty.facts);
        assertEquals(List.of(), empty.warnings);

        var crlf = filter(sample(SOS + "iptables_-t_filter_-nvL").replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.warnings);
        assertEquals(rules(filter(sample(SOS + "iptables_-t_filter_-nvL")), "filter"), rules(crlf, "filter"));
    }
}
