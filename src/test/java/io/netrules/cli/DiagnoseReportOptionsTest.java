package io.netrules.cli;

import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format}, {@code --out}, {@code --quiet} and {@code --verbose} as a user runs them. */
class DiagnoseReportOptionsTest {
    static final String BROKEN = TestPaths.sample("broken-ip-forward").toString();

    @Test
    void outWritesTheReportToTheFileAndNothingToStdout(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("report.sarif");
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "--format", "sarif", "--out", file.toString());
        assertEquals(1, r.status(), "findings still set the exit status: " + r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        String sarif = Files.readString(file);
        assertTrue(sarif.contains("\"version\" : \"2.1.0\"") && sarif.contains("\"ruleId\" : \"NR-LOCAL-001\""), sarif);
    }

    @Test
    void aReportThatCannotBeWrittenIsOneLineNamingTheFileAndExit2(@TempDir Path tmp) {
        Path file = tmp.resolve("no-such-dir/report.html");
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "--format", "html", "--out", file.toString());
        assertEquals(2, r.status());
        assertEquals("netrules: " + file + ": cannot write the report: no such directory", r.err().strip());
    }

    @Test
    void quietPrintsNothingButKeepsTheExitStatusAndStillWritesOut(@TempDir Path tmp) throws Exception {
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "--quiet");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals("", r.err());
        Path file = tmp.resolve("r.md");
        Cli q = Cli.run("diagnose", "--capture", BROKEN, "-q", "--format", "markdown", "--out", file.toString());
        assertEquals(1, q.status());
        assertTrue(Files.readString(file).contains("NR-LOCAL-001"));
    }

    @Test
    void verboseSaysWhatWasReadOnStderrAndLeavesStdoutToTheReport(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("r.xml");
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "--verbose", "--format", "junit", "--out", file.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(3, lines.length, r.err());
        assertTrue(lines[0].matches("netrules: rule base: \\d+ rule IDs in \\d+\\.\\d s"), lines[0]);
        assertTrue(lines[1].matches("netrules: capture .*broken-ip-forward: 3 node\\(s\\) evaluated in \\d+\\.\\d s: "
                + "1 finding\\(s\\), \\d+ not evaluated, 0 warning\\(s\\)"), lines[1]);
        assertTrue(lines[2].matches("netrules: wrote .*r\\.xml \\(junit, \\d+ bytes\\)"), lines[2]);
        assertEquals(Files.size(file), Long.parseLong(lines[2].replaceAll(".*junit, (\\d+) bytes\\)", "$1")));
    }

    @Test
    void quietAndVerboseTogetherIsBadUsage() {
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "-q", "-v");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("netrules: --quiet and --verbose exclude each other"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anUnknownFormatListsTheFormats() {
        Cli r = Cli.run("diagnose", "--capture", BROKEN, "--format", "pdf");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("text, json, html, sarif, junit, markdown"), r.err());
    }
}
