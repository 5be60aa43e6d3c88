package io.netrules.parse.iptables;

import io.netrules.TestPaths;
import io.netrules.parse.ParseContext;
import io.netrules.synth.SyntheticCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iptables-save parser was rewritten for speed; it must read every file exactly as the
 * parser before it did ({@link ReferenceIptablesSaveParser}): the same facts, equal field by
 * field, and the same warnings. Checked on every iptables-save file of the repository, on a
 * synthetic node's kube-proxy rules, and on thousands of lines mutated at random (quotes,
 * backslashes, odd white space, counters, negations, cut lines), from a fixed seed.
 */
class IptablesSaveEquivalenceTest {

    static void assertSame(String text, String what) {
        ParseContext.Collecting expected = ParseContext.collecting("n1", "nodes/n1/iptables-save", "iptables-filter");
        ParseContext.Collecting actual = ParseContext.collecting("n1", "nodes/n1/iptables-save", "iptables-filter");
        expected.parse(new ReferenceIptablesSaveParser(), text);
        actual.parse(new IptablesSaveParser(), text);
        assertEquals(expected.facts, actual.facts, what);
        assertEquals(expected.warnings, actual.warnings, what);
        assertEquals(String.valueOf(expected.ctx.toolError()), String.valueOf(actual.ctx.toolError()), what);
        assertEquals(expected.ctx.incomplete(), actual.ctx.incomplete(), what);
    }

    @Test
    void everyIptablesSaveFileOfTheRepositoryReadsTheSame() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("facts-samples", "src/test/resources")) {
            try (Stream<Path> walk = Files.walk(TestPaths.project().resolve(dir))) {
                walk.filter(p -> p.getFileName().toString().startsWith("iptables-save") && Files.isRegularFile(p))
                        .forEach(files::add);
            }
        }
        assertTrue(files.size() >= 10, "iptables-save files found: " + files.size());
        for (Path f : files) {
            assertSame(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), f.toString());
        }
    }

    @Test
    void aSyntheticNodesKubeProxyRulesReadTheSame(@TempDir Path dir) throws IOException {
        new SyntheticCapture(12, 30, 100, 3, List.of()).write(dir, 1);
        Path file = dir.resolve("nodes").resolve(SyntheticCapture.nodeName(3)).resolve("iptables-save");
        String text = Files.readString(file);
        assertTrue(text.lines().count() > 1500);
        assertSame(text, "synthetic");
    }

    @Test
    void mutatedLinesReadTheSame() {
        String[] base = {
            "*nat",
            ":PREROUTING ACCEPT [12:720]",
            ":KUBE-SERVICES - [0:0]",
            ":KUBE-SVC-ECTPRXTXBM34L34Q - [0:0]",
            "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
            "-A KUBE-SERVICES -d 172.30.12.7/32 -p tcp -m comment --comment \"default/docker-registry:5000-tcp cluster IP\" -m tcp --dport 5000 -j KUBE-SVC-ECTPRXTXBM34L34Q",
            "-A KUBE-SVC-ECTPRXTXBM34L34Q -m comment --comment default/docker-registry:5000-tcp -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-IOSZ4LBNQ2GA2CQD",
            "[5:300] -A KUBE-SERVICES ! -s 10.128.0.0/14 -d 172.30.0.1 -j KUBE-MARK-MASQ",
            "-A KUBE-SERVICES -s ! 10.128.0.0/14 -d 1.2.3.4 -g KUBE-X",
            "COMMIT",
            "*filter",
            ":FORWARD DROP [0:0]",
            ":OPENSHIFT-ADMIN-OUTPUT-RULES - [0:0]",
            "-A FORWARD -i tun0 ! -o tun0 -m comment --comment \"administrator overrides\" -j OPENSHIFT-ADMIN-OUTPUT-RULES",
            "-A FORWARD -j REJECT --reject-with icmp-host-prohibited",
            "--append FORWARD -p udp --dport 53 -j ACCEPT",
            "COMMIT",
        };
        String[] inserts = {"\"", "'", "\\", " ", "\t", "\u2003", "\u001c", "!", "[1:2]", "[x:1]", "-s", "-d", "-j",
            "--comment", "\u00e9", "\ufffd", "\r", ":", "*", "#", "COMMIT", "-A", "[", "]", "0", "1.2.3", "999.1.1.1"};
        Random random = new Random(20261207);
        for (int round = 0; round < 3000; round++) {
            List<String> lines = new ArrayList<>(List.of(base));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int l = random.nextInt(lines.size());
                String line = lines.get(l);
                int at = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> lines.set(l, line.substring(0, at) + inserts[random.nextInt(inserts.length)]
                            + line.substring(at));
                    case 1 -> lines.set(l, line.substring(0, at));
                    case 2 -> lines.remove(l);
                    default -> lines.set(l, line.substring(0, at) + " " + inserts[random.nextInt(inserts.length)]
                            + " " + line.substring(at));
                }
                if (lines.isEmpty()) {
                    lines.add("");
                }
            }
            String text = String.join("\n", lines) + (random.nextBoolean() ? "\n" : "");
            assertSame(text, "round " + round + ":\n" + text);
        }
    }

}
