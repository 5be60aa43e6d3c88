package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.CaptureArchive;
import io.netrules.model.Collected;
import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;
import io.netrules.plugins.ovnkubernetes.model.PortBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code diagnose --parse-only} reads what a diagnosis reads, the network plugin's node extras
 * included: on an OVN must-gather the databases in network_logs/ (one per zone in interconnect
 * mode, the central one split per node in legacy mode) give every node its NB/SB rows and mark
 * its ovn-nb/ovn-sb inputs collected.
 */
class ParseOnlyOvnTest {
    private static final List<String> NODES = List.of("worker-0", "worker-1", "worker-2");

    @ParameterizedTest
    @ValueSource(strings = {"ovn-ic-healthy", "ovn-legacy-healthy"})
    void parseOnlyReadsEachNodesOvnDatabases(String sample) throws Exception {
        List<Object> facts = Collections.synchronizedList(new ArrayList<>());
        List<ParseWarning> warnings = new ArrayList<>();
        Evaluator.ParseCount count;
        try (CaptureArchive.Opened opened = CaptureArchive.open(TestPaths.sample(sample), InputLimits.DEFAULTS)) {
            count = Evaluator.parseOnly(opened.capture(), 2, facts::add, warnings);
        }
        assertEquals(List.of(), warnings, sample + " parses without warnings, as its diagnosis does");
        assertEquals(facts.size(), count.facts(), "the count is the facts handed over");
        Set<String> switches = new TreeSet<>();
        Set<String> collected = new TreeSet<>();
        long bindings = 0;
        for (Object f : facts) {
            if (f instanceof LogicalSwitch ls) {
                switches.add(ls.name());
            } else if (f instanceof PortBinding) {
                bindings++;
            } else if (f instanceof Collected c && c.input().startsWith("ovn-")) {
                collected.add(c.node() + " " + c.input());
            }
        }
        assertTrue(switches.containsAll(NODES), sample + ": each node's logical switch is read: " + switches);
        assertTrue(bindings > 0, sample + ": the SB's port bindings are read");
        for (String node : NODES) {
            assertTrue(collected.contains(node + " ovn-nb") && collected.contains(node + " ovn-sb"),
                    sample + ": " + node + "'s NB and SB are collected: " + collected);
        }
    }
}
