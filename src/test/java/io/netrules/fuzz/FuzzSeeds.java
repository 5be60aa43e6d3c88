package io.netrules.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netrules.TestPaths;
import io.netrules.capture.FactSources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the fuzz tests' seed corpus ({@code seed-*} files in the Jazzer inputs folders under
 * src/test/resources/io/netrules/fuzz/) from facts-samples, and from the parser test files for
 * the forms the samples lack (ip -j, iptables -nvL...). Files are cut at a line boundary so the
 * checked-in corpus stays small; crash regressions ({@code crash-*}) are left alone. Run after a
 * sample changes:
 * {@code mvn -q -B -o test-compile exec:java -Dexec.mainClass=io.netrules.fuzz.FuzzSeeds -Dexec.classpathScope=test}
 */
public final class FuzzSeeds {
    static final Path INPUTS = Path.of("src/test/resources/io/netrules/fuzz");
    static final Path PARSERS = INPUTS.resolve("ParsersFuzzTestInputs/parsers");
    static final Path CAPTURE = INPUTS.resolve("CaptureFuzzTestInputs/capture");
    static final Path PROBES = INPUTS.resolve("ProbesFuzzTestInputs/probes");
    static final Path OVSDB = INPUTS.resolve("OvsdbFuzzTestInputs/ovsdb");

