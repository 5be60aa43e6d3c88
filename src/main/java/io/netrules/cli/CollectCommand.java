package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.collect.CollectException;
import io.netrules.collect.Durations;
import io.netrules.collect.NodeCollector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code netrules collect}: write a capture. */
@Command(name = "collect", mixinStandardHelpOptions = true, description = "Collect a capture.",
        subcommands = {CollectCommand.NodeCommand.class})
public final class CollectCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (see collect --help)");
    }

    /** {@code --timeout 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code netrules collect node}: run the node's read-only commands into a capture folder. */
    @Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run, as root on an OpenShift node, the read-only commands netrules reads "
                    + "(ip, sysctl, ovs-vsctl, ovs-ofctl, iptables-save, ethtool, journalctl, and ip route get / "
                    + "ping / tracepath to every other node), and copy resolv.conf and node-config.yaml, into "
                    + "DIR/nodes/<node>/; what could not be collected, and why, goes into DIR/capture.json.",
                    "Exit status: 0 the folder was written, 2 bad usage, 3 nothing could be collected, 4 internal error."})
    static final class NodeCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "The capture folder to write (created if needed; other nodes' folders and capture.json entries are kept).")
        Path out;

        @Option(names = "--node-name", paramLabel = "NAME",
                description = "This node's name in the cluster (default: the node of --cluster-facts that holds one of this "
                        + "machine's addresses, else the host name).")
        String nodeName;

        @Option(names = "--peers", paramLabel = "IP", split = ",",
                description = "The other nodes' host IPs, comma-separated (default: every hostIP of --cluster-facts but this node's).")
        List<String> peers = new ArrayList<>();

        @Option(names = "--cluster-facts", paramLabel = "FILE",
                description = "`oc get hostsubnets -o json` (or -o yaml, or nodes) output: the peers and this node's address; repeatable.")
        List<Path> clusterFacts = new ArrayList<>();

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "Time limit of each command: 30s, 2m, 500ms or seconds (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
                description = "Time limit of the whole collection; commands not started by then are recorded as not collected (default: ${DEFAULT-VALUE}).")
        Duration budget;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
                description = "Commands run at once, for the node's commands and for the per-peer commands each (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--host-root", paramLabel = "DIR", defaultValue = "/",
                description = "Where the node's files are (etc/resolv.conf, etc/origin/node/node-config.yaml, systemd units); "
                        + "e.g. the host's root mounted in a container (default: ${DEFAULT-VALUE}).")
        Path hostRoot;

        @Option(names = {"-v", "--verbose"}, description = "Progress lines on stderr, one per command.")
        boolean verbose;

        /** Tests only: directories searched for the commands before PATH (fake tools). */
        @Option(names = "--path-prefix", paramLabel = "DIR", hidden = true)
        List<Path> pathPrefix = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (parallel < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1");
            }
            if (!Files.isDirectory(hostRoot)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--host-root " + hostRoot + ": not a directory");
            }
            String path = null;
            if (!pathPrefix.isEmpty()) {
                path = pathPrefix.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(":"))
                        + ":" + NodeCollector.defaultPath(System.getenv("PATH"));
            }
            var options = new NodeCollector.Options(out, nodeName, peers, clusterFacts, timeout, budget, hostRoot,
                    parallel, path);
            if (!isRoot()) {
                err.println("netrules: warning: not running as root: iptables-save, ovs-ofctl and others may fail");
            }
            NodeCollector.Outcome o;
            try {
                o = new NodeCollector(options, verbose ? line -> {
                    err.println(line);
                    err.flush();
                } : null).collect();
            } catch (CollectException e) {
                err.println("netrules: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            stdout.printf(Locale.ROOT, "node %s: %d files in %s, %d not collected%s (%.1f s)%n", o.node(),
                    o.collectedCount(), o.nodeDir(), o.notCollected().size(),
                    o.notCollected().isEmpty() ? "" : " (see " + out.resolve("capture.json") + ")", o.millis() / 1000.0);
            stdout.flush();
            return o.anyCollected() ? ExitCodes.OK : ExitCodes.COLLECTION_FAILED;
        }

        private static boolean isRoot() {
            try {
                Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                return Integer.valueOf(0).equals(uid);
            } catch (IOException | RuntimeException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }
    }
}
