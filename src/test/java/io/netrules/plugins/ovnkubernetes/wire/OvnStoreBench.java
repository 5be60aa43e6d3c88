package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.capture.Capture;
import io.netrules.engine.Evaluator;
import io.netrules.model.ParseWarning;
import io.netrules.plugin.PluginCapture;
import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Numbers for docs and reports, not a check: {@code mvn test -Dtest=OvnStoreBench -Dnetrules.bench=true
 * [-Dnetrules.bench.nodes=500]}. (1) An interconnect must-gather store of N nodes (each zone's NB
 * with N transit ports, each SB with N chassis): how long preparing the node data takes and how
 * many database files were parsed (each once: 2N). (2) The openshift-sdn samples: parse-only time,
 * for comparing with main (the OVN node extras are not read there; only the new node files are).
 */
@EnabledIfSystemProperty(named = "netrules.bench", matches = "true")
class OvnStoreBench {
    @Test
    void interconnectStore(@TempDir Path root) throws Exception {
        int n = Integer.getInteger("netrules.bench.nodes", 500);
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add("worker-" + i);
        }
        Path mg = OvnNodeDataTest.mustGather(root);
        Map<String, byte[]> members = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (String node : nodes) {
            members.put("ovnkube-node-" + node + "_nbdb", OvnTopology.icNb(nodes, node).standalone());
            members.put("ovnkube-node-" + node + "_sbdb", OvnTopology.icSb(nodes, node).standalone());
        }
        OvnNodeDataTest.store(mg.resolve("network_logs/ovnk_database_store.tar.gz"), members);
        long bytes = members.values().stream().mapToLong(b -> b.length).sum();
        members.clear();
        System.out.printf("store of %d nodes: %d members, %.1f MB uncompressed, %.1f MB gz, written in %d ms%n", n,
                2 * n, bytes / 1e6, Files.size(mg.resolve("network_logs/ovnk_database_store.tar.gz")) / 1e6,
                (System.nanoTime() - t0) / 1_000_000);
        Capture capture = Capture.open(root);
        List<ParseWarning> warnings = Collections.synchronizedList(new ArrayList<>());
        System.gc();
        long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t1 = System.nanoTime();
        OvnNodeData data = OvnNodeData.prepare(new PluginCapture(capture, new TreeSet<>(nodes),
                (ns, pod) -> pod.startsWith("ovnkube-node-") ? pod.substring("ovnkube-node-".length()) : null,
                warnings));
        long prepare = (System.nanoTime() - t1) / 1_000_000;
        System.gc();
        long heap1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t2 = System.nanoTime();
        long facts = 0;
        for (String node : nodes) {
            OvnNodeDataTest.Session s = new OvnNodeDataTest.Session();
            data.addTo(node, s);
            facts += s.facts.size();
        }
        System.out.printf("prepare: %d ms, %d database files parsed (%d members), %d warnings; facts kept %.0f MB;"
                        + " addTo for every node: %d ms, %d facts%n", prepare, data.databasesRead(), 2 * n,
                warnings.size(), (heap1 - heap0) / 1e6, (System.nanoTime() - t2) / 1_000_000, facts);
    }

    /** healthy-3node with and without the OVN node files its nodes gained: what they cost on openshift-sdn. */
    @Test
    void openshiftSdnSampleWithoutTheNewNodeFiles(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("healthy-3node");
        Path from = TestPaths.sample("healthy-3node");
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("ovs-vsctl_-t_5_list_Open_vSwitch") || name.equals("ovs-vsctl_-t_5_list_interface")
                        || name.equals("ip_-d_link")) {
                    continue;
                }
                Path t = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        for (int round = 0; round < 2; round++) {
            for (Path c : List.of(copy, from)) {
                Capture capture = Capture.open(c);
                long best = Long.MAX_VALUE;
                Evaluator.ParseCount count = null;
                for (int i = 0; i < 15; i++) {
                    long t = System.nanoTime();
                    count = Evaluator.parseOnly(capture, 1);
                    best = Math.min(best, System.nanoTime() - t);
                }
                System.out.printf("%s: parse-only best of 15 %.1f ms, %d files%n",
                        c == copy ? "without the new files" : "with them", best / 1e6, count.files());
            }
        }
    }

    @Test
    void openshiftSdnSamplesParseOnly() throws Exception {
        for (String sample : List.of("healthy-3node", "healthy-3node-sosreport", "broken-vxlan-flows")) {
            Capture capture = Capture.open(TestPaths.sample(sample));
            long best = Long.MAX_VALUE;
            Evaluator.ParseCount c = null;
            for (int i = 0; i < 7; i++) {
                long t = System.nanoTime();
                c = Evaluator.parseOnly(capture, 1);
                best = Math.min(best, System.nanoTime() - t);
            }
            System.out.printf("%s: parse-only best of 7 %.1f ms, %d files, %d facts%n", sample, best / 1e6, c.files(),
                    c.facts());
        }
    }
}
