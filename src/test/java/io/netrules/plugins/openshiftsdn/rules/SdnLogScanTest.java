package io.netrules.plugins.openshiftsdn.rules;

import io.netrules.model.JournalLine;
import io.netrules.model.PodLogLine;
import io.netrules.model.Source;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NR-LOG-001/002's reading of whole logs: where the script's output ends, what it tolerates, what failed. */
class SdnLogScanTest {
    static final String FILE = "nodes/node-2/journalctl_--no-pager_--unit_origin-node";
    static final String MARKER = "I0311 08:13:03.401877    1214 controller.go:38] Output of setup script:";
    static final String FAILED = "E0311 08:13:04.512101    1214 controller.go:39] Error executing setup script: exit status 2";

    /** Journal lines of one file, numbered from 1. */
    static List<Object> journal(String... messages) {
        List<Object> facts = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            facts.add(new JournalLine("node-2", i + 1, messages[i], Source.of(FILE, i + 1, messages[i])));
        }
        return facts;
    }

    static List<Integer> lines(SdnLogHit h) {
        return h.evidence().stream().map(o -> ((JournalLine) o).lineNo()).toList();
    }

    @Test
    void failuresTheScriptToleratesAreNoError() {
        SdnLogScan scan = SdnLogScan.of(journal(
                MARKER,
                "+ set +e",
                "+ ovs-ofctl -O OpenFlow13 dump-flows br0",
                "ovs-ofctl: br0 is not a bridge or a socket",
                "+ return 0",
                "+ set -e",
                "+ ip link del vlinuxbr",
                "Cannot find device \"vlinuxbr\"",
                "+ true",
                "+ rm -f /etc/openshift-sdn/setup-error.log",
                "+ delete_local_subnet_route tun0",
                "+ echo 'Error: 10.129.0.0/23 route not found for dev tun0'",
                "Error: 10.129.0.0/23 route not found for dev tun0",
                "+ return 1",
                "+ true",
                "I0311 08:13:06.240175    1214 controller.go:93] Output of adding ip route: RTNETLINK answers: File exists",
                " (exit status 2)"));
        assertEquals(List.of(), scan.setupScriptErrors());
        assertEquals(List.of(), scan.flowAddFailures());
    }

    @Test
    void anErrorTheScriptDidNotTolerateWithItsStepAndTheFailedEntry() {
        List<SdnLogHit> hits = SdnLogScan.of(journal(
                "I0311 08:13:02.114207    1214 start_node.go:175] Starting a node",
                MARKER,
                "+ ip link del vlinuxbr",
                "Cannot find device \"vlinuxbr\"",
                "+ true",
                "+ ip addr add 10.129.0.1/23 dev tun0",
                "RTNETLINK answers: File exists",
                FAILED,
                "Started Origin Node.")).setupScriptErrors();
        assertEquals(1, hits.size());
        SdnLogHit h = hits.get(0);
        assertEquals("unit/origin-node", h.subject());
        assertEquals("the origin-node journal", h.log());
        assertEquals("RTNETLINK answers: File exists", h.error());
        assertEquals(1, h.count());
        assertEquals(List.of(2, 6, 7, 8), lines(h));
    }

    @Test
    void anErrorAtTheEndOfTheLogHasNoStepToTolerateIt() {
        SdnLogHit h = SdnLogScan.of(journal(MARKER, "+ brctl addif lbr0 vlinuxbr", "bridge lbr0 does not exist!"))
                .setupScriptErrors().get(0);
        assertEquals("bridge lbr0 does not exist!", h.error());
        assertEquals(List.of(1, 2, 3), lines(h));
    }

    @Test
    void theFailedEntryAloneWhenNoLineReadsLikeAnError() {
        SdnLogHit h = SdnLogScan.of(journal(MARKER, "+ brctl addif lbr0 vlinuxbr", FAILED)).setupScriptErrors().get(0);
        assertEquals("Error executing setup script: exit status 2", h.error());
        assertEquals(List.of(1, 3), lines(h));
    }

    @Test
    void theOutputEndsAtTheNextEntryOrAfterTheWindow() {
        List<String> log = new ArrayList<>(List.of(MARKER, "+ ip link set lbr0 up",
                "I0311 08:13:04.000001    1214 kubelet.go:1919] SyncLoop (ADD, \"api\")",
                "RTNETLINK answers: File exists"));
        assertEquals(List.of(), SdnLogScan.of(journal(log.toArray(String[]::new))).setupScriptErrors(),
                "after another entry the line is no output of the script");
        List<String> longOutput = new ArrayList<>(List.of(MARKER));
        for (int i = 0; i < SdnLog.SCRIPT_WINDOW; i++) {
            longOutput.add("+ : step " + i);
        }
        longOutput.add("RTNETLINK answers: File exists");
        assertEquals(List.of(), SdnLogScan.of(journal(longOutput.toArray(String[]::new))).setupScriptErrors());
        longOutput.remove(1);
        assertEquals(1, SdnLogScan.of(journal(longOutput.toArray(String[]::new))).setupScriptErrors().size(),
                "the last line of the window still counts");
    }

    @Test
    void aNodeThatRestartsInALoopCountsEveryRunAndShowsTheLatest() {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            log.addAll(List.of(MARKER, "+ ip addr add 10.129.0.1/23 dev tun0", "RTNETLINK answers: File exists", FAILED));
        }
        SdnLogHit h = SdnLogScan.of(journal(log.toArray(String[]::new))).setupScriptErrors().get(0);
        assertEquals(5, h.count());
        assertEquals(List.of(9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), lines(h));
    }

    @Test
    void eachLogIsReadOnItsOwn() {
        List<Object> facts = new ArrayList<>();
        facts.add(new PodLogLine("node-2", "openshift-sdn", "sdn-m2kcv", 1, MARKER, Source.of("logs/openshift-sdn/sdn-m2kcv.log", 1, MARKER)));
        facts.add(new JournalLine("node-2", 2, "RTNETLINK answers: File exists", Source.of(FILE, 2, "RTNETLINK answers: File exists")));
        facts.add(new PodLogLine("node-2", "openshift-sdn", "sdn-m2kcv", 3, "+ true", Source.of("logs/openshift-sdn/sdn-m2kcv.log", 3, "+ true")));
        assertEquals(List.of(), SdnLogScan.of(facts).setupScriptErrors(), "a journal line is no output of a pod's script");
        facts.add(new PodLogLine("node-2", "openshift-sdn", "sdn-m2kcv", 2, "Cannot find device \"lbr0\"",
                Source.of("logs/openshift-sdn/sdn-m2kcv.log", 2, "Cannot find device \"lbr0\"")));
        facts.add(new PodLogLine("node-2", "openshift-sdn", "sdn-m2kcv", 4, "RTNETLINK answers: File exists",
                Source.of("logs/openshift-sdn/sdn-m2kcv.log", 4, "RTNETLINK answers: File exists")));
        List<SdnLogHit> hits = SdnLogScan.of(facts).setupScriptErrors();
        assertEquals(1, hits.size());
        assertEquals("pod/openshift-sdn/sdn-m2kcv", hits.get(0).subject());
        assertEquals("the log of pod openshift-sdn/sdn-m2kcv", hits.get(0).log());
        assertEquals("RTNETLINK answers: File exists", hits.get(0).error(), "lines are read in line order");
    }

    @Test
    void outputOfAddingRules() {
        String rule = "table=0,cookie=0x0a000001,priority=100,ip,nw_dst=10.128.0.0/23,actions=set_field:10.0.0.1->tun_dst,output:1";
        String rule2 = rule.replace("0x0a000001", "0x0a000002").replace("10.128.0.0", "10.129.0.0").replace("10.0.0.1->", "10.0.0.2->");
        SdnLogScan ok = SdnLogScan.of(journal(
                "I0311 08:13:04.003112    1257 controller.go:66] Output of adding " + rule + ":  (<nil>)",
                "I0311 08:13:04.121002    1257 controller.go:87] Output of deleting local ip rules ovs-ofctl: br0 is not a bridge or a socket",
                " (exit status 1)"));
        assertEquals(List.of(), ok.flowAddFailures());

        SdnLogHit h = SdnLogScan.of(journal(
                "I0311 08:13:04.003112    1257 controller.go:66] Output of adding " + rule + ": ovs-ofctl: br0 is not a bridge or a socket",
                " (exit status 1)",
                "I0311 08:13:04.011334    1257 controller.go:66] Output of adding " + rule2 + ":  (<nil>)",
                "I0311 08:13:04.015445    1257 controller.go:66] Output of adding " + rule2 + ":  (exit status 1)")).flowAddFailures().get(0);
        assertEquals(rule2, h.flow());
        assertEquals("(exit status 1)", h.error());
        assertEquals(2, h.count());
        assertEquals(List.of(1, 2, 4), lines(h));

        SdnLogHit next = SdnLogScan.of(journal(
                "I0311 08:13:04.003112    1257 controller.go:66] Output of adding " + rule + ":",
                " (exit status 1)")).flowAddFailures().get(0);
        assertEquals("(exit status 1)", next.error());
        assertTrue(next.evidence().size() == 2);
    }

    @Test
    void atMostTenFailedRulesAsEvidence() {
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            log.add("I0311 08:13:04.003112    1257 controller.go:66] Output of adding table=0,cookie=0x0a00000" + i
                    + ",actions=goto_table:1: ovs-ofctl: br0 is not a bridge or a socket");
            log.add(" (exit status 1)");
        }
        SdnLogHit h = SdnLogScan.of(journal(log.toArray(String[]::new))).flowAddFailures().get(0);
        assertEquals(12, h.count());
        assertEquals(20, h.evidence().size());
        assertEquals(5, lines(h).get(0));
    }
}
