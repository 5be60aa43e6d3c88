package io.netrules.parse.iptables;

import io.netrules.model.IptablesChain;
import io.netrules.model.IptablesRule;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolError;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IptablesSaveParserTest {
    private static final String FILE = "nodes/node-1/iptables-save";

    private static String resource(String name) {
        try (InputStream in = IptablesSaveParserTest.class.getResourceAsStream("/parsers/iptables/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ParseContext.Collecting parse(String text) {
        return ParseContext.collecting("node-1", FILE, "iptables-save").parse(new IptablesSaveParser(), text);
    }

    private static List<IptablesRule> rules(ParseContext.Collecting c, String table, String chain) {
        return c.facts(IptablesRule.class).stream()
                .filter(r -> r.table().equals(table) && r.chain().equals(chain)).toList();
    }

    private static IptablesChain chain(ParseContext.Collecting c, String table, String chain) {
        return c.facts(IptablesChain.class).stream()
                .filter(ch -> ch.table().equals(table) && ch.chain().equals(chain)).findFirst().orElseThrow();
    }

    @Test
    void fullNodeDumpHasEveryChainAndRuleWithoutWarnings() {
        var c = parse(resource("iptables-save-3.11-node.txt"));
        assertEquals(List.of(), c.warnings);
        assertEquals(42, c.facts(IptablesChain.class).size());
        assertEquals(93, c.facts(IptablesRule.class).size());
        assertEquals(52, c.facts(IptablesRule.class).stream().filter(r -> r.table().equals("nat")).count());
        assertEquals(41, c.facts(IptablesRule.class).stream().filter(r -> r.table().equals("filter")).count());
        assertNull(c.ctx.toolError());
        c.facts.forEach(f -> assertEquals("node-1", ((io.netrules.model.NodeFact) f).node()));
    }

    @Test
    void chainPoliciesBuiltInAndUserDefined() {
        var c = parse(resource("iptables-save-3.11-node.txt"));
        IptablesChain forward = chain(c, "filter", "FORWARD");
        assertEquals("ACCEPT", forward.policy());
        assertTrue(forward.builtIn());
        IptablesChain fwf = chain(c, "filter", "OPENSHIFT-FIREWALL-FORWARD");
        assertNull(fwf.policy());
        assertFalse(fwf.builtIn());
        assertEquals(103, fwf.source().line());
        assertEquals(":OPENSHIFT-FIREWALL-FORWARD - [0:0]", fwf.source().text());
        assertEquals(FILE, fwf.source().file());
        assertEquals("ACCEPT", chain(c, "mangle", "POSTROUTING").policy());
        assertNull(chain(c, "nat", "KUBE-SERVICES").policy());
    }

    @Test
    void forwardChainOrderPutsRhelRejectAfterOpenShiftRules() {
        var c = parse(resource("iptables-save-3.11-node.txt"));
        List<IptablesRule> forward = rules(c, "filter", "FORWARD");
        assertEquals(9, forward.size());
        for (int i = 0; i < forward.size(); i++) {
            assertEquals(i + 1, forward.get(i).position());
        }
        IptablesRule admin = forward.get(1);
        assertEquals("tun0", admin.inIface());
        assertEquals("!tun0", admin.outIface());
        assertEquals("administrator overrides", admin.comment());
        assertEquals("OPENSHIFT-ADMIN-OUTPUT-RULES", admin.target());
        assertFalse(admin.goTo());

        IptablesRule firewall = forward.get(2);
        assertEquals("OPENSHIFT-FIREWALL-FORWARD", firewall.target());
        assertEquals("firewall overrides", firewall.comment());

        IptablesRule reject = forward.get(8);
        assertEquals(9, reject.position());
        assertEquals("REJECT", reject.target());
        assertNull(reject.comment());
        assertEquals(List.of("-j", "REJECT", "--reject-with", "icmp-host-prohibited"), reject.args());
        assertEquals(122, reject.source().line());
        assertEquals("-A FORWARD -j REJECT --reject-with icmp-host-prohibited", reject.source().text());

        IptablesRule dockerOut = forward.get(6);
        assertEquals("docker0", dockerOut.inIface());
        assertEquals("!docker0", dockerOut.outIface());
    }

    @Test
    void openshiftFirewallForwardRules() {
        var c = parse(resource("iptables-save-3.11-node.txt"));
        List<IptablesRule> fwf = rules(c, "filter", "OPENSHIFT-FIREWALL-FORWARD");
        assertEquals(3, fwf.size());
        assertEquals("10.128.0.0/14", fwf.get(0).sourceAddr());
        assertEquals("attempted resend after connection close", fwf.get(0).comment());
        assertEquals("DROP", fwf.get(0).target());
        assertTrue(fwf.get(0).args().containsAll(List.of("--ctstate", "INVALID")));
        assertEquals("10.128.0.0/14", fwf.get(1).destAddr());
        assertNull(fwf.get(1).sourceAddr());
        assertEquals("forward traffic from SDN", fwf.get(1).comment());
        assertEquals("ACCEPT", fwf.get(1).target());
        assertEquals("forward traffic to SDN", fwf.get(2).comment());
        assertEquals(3, fwf.get(2).position());

        List<IptablesRule> allow = rules(c, "filter", "OPENSHIFT-FIREWALL-ALLOW");
        assertEquals("udp", allow.get(0).protocol());
        assertEquals("VXLAN incoming", allow.get(0).comment());
        assertTrue(allow.get(0).args().containsAll(List.of("--dport", "4789")));
        assertEquals("tun0", allow.get(1).inIface());
    }

    @Test
    void kubeProxyNatRules() {
        var c = parse(resource("iptables-save-3.11-node.txt"));
        List<IptablesRule> sep = rules(c, "nat", "KUBE-SEP-K4ZRI3R2WYOJFLJO");
        assertEquals(2, sep.size());
        assertEquals("10.129.0.5/32", sep.get(0).sourceAddr());
        assertEquals("KUBE-MARK-MASQ", sep.get(0).target());
        IptablesRule dnat = sep.get(1);
        assertEquals("tcp", dnat.protocol());
        assertEquals("default/docker-registry:5000-tcp", dnat.comment());
        assertEquals("DNAT", dnat.target());
        assertEquals(List.of("-p", "tcp", "-m", "comment", "--comment", "default/docker-registry:5000-tcp", "-m", "tcp",
                "-j", "DNAT", "--to-destination", "10.129.0.5:5000"), dnat.args());

        List<IptablesRule> svc = rules(c, "nat", "KUBE-SVC-OA7LQSAJ2XUID5ZZ");
        assertEquals(2, svc.size());
        assertTrue(svc.get(0).args().containsAll(List.of("statistic", "--probability", "0.50000000000")));
        assertEquals("KUBE-SEP-ZZG6ZDMEN4KHVDGA", svc.get(0).target());
        assertEquals("KUBE-SEP-JGXBENYJQWX6HH75", svc.get(1).target());

        List<IptablesRule> services = rules(c, "nat", "KUBE-SERVICES");
        IptablesRule masq = services.get(0);
        assertEquals("!10.128.0.0/14", masq.sourceAddr());
        assertEquals("172.30.0.1/32", masq.destAddr());
        assertEquals("default/kubernetes:https cluster IP", masq.comment());
        assertEquals(65, masq.source().line());
        IptablesRule last = services.get(services.size() - 1);
        assertEquals(11, last.position());
        assertEquals("kubernetes service nodeports; NOTE: this must be the last rule in this chain", last.comment());
        assertEquals("KUBE-NODEPORTS", last.target());

        IptablesRule docker = rules(c, "nat", "OUTPUT").get(1);
        assertEquals("!127.0.0.0/8", docker.destAddr());

        IptablesRule openshiftMasq = rules(c, "nat", "OPENSHIFT-MASQUERADE").get(0);
        assertEquals("10.128.0.0/14", openshiftMasq.sourceAddr());
        assertEquals("MASQUERADE", openshiftMasq.target());

        // The same chain name in two tables counts its positions separately.
        assertEquals(1, rules(c, "filter", "KUBE-SERVICES").get(0).position());
        assertEquals("REJECT", rules(c, "filter", "KUBE-SERVICES").get(0).target());
    }

    @Test
    void variationsQuotingNegationGotoAndLongOptions() {
        var c = parse(resource("iptables-save-variations.txt"));
        assertEquals(List.of(), c.warnings);
        assertEquals("DROP", chain(c, "filter", "FORWARD").policy());
        List<IptablesRule> input = rules(c, "filter", "INPUT");
        assertEquals("10.0.0.99/32", input.get(0).sourceAddr());
        assertEquals(List.of("-s", "10.0.0.99", "-j", "DROP"), input.get(0).args());

        List<IptablesRule> fwd = rules(c, "filter", "FORWARD");
        assertEquals(6, fwd.size());
        assertEquals("default/router:80-tcp", fwd.get(0).comment());
        assertEquals("say \"hi\" and don't drop", fwd.get(1).comment());
        assertEquals("OPENSHIFT-FIREWALL-FORWARD", fwd.get(2).target());
        assertTrue(fwd.get(2).goTo());
        assertEquals("!10.128.0.0/14", fwd.get(3).sourceAddr());
        assertEquals("DROP", fwd.get(3).target());
        assertEquals("!udp", fwd.get(4).protocol());
        assertEquals("!tun0", fwd.get(4).inIface());
        assertEquals(List.of("!", "-p", "udp", "!", "-i", "tun0", "-j", "ACCEPT"), fwd.get(4).args());
        IptablesRule longForm = fwd.get(5);
        assertEquals("tcp", longForm.protocol());
        assertEquals("10.128.0.0/14", longForm.sourceAddr());
        assertEquals("172.30.0.0/16", longForm.destAddr());
        assertEquals("tun0", longForm.inIface());
        assertEquals("eth0", longForm.outIface());
        assertEquals("ACCEPT", longForm.target());

        assertEquals("single quoted", rules(c, "filter", "OPENSHIFT-FIREWALL-FORWARD").get(0).comment());
    }

    @Test
    void countersFromIptablesSaveDashCAreSkipped() {
        var c = parse(resource("iptables-save-counters.txt"));
        assertEquals(List.of(), c.warnings);
        List<IptablesRule> post = rules(c, "nat", "POSTROUTING");
        assertEquals(1, post.size());
        assertEquals("OPENSHIFT-MASQUERADE", post.get(0).target());
        assertEquals("-m", post.get(0).args().get(0));
        assertEquals("MASQUERADE", rules(c, "nat", "OPENSHIFT-MASQUERADE").get(0).target());
    }

    @Test
    void ruleBeforeAnyTableIsAWarning() {
        var c = parse("-A INPUT -j ACCEPT\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n");
        assertEquals(1, c.warnings.size());
        assertEquals(1, c.warnings.get(0).line());
        assertEquals(FILE, c.warnings.get(0).source());
        List<IptablesRule> rules = c.facts(IptablesRule.class);
        assertEquals(1, rules.size());
        assertEquals("DROP", rules.get(0).target());
        assertEquals(1, rules.get(0).position());
    }

    @Test
    void ruleAfterCommitIsAWarning() {
        var c = parse("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n-A INPUT -j DROP\n");
        assertEquals(List.of(4), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(0, c.facts(IptablesRule.class).size());
    }

    @Test
    void garbageLineIsAWarningWithItsLineNumberAndParsingGoesOn() {
        var c = parse("*filter\n:INPUT ACCEPT [0:0]\n\u0000\u0001\uFFFD\uFFFDx\u0007 ??\n-A INPUT -i lo -j ACCEPT\n\nCOMMIT\n");
        assertEquals(1, c.warnings.size());
        assertEquals(3, c.warnings.get(0).line());
        assertEquals(1, c.facts(IptablesRule.class).size());
        assertEquals("lo", c.facts(IptablesRule.class).get(0).inIface());
        assertNull(c.ctx.toolError());
    }

    @Test
    void missingCommitAndUndeclaredChainAreWarned() {
        var c = parse("*filter\n:INPUT ACCEPT [0:0]\n-A FOO -j ACCEPT\n-A INPUT -j FOO");
        assertEquals(List.of(3, 4), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(2, c.facts(IptablesRule.class).size());
    }

    @Test
    void unterminatedQuoteStillEmitsTheRuleWithAWarning() {
        var c = parse("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"cut short -j ACCEPT\nCOMMIT\n");
        assertEquals(List.of(3), c.warnings.stream().map(ParseWarning::line).toList());
        IptablesRule rule = c.facts(IptablesRule.class).get(0);
        assertEquals("cut short -j ACCEPT", rule.comment());
        assertNull(rule.target());
    }

    @Test
    void crlfAndTrailingCarriageReturns() {
        var c = parse(resource("iptables-save-counters.txt").replace("\n", "\r\n"));
        assertEquals(List.of(), c.warnings);
        assertEquals(2, c.facts(IptablesRule.class).size());

        var c2 = ParseContext.collecting("node-1", FILE, "iptables-save");
        new IptablesSaveParser().parse(List.of(new Line(1, "*filter\r"), new Line(2, ":INPUT ACCEPT [0:0]\r"),
                new Line(3, "-A INPUT -m comment --comment \"from SDN to localhost\" -i tun0 -j ACCEPT\r"),
                new Line(4, "COMMIT\r")), c2.ctx);
        assertEquals(List.of(), c2.warnings);
        IptablesRule rule = c2.facts(IptablesRule.class).get(0);
        assertEquals("ACCEPT", rule.target());
        assertEquals("from SDN to localhost", rule.comment());
        assertEquals("ACCEPT", c2.facts(IptablesChain.class).get(0).policy());
    }

    @Test
    void toolFailures() {
        var missing = parse("bash: iptables-save: command not found\n");
        ToolError error = missing.ctx.toolError();
        assertNotNull(error);
        assertEquals(ToolErrorKind.NOT_INSTALLED, error.kind());
        assertEquals(1, error.source().line());
        assertEquals(List.of(), missing.warnings);
        assertEquals(1, missing.facts(ToolError.class).size());

        var denied = parse("iptables-save v1.8.4 (nf_tables): Could not fetch rule set generation id: "
                + "Permission denied (you must be root)\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, denied.ctx.toolError().kind());
        assertEquals(0, denied.facts(IptablesChain.class).size());
    }

    @Test
    void emptyFile() {
        var c = parse("");
        assertEquals(List.of(), c.facts);
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
    }

    @Test
    void tokenizer() {
        var t = IptablesSaveParser.tokenize("-A X -m comment --comment \"a \\\"b\\\" c\" x\"y z\"w 'q r' \\ s");
        assertEquals(List.of("-A", "X", "-m", "comment", "--comment", "a \"b\" c", "xy zw", "q r", " s"),
                t.tokens().stream().map(IptablesSaveParser.Token::value).toList());
        assertFalse(t.unterminatedQuote());
    }
}
