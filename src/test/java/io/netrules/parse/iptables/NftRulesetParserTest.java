package io.netrules.parse.iptables;

import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import io.netrules.rules.IptablesTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NftRulesetParserTest {

    private static String resource(String name) {
        try (InputStream in = NftRulesetParserTest.class.getResourceAsStream("/parsers/nft/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ParseContext.Collecting parse(String table, String file, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/sos_commands/firewall_tables/" + file,
                "iptables-" + table).parse(NftRulesetParser.forTable(table), text);
    }

    private static IptablesRule rule(ParseContext.Collecting c, String chain, int position) {
        return c.facts(IptablesRule.class).stream().filter(r -> r.chain().equals(chain) && r.position() == position)
                .findFirst().orElseThrow(() -> new AssertionError("no rule " + chain + " #" + position));
    }

    private static String args(IptablesRule r) {
        return String.join(" ", r.args());
    }

    @Test
    void readsTheFilterTableOfAnRhcosRulesetWithHandles() {
        var c = parse("filter", "nft_-a_list_ruleset", resource("nft_-a_list_ruleset"));
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        assertNull(c.ctx.incomplete());
        // ip6 filter's FORWARD is another family's: only ip filter's chains come out.
        assertEquals(List.of("INPUT ACCEPT", "FORWARD DROP", "KUBE-FORWARD null", "KUBE-FIREWALL null",
                        "KUBE-SERVICES null", "KUBE-EXTERNAL-SERVICES null", "OPENSHIFT-ADMIN-OUTPUT-RULES null"),
                c.facts(IptablesChain.class).stream().map(ch -> ch.chain() + " " + ch.policy()).toList());
        assertTrue(c.facts(IptablesRule.class).stream().allMatch(r -> r.table().equals("filter")));
        assertEquals(12, c.facts(IptablesRule.class).size());

        IptablesRule admin = rule(c, "FORWARD", 3);
        assertEquals("tun0", admin.inIface());
        assertEquals("!tun0", admin.outIface());
        assertEquals("OPENSHIFT-ADMIN-OUTPUT-RULES", admin.target());
        assertEquals("-i tun0 ! -o tun0 -j OPENSHIFT-ADMIN-OUTPUT-RULES", args(admin));
        assertEquals(12, admin.source().line());
        assertTrue(admin.source().text().endsWith("# handle 32"), admin.source().text());

        assertEquals("-s 10.128.0.0/14 -j REJECT --reject-with icmp-host-prohibited", args(rule(c, "FORWARD", 4)));
        assertEquals("-m conntrack --ctstate NEW -j KUBE-SERVICES", args(rule(c, "FORWARD", 2)));
        assertEquals("-m mark --mark 0x1/0x1 -j ACCEPT", args(rule(c, "KUBE-FORWARD", 2)));
        assertEquals("-s 10.128.0.0/14 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                args(rule(c, "KUBE-FORWARD", 3)));
        assertEquals("! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack ! --ctstatus DNAT -j DROP",
                args(rule(c, "KUBE-FIREWALL", 2)));
        IptablesRule reject = rule(c, "KUBE-SERVICES", 1);
        assertEquals("tcp", reject.protocol());
        assertEquals("172.30.211.18/32", reject.destAddr());
        assertEquals("-d 172.30.211.18/32 -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable",
                args(reject));
    }

    @Test
    void readsTheNatTableSoThatAServiceLeadsToItsEndpoints() {
        var c = parse("nat", "nft_-a_list_ruleset", resource("nft_-a_list_ruleset"));
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of("PREROUTING ACCEPT", "POSTROUTING ACCEPT", "KUBE-MARK-MASQ null",
                        "KUBE-POSTROUTING null", "KUBE-SERVICES null", "KUBE-NODEPORTS null",
                        "KUBE-SVC-ERIFXISQEP7F7OF4 null", "KUBE-SEP-IT2ZTR26TO4XFPTO null",
                        "KUBE-SEP-ZXMNUKOKXUTL2MK2 null", "OPENSHIFT-MASQUERADE null"),
                c.facts(IptablesChain.class).stream().map(ch -> ch.chain() + " " + ch.policy()).toList());
        assertEquals("-d 172.30.0.10/32 -p tcp -m tcp --dport 53 -j KUBE-SVC-ERIFXISQEP7F7OF4",
                args(rule(c, "KUBE-SERVICES", 2)));
        assertEquals("-d 172.30.0.10/32 -p udp -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU",
                args(rule(c, "KUBE-SERVICES", 1)));
        assertEquals("-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS", args(rule(c, "KUBE-SERVICES", 4)));
        assertEquals("! -s 10.128.0.0/14 -d 172.30.0.10/32 -p tcp -m tcp --dport 53 -j KUBE-MARK-MASQ",
                args(rule(c, "KUBE-SVC-ERIFXISQEP7F7OF4", 1)));
        // "# xt_statistic": the random pick iptables-nft left as an xtables match.
        assertEquals("-m statistic -j KUBE-SEP-IT2ZTR26TO4XFPTO", args(rule(c, "KUBE-SVC-ERIFXISQEP7F7OF4", 2)));
        assertEquals("-p tcp -j DNAT --to-destination 10.129.0.4:5353", args(rule(c, "KUBE-SEP-ZXMNUKOKXUTL2MK2", 2)));
        assertEquals("-j MARK --set-xmark 0x1/0x1", args(rule(c, "KUBE-MARK-MASQ", 1)));
        assertEquals("-m mark ! --mark 0x1/0x1 -j RETURN", args(rule(c, "KUBE-POSTROUTING", 1)));
        assertEquals("-j MARK --set-xmark 0x1/0x0", args(rule(c, "KUBE-POSTROUTING", 2)));
        assertEquals("-j MASQUERADE --random-fully", args(rule(c, "KUBE-POSTROUTING", 3)));
        assertEquals("! -d 10.128.0.0/14 -j MASQUERADE", args(rule(c, "OPENSHIFT-MASQUERADE", 1)));

        IptablesTable nat = IptablesTable.of(c.facts(IptablesRule.class));
        IptablesRule svc = nat.serviceRule("172.30.0.10", 53, "TCP");
        assertNotNull(svc);
        assertEquals(new TreeSet<>(Set.of("10.128.2.4:5353", "10.129.0.4:5353")), nat.dnatDestinations(svc.target()));
    }

    @Test
    void readsThePlainFormOfNft09WithXtStatementsSetsAndExpressionsItDoesNotTranslate() {
        var nat = parse("nat", "nft_list_ruleset", resource("nft_list_ruleset"));
        assertEquals(List.of(), nat.warnings);
        assertEquals("PREROUTING ACCEPT", nat.facts(IptablesChain.class).get(0).chain() + " "
                + nat.facts(IptablesChain.class).get(0).policy());
        assertEquals("-m statistic -j KUBE-SEP-IT2ZTR26TO4XFPTO", args(rule(nat, "KUBE-SVC-ERIFXISQEP7F7OF4", 1)));
        // xt target "DNAT": a DNAT whose destination nft could not print.
        IptablesRule xtDnat = rule(nat, "KUBE-SEP-ZXMNUKOKXUTL2MK2", 1);
        assertEquals("DNAT", xtDnat.target());
        assertEquals("-p tcp -j DNAT", args(xtDnat));

        var filter = parse("filter", "nft_list_ruleset", resource("nft_list_ruleset"));
        assertEquals(List.of(), filter.warnings, "the set's elements over two lines are passed over");
        assertEquals(1, filter.facts(IptablesChain.class).size());
        assertEquals("-p tcp -m tcp --dport 9000:9999 --tcp-flags FIN,SYN,RST,ACK SYN -j DROP",
                args(rule(filter, "FORWARD", 1)), "log before drop: the verdict is the target");
        assertEquals("-p tcp -m multiport --dports 80,443 -j ACCEPT", args(rule(filter, "FORWARD", 2)));
        assertEquals("ip daddr @blocked -j DROP", args(rule(filter, "FORWARD", 3)),
                "a set lookup is kept word by word: rules read it as not known");
        assertEquals("limit rate 10/second -j ACCEPT", args(rule(filter, "FORWARD", 4)));
        assertEquals(4, filter.facts(IptablesRule.class).size());
    }

    @Test
    void aRulesetCutInsideATableIsIncompleteAndJunkIsAWarning() {
        var cut = parse("filter", "nft_list_ruleset", "table ip filter {\n\tchain FORWARD {\n"
                + "\t\ttype filter hook forward priority 0; policy accept;\n\t\t counter packets 1 bytes 2 jump KUBE-FORWARD\n");
        assertEquals(1, cut.facts(IptablesRule.class).size());
        assertNotNull(cut.ctx.incomplete());
        assertEquals(1, cut.warnings.size());
        assertEquals(2, cut.warnings.get(0).line(), "the open chain's line is named");

        var junk = parse("filter", "nft_list_ruleset", "hello there\ntable ip filter {\n}\n");
        assertEquals(List.of(new ParseWarning("nodes/node-1/sos_commands/firewall_tables/nft_list_ruleset", 1,
                "not an nft ruleset line (expected 'table <family> <name> {')")), junk.warnings);

        var failed = parse("filter", "nft_list_ruleset",
                "Error: Could not process rule: Operation not permitted\n");
        assertNotNull(failed.ctx.toolError());
        assertEquals(List.of(), failed.facts(IptablesRule.class));
        var missing = parse("filter", "nft_list_ruleset", "bash: nft: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, missing.ctx.toolError().kind());
    }
}
