package io.netrules.cli;

import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks' hidden modes of diagnose: parse only, and phase timings. */
class DiagnoseParseOnlyTest {
    @Test
    void parseOnlyReadsEveryFileAndFiresNoRule() throws Exception {
        Path sample = TestPaths.sample("broken-ip-forward");
        Cli r = Cli.run("diagnose", "--capture", sample.toString(), "--parse-only");
        assertEquals(0, r.status(), "no rule, so no finding to fail on: " + r.err());
        Matcher m = Pattern.compile("parse-only: 3 nodes, (\\d+) files, (\\d+) facts, 0 warnings in [0-9.]+ s\n")
                .matcher(r.out());
        assertTrue(m.matches(), r.out());
        long onDisk;
        try (Stream<Path> walk = Files.walk(sample)) {
            // every file of this sample is read, except capture.json (metadata, no facts)
            onDisk = walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("capture.json")).count();
        }
        assertEquals(onDisk, Long.parseLong(m.group(1)), r.out());
        assertTrue(Integer.parseInt(m.group(2)) > 1000, r.out());
    }

    @Test
    void parseOnlyOfAMissingCaptureIsBadInput() {
        Cli r = Cli.run("diagnose", "--capture", TestPaths.sample("no-such-sample").toString(), "--parse-only");
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void timingsGoToStderrAndLeaveTheReportAlone() {
        Cli plain = Cli.run("diagnose", "--capture", TestPaths.sample("broken-mtu").toString(), "--format", "json");
        Cli timed = Cli.run("diagnose", "--capture", TestPaths.sample("broken-mtu").toString(), "--format", "json",
                "--timings");
        assertEquals(plain.out(), timed.out());
        assertTrue(timed.err().matches("timings: rules [0-9.]+ s, evaluate\\+report [0-9.]+ s\n"), timed.err());
    }
}
