package io.netrules.collect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRunnerTest {
    static final CommandRunner SYSTEM = new CommandRunner(Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C"));

    @Test
    void timeoutKillsTheCommandWithinTheLimit(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        CommandRunner.Result r = SYSTEM.run(List.of("sleep", "60"), dir.resolve("out"), Duration.ofSeconds(1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(CommandRunner.Status.TIMED_OUT, r.status());
        assertTrue(ms < 3_000, "took " + ms + " ms");
    }

    @Test
    void timeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        // A shell that starts sleep 60 and waits for it: killing only the shell would leave the sleep.
        Path pidFile = dir.resolve("pid");
        long start = System.nanoTime();
        CommandRunner.Result r = SYSTEM.run(List.of("sh", "-c", "sleep 60 & echo $! > '" + pidFile + "'; wait"),
                dir.resolve("out"), Duration.ofSeconds(1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(CommandRunner.Status.TIMED_OUT, r.status());
        assertTrue(ms < 3_000, "took " + ms + " ms");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long until = System.currentTimeMillis() + 2_000;
        while (running(pid) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertFalse(running(pid), "sleep 60 (pid " + pid + ") survived the timeout");
    }

    /** Alive and not a zombie waiting for its new parent to reap it. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aMissingBinaryStartsNothingAndWritesNoFile(@TempDir Path dir) {
        CommandRunner runner = new CommandRunner(Map.of("PATH", dir.toString()));
        CommandRunner.Result r = runner.run(List.of("ovs-vsctl", "-t", "5", "show"), dir.resolve("out"),
                Duration.ofSeconds(5));
        assertEquals(CommandRunner.Status.NOT_INSTALLED, r.status());
        assertEquals("ovs-vsctl: not installed", r.message());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void theChildsPathIsSearchedNotTheJvms(@TempDir Path dir) throws Exception {
        Path tool = dir.resolve("nr-fake-tool");
        Files.writeString(tool, "#!/bin/sh\necho fake \"$@\"\n");
        assertTrue(tool.toFile().setExecutable(true));
        CommandRunner runner = new CommandRunner(Map.of("PATH", dir + ":/usr/bin:/bin"));
        assertEquals(tool, runner.find("nr-fake-tool"));
        assertNull(SYSTEM.find("nr-fake-tool"));
        assertNotNull(SYSTEM.find("sh"));
        CommandRunner.Result r = runner.run(List.of("nr-fake-tool", "a b"), dir.resolve("out"), Duration.ofSeconds(5));
        assertTrue(r.exitedZero());
        assertEquals("fake a b\n", Files.readString(dir.resolve("out")));
    }

    @Test
    void stderrIsKeptInTheFileWithStdout(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CommandRunner.Result r = SYSTEM.run(List.of("sh", "-c",
                "echo 'Bridge br0'; echo 'ovs-vsctl: database connection failed' >&2; exit 1"), out, Duration.ofSeconds(5));
        assertEquals(CommandRunner.Status.EXITED, r.status());
        assertEquals(1, r.exitCode());
        assertEquals("Bridge br0\novs-vsctl: database connection failed\n", Files.readString(out));
    }

    @Test
    void theCommandReadsAnEmptyStdinAndSeesOnlyItsEnvironment(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CommandRunner runner = new CommandRunner(Map.of("PATH", "/usr/bin:/bin", "OVS_RUNDIR", "/nr/run"));
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "cat; echo \"$OVS_RUNDIR ${HOME:-nohome}\""), out,
                Duration.ofSeconds(5));
        assertTrue(r.exitedZero());
        assertEquals("/nr/run nohome\n", Files.readString(out));
    }
}
