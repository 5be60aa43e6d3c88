package io.netrules.collect;

import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A node made of small shell scripts, for the collector's tests: from a node folder of a
 * sample capture, one fake tool per command name in {@code bin/}, printing the sample's file
 * for the arguments of that file's command (real-format output), and a host root with the
 * sample's copied files and an origin-node unit. Nothing outside the test's folder is touched.
 */
public final class FakeNode {
    public final Path bin;
    public final Path hostRoot;
    private final Path data;
    /** tool name -> (arguments -> script lines to run for them) */
    private final Map<String, Map<String, String>> tools = new TreeMap<>();
    private int files;

    FakeNode(Path dir) throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        hostRoot = Files.createDirectories(dir.resolve("root"));
        data = Files.createDirectories(dir.resolve("data"));
    }

    /** Fakes every command whose output the sample node folder holds, and copies its files. */
    public static FakeNode of(Path dir, Path sampleNode) throws IOException {
        FakeNode fake = new FakeNode(dir);
        try (Stream<Path> list = Files.list(sampleNode)) {
            for (Path p : list.sorted().toList()) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                var match = FactSources.match(p.getFileName().toString()).orElseThrow();
                FactSource s = match.source();
                fake.prints(s.argv(match.target()), Files.readString(p), 0);
            }
        }
        for (FactSource s : FactSources.all()) {
            if (s.copied() && Files.isRegularFile(sampleNode.resolve(s.fileName()))) {
                Path to = fake.hostRoot.resolve(s.fileName());
                Files.createDirectories(to.getParent());
                Files.copy(sampleNode.resolve(s.fileName()), to);
            }
        }
        fake.unit("origin-node");
        return fake;
    }

    /** The command {@code argv} prints {@code output} and exits with {@code status}. */
    public FakeNode prints(List<String> argv, String output, int status) throws IOException {
        Path f = data.resolve(String.valueOf(files++));
        Files.writeString(f, output);
        return runs(argv, "cat '" + f + "'; exit " + status);
    }

    /** The command {@code argv} prints {@code stderr} on stderr and exits with {@code status}. */
    public FakeNode fails(List<String> argv, String stderr, int status) throws IOException {
        Path f = data.resolve(String.valueOf(files++));
        Files.writeString(f, stderr);
        return runs(argv, "cat '" + f + "' >&2; exit " + status);
    }

    /** The command {@code argv} runs these shell lines. */
    public FakeNode runs(List<String> argv, String script) throws IOException {
        tools.computeIfAbsent(argv.get(0), k -> new LinkedHashMap<>())
                .put(String.join(" ", argv.subList(1, argv.size())), script);
        write(argv.get(0));
        return this;
    }

    /** The tool is not installed. */
    public FakeNode remove(String tool) throws IOException {
        tools.remove(tool);
        Files.deleteIfExists(bin.resolve(tool));
        return this;
    }

    public FakeNode unit(String name) throws IOException {
        Path unit = hostRoot.resolve("etc/systemd/system/" + name + ".service");
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, "[Service]\nExecStart=/usr/bin/openshift start node\n");
        return this;
    }

    public FakeNode noUnit(String name) throws IOException {
        Files.deleteIfExists(hostRoot.resolve("etc/systemd/system/" + name + ".service"));
        return this;
    }

    /** Only the fake tools, and what the scripts themselves need. */
    public String path() {
        return bin.toString();
    }

    private void write(String tool) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/sh");
        lines.add("PATH=/usr/bin:/bin");
        lines.add("case \"$*\" in");
        tools.get(tool).forEach((args, script) -> lines.add("'" + args + "') " + script + " ;;"));
        lines.add("*) echo \"fake " + tool + ": unexpected arguments: $*\" >&2; exit 99 ;;");
        lines.add("esac");
        Path script = bin.resolve(tool);
        Files.writeString(script, String.join("\n", lines) + "\n");
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + script + " executable");
        }
    }
}
