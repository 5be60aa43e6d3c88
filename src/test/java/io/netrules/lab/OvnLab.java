package io.netrules.lab;

import java.io.File;
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
 * Drives the OVN lab scripts of src/test/resources/lab/ovn (docs/lab.md, "OVN lab") from Java:
 * a three-node OVN-Kubernetes-shaped cluster (per node ovsdb-server, userspace ovs-vswitchd and
 * ovn-controller, one pod per node) in either deployment mode: central (one clustered NB/SB and
 * ovn-northd) or interconnect (every node its own zone: standalone NB/SB and ovn-northd, joined
 * by the transit switch). Every namespace, daemon and file of the lab carries this run's prefix
 * or lives under its work folder; {@link #close()} removes them by that id, also when a test
 * fails.
 */
public final class OvnLab implements AutoCloseable {
    static final List<String> SCRIPTS = List.of("ovn-lib.sh", "ovn-up.sh", "ovn-down.sh", "ovn-check.sh",
            "ovn-capture.sh", "ovn-fault.sh", "ovn-mustgather.py");
    static final List<String> TOOLS = List.of("ip", "ovsdb-tool", "ovsdb-server", "ovs-vsctl", "ovs-vswitchd",
            "ovs-ofctl", "ovs-appctl", "ovn-northd", "ovn-controller", "ovn-nbctl", "ovn-sbctl", "iptables", "ethtool",
            "nc", "curl", "ping", "python3");

    /** The deployment mode: the argument of ovn-up.sh. */
    public enum Mode {
        CENTRAL("central"), INTERCONNECT("ic");

        final String arg;

        Mode(String arg) {
            this.arg = arg;
        }
    }

    private final String prefix;
    private final Path workdir;
    private final Path scripts;
    private boolean up;

    private OvnLab(String prefix, Path workdir, Path scripts) {
        this.prefix = prefix;
        this.workdir = workdir;
        this.scripts = scripts;
    }

    /** Why the OVN lab cannot run here, or null when it can: root, namespaces, OVS and OVN. */
    public static String unavailableReason() {
        try {
            if (!run(List.of("id", "-u"), 10).out().strip().equals("0")) {
                return "the OVN lab needs root (it creates network namespaces and runs OVS/OVN daemons)";
            }
            for (String tool : TOOLS) {
                if (run(List.of("sh", "-c", "command -v " + tool), 10).status() != 0) {
                    return tool + " is not installed (.ci/run installs the lab's packages: ovn-central ovn-host "
                            + "openvswitch-switch ethtool netcat-openbsd curl ...)";
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
            return "cannot check the OVN lab's requirements: " + e.getMessage();
        }
    }

    /** Brings a central-mode OVN lab up under a fresh prefix and work folder below {@code base}. */
    public static OvnLab up(Path base) throws IOException, InterruptedException {
        return up(base, Mode.CENTRAL);
    }

    /** Brings an OVN lab of the given mode up under a fresh prefix and work folder below {@code base}. */
    public static OvnLab up(Path base, Mode mode) throws IOException, InterruptedException {
        String prefix = "ov" + Long.toHexString(new SecureRandom().nextLong() & 0xfffffL);
        Path workdir = base.resolve(prefix);
        Path scripts = Files.createDirectories(base.resolve(prefix + "-scripts"));
        // ovn-lib.sh sources ../lab-lib.sh (the pidfile helpers shared with the openshift-sdn lab)
        copy("/lab/lab-lib.sh", scripts.resolve("lab-lib.sh"));
        Files.createDirectories(scripts.resolve("ovn"));
        for (String s : SCRIPTS) {
            copy("/lab/ovn/" + s, scripts.resolve("ovn").resolve(s));
        }
        OvnLab lab = new OvnLab(prefix, workdir, scripts);
        lab.up = true;
        Result r = lab.script("ovn-up.sh", List.of(mode.arg), 240);
        if (r.status() != 0) {
            lab.close();
            throw new IOException("ovn-up.sh failed (" + r.status() + "): " + r.err());
        }
        return lab;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = OvnLab.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("lab script missing from the test class path: " + resource);
            }
            Files.write(to, in.readAllBytes());
        }
    }

    public String prefix() {
        return prefix;
    }

    public Path workdir() {
        return workdir;
    }

    /** One traffic check (ovn-check.sh: ping, tcp, vip, egress, node-to-pod); true when it passes. */
    public boolean passes(String kind, int from, String to) throws IOException, InterruptedException {
        Result r = script("ovn-check.sh", List.of(kind, String.valueOf(from), to), 60);
        if (r.status() == 2) {
            throw new IOException("ovn-check.sh usage error: " + r.err());
        }
        return r.status() == 0;
    }

    /** Injects a fault (ovn-fault.sh); fails when it could not be applied. */
    public void fault(String fault, String node) throws IOException, InterruptedException {
        Result r = script("ovn-fault.sh", List.of(fault, node), 90);
        if (r.status() != 0) {
            throw new IOException("ovn-fault.sh " + fault + " " + node + " failed: " + r.err() + r.out());
        }
    }

    /** Writes the must-gather DB files and the per-node sosreport files (ovn-capture.sh) into out. */
    public void capture(Path out) throws IOException, InterruptedException {
        Result r = script("ovn-capture.sh", List.of(out.toString()), 120);
        if (r.status() != 0) {
            throw new IOException("ovn-capture.sh failed: " + r.err());
        }
    }

    Result script(String name, List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", scripts.resolve("ovn").resolve(name).toString(), prefix,
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
            Result r = script("ovn-down.sh", List.of(), 120);
            if (r.status() != 0) {
                throw new IOException("ovn-down.sh failed: " + r.err());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tearing the OVN lab down", e);
        }
    }

    /** What is left of this lab: its namespaces and processes (empty after close). */
    public List<String> leftovers() throws IOException, InterruptedException {
        List<String> left = new ArrayList<>();
        run(List.of("ip", "netns", "list"), 10).out().lines().filter(l -> l.startsWith(prefix + "-"))
                .forEach(l -> left.add("netns " + l));
        run(List.of("ps", "-eo", "pid,args"), 10).out().lines().filter(l -> l.contains(workdir.toString()))
                .forEach(l -> left.add("process " + l.strip()));
        if (Files.exists(workdir)) {
            left.add("folder " + workdir);
        }
        return left;
    }

    public record Result(int status, String out, String err) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ovnlab-out", ".txt");
        Path err = Files.createTempFile("ovnlab-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // the daemons and ip live in /usr/sbin, which a build user's PATH may lack
            pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + File.pathSeparator + b);
            Process p = pb.start();
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
