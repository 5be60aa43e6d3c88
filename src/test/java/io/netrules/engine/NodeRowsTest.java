package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The node table the HTML report draws: one row per node, from the cluster objects and each node's interfaces. */
class NodeRowsTest {

    @Test
    void brokenMtuSampleShowsNode3sSmallerPrimaryMtu() throws Exception {
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(TestPaths.sample("broken-mtu")), "t");
        assertEquals(List.of(
                new NodeRow("node-1", "10.0.0.1", "10.128.0.0/23", "eth0", 1500, 1450),
                new NodeRow("node-2", "10.0.0.2", "10.129.0.0/23", "eth0", 1500, 1450),
                new NodeRow("node-3", "10.0.0.3", "10.130.0.0/23", "eth0", 1450, 1450)), d.nodes());
    }

    @Test
    void aNodeKnownOnlyFromItsHostSubnetHasItsHostIpAndNoMtu(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(tmp.resolve("cluster/hostsubnets.json"), EvaluatorTest.HOSTSUBNETS);
        Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(tmp), "t");
        assertEquals(List.of(
                new NodeRow("node-1", "10.0.0.1", "10.128.0.0/23", null, null, null),
                new NodeRow("node-2", "10.0.0.2", "10.129.0.0/23", null, null, null)), d.nodes());
    }
}
