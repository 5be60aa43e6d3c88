package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.report.TextReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The links session: a link rule makes one finding the cause of another, and the report follows. */
class LinksTest {
    static final String LINK = """
            package test.links;
            import io.netrules.model.Explains;
            import io.netrules.model.Finding;
            import io.netrules.model.LinkScope;

            rule "test: forwarding off on a node explains an MTU finding on the same node"
                @scope("links")
            when
                LinkScope()
                $c : Finding(id == "NR-LOCAL-001", $n : node)
                $s : Finding(id == "NR-MTU-001", node == $n)
            then
                insert(Explains.of($c, $s));
            end
            """;

    @Test
    void aLinkedSymptomIsExplainedAndShownUnderItsCause(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        try (Stream<Path> walk = Files.walk(TestPaths.sample("broken-mtu"))) {
            for (Path p : walk.toList()) {
                Path t = capture.resolve(TestPaths.sample("broken-mtu").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path sysctl = capture.resolve("nodes/node-3/sysctl_-a");
        Files.writeString(sysctl, Files.readString(sysctl).replace("net.ipv4.ip_forward = 1", "net.ipv4.ip_forward = 0"));
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.writeString(links.resolve("test-links.drl"), LINK);

        List<RuleFile> files = new ArrayList<>(RuleLoader.builtin());
        files.addAll(RuleLoader.fromUserDir(links));
        Diagnosis d = new Evaluator(RuleBase.build(files), 1).evaluate(Capture.open(capture), "t");

        ReportFinding cause = d.findings().stream().filter(f -> f.id().equals("NR-LOCAL-001")).findFirst().orElseThrow();
        ReportFinding symptom = d.findings().stream().filter(f -> f.id().equals("NR-MTU-001")).findFirst().orElseThrow();
        assertEquals(List.of("NR-MTU-001@node-3/"), cause.explains());
        assertEquals(List.of("NR-LOCAL-001@node-3/"), symptom.explainedBy());
        assertEquals("local-sdn", d.summary().layer(), "the symptom's layer gives way to its cause's");
        String text = new TextReport(false).render(d);
        assertTrue(text.contains("explains:\n    ERROR NR-MTU-001  node node-3"), text);
        assertTrue(!text.contains("== mtu =="), "the symptom is not shown again in its own layer:\n" + text);
    }
}
