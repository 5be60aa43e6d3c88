package io.netrules.rules;

import io.netrules.TestPaths;
import io.netrules.model.ClusterNetwork;
import io.netrules.model.IptablesRule;
import io.netrules.parse.ParseContext;
import io.netrules.parse.iptables.IptablesSaveParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterWalkTest {
    private static final String CLUSTER = "10.128.0.0/14";
    private static final FilterPacket POD_TO_POD = FilterPacket.podToPod(List.of()).get(0);
    private static final FilterPacket EGRESS = FilterPacket.podEgressAndIngress(List.of(), "eth0").get(0);
    private static final FilterPacket INGRESS = FilterPacket.podEgressAndIngress(List.of(), "eth0").get(1);
    private static final String FIRST_FORWARD = "-A FORWARD -m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD\n";

    static String sample(String node) {
        try {
            return Files.readString(TestPaths.sample("healthy-3node").resolve("nodes/" + node + "/iptables-save"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static IptablesTable table(String iptablesSave, String table) {
        var c = ParseContext.collecting("node-1", "nodes/node-1/iptables-save", "iptables-filter")
                .parse(new IptablesSaveParser(), iptablesSave);
        assertEquals(List.of(), c.warnings, "test table must parse cleanly");
        return IptablesTable.of(c.facts(IptablesRule.class).stream().filter(r -> r.table().equals(table)).toList());
    }

    /** A filter table with only the given chains and rules (lines), FORWARD policy as given. */
    static IptablesTable filter(String forwardPolicy, String... lines) {
        StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD " + forwardPolicy
                + " [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        java.util.Set<String> chains = new java.util.TreeSet<>();
        for (String l : lines) {
            String chain = l.split("\\s+")[1];
            if (!List.of("INPUT", "FORWARD", "OUTPUT").contains(chain)) {
                chains.add(chain);
            }
        }
        chains.forEach(ch -> sb.append(':').append(ch).append(" - [0:0]\n"));
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        sb.append("COMMIT\n");
        return table(sb.toString(), "filter");
    }

    /** The node's filter table with lines inserted at the top of FORWARD, as iptables -I FORWARD 1 does. */
    static IptablesTable healthyWithFirst(String node, String... lines) {
        String text = sample(node);
        assertTrue(text.contains(FIRST_FORWARD));
        return table(text.replace(FIRST_FORWARD, String.join("\n", lines) + "\n" + FIRST_FORWARD), "filter");
    }

    // ---- realistic 3.11 tables ----

    @ParameterizedTest
    @ValueSource(strings = {"node-1", "node-2", "node-3"})
    void healthyNodesAcceptPodTrafficInTheOpenShiftChainBeforeTheCatchAllReject(String node) {
        IptablesTable t = table(sample(node), "filter");
        for (FilterPacket p : List.of(POD_TO_POD, EGRESS, INGRESS)) {
            FilterVerdict v = t.walkForward(p);
            assertEquals("ACCEPT", v.verdict(), p.traffic());
            assertFalse(v.blocking());
            assertEquals("OPENSHIFT-FIREWALL-FORWARD", v.rule().chain());
            assertEquals(List.of("FORWARD", "OPENSHIFT-FIREWALL-FORWARD"), v.path());
            // The INVALID-state DROP and the KUBE-FORWARD mark/ESTABLISHED accepts never match NEW.
            assertEquals(List.of(), v.notes(), p.traffic());
        }
        assertEquals(2, t.walkForward(POD_TO_POD).rule().position()); // -d 10.128.0.0/14 -j ACCEPT
        assertEquals(3, t.walkForward(EGRESS).rule().position());     // -s 10.128.0.0/14 -j ACCEPT
        assertEquals(2, t.walkForward(INGRESS).rule().position());
    }

    @Test
    void labForwardRejectFaultRejectsAllThreeClassesAtTheInsertedRules() {
        // lab-fault.sh forward-reject: iptables -I FORWARD 1 -s CIDR ..., then -I FORWARD 1 -d CIDR ...
        IptablesTable t = healthyWithFirst("node-2",
                "-A FORWARD -d 10.128.0.0/14 -j REJECT --reject-with icmp-host-prohibited",
                "-A FORWARD -s 10.128.0.0/14 -j REJECT --reject-with icmp-host-prohibited");
        FilterVerdict pp = t.walkForward(POD_TO_POD);
        assertTrue(pp.blocking());
        assertEquals("REJECT", pp.verdict());
        assertEquals("FORWARD", pp.rule().chain());
        assertEquals(1, pp.rule().position());
        assertEquals("rule 1 of FORWARD", pp.decidedAt());
        assertEquals(2, t.walkForward(EGRESS).rule().position());
        assertEquals(1, t.walkForward(INGRESS).rule().position());
        assertTrue(pp.rule().source().text().contains("-d 10.128.0.0/14 -j REJECT"));
    }

    @Test
    void policyDropDecidesWhenTheOpenShiftJumpAndTheCatchAllAreGone() {
        String text = sample("node-1").replace(":FORWARD ACCEPT [0:0]", ":FORWARD DROP [0:0]")
                .replace("-A FORWARD -m comment --comment \"firewall overrides\" -j OPENSHIFT-FIREWALL-FORWARD\n", "")
                .replace("-A FORWARD -j REJECT --reject-with icmp-host-prohibited\n", "");
        IptablesTable t = table(text, "filter");
        for (FilterPacket p : List.of(POD_TO_POD, EGRESS, INGRESS)) {
            FilterVerdict v = t.walkForward(p);
            assertTrue(v.reachedPolicy(), p.traffic());
            assertFalse(v.blocking());
            assertNull(v.rule());
            assertEquals("FORWARD", v.chain());
            assertEquals("the FORWARD policy", v.decidedAt());
        }
    }

    @Test
    void withoutTheOpenShiftJumpTheCatchAllRejectIsReached() {
        String text = sample("node-1")
                .replace("-A FORWARD -m comment --comment \"firewall overrides\" -j OPENSHIFT-FIREWALL-FORWARD\n", "");
        FilterVerdict v = table(text, "filter").walkForward(POD_TO_POD);
        assertTrue(v.blocking());
        assertEquals("REJECT", v.verdict());
        assertEquals("-A FORWARD -j REJECT --reject-with icmp-host-prohibited", v.rule().source().text());
    }

    @Test
    void rejectInsideTheOpenShiftChainBeforeItsAcceptsBlocks() {
        String text = sample("node-3").replace(
                "-A OPENSHIFT-FIREWALL-FORWARD -d 10.128.0.0/14",
                "-A OPENSHIFT-FIREWALL-FORWARD -i tun0 -j DROP\n-A OPENSHIFT-FIREWALL-FORWARD -d 10.128.0.0/14");
        IptablesTable t = table(text, "filter");
        FilterVerdict v = t.walkForward(POD_TO_POD);
        assertEquals("DROP", v.verdict());
        assertEquals(List.of("FORWARD", "OPENSHIFT-FIREWALL-FORWARD"), v.path());
        assertEquals(2, v.rule().position());
        assertTrue(t.walkForward(EGRESS).blocking());
        assertEquals("ACCEPT", t.walkForward(INGRESS).verdict()); // comes in on eth0
    }

    // ---- near misses ----

    @Test
    void rejectLimitedToOnePortDoesNotBlockTheClassAndIsNoted() {
        IptablesTable t = healthyWithFirst("node-1",
                "-A FORWARD -s 10.128.0.0/14 -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable");
        FilterVerdict v = t.walkForward(POD_TO_POD);
        assertEquals("ACCEPT", v.verdict());
        assertEquals(1, v.notes().size());
        assertTrue(v.notes().get(0).startsWith("FORWARD rule 1: only --dport 8080"), v.notes().get(0));
        assertTrue(v.notesText().contains("--dport 8080"));
    }

    @Test
    void rejectForOneNodesSubnetIsPartOfTheClusterNetworkOnly() {
        IptablesTable t = healthyWithFirst("node-1", "-A FORWARD -d 10.129.0.0/23 -j REJECT");
        FilterVerdict v = t.walkForward(POD_TO_POD);
        assertEquals("ACCEPT", v.verdict());
        assertTrue(v.notes().get(0).contains("10.129.0.0/23 covers only part of destination 10.128.0.0/14"));
        assertEquals(List.of(), t.walkForward(EGRESS).notes()); // 10.132.0.0 is outside 10.129.0.0/23
    }

    @Test
    void invalidStateAndEstablishedOnlyRulesDoNotMatchNew() {
        IptablesTable t = filter("ACCEPT",
                "-A FORWARD -m conntrack --ctstate INVALID -j DROP",
                "-A FORWARD -m state --state RELATED,ESTABLISHED -j REJECT",
                "-A FORWARD -m conntrack ! --ctstate NEW -j DROP");
        FilterVerdict v = t.walkForward(POD_TO_POD);
        assertTrue(v.reachedPolicy());
        assertEquals(List.of(), v.notes());
        assertTrue(filter("ACCEPT", "-A FORWARD -m conntrack --ctstate NEW,ESTABLISHED -j DROP")
                .walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m state ! --state INVALID -j DROP").walkForward(POD_TO_POD).blocking());
    }

    @Test
    void marksFollowMarkTargetsAndAnUnmarkedPacketMatchesOnlyZeroTests() {
        assertTrue(filter("ACCEPT", "-A FORWARD -m mark --mark 0x8000/0x8000 -j DROP")
                .walkForward(POD_TO_POD).reachedPolicy());
        assertTrue(filter("ACCEPT", "-A FORWARD -m mark --mark 0x0/0x8000 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m mark --mark 0 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m mark ! --mark 0x1/0x1 -j DROP").walkForward(POD_TO_POD).blocking());
        // KUBE-FIREWALL style: marked on the way, then dropped by the mark test.
        IptablesTable marked = filter("ACCEPT",
                "-A FORWARD -j KUBE-MARK-DROP",
                "-A FORWARD -j KUBE-FIREWALL",
                "-A KUBE-MARK-DROP -j MARK --set-xmark 0x8000/0x8000",
                "-A KUBE-FIREWALL -m comment --comment \"kubernetes firewall for dropping marked packets\" -m mark --mark 0x8000/0x8000 -j DROP");
        FilterVerdict v = marked.walkForward(POD_TO_POD);
        assertEquals("DROP", v.verdict());
        assertEquals(List.of("FORWARD", "KUBE-FIREWALL"), v.path());
        // A mark test the walk cannot follow is noted, not matched.
        FilterVerdict unknown = filter("ACCEPT", "-A FORWARD -m mark --mark bogus -j DROP").walkForward(POD_TO_POD);
        assertTrue(unknown.reachedPolicy());
        assertEquals(1, unknown.notes().size());
    }

    @Test
    void connmarkOfANewConnectionIsZero() {
        assertTrue(filter("ACCEPT", "-A FORWARD -m connmark --mark 0x1/0x1 -j DROP").walkForward(POD_TO_POD).reachedPolicy());
        assertTrue(filter("ACCEPT", "-A FORWARD -j CONNMARK --set-xmark 0x1/0x1",
                "-A FORWARD -m connmark --mark 0x1/0x1 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -j MARK --set-xmark 0x4/0xffffffff", "-A FORWARD -j CONNMARK --save-mark",
                "-A FORWARD -m connmark --mark 0x4 -j DROP").walkForward(POD_TO_POD).blocking());
    }

    @Test
    void interfacesWithWildcardAndNegation() {
        assertTrue(filter("ACCEPT", "-A FORWARD -i tun+ -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -i tun+ -j DROP").walkForward(EGRESS).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -i tun+ -j DROP").walkForward(INGRESS).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -o eth+ -j REJECT").walkForward(EGRESS).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -o eth+ -j REJECT").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -i tun0 ! -o tun0 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -i tun0 ! -o tun0 -j DROP").walkForward(EGRESS).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -i eth0 -j DROP").walkForward(POD_TO_POD).blocking());
    }

    @Test
    void addressesWithNegationAndTheOldNegationForm() {
        assertFalse(filter("ACCEPT", "-A FORWARD ! -s 10.128.0.0/14 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD ! -s 10.128.0.0/14 -j DROP").walkForward(INGRESS).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -s ! 10.128.0.0/14 -j DROP").walkForward(INGRESS).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -s 10.0.0.0/8 -d 10.0.0.0/8 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -d 0.0.0.0/0 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -s 10.128.0.0/255.252.0.0 -j DROP").walkForward(EGRESS).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -s 172.30.0.0/16 -j DROP").walkForward(POD_TO_POD).blocking());
    }

    @Test
    void protocolsAndOtherProtocolModules() {
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p all -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p 6 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -m tcp -j DROP").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -p udp -m udp --dport 53 -j DROP").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -p icmp -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD ! -p udp -j DROP").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -f -j DROP").walkForward(POD_TO_POD).blocking());
    }

    @Test
    void portsCoveringEveryPortMatchAndSynFlagsAreEvaluated() {
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -m tcp --dport 0:65535 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -m multiport --dports 0:1023,1024: -j DROP")
                .walkForward(POD_TO_POD).blocking());
        FilterVerdict notPort = filter("ACCEPT", "-A FORWARD -p tcp -m tcp ! --dport 22 -j DROP").walkForward(POD_TO_POD);
        assertFalse(notPort.blocking());
        assertEquals(1, notPort.notes().size());
        assertFalse(filter("ACCEPT", "-A FORWARD -p tcp -m multiport --dports 80,443 -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -m tcp --syn -j DROP").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -p tcp -m tcp ! --syn -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j DROP")
                .walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j DROP")
                .walkForward(POD_TO_POD).blocking());
    }

    @Test
    void unknownModulesAndIpsetsAreNotedNotMatched() {
        FilterVerdict v = filter("ACCEPT",
                "-A FORWARD -m set --match-set blocked src -j DROP",
                "-A FORWARD -m limit --limit 5/min -j REJECT").walkForward(POD_TO_POD);
        assertTrue(v.reachedPolicy());
        assertEquals(List.of("FORWARD rule 1: -m set --match-set not evaluated",
                "FORWARD rule 2: -m limit --limit not evaluated"), v.notes());
    }

    @Test
    void physdevMatchesARoutedPacketOnlyWhenNegatedAndAddrtypeSeesUnicast() {
        assertFalse(filter("ACCEPT", "-A FORWARD -m physdev --physdev-is-bridged -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m physdev ! --physdev-is-bridged -j DROP").walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -m physdev ! --physdev-in eth1 --physdev-is-bridged -j DROP")
                .walkForward(POD_TO_POD).blocking());
        assertFalse(filter("ACCEPT", "-A FORWARD -m addrtype --dst-type LOCAL -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m addrtype ! --dst-type LOCAL -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m addrtype --src-type UNICAST -j DROP").walkForward(POD_TO_POD).blocking());
        assertTrue(filter("ACCEPT", "-A FORWARD -m iprange --dst-range 10.0.0.0-10.255.255.255 -j DROP")
                .walkForward(POD_TO_POD).blocking());
    }

    @Test
    void returnGotoAndNonTerminatingTargets() {
        // LOG passes; RETURN from a user chain comes back; the next FORWARD rule decides.
        FilterVerdict v = filter("ACCEPT",
                "-A FORWARD -j LOG --log-prefix \"fwd: \"",
                "-A FORWARD -j A",
                "-A FORWARD -j REJECT",
                "-A A -j RETURN",
                "-A A -j DROP").walkForward(POD_TO_POD);
        assertEquals("REJECT", v.verdict());
        assertEquals(3, v.rule().position());
        // goto: the end of the goto'ed chain returns to FORWARD's caller, i.e. the policy.
        FilterVerdict g = filter("ACCEPT", "-A FORWARD -g B", "-A FORWARD -j DROP", "-A B -j LOG").walkForward(POD_TO_POD);
        assertTrue(g.reachedPolicy());
        // jump: the end of the chain comes back.
        assertTrue(filter("ACCEPT", "-A FORWARD -j B", "-A FORWARD -j DROP", "-A B -j LOG").walkForward(POD_TO_POD).blocking());
        // RETURN in the built-in chain: the policy.
        assertTrue(filter("DROP", "-A FORWARD -j RETURN", "-A FORWARD -j ACCEPT").walkForward(POD_TO_POD).reachedPolicy());
        // Nested chains, the path says how it got there.
        FilterVerdict nested = filter("ACCEPT", "-A FORWARD -j A", "-A A -j B", "-A B -s 10.128.0.0/14 -j DROP")
                .walkForward(POD_TO_POD);
        assertEquals(List.of("FORWARD", "A", "B"), nested.path());
        assertEquals("FORWARD -> A -> B", nested.pathText());
        // QUEUE hands the packet to user space: decided, but not a block.
        FilterVerdict q = filter("ACCEPT", "-A FORWARD -j NFQUEUE --queue-num 1", "-A FORWARD -j DROP").walkForward(POD_TO_POD);
        assertEquals("QUEUE", q.verdict());
        assertFalse(q.blocking());
        assertFalse(q.reachedPolicy());
    }

    @Test
    void jumpLoopsAndGotoCyclesEnd() {
        FilterVerdict loop = filter("ACCEPT", "-A FORWARD -j A", "-A A -j B", "-A B -j A", "-A B -j DROP")
                .walkForward(POD_TO_POD);
        assertEquals("DROP", loop.verdict());
        assertEquals(List.of("B rule 1: jump to A not taken (loop)"), loop.notes());
        FilterVerdict cycle = filter("ACCEPT", "-A FORWARD -g A", "-A A -g B", "-A B -g A").walkForward(POD_TO_POD);
        assertEquals(FilterWalk.UNDECIDED, cycle.verdict());
        assertFalse(cycle.blocking());
        assertFalse(cycle.reachedPolicy());
    }

    @Test
    void emptyTableReachesThePolicy() {
        FilterVerdict v = IptablesTable.of(List.of()).walkForward(POD_TO_POD);
        assertTrue(v.reachedPolicy());
        assertEquals("none", v.notesText());
    }

    // ---- packet classes ----

    @Test
    void packetClassesFromTheClusterNetwork() {
        assertEquals("10.128.0.0/14", POD_TO_POD.src());
        assertEquals("10.128.0.0/14", POD_TO_POD.dst());
        assertEquals("tun0", POD_TO_POD.in());
        assertEquals("tun0", POD_TO_POD.out());
        assertEquals("10.132.0.0", EGRESS.dst());
        assertEquals("eth0", EGRESS.out());
        assertEquals("10.132.0.0", INGRESS.src());
        assertEquals("eth0", INGRESS.in());
        assertEquals("pod-ingress", INGRESS.traffic());
        ClusterNetwork two = new ClusterNetwork("default", "10.128.0.0/14", 9, "172.30.0.0/16", null,
                List.of("10.128.0.0/14", "10.132.0.0/14"), 4789, null, null);
        assertEquals(2, FilterPacket.podToPod(List.of(two)).size());
        List<FilterPacket> crossing = FilterPacket.podEgressAndIngress(List.of(two), "ens192");
        assertEquals(4, crossing.size());
        assertEquals("10.136.0.0", crossing.get(0).dst());
        assertEquals("10.136.0.0", crossing.get(2).dst());
        assertEquals(List.of(), FilterPacket.podEgressAndIngress(List.of(two), null));
        assertEquals("9.255.255.255", FilterPacket.firstOutside("10.0.0.0/8", List.of("10.0.0.0/8", "11.0.0.0/8",
                "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1")));
        ClusterNetwork old = new ClusterNetwork("default", "10.1.0.0/16", 8, "172.30.0.0/16", null, List.of(), null, null, null);
        assertEquals("10.1.0.0/16", FilterPacket.podToPod(List.of(old)).get(0).src());
    }

    // ---- kube-proxy nat helpers ----

    @Test
    void natServiceRuleAndDnatDestinations() {
        IptablesTable nat = table(sample("node-1"), "nat");
        IptablesRule web = nat.serviceRule("172.30.40.20", 8080, "TCP");
        assertEquals("KUBE-SVC-22B3PO652SNMLSH5", web.target());
        assertEquals(java.util.Set.of("10.129.0.5:8080", "10.129.0.6:8080", "10.130.0.5:8080"),
                nat.dnatDestinations(web.target()));
        assertEquals(3, nat.dnatRules(web.target()).size());
        // ClientIP affinity: the -m recent rule and the catch-all lead to the same endpoint.
        IptablesRule registry = nat.serviceRule("172.30.12.7", 5000, "TCP");
        assertEquals(java.util.Set.of("10.128.0.5:5000"), nat.dnatDestinations(registry.target()));
        assertEquals(1, nat.dnatRules(registry.target()).size());
        assertNull(nat.serviceRule("172.30.40.20", 80, "TCP"));
        assertNull(nat.serviceRule("172.30.40.20", 8080, "UDP"));
        assertNull(nat.serviceRule("172.30.99.99", 8080, "TCP"));
        assertEquals(3, nat.dnatDestinations(nat.serviceRule("172.30.80.10", 80, "TCP").target()).size()
                + nat.dnatDestinations(nat.serviceRule("172.30.80.10", 443, "TCP").target()).size()
                + nat.dnatDestinations(nat.serviceRule("172.30.80.10", 1936, "TCP").target()).size());
    }

    @Test
    void ruleSpecReadsModulesTargetsAndNegations() {
        RuleSpec s = RuleSpec.parse(List.of("-s", "10.128.0.0/14", "-m", "comment", "--comment", "-odd comment",
                "-m", "conntrack", "!", "--ctstate", "NEW,RELATED", "-j", "REJECT", "--reject-with", "icmp-host-prohibited"));
        assertEquals(1, s.std.size());
        assertEquals(2, s.modules.size());
        assertEquals("-odd comment", s.modules.get(0).options().get(0).value());
        assertTrue(s.modules.get(1).options().get(0).negated());
        assertEquals("REJECT", s.target);
        assertEquals("icmp-host-prohibited", s.targetOption("--reject-with"));
        RuleSpec old = RuleSpec.parse(List.of("-p", "tcp", "--dport", "22", "-m", "state", "--state", "!", "NEW", "-j", "ACCEPT"));
        assertEquals("tcp", old.modules.get(0).name());
        assertEquals("22", old.moduleOption("--dport"));
        assertTrue(old.modules.get(1).options().get(0).negated());
        assertEquals(List.of(), old.unparsed);
        assertEquals(1, RuleSpec.parse(List.of("bogus", "-j", "DROP")).unparsed.size());
    }

    @Test
    void valueMaskParsesHexAndDecimal() {
        assertEquals(0x8000, FilterWalk.valueMask("0x8000/0x8000")[0]);
        assertEquals(0xffffffffL, FilterWalk.valueMask("5")[1]);
        assertNull(FilterWalk.valueMask("x/y"));
    }
}
