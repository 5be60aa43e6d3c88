package io.netrules.collect;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command the way sos does: stdout and stderr merged into one file, stdin empty, a
 * fixed environment, and a time limit after which the command and every process it started
 * are killed. The executable is looked up in the environment's own {@code PATH} (not the
 * JVM's), so a missing tool is told apart from a failing one without starting anything.
 */
public final class CommandRunner {
    /** How long to wait for a killed process to go away before giving up on it. */
    private static final long REAP_MILLIS = 5_000;

    /** How a run ended. */
    public enum Status {
        /** The command ran and exited; see {@link Result#exitCode()}. */
        EXITED,
        /** No executable of that name in PATH: nothing was started and no file written. */
        NOT_INSTALLED,
        /** The time limit passed: the command and its descendants were killed. */
        TIMED_OUT,
        /** The executable exists but could not be started (see {@link Result#message()}). */
        NOT_STARTED
    }

    /** The outcome of one run: its status, exit code (EXITED only), and how long it took. */
    public record Result(Status status, int exitCode, long millis, String message) {
        public boolean exitedZero() {
            return status == Status.EXITED && exitCode == 0;
        }
    }

    private final Map<String, String> environment;

    /** @param environment the child's whole environment; its {@code PATH} is where executables are found */
    public CommandRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Runs {@code argv}, writing stdout and stderr (merged, as sos does) to {@code output},
     * which is created or truncated. On timeout the file keeps what was written so far; the
     * caller decides what to do with it.
     */
    public Result run(List<String> argv, Path output, Duration limit) {
        long start = System.nanoTime();
        Path executable = find(argv.get(0));
        if (executable == null) {
            return new Result(Status.NOT_INSTALLED, -1, 0, argv.get(0) + ": not installed");
        }
        List<String> command = new ArrayList<>(argv);
        command.set(0, executable.toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(Status.NOT_STARTED, -1, elapsed(start), argv.get(0) + ": " + e.getMessage());
        }
        try {
            if (p.waitFor(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS)) {
                return new Result(Status.EXITED, p.exitValue(), elapsed(start), null);
            }
            killTree(p.toHandle());
            p.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
            return new Result(Status.TIMED_OUT, -1, elapsed(start), "timed out");
        } catch (InterruptedException e) {
            killTree(p.toHandle());
            Thread.currentThread().interrupt();
            return new Result(Status.TIMED_OUT, -1, elapsed(start), "interrupted");
        }
    }

    /**
     * Kills a process and everything it started. The whole tree is listed first (once the
     * process dies its children are re-parented and no longer found through it), then the
     * process is killed before its descendants, so that no shell is left to write "Killed" into
     * the output for them; then the listed descendants, and whatever they forked meanwhile.
     */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        for (int round = 0; round < 10 && !tree.isEmpty(); round++) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle h : tree) {
                next.addAll(h.descendants().toList());
                h.destroyForcibly();
            }
            tree = next.stream().filter(ProcessHandle::isAlive).toList();
        }
    }

    /** The executable a command name means in the child's PATH, or null. */
    Path find(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
