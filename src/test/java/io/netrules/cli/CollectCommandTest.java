package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.TestPaths;
import io.netrules.capture.CaptureMetadata;
import io.netrules.collect.FakeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netrules collect node} on the command line, against a node of fake tools. */
class CollectCommandTest {
    static final Path SAMPLE = TestPaths.sample("healthy-3node");

    @Test
    void collectsANodeQuietlyAndExits0(@TempDir Path tmp) throws Exception {
        FakeNode fake = FakeNode.of(tmp.resolve("fake"), SAMPLE.resolve("nodes/node-1"));
        Path out = tmp.resolve("capture");
        Cli r = Cli.run("collect", "node", "--out", out.toString(), "--node-name", "node-1",
                "--cluster-facts", SAMPLE.resolve("cluster/hostsubnets.json").toString(),
                "--host-root", fake.hostRoot.toString(), "--path-prefix", fake.path(), "--timeout", "10s");
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertTrue(r.out().startsWith("node node-1: 21 files in "), r.out());
        assertTrue(r.out().contains(", 0 not collected"), r.out());
        assertFalse(r.err().contains("ip -d address"), "no progress lines without --verbose:\n" + r.err());
        assertTrue(Files.isRegularFile(out.resolve("nodes/node-1/ovs-ofctl_-O_OpenFlow13_dump-flows_br0")));
        assertEquals("netrules-capture/1",
                CaptureMetadata.read(out.resolve("capture.json"), "capture.json").format());

        // The same folder again, another node, with progress lines.
        Cli again = Cli.run("collect", "node", "--out", out.toString(), "--node-name", "node-9", "--peers",
                "10.0.0.1,10.0.0.2", "--host-root", fake.hostRoot.toString(), "--path-prefix", fake.path(), "-v");
        assertEquals(ExitCodes.OK, again.status(), again.err());
        assertTrue(again.err().contains("ip -d address"), again.err());
        // The fake ping knows no 10.0.0.1: a probe's non-zero exit is its answer, kept.
        assertTrue(again.err().contains("ping -c 3 10.0.0.1"), again.err());
        assertTrue(again.err().contains("exit status 99 (the command's answer; kept)"), again.err());
    }

    @Test
    void badUsageIsExit2WithOneLine(@TempDir Path tmp) {
        String out = tmp.resolve("c").toString();
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("collect").status());
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("collect", "node").status());
        Cli timeout = Cli.run("collect", "node", "--out", out, "--timeout", "10x");
        assertEquals(ExitCodes.BAD_INPUT, timeout.status());
        assertTrue(timeout.err().contains("'10x' is not a duration"), timeout.err());
        Cli peers = Cli.run("collect", "node", "--out", out, "--peers", "10.0.0.2,--help");
        assertEquals(ExitCodes.BAD_INPUT, peers.status());
        assertTrue(peers.err().startsWith("netrules: --peers: '--help' is not an IP address"), peers.err());
        Cli facts = Cli.run("collect", "node", "--out", out, "--cluster-facts", tmp.resolve("nope.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, facts.status());
        assertTrue(facts.err().contains("nope.json: no such file"), facts.err());
        assertFalse(Files.exists(tmp.resolve("c/nodes")), "nothing collected on bad usage");
    }
}
