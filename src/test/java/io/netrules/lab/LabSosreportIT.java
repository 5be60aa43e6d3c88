package io.netrules.lab;

import io.netrules.capture.Capture;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.Rules;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real sosreport (Debian's sos, run inside a lab node's namespace) serves as a node folder
 * as it is: netrules finds its files under sos_commands/ and diagnoses a fault from it.
 */
class LabSosreportIT {
    @BeforeAll
    static void needsTheLabAndSos() throws Exception {
        String reason = Lab.unavailableReason();
        Assumptions.assumeTrue(reason == null, "lab tests skipped: " + reason);
        Assumptions.assumeTrue(Lab.run(List.of("bash", "-c", "command -v sos"), 10).status() == 0,
                "lab sosreport test skipped: sos is not installed (.ci/run installs sosreport)");
    }

    @Test
    void aRealSosreportOfABrokenNodeIsDiagnosed(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.up(tmp)) {
            lab.fault("tun-src-flow-deleted", 1, "2");
            Path sosOut = Files.createDirectories(tmp.resolve("sos"));
            Lab.Result sos = lab.exec(1, List.of("sos", "report", "-o", "networking,kernel,openvswitch", "--batch",
                    "--build", "--tmp-dir", sosOut.toString()), 300);
            assertEquals(0, sos.status(), sos.err() + sos.out());
            Path tree;
            try (Stream<Path> dirs = Files.list(sosOut)) {
                tree = dirs.filter(p -> p.getFileName().toString().startsWith("sosreport-") && Files.isDirectory(p))
                        .findFirst().orElseThrow(() -> new AssertionError("no sosreport tree in " + sosOut));
            }
            Path capture = tmp.resolve("capture");
            Files.createDirectories(capture.resolve("nodes"));
            Files.move(tree, capture.resolve("nodes").resolve(lab.node(1)));
            Files.createDirectories(capture.resolve("cluster"));
            Files.copy(lab.workdir().resolve("cluster/hostsubnets.json"), capture.resolve("cluster/hostsubnets.json"));
            Files.copy(lab.workdir().resolve("cluster/nodes.json"), capture.resolve("cluster/nodes.json"));
            // The ClusterNetwork names the plugin (redhat/openshift-ovs-subnet): without it the
            // openshift-sdn rules are not evaluated ("network plugin not known").
            Files.copy(lab.workdir().resolve("cluster/clusternetworks.json"),
                    capture.resolve("cluster/clusternetworks.json"));

            Diagnosis d = new Evaluator(Rules.builtin(), 1).evaluate(Capture.open(capture), "sos");
            List<String> keys = d.findings().stream().map(ReportFinding::key).toList();
            assertTrue(keys.contains("NR-OVS-005@" + lab.node(1) + "/hostsubnet/" + lab.node(2)), keys.toString());
            assertTrue(d.warnings().stream().noneMatch(w -> w.source().contains("sos_commands")),
                    "sosreport's own files read without parse warnings: " + d.warnings());
        }
    }
}
