package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.netrules.live.LiveClusterTest.MAPPER;
import static io.netrules.live.LiveClusterTest.SAMPLE;
import static io.netrules.live.LiveClusterTest.live;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --node-captures}: node folders written by {@code collect node}, merged with the live objects. */
class NodeCapturesTest {

    /** A folder as `collect node --out DIR` leaves it for one node whose flow dump timed out. */
    static Path collectedNode2(Path tmp) throws Exception {
        Path dir = tmp.resolve("node2-out");
        LiveCapture.copyTree(SAMPLE.resolve("nodes/node-2"), dir.resolve("nodes/node-2"));
        Files.delete(dir.resolve("nodes/node-2/ovs-ofctl_-O_OpenFlow13_dump-flows_br0"));
        Files.writeString(dir.resolve("capture.json"), """
                {
                  "format" : "netrules-capture/1",
                  "collectedAt" : "2026-11-26T10:00:00Z",
                  "notCollected" : [ {
                    "node" : "node-2",
                    "what" : "ovs-ofctl_-O_OpenFlow13_dump-flows_br0",
                    "why" : "timed out after 30 s"
                  } ]
                }
                """);
        return dir;
    }

    @Test
    void nodeFoldersAndWhatTheirCollectorCouldNotCollectJoinTheLiveCapture(@TempDir Path tmp) throws Exception {
        Path node2 = collectedNode2(tmp);
        Path node1 = tmp.resolve("node1-out");
        LiveCapture.copyTree(SAMPLE.resolve("nodes/node-1"), node1.resolve("nodes/node-1"));
        try (MockCluster mock = new MockCluster(tmp).load(SAMPLE)) {
            Path saved = tmp.resolve("saved");
            LiveClusterTest.Run r = live(mock, "--node-captures", node1.toString(), "--node-captures",
                    node2.toString(), "--save-capture", saved.toString(), "--explain");
            assertEquals(1, r.status(), r.err());
            assertTrue(Files.isRegularFile(saved.resolve("nodes/node-1/sysctl_-a")));
            assertTrue(Files.isRegularFile(saved.resolve("nodes/node-2/sysctl_-a")));
            JsonNode entries = MAPPER.readTree(saved.resolve("capture.json").toFile()).get("notCollected");
            assertEquals(1, entries.size(), entries.toString());
            assertEquals("node-2", entries.get(0).get("node").asText());

            boolean node2Flows = false;
            for (JsonNode n : r.json().get("notEvaluated")) {
                if (n.get("id").asText().equals("NR-OVS-005") && n.get("node").asText().equals("node-2")) {
                    assertTrue(n.get("reason").asText().contains("not collected: timed out after 30 s"), n.toString());
                    node2Flows = true;
                }
                if (n.get("id").asText().equals("NR-OVS-005") && n.get("node").asText().equals("node-1")) {
                    throw new AssertionError("node-1 has its flows: " + n);
                }
            }
            assertTrue(node2Flows, r.out());
        }
    }

    @Test
    void aNodeGivenTwiceIsExit2(@TempDir Path tmp) throws Exception {
        Path other = tmp.resolve("other");
        LiveCapture.copyTree(SAMPLE.resolve("nodes/node-2"), other.resolve("nodes/node-2"));
        try (MockCluster mock = new MockCluster(tmp)) {
            mock.markSetupDone();
            LiveClusterTest.Run r = live(mock, "--node-captures", SAMPLE.toString(), "--node-captures",
                    other.toString());
            assertEquals(2, r.status());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("node node-2 is also in"), r.err());
            assertEquals(java.util.List.of(), mock.requests());
        }
    }

    @Test
    void aFolderWithoutNodesIsExit2(@TempDir Path tmp) throws Exception {
        try (MockCluster mock = new MockCluster(tmp)) {
            LiveClusterTest.Run r = live(mock, "--node-captures", tmp.resolve("kubeconfig").getParent().toString());
            assertEquals(2, r.status());
            assertEquals("netrules: " + tmp + ": no nodes/ folder in it (give the --out folder of netrules collect "
                    + "node)\n", r.err());
            LiveClusterTest.Run missing = live(mock, "--node-captures", tmp.resolve("nope").toString());
            assertEquals("netrules: " + tmp.resolve("nope") + ": --node-captures folder does not exist\n",
                    missing.err());
        }
    }
}
