package io.netrules.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the lab scripts of src/test/resources/lab (docs/lab.md) from Java: a three-node
 * openshift-sdn cluster in network namespaces with userspace Open vSwitch. Every namespace,
 * daemon and file the lab creates carries this run's prefix; {@link #close()} removes them
 * by that id, also when a test fails.
 */
public final class Lab implements AutoCloseable {
    static final List<String> SCRIPTS = List.of("lab-lib.sh", "lab-up.sh", "lab-down.sh", "lab-fault.sh",
            "lab-check.sh", "lab-exec.sh", "lab-probe.py", "lab-selftest.sh");

    private final String prefix;
    private final Path workdir;
    private final Path scripts;
    private boolean up;

    private Lab(String prefix, Path workdir, Path scripts) {
        this.prefix = prefix;
        this.workdir = workdir;
        this.scripts = scripts;
    }

    /** Why the lab cannot run here, or null when it can: root, network namespaces, OVS. */
    public static String unavailableReason() {
        try {
            Result id = run(List.of("id", "-u"), 10);
            if (!id.out().strip().equals("0")) {
                return "the lab needs root (it creates network namespaces and runs Open vSwitch)";
            }
            for (String tool : List.of("ip", "ovs-vsctl", "ovsdb-server", "ovs-vswitchd", "ovs-ofctl", "iptables",
                    "ethtool", "python3")) {
                if (run(List.of("bash", "-c", "command -v " + tool), 10).status() != 0) {
                    return tool + " is not installed (.ci/run installs the lab's packages)";
                }
            }
            String probe = "nrprobe" + Long.toHexString(new SecureRandom().nextLong() & 0xffffL);
            Result add = run(List.of("ip", "netns", "add", probe), 10);
            run(List.of("ip", "netns", "del", probe), 10);
            if (add.status() != 0) {
                return "cannot create network namespaces here: " + add.err().strip();
            }
            return null;
        } catch (IOException | InterruptedException e) {
            return "cannot check the lab's requirements: " + e.getMessage();
        }
    }

    /** Brings a lab up under a fresh prefix and work folder. */
    public static Lab up(Path base) throws IOException, InterruptedException {
        String prefix = "nr" + Long.toHexString(new SecureRandom().nextLong() & 0xfffffL);
        Path workdir = base.resolve(prefix);
        Path scripts = Files.createDirectories(base.resolve(prefix + "-scripts"));
        for (String s : SCRIPTS) {
            try (InputStream in = Lab.class.getResourceAsStream("/lab/" + s)) {
                if (in == null) {
                    throw new IOException("lab script missing from the test class path: lab/" + s);
                }
                Files.write(scripts.resolve(s), in.readAllBytes());
            }
        }
        Lab lab = new Lab(prefix, workdir, scripts);
        lab.up = true;
        Result r = lab.script("lab-up.sh", List.of(), 120);
        if (r.status() != 0) {
            lab.close();
            throw new IOException("lab-up.sh failed: " + r.err());
        }
        return lab;
    }

    public String prefix() {
        return prefix;
    }

    public Path workdir() {
        return workdir;
    }

    /** The Kubernetes node name of lab node i (1..3): the namespace's name. */
    public String node(int i) {
        return prefix + "-n" + i;
    }

    /** Injects a fault (lab-fault.sh); fails the test when it could not be applied. */
    public void fault(String fault, int node, String... arg) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(fault, String.valueOf(node)));
        args.addAll(List.of(arg));
        Result r = script("lab-fault.sh", args, 60);
        if (r.status() != 0) {
            throw new IOException("lab-fault.sh " + args + " failed: " + r.err() + r.out());
        }
    }

    /** Runs one traffic check (lab-check.sh); true when the traffic passes. */
    public boolean passes(String kind, int from, String to) throws IOException, InterruptedException {
        Result r = script("lab-check.sh", List.of(String.valueOf(from), to, kind), 120);
        if (r.status() == 2) {
            throw new IOException("lab-check.sh usage error: " + r.err());
        }
        return r.status() == 0;
    }

    /** Runs a command on a lab node (its namespace, its OVS), as lab-exec.sh does. */
    public Result exec(int node, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("n" + node));
        args.addAll(command);
        return script("lab-exec.sh", args, timeoutSeconds);
    }

    /**
     * Runs the real collector ({@code netrules collect node}) inside every node's namespace, in
     * parallel, into {@code out}, and copies the lab's cluster objects to {@code out/cluster}: a
     * capture as an admin would make it. Returns the wall time in milliseconds.
     */
    public long collect(Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("cluster"));
        try (var files = Files.list(workdir.resolve("cluster"))) {
            for (Path f : files.toList()) {
                Files.copy(f, out.resolve("cluster").resolve(f.getFileName()));
            }
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            List<String> cmd = List.of(javaBin, "-cp", System.getProperty("java.class.path"), "io.netrules.cli.Main",
                    "collect", "node", "--out", out.toString(), "--node-name", node(i),
                    "--cluster-facts", workdir.resolve("cluster/hostsubnets.json").toString(),
                    "--host-root", workdir.resolve(node(i)).toString(), "--timeout", "10s");
            int n = i;
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return exec(n, cmd, 120);
                } catch (IOException | InterruptedException e) {
                    return new Result(-1, "", e.toString());
                }
            }));
        }
        for (var r : runs) {
            Result result = r.join();
            if (result.status() != 0) {
                throw new IOException("collector failed (" + result.status() + "): " + result.err());
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    Result script(String name, List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", scripts.resolve(name).toString(), prefix,
                workdir.toString()));
        cmd.addAll(args);
        return run(cmd, timeoutSeconds);
    }

    /** Tears the lab down by its prefix and removes its files; safe to call twice. */
    @Override
    public void close() throws IOException {
        if (!up) {
            return;
        }
        up = false;
        try {
            Result r = script("lab-down.sh", List.of(), 120);
            if (r.status() != 0) {
                throw new IOException("lab-down.sh failed: " + r.err());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tearing the lab down", e);
        }
    }

    /** What is left of this lab on the machine: its namespaces and processes (should be empty after close). */
    public List<String> leftovers() throws IOException, InterruptedException {
        List<String> left = new ArrayList<>();
        Result ns = run(List.of("ip", "netns", "list"), 10);
        ns.out().lines().filter(l -> l.startsWith(prefix + "-")).forEach(l -> left.add("netns " + l));
        Result ps = run(List.of("ps", "-eo", "pid,args"), 10);
        ps.out().lines().filter(l -> l.contains(workdir.toString())).forEach(l -> left.add("process " + l.strip()));
        return left;
    }

    public record Result(int status, String out, String err) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lab-out", ".txt");
        Path err = Files.createTempFile("lab-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
                        "timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
