package io.netrules.live;

import io.netrules.TestPaths;
import io.netrules.capture.CaptureMetadata.NotCollected;
import io.netrules.collect.FakeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exec fan-out through an injected {@link NodeExec} (the live one is fabric8's exec, tested
 * against the mock server in {@link ExecCollectMockTest}): parallelism, time limits, and failing
 * nodes becoming "not collected" with their reason while the others are collected.
 */
class ExecCollectorTest {
    static final Path SAMPLE = TestPaths.sample("broken-service-endpoints");

    /** Sends, for any node, what a collector pod sends: that node's sample folder and a capture.json, as tar. */
    static NodeExec podsSendingTheSample(Path tmp) {
        return (ns, pod, container, command, stdout, timeout) -> {
            String node = command.get(4);
            Path out = tmp.resolve("pod-" + node);
            LiveCapture.copyTree(SAMPLE.resolve("nodes/" + node), out.resolve("nodes/" + node));
            Files.writeString(out.resolve("capture.json"), "{\"format\":\"netrules-capture/1\",\"notCollected\":["
                    + "{\"node\":\"" + node + "\",\"what\":\"journalctl_--no-pager_--unit_origin-node\","
                    + "\"why\":\"no unit origin-node\"}]}");
            try {
                stdout.write(TarReaderTest.tar(out));
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            return new NodeExec.Result(0, "");
        };
    }

    static ExecCollector collector(NodeExec exec, int parallel) {
        return new ExecCollector(exec, "netrules", parallel, Duration.ofSeconds(60), Duration.ofSeconds(10), null);
    }

    @Test
    void eachNodeFolderLandsInTheCaptureWithWhatItsCollectorCouldNotCollect(@TempDir Path tmp) throws Exception {
        Path capture = Files.createDirectories(tmp.resolve("capture"));
        List<ExecCollector.Target> targets = List.of(
                new ExecCollector.Target("node-1", "collector-a", List.of("10.0.0.2", "10.0.0.3")),
                new ExecCollector.Target("node-2", "collector-b", List.of("10.0.0.1", "10.0.0.3")));
        List<ExecCollector.Outcome> out = collector(podsSendingTheSample(tmp), 8).collect(targets, capture);
        assertTrue(out.stream().allMatch(ExecCollector.Outcome::collected), out.toString());
        assertEquals(Files.readString(SAMPLE.resolve("nodes/node-2/sysctl_-a")),
                Files.readString(capture.resolve("nodes/node-2/sysctl_-a")));
        assertEquals(List.of(new NotCollected("node-1", "journalctl_--no-pager_--unit_origin-node",
                "no unit origin-node")), out.get(0).entries());
        assertFalse(Files.exists(capture.resolve(".exec")), "the work folder goes");
    }

    @Test
    void failingNodesAreNotCollectedWithTheirReasonAndTheOthersAreCollected(@TempDir Path tmp) throws Exception {
        NodeExec good = podsSendingTheSample(tmp);
        NodeExec exec = (ns, pod, container, command, stdout, timeout) -> switch (command.get(4)) {
            case "node-2" -> new NodeExec.Result(2, "netrules: --peers: 'x' is not an IP address\n");
            case "node-3" -> throw new TimeoutException();
            case "node-4" -> throw new IOException("Failure executing: GET ... Message: Forbidden");
            case "node-5" -> {
                stdout.write("this is not tar".repeat(50).getBytes());
                yield new NodeExec.Result(0, "");
            }
            default -> good.exec(ns, pod, container, command, stdout, timeout);
        };
        Path capture = Files.createDirectories(tmp.resolve("capture"));
        List<ExecCollector.Target> targets = new ArrayList<>();
        for (String n : List.of("node-1", "node-2", "node-3", "node-4", "node-5")) {
            targets.add(new ExecCollector.Target(n, "pod-" + n, List.of()));
        }
        targets.add(new ExecCollector.Target("node-6", null, List.of()));
        Map<String, ExecCollector.Outcome> byNode = new TreeMap<>();
        collector(exec, 3).collect(targets, capture).forEach(o -> byNode.put(o.node(), o));

        assertNull(byNode.get("node-1").failure());
        assertEquals("netrules collect node in pod pod-node-2 exited with status 2: netrules: --peers: 'x' is not "
                + "an IP address", byNode.get("node-2").failure());
        assertEquals("exec in pod pod-node-3 did not finish within 1 m", byNode.get("node-3").failure());
        assertTrue(byNode.get("node-4").failure().startsWith("exec in pod pod-node-4 failed: Failure executing"),
                byNode.get("node-4").failure());
        assertTrue(byNode.get("node-5").failure().startsWith("pod pod-node-5 sent a bad tar stream"),
                byNode.get("node-5").failure());
        assertTrue(byNode.get("node-6").failure().startsWith("no ready netrules-collector pod on this node"),
                byNode.get("node-6").failure());
        try (var s = Files.list(capture.resolve("nodes"))) {
            assertEquals(List.of("node-1"), s.map(p -> p.getFileName().toString()).toList());
        }
        // A failed node is not collected for every node input, so each node rule says why it was not evaluated.
        List<String> inputs = byNode.get("node-3").entries().stream().map(NotCollected::what).toList();
        assertTrue(inputs.containsAll(List.of("ovs-flows", "ip-address", "iptables-filter", "sysctl")), inputs.toString());
        assertTrue(byNode.get("node-3").entries().stream().allMatch(e -> e.node().equals("node-3")
                && e.why().equals("exec in pod pod-node-3 did not finish within 1 m")));
    }

    @Test
    void noMoreThanParallelNodesAreCollectedAtOnce(@TempDir Path tmp) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier three = new CyclicBarrier(3);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        NodeExec exec = (ns, pod, container, command, stdout, timeout) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                three.await(20, TimeUnit.SECONDS); // three at once, or this fails
            } catch (Exception e) {
                throw new IOException("never three at once", e);
            } finally {
                inFlight.decrementAndGet();
            }
            return new NodeExec.Result(1, "");
        };
        List<ExecCollector.Target> targets = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            targets.add(new ExecCollector.Target("node-" + i, "pod-" + i, List.of()));
        }
        Path capture = Files.createDirectories(tmp.resolve("capture"));
        List<ExecCollector.Outcome> out = new ExecCollector(exec, "netrules", 3, Duration.ofSeconds(60),
                Duration.ofSeconds(10), progress::add).collect(targets, capture);
        assertEquals(3, most.get());
        assertTrue(out.stream().allMatch(o -> o.failure().contains("exited with status 1")), out.toString());
        assertEquals(9, progress.size());
        assertEquals("nodes collected: 9/9, 9 failed", progress.get(8));
    }

    @Test
    void theCommandCarriesTheNodeItsPeersAndTheTimeLimits() {
        ExecCollector c = new ExecCollector((a, b, d, e, f, g) -> null, "netrules", 8, Duration.ofMinutes(3),
                Duration.ofSeconds(30), null);
        List<String> cmd = c.command(new ExecCollector.Target("node-2", "p", ExecCollector.peers("node-2",
                new TreeMap<>(Map.of("node-1", "10.0.0.1", "node-2", "10.0.0.2", "node-3", "10.0.0.3")))));
        assertEquals(List.of("sh", "-c", ExecCollector.SCRIPT, "netrules-collect", "node-2", "10.0.0.1,10.0.0.3",
                "150000ms", "30000ms"), cmd);
    }

    /**
     * The script the pods run, run here with sh on a fake node (the collector's test tools, which
     * print a sample's output): what it sends back is that node's folder.
     */
    @Test
    void thePodScriptCollectsTheNodeAndSendsItsFolderAsTar(@TempDir Path tmp) throws Exception {
        FakeNode fake = FakeNode.of(tmp.resolve("fake"), SAMPLE.resolve("nodes/node-1"));
        Path shim = tmp.resolve("netrules");
        Files.writeString(shim, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' io.netrules.cli.Main \"$@\"\n");
        assertTrue(shim.toFile().setExecutable(true));
        NodeExec local = (ns, pod, container, command, stdout, timeout) -> {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("NETRULES", shim.toString());
            pb.environment().put("NETRULES_HOST_ROOT", fake.hostRoot.toString());
            pb.environment().put("PATH", fake.bin + ":" + System.getenv("PATH"));
            pb.redirectError(tmp.resolve("stderr").toFile());
            Process p = pb.start();
            p.getInputStream().transferTo(stdout);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TimeoutException();
            }
            return new NodeExec.Result(p.exitValue(), Files.readString(tmp.resolve("stderr")));
        };
        Path capture = Files.createDirectories(tmp.resolve("capture"));
        List<ExecCollector.Outcome> out = collector(local, 1).collect(List.of(new ExecCollector.Target("node-1",
                "pod", List.of("10.0.0.2", "10.0.0.3"))), capture);
        assertNull(out.get(0).failure(), out + Files.readString(tmp.resolve("stderr")));
        for (String f : List.of("ip_-d_address", "ovs-ofctl_-O_OpenFlow13_dump-flows_br0", "iptables-save",
                "ping_-c_3_10.0.0.2", "tracepath_10.0.0.3", "etc/resolv.conf")) {
            assertEquals(Files.readString(SAMPLE.resolve("nodes/node-1/" + f)),
                    Files.readString(capture.resolve("nodes/node-1/" + f)), f);
        }
    }

}
