package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.capture.ClusterInputs;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.capture.KubeObject;
import io.netrules.model.ParseWarning;
import io.netrules.plugin.ClusterFactSink;
import io.netrules.plugin.ClusterObjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The plugin hook's two sides for tests: the objects of a capture's {@code cluster/} folder read
 * as the core reads them, and a sink that records where each fact went.
 */
final class ClusterRecorder implements ClusterObjects, ClusterFactSink {
    final List<Object> every = new ArrayList<>();
    final Map<String, List<Object>> node = new HashMap<>();
    final List<Function<String, List<?>>> perNode = new ArrayList<>();
    final List<Object> cluster = new ArrayList<>();
    final Map<String, String> collected = new LinkedHashMap<>();
    final Map<String, String> notCollected = new LinkedHashMap<>();
    final Map<String, String> nodeInputs = new LinkedHashMap<>();
    final List<ParseWarning> warnings = new ArrayList<>();
    private final List<Object> read = new ArrayList<>();
    private final java.util.Set<String> kindsRead = new java.util.HashSet<>();

    /** Reads every {@code cluster/<kind>.json} of a capture folder. */
    static ClusterRecorder of(Path capture) throws Exception {
        ClusterRecorder r = new ClusterRecorder();
        for (String kind : ClusterInputs.KINDS) {
            Path f = capture.resolve("cluster").resolve(kind + ".json");
            if (Files.isRegularFile(f)) {
                new ClusterObjectReader(r.read::add, r.warnings::add).keepingRawNodesAndPods()
                        .read(f, "cluster/" + kind + ".json", kind);
                r.kindsRead.add(kind);
            }
        }
        return r;
    }

    ClusterRecorder derive() {
        OvnClusterFacts.derive(this, this);
        return this;
    }

    /** Every fact a node's session gets from the hook, in the order the core inserts them. */
    List<Object> sessionOf(String n) {
        List<Object> out = new ArrayList<>(every);
        out.addAll(node.getOrDefault(n, List.of()));
        perNode.forEach(p -> out.addAll(p.apply(n)));
        return out;
    }

    /** Every fact the cluster session gets from the hook. */
    List<Object> clusterSession() {
        List<Object> out = new ArrayList<>(every);
        node.values().forEach(out::addAll);
        out.addAll(cluster);
        return out;
    }

    static <T> List<T> of(List<Object> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // ClusterObjects

    @Override
    public List<KubeObject> objects(String input) {
        return read.stream().filter(o -> o instanceof KubeObject k && k.input().equals(input))
                .map(KubeObject.class::cast).toList();
    }

    @Override
    public <T> List<T> facts(Class<T> type) {
        return of(read, type);
    }

    @Override
    public boolean collected(String input) {
        return kindsRead.contains(input);
    }

    @Override
    public String collectedFrom(String input) {
        return kindsRead.contains(input) ? "cluster/" + input + ".json" : null;
    }

    @Override
    public String notCollectedReason(String input) {
        return kindsRead.contains(input) ? null : "not in the test capture";
    }

    @Override
    public List<TextFile> mustGatherFiles(String relative) {
        return List.of();
    }

    @Override
    public boolean mustGather() {
        return false;
    }

    /** The capture root whose files {@link #captureFiles} and {@link #captureFolder} give; null: none. */
    Path root;

    @Override
    public List<TextFile> captureFiles(String relative) {
        Path f = root == null ? null : root.resolve(relative);
        return f != null && Files.isRegularFile(f) ? List.of(new TextFile(f, relative)) : List.of();
    }

    @Override
    public List<TextFile> captureFolder(String relative) {
        Path d = root == null ? null : root.resolve(relative);
        if (d == null || !Files.isDirectory(d)) {
            return List.of();
        }
        try (var files = Files.list(d)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> new TextFile(f, relative + "/" + f.getFileName())).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ClusterFactSink

    @Override
    public void everySession(Object fact) {
        every.add(fact);
    }

    @Override
    public void nodeSession(String n, Object fact) {
        node.computeIfAbsent(n, k -> new ArrayList<>()).add(fact);
    }

    @Override
    public void perNode(Function<String, List<?>> factsOfNode) {
        perNode.add(factsOfNode);
    }

    @Override
    public void clusterSession(Object fact) {
        cluster.add(fact);
    }

    @Override
    public void collected(String input, String file) {
        collected.put(input, file);
    }

    @Override
    public void notCollected(String input, String why) {
        notCollected.put(input, why);
    }

    @Override
    public void nodeCollected(String n, String input, String file) {
        nodeInputs.put(n + "/" + input, "collected " + file);
    }

    @Override
    public void nodeNotCollected(String n, String input, String why) {
        nodeInputs.put(n + "/" + input, "not collected: " + why);
    }

    @Override
    public void warning(ParseWarning warning) {
        warnings.add(warning);
    }
}
