package io.netrules.synth;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic captures the scale tests and benchmarks use: healthy ones read without a parse
 * warning and give no finding, and each injected fault gives exactly its finding, at 250 nodes.
 */
class SyntheticCaptureTest {

    static Diagnosis diagnose(Path capture) throws Exception {
        return new Evaluator(Rules.builtin(), 2).evaluate(Capture.open(capture), capture.getFileName().toString());
    }

    static Set<String> keys(Diagnosis d) {
        return d.findings().stream().map(ReportFinding::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void chainNamesAreKubeProxysHashes() throws Exception {
        // Both names are in facts-samples/healthy-3node, which copies real kube-proxy output.
        String nat = Files.readString(TestPaths.sample("healthy-3node").resolve("nodes/node-2/iptables-save"));
        String svc = "KUBE-SVC-" + SyntheticCapture.kubeProxyHash("myproj/web:8080-tcptcp");
        String sep = "KUBE-SEP-" + SyntheticCapture.kubeProxyHash("myproj/web:8080-tcptcp10.129.0.6:8080");
        assertEquals("KUBE-SVC-22B3PO652SNMLSH5", svc);
        assertTrue(nat.contains("-A " + sep + " -p tcp -m comment --comment \"myproj/web:8080-tcp\" -m tcp -j DNAT"
                + " --to-destination 10.129.0.6:8080"), sep);
    }

    @Test
    void healthySmallCaptureReadsCleanlyAndFindsNothing(@TempDir Path tmp) throws Exception {
        SyntheticCapture gen = SyntheticCapture.healthy(4, 5);
        gen.write(tmp.resolve("c"), 2);
        Diagnosis d = diagnose(tmp.resolve("c"));
        assertEquals(List.of(), d.warnings(), "parse warnings");
        assertEquals(Set.of(), keys(d));
        assertOnlyProbeRulesNotEvaluated(d);
    }

    @Test
    void sameSpecWritesTheSameBytes(@TempDir Path tmp) throws Exception {
        SyntheticCapture gen = new SyntheticCapture(3, 2, 2, 2, List.of(Fault.ipForwardOff(1)));
        gen.write(tmp.resolve("a"), 1);
        gen.write(tmp.resolve("b"), 2);
        for (String f : List.of("cluster/pods.json", "nodes/node-0002/sysctl_-a",
                "nodes/node-0003/ovs-ofctl_-O_OpenFlow13_dump-flows_br0", "nodes/node-0001/iptables-save")) {
            assertEquals(Files.readString(tmp.resolve("a").resolve(f)), Files.readString(tmp.resolve("b").resolve(f)), f);
        }
    }

    /** Every fault the generator knows, at nodes and targets spread over an N-node capture. */
    static List<Fault> everyFault(int nodes) {
        return List.of(
                Fault.ipForwardOff(nodes * 7 / 100),
                Fault.tunSrcFlowDeleted(nodes * 17 / 100, nodes * 80 / 100),
                Fault.podFlowsDeleted(nodes * 40 / 100, 29),
                Fault.primaryMtuLowered(nodes * 60 / 100),
                Fault.routeViaDocker0(nodes * 80 / 100, 3),
                Fault.staleServiceNat(nodes * 93 / 100, SyntheticCapture.defaultServices(nodes, 30) * 6 / 10),
                Fault.serviceNotReady(SyntheticCapture.defaultServices(nodes, 30) / 10));
    }

    /** Each fault gives exactly its finding, and nothing else is found or warned about (250 nodes: SyntheticCaptureIT). */
    static void everyFaultIsFoundAndNothingElse(int nodes, Path tmp) throws Exception {
        SyntheticCapture gen = SyntheticCapture.healthy(nodes, 30).withFaults(everyFault(nodes));
        assertEquals(7, gen.expectedFindings().size(), gen.expectedFindings().toString());
        gen.write(tmp.resolve("c"), 2);
        Diagnosis d = diagnose(tmp.resolve("c"));
        assertEquals(List.of(), d.warnings(), "parse warnings");
        assertEquals(gen.expectedFindings(), keys(d));
        assertOnlyProbeRulesNotEvaluated(d);
    }

    /**
     * A synthetic capture has no probes/probes.jsonl (probes are active tests an admin asks for):
     * the probe rules are not evaluated, and every other rule has its inputs.
     */
    static void assertOnlyProbeRulesNotEvaluated(Diagnosis d) {
        assertTrue(d.notEvaluated().size() > 0, "the probe rules cannot run without probes");
        d.notEvaluated().forEach(n -> assertEquals("probes/probes.jsonl", n.missing(), n.toString()));
    }

    @Test
    void at20NodesEveryInjectedFaultIsFoundAndNothingElse(@TempDir Path tmp) throws Exception {
        everyFaultIsFoundAndNothingElse(20, tmp);
    }
}