    private static final int PARSER_BYTES = 4096;
    private static final int SEEDS_PER_SOURCE = 2;
    private static final int CAPTURE_FILE_BYTES = 512;
    private static final int CLUSTER_ITEMS = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path project = TestPaths.project();
        writeSeeds(project.resolve(PARSERS), parserSeeds(project));
        writeSeeds(project.resolve(CAPTURE), captureSeeds(project.resolve("facts-samples")));
        writeSeeds(project.resolve(PROBES), probeSeeds(project.resolve("facts-samples")));
        writeSeeds(project.resolve(OVSDB), ovsdbSeeds(project.resolve("src/test/resources/ovsdb")));
    }

    /**
     * The real NB files of each format, the SB one gzip'ed (five times larger plain) and the
     * tools' JSON.
     */
    static List<byte[]> ovsdbSeeds(Path dir) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of("nb-standalone.db", "nb-clustered.db", "sb-standalone.db.gz",
                "nb-standalone.Logical_Switch.json", "nb-clustered.dump.json")) {
            seeds.add(Files.readAllBytes(dir.resolve(name)));
        }
        return seeds;
    }

    /** name + "\n" + output, per registry source: the smallest distinct outputs first. */
    static List<byte[]> parserSeeds(Path project) throws IOException {
        Map<String, List<byte[]>> bySource = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(project.resolve("facts-samples").resolve("healthy-3node"));
             Stream<Path> b = Files.walk(project.resolve("facts-samples"));
             Stream<Path> p = Files.walk(project.resolve("src/test/resources/parsers"))) {
            // healthy-3node first, then the broken samples (their differing outputs), then the
            // parser tests' other forms.
            files.addAll(s.filter(Files::isRegularFile).sorted().toList());
            files.addAll(b.filter(Files::isRegularFile).sorted().toList());
            files.addAll(p.filter(Files::isRegularFile).sorted().toList());
        }
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Path f : files) {
            String name = registryName(f);
            if (name == null) {
                continue;
            }
            byte[] text = cut(Files.readAllBytes(f), PARSER_BYTES);
            byte[] seed = concat((name + "\n").getBytes(StandardCharsets.UTF_8), text);
            String key = FactSources.match(name).orElseThrow().source().fileName();
            List<byte[]> list = bySource.computeIfAbsent(key, k -> new ArrayList<>());
            if (list.size() < SEEDS_PER_SOURCE && seen.putIfAbsent(sha(text), true) == null) {
                list.add(seed);
            }
        }
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    /** The registry's file name for a sample or parser test file, or null. */
    private static String registryName(Path f) {
        String fn = f.getFileName().toString();
        List<String> candidates = new ArrayList<>();
        candidates.add(fn);
        if (fn.lastIndexOf('.') > 0) {
            candidates.add(fn.substring(0, fn.lastIndexOf('.')));
        }
        if (fn.startsWith("resolv.conf")) {
            candidates.add("etc/resolv.conf");
        } else if (fn.startsWith("node-config.yaml")) {
            candidates.add("etc/origin/node/node-config.yaml");
        }
        for (String c : candidates) {
            var m = FactSources.match(c);
            if (m.isPresent() && m.get().source().parser() != null) {
                return c;
            }
        }
        return null;
    }

    /** Three samples packed as {@link CaptureFuzzTest} reads them, plus one with YAML and logs. */
    static List<byte[]> captureSeeds(Path samples) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(pack(samples.resolve("healthy-3node"), "node-1", false));
        seeds.add(pack(samples.resolve("broken-service-endpoints"), "node-2", false));
        seeds.add(pack(samples.resolve("healthy-3node-sosreport"), "node-3", false));
        seeds.add(pack(samples.resolve("broken-mtu"), "node-1", true));
        return seeds;
    }

    private static byte[] pack(Path sample, String node, boolean yamlAndLogs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path meta = sample.resolve("capture.json");
        if (Files.isRegularFile(meta)) {
            ObjectNode m = (ObjectNode) JSON.readTree(meta.toFile());
            if (yamlAndLogs) {
                ArrayNode nc = m.putArray("notCollected");
                nc.addObject().put("node", node).put("what", "ethtool").put("why", "timed out after 10 s");
                nc.addObject().put("what", "cluster/routes.json").put("why", "forbidden");
            }
            entry(out, "capture.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        }
        String firstPod = null;
        try (Stream<Path> s = Files.list(sample.resolve("cluster"))) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
                JsonNode list = (yaml ? new YAMLMapper() : JSON).readTree(f.toFile());
                if (list.path("items").isArray()) {
                    ArrayNode items = (ArrayNode) list.get("items");
                    while (items.size() > CLUSTER_ITEMS) {
                        items.remove(items.size() - 1);
                    }
                    // What no reader looks at, so that the seed is small and a run is quick.
                    for (JsonNode item : items) {
                        if (item.path("metadata") instanceof ObjectNode m) {
                            m.remove(List.of("annotations", "managedFields", "ownerReferences", "selfLink", "uid",
                                    "resourceVersion", "creationTimestamp"));
                        }
                        if (item.path("spec") instanceof ObjectNode spec) {
                            spec.remove(List.of("containers", "volumes", "initContainers", "tolerations", "affinity"));
                        }
                        if (item.path("status") instanceof ObjectNode status) {
                            status.remove(List.of("containerStatuses", "images", "nodeInfo", "daemonEndpoints",
                                    "allocatable", "capacity", "initContainerStatuses"));
                        }
                    }
                }
                if (name.startsWith("pods.") && list.path("items").size() > 0) {
                    JsonNode meta0 = list.path("items").get(0).path("metadata");
                    firstPod = meta0.path("namespace").asText() + "/" + meta0.path("name").asText();
                }
                if (yaml || (yamlAndLogs && name.equals("nodes.json"))) {
                    entry(out, "cluster/" + name.replaceFirst("\\.json$", ".yaml"),
                            new YAMLMapper().writeValueAsBytes(list));
                } else {
                    entry(out, "cluster/" + name, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(list));
                }
            }
        }
        Path probes = sample.resolve("probes/probes.jsonl");
        if (Files.isRegularFile(probes)) {
            entry(out, "probes/probes.jsonl", Files.readAllBytes(probes));
        }
        if (yamlAndLogs && firstPod != null) {
            entry(out, "logs/" + firstPod + ".log", ("I0314 10:00:00.000000 1 pod.go:1] started\n"
                    + "E0314 10:00:01.000000 1 vnids.go:2] error: failed to find netid for namespace: x\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path nodeDir = sample.resolve("nodes").resolve(node);
        try (Stream<Path> s = Files.walk(nodeDir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = nodeDir.relativize(f).toString().replace('\\', '/');
                entry(out, "nodes/" + node + "/" + rel, cut(Files.readAllBytes(f), CAPTURE_FILE_BYTES));
            }
        }
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String path, byte[] body) {
        out.writeBytes((CaptureFuzzTest.MARK + path + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        if (body.length > 0 && body[body.length - 1] != '\n') {
            out.write('\n');
        }
    }

    static List<byte[]> probeSeeds(Path samples) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.walk(samples)) {
            for (Path f : s.filter(p -> p.getFileName().toString().equals("probes.jsonl")).sorted().toList()) {
                seeds.add(Files.readAllBytes(f));
            }
        }
        return seeds;
    }

    /** The first bytes of a file, cut after the last whole line that fits. */
    static byte[] cut(byte[] b, int max) {
        if (b.length <= max) {
            return b;
        }
        int end = max;
        while (end > 0 && b[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(b, end == 0 ? max : end);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void writeSeeds(Path dir, List<byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("seed-"))
                    .sorted(Comparator.naturalOrder()).toList()) {
                Files.delete(p);
            }
        }
        for (byte[] seed : seeds) {
            Files.write(dir.resolve("seed-" + sha(seed).substring(0, 16)), seed);
        }
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
