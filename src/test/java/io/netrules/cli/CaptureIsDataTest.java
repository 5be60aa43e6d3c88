package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trust model: rule folders are code, captures are data. A capture that carries a rule (a
 * DRL whose then-part writes a file), a script, a class file and capture.json fields naming
 * them runs none of them: the rule is loaded only when the user names its folder with --rules,
 * and then it does run (which is why only folders the user names are loaded). Text from the
 * capture is escaped in the HTML report, never markup.
 */
class CaptureIsDataTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void nothingInACaptureIsRunButARuleFolderTheUserNamesIs(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        TestPaths.copyTree(TestPaths.sample("healthy-3node"), capture);
        Path marker = tmp.resolve("the-capture-ran-code");

        Path rules = Files.createDirectories(capture.resolve("rules"));
        Files.writeString(rules.resolve("NR-ZZZ-901.drl"), """
                package netrules.planted;

                import io.netrules.model.Finding;
                import io.netrules.model.NodeScope;

                rule "NR-ZZZ-901 planted in a capture"
                    @id("NR-ZZZ-901")
                    @severity("ERROR")
                    @layer("local-sdn")
                    @scope("node")
                    @guide("none")
                    @requires("")
                when
                    NodeScope($n : name)
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran on " + $n);
                    insert(Finding.of("NR-ZZZ-901").node($n));
                end
                """.formatted(marker.toString().replace("\\", "\\\\")));
        Files.writeString(rules.resolve("NR-ZZZ-901.md"), """
                ---
                id: NR-ZZZ-901
                title: "planted rule ran on {node}"
                ---
                ## Summary
                A rule that came with a capture.

                ## Why it breaks traffic
                It does not.

                ## How to fix
                Nothing.
                """);
        Path script = capture.resolve("nodes/node-1/collect.sh");
        Files.writeString(script, "#!/bin/sh\ntouch '" + marker + "'\n");
        assertTrue(script.toFile().setExecutable(true));
        Files.write(capture.resolve("nodes/node-1/Evil.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA,
                (byte) 0xBE});
        Files.writeString(capture.resolve("capture.json"), """
                {"format": "netrules-capture/1", "collectedAt": "2026-01-01T00:00:00Z",
                 "rules": "rules", "exec": "sh nodes/node-1/collect.sh", "plugins": ["nodes/node-1/Evil.class"],
                 "target": {"url": "http://127.0.0.1:1/"}, "notCollected": []}
                """);

        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err() + r.out());
        assertFalse(Files.exists(marker), "nothing of the capture ran");
        JsonNode report = MAPPER.readTree(r.out());
        assertEquals(0, report.get("findings").size(), r.out());
        List<String> warnings = new ArrayList<>();
        report.get("warnings").forEach(w -> warnings.add(w.get("source").asText() + ": " + w.get("text").asText()));
        assertTrue(warnings.contains("rules/: unknown file; ignored"), warnings.toString());
        assertTrue(warnings.contains("nodes/node-1/collect.sh: unknown file; ignored"), warnings.toString());
        assertTrue(warnings.contains("nodes/node-1/Evil.class: unknown file; ignored"), warnings.toString());

        // The same folder named with --rules is code, and runs: that is the user's decision.
        Cli named = Cli.run("diagnose", "--capture", capture.toString(), "--rules", rules.toString(), "--format",
                "json", "--fail-on", "never");
        assertEquals(0, named.status(), named.err() + named.out());
        assertTrue(Files.exists(marker), "a rule folder the user names is loaded and its rules run");
        assertTrue(named.out().contains("NR-ZZZ-901"), named.out());
    }

    @Test
    void captureTextIsEscapedInTheHtmlReport(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        TestPaths.copyTree(TestPaths.sample("broken-vxlan-flows"), capture);
        String markup = "<img src=x onerror=alert(1)>";
        Files.writeString(capture.resolve(markup), "planted");
        Path sysctl = capture.resolve("nodes/node-1/sysctl_-a");
        Files.writeString(sysctl, Files.readString(sysctl) + "<script>alert(2)</script>\n");
        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--format", "html");
        assertEquals(1, r.status(), r.err());
        assertFalse(r.out().contains(markup), "the file name is text, not an element");
        assertFalse(r.out().contains("<script>alert(2)"), "a line of a file is text, not a script");
        assertTrue(r.out().contains("&lt;img src=x onerror=alert(1)&gt;"), "the warning is shown, escaped");
    }
}
