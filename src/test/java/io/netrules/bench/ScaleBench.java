package io.netrules.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.capture.Capture;
import io.netrules.engine.Evaluator;
import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleFile;
import io.netrules.engine.RuleLoader;
import io.netrules.engine.RuleMeta;
import io.netrules.synth.Fault;
import io.netrules.synth.SyntheticCapture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale benchmarks of docs/performance.md. Not a test: run it by hand on a quiet machine,
 * after {@code mvn -B -o -DskipTests package}, with
 * <pre>
 * mvn -q -B -o -DskipTests package exec:java@bench -Dexec.args="diagnose 10 250 1000 2000"
 * mvn -q -B -o -DskipTests package exec:java@bench -Dexec.args="batch 500"
 * mvn -q -B -o -DskipTests package exec:java@bench -Dexec.args="startup"
 * mvn -q -B -o -DskipTests package exec:java@bench -Dexec.args="generate 250 30 /tmp/c250"
 * mvn -q -B -o exec:java@bench -Dexec.args="--services 2000 generate 250 30 /tmp/c250s"
 * mvn -q -B -o exec:java@bench -Dexec.args="--runs 1 --capture /tmp/c250s diagnose 250"
 * mvn -q -B -o exec:java@bench -Dexec.args="--runs 1 --services 2000 diagnose 2000"
 * MAVEN_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC" mvn -q -B -o exec:java@bench -Dexec.args="rules-cost 250"
 * mvn -q -B -o -DskipTests package exec:java@bench -Dexec.args="--runs 1 ovn 500"
 * </pre>
 * Each measurement runs netrules as a user does, through the {@code ./netrules} launcher, in its
 * own process: wall time and peak RSS come from {@code /usr/bin/time -f "%e %M"}; the load
 * average is read before and after, since other work on the machine skews the numbers.
 * Options (before the command's arguments): {@code --runs R} (default 3; the table shows the
 * best and the median), {@code --pods P} (30), {@code --work DIR} (the system temporary folder),
 * {@code --java-opts "..."} (passed as NETRULES_JAVA_OPTS), {@code --services S} (the capture's
 * services, S = N/2 by default; kube-proxy writes about 15 iptables-save lines a service on every
 * node, so S sets the service-heavy shape), {@code --capture DIR} (a capture generated before with
 * {@code generate}, used as it is and kept). Generated captures are deleted after
 * each size. {@code rules-cost N} is the profile of the rules: in this JVM, on one thread, the CPU
 * time of parsing only, of a whole evaluation, and of a whole evaluation without each node rule
 * file in turn (what that rule costs). {@code ovn N} diagnoses the synthetic OVN-Kubernetes
 * interconnect must-gather of N nodes (SyntheticOvnMustGather: {@code --pods} a node,
 * {@code --services}, 2000 by default, four injected faults).
 */
public final class ScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int runs = 3;
    private int pods = 30;
    private Path work = Path.of(System.getProperty("java.io.tmpdir"));
    private String javaOpts = "";
    /** Services of a {@code diagnose} or {@code generate} capture; 0: the default, N/2. */
    private int services;
    /** A capture folder to use as it is (generated once), instead of generating and deleting one. */
    private Path reuse;
    private final Path project = Path.of("").toAbsolutePath();

    public static void main(String[] args) throws Exception {
        new ScaleBench().run(new ArrayList<>(Arrays.asList(args)));
    }

    void run(List<String> args) throws Exception {
        while (!args.isEmpty() && args.get(0).startsWith("--")) {
            String opt = args.remove(0);
            String value = args.remove(0);
            switch (opt) {
                case "--runs" -> runs = Integer.parseInt(value);
                case "--pods" -> pods = Integer.parseInt(value);
                case "--work" -> work = Path.of(value);
                case "--java-opts" -> javaOpts = value;
                case "--services" -> services = Integer.parseInt(value);
                case "--capture" -> reuse = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException("diagnose SIZES... | batch [COUNT] | startup | generate N P DIR");
        }
        if (!Files.isRegularFile(project.resolve("target/netrules.jar"))) {
            throw new IllegalStateException("build the jar first: mvn -B -o -DskipTests package");
        }
        String command = args.remove(0);
        System.out.println("# machine: " + machine());
        switch (command) {
            case "diagnose" -> {
                for (String n : args) {
                    diagnose(Integer.parseInt(n));
                }
            }
            case "batch" -> batch(args.isEmpty() ? 500 : Integer.parseInt(args.get(0)));
            case "startup" -> startup();
            case "rules-cost" -> rulesCost(args.isEmpty() ? 250 : Integer.parseInt(args.get(0)));
            case "ovn" -> ovn(args.isEmpty() ? 500 : Integer.parseInt(args.get(0)));
            case "generate" -> {
                int n = Integer.parseInt(args.get(0));
                int p = Integer.parseInt(args.get(1));
                long t = System.nanoTime();
                synthetic(n, p).write(Path.of(args.get(2)), cores());
                System.out.printf("generated %d nodes x %d pods, %d services into %s in %.1f s%n", n, p,
                        synthetic(n, p).services(), args.get(2), secs(t));
            }
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    /**
     * One process's wall time and CPU time (user + system, s), peak RSS (MB), output and the load
     * average before and after. CPU time is what other work on the machine changes least.
     */
    record Run(double wall, double cpu, double rssMb, int status, String out, String err, String loadBefore,
               String loadAfter) {
    }

    Run netrules(List<String> args) throws IOException, InterruptedException {
        Path timeFile = Files.createTempFile(work, "time", ".txt");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", timeFile.toString(),
                    "bash", project.resolve("netrules").toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("NETRULES_JAVA_OPTS", javaOpts);
            String before = load();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("netrules took more than 30 minutes: " + args);
            }
            String after = load();
            String[] t = Files.readString(timeFile).strip().lines().reduce((a, b) -> b).orElse("0 0 0 0").split(" ");
            return new Run(Double.parseDouble(t[0]), Double.parseDouble(t[2]) + Double.parseDouble(t[3]),
                    Long.parseLong(t[1]) / 1024.0, p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    before, after);
        } finally {
            Files.deleteIfExists(timeFile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final Pattern PARSE_ONLY = Pattern.compile(
            "parse-only: (\\d+) nodes, (\\d+) files, (\\d+) facts, (\\d+) warnings in ([0-9.]+) s");
    private static final Pattern TIMINGS = Pattern.compile("timings: rules ([0-9.]+) s, evaluate\\+report ([0-9.]+) s");

    /** The healthy synthetic capture of N nodes and P pods a node, with {@code --services} when given. */
    SyntheticCapture synthetic(int nodes, int podsPerNode) {
        return services <= 0 ? SyntheticCapture.healthy(nodes, podsPerNode)
                : new SyntheticCapture(nodes, podsPerNode, services, 3, List.of());
    }

    /** The synthetic OVN interconnect must-gather diagnosed as a user does (docs/performance.md, "OVN-Kubernetes, 500-node interconnect"). */
    void ovn(int nodes) throws Exception {
        int svcs = services <= 0 ? 2000 : services;
        Path capture = reuse != null ? reuse : work.resolve("netrules-bench-ovn-" + nodes);
        if (reuse == null) {
            deleteTree(capture);
            long t = System.nanoTime();
            new io.netrules.plugins.ovnkubernetes.wire.SyntheticOvnMustGather(nodes, pods, svcs).write(capture);
            System.out.printf("%d nodes x %d pods, %d services (OVN IC must-gather): generated in %.1f s, %.2f GB%n",
                    nodes, pods, svcs, secs(t), du(capture) / 1e9);
        }
        try {
            for (int r = 0; r < runs; r++) {
                Run run = netrules(List.of("diagnose", "--capture", capture.toString(), "--format", "json", "--timings",
                        "--fail-on", "never"));
                if (run.status() != 0) {
                    throw new IllegalStateException("diagnose exited " + run.status() + ": " + run.err());
                }
                JsonNode summary = JSON.readTree(run.out()).path("summary");
                Matcher m = TIMINGS.matcher(run.err());
                System.out.printf("%d nodes OVN: wall %.1f s, CPU %.1f s, max RSS %.0f MB, %d errors, %d warnings"
                                + " (evaluate+report %s s); load %s -> %s%n", nodes, run.wall(), run.cpu(), run.rssMb(),
                        summary.path("errors").asInt(), summary.path("warnings").asInt(), m.find() ? m.group(2) : "?",
                        run.loadBefore(), run.loadAfter());
            }
        } finally {
            if (reuse == null) {
                deleteTree(capture);
            }
        }
    }

    void diagnose(int nodes) throws Exception {
        Path capture = reuse != null ? reuse : work.resolve("netrules-bench-" + nodes);
        if (reuse == null) {
            long free = Files.getFileStore(work).getUsableSpace();
            long estimate = estimateBytes(nodes, pods, synthetic(nodes, pods).services());
            if (estimate * 2 > free) {
                System.out.printf("%d nodes: skipped, needs about %.1f GB and %s has %.1f GB free%n", nodes,
                        estimate / 1e9, work, free / 1e9);
                return;
            }
            deleteTree(capture);
            long t = System.nanoTime();
            SyntheticCapture gen = synthetic(nodes, pods);
            gen.write(capture, cores());
            System.out.printf("%d nodes x %d pods, %d services: generated in %.1f s%n", nodes, pods, gen.services(),
                    secs(t));
        }
        Path node0 = capture.resolve("nodes").resolve(SyntheticCapture.nodeName(0));
        System.out.printf("%d nodes: %.2f GB, %d flow lines and %d iptables-save lines a node%n", nodes,
                du(capture) / 1e9, lineCount(node0.resolve("ovs-ofctl_-O_OpenFlow13_dump-flows_br0")) - 1,
                lineCount(node0.resolve("iptables-save")));
        try {
            List<Double> parseWall = new ArrayList<>();
            List<Double> parseInner = new ArrayList<>();
            List<Double> parseCpu = new ArrayList<>();
            List<Double> parseRss = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            List<Double> inner = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Run p = netrules(List.of("diagnose", "--capture", capture.toString(), "--parse-only"));
                Matcher m = PARSE_ONLY.matcher(p.out());
                if (p.status() != 0 || !m.find()) {
                    throw new IllegalStateException("parse-only failed: " + p.out() + p.err());
                }
                if (!m.group(4).equals("0")) {
                    throw new IllegalStateException("the synthetic capture has parse warnings: " + p.out());
                }
                parseWall.add(p.wall());
                parseInner.add(Double.parseDouble(m.group(5)));
                parseCpu.add(p.cpu());
                parseRss.add(p.rssMb());
                System.out.printf("  parse-only run %d: wall %.2f s (parse %.2f s), CPU %.1f s, peak RSS %.0f MB,"
                        + " %s facts; load %s -> %s%n", r + 1, p.wall(), Double.parseDouble(m.group(5)), p.cpu(),
                        p.rssMb(), m.group(3), p.loadBefore(), p.loadAfter());

                Run d = netrules(List.of("diagnose", "--capture", capture.toString(), "--format", "json",
                        "--timings", "--fail-on", "never"));
                Matcher tm = TIMINGS.matcher(d.err());
                if (d.status() != 0 || !tm.find()) {
                    throw new IllegalStateException("diagnose failed (" + d.status() + "): " + d.err());
                }
                JsonNode report = JSON.readTree(d.out());
                if (report.get("findings").size() != 0 || report.get("warnings").size() != 0) {
                    throw new IllegalStateException("a healthy synthetic capture gave findings or warnings: "
                            + report.get("summary") + " " + report.get("warnings").size() + " warnings");
                }
                wall.add(d.wall());
                inner.add(Double.parseDouble(tm.group(2)));
                cpu.add(d.cpu());
                rss.add(d.rssMb());
                System.out.printf("  diagnose   run %d: wall %.2f s (rules %.2f s, evaluate+report %.2f s), CPU %.1f s,"
                        + " peak RSS %.0f MB; load %s -> %s%n", r + 1, d.wall(), Double.parseDouble(tm.group(1)),
                        Double.parseDouble(tm.group(2)), d.cpu(), d.rssMb(), d.loadBefore(), d.loadAfter());
            }
            // nodes | diagnose wall | CPU | RSS | parse-only wall | CPU | RSS | total/parse: inner, wall, CPU
            System.out.printf("| %d | %.1f s | %.1f s | %.0f MB | %.1f s | %.1f s | %.0f MB | %.2f | %.2f | %.2f |%n",
                    nodes, min(wall), min(cpu), max(rss), min(parseWall), min(parseCpu), max(parseRss),
                    min(inner) / min(parseInner), min(wall) / min(parseWall), min(cpu) / min(parseCpu));
        } finally {
            if (reuse == null) {
                deleteTree(capture);
            }
        }
    }

    static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }

    /** Rough size of a capture: flows and iptables grow with N per node, so N² overall. */
    static long estimateBytes(int nodes, int pods, int services) {
        long perNode = 60_000L + 3L * nodes * 190 + 40L * nodes + pods * 3_000L + services * 1_400L;
        return perNode * nodes + nodes * (pods + 2) * 1_300L;
    }

    void batch(int count) throws Exception {
        Path dir = work.resolve("netrules-bench-batch");
        deleteTree(dir);
        long t = System.nanoTime();
        for (int c = 0; c < count; c++) {
            // Every tenth capture has a fault, so the reports are not all alike.
            List<Fault> faults = c % 10 == 3 ? List.of(Fault.ipForwardOff(c % 3)) : List.of();
            new SyntheticCapture(3, 30, 10, 2, faults).write(dir.resolve(String.format("capture-%04d", c)), 1);
        }
        System.out.printf("%d captures of 3 nodes x 30 pods (10 services) generated in %.1f s%n", count, secs(t));
        try {
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Run b = netrules(List.of("batch", dir.toString(), "--format", "jsonl"));
                long lines = b.out().lines().count();
                if (lines != count || b.status() != 1) {
                    throw new IllegalStateException("batch gave " + lines + " lines, status " + b.status() + ": "
                            + b.err());
                }
                rates.add(count / b.wall());
                System.out.printf("  batch run %d: %d captures in %.2f s wall = %.1f captures/s, CPU %.1f s, peak RSS"
                        + " %.0f MB; load %s -> %s%n", r + 1, count, b.wall(), count / b.wall(), b.cpu(), b.rssMb(),
                        b.loadBefore(), b.loadAfter());
            }
            System.out.printf("| batch, %d captures | %.1f captures/s (median %.1f) |%n", count, max(rates),
                    median(rates));
        } finally {
            deleteTree(dir);
        }
    }

    void startup() throws Exception {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("JVM start + picocli (--version)", List.of("--version"));
        commands.put("JVM start + KieBase build (rules list)", List.of("rules", "list"));
        // The issue-12 target: a cold diagnosis of the healthy sample, 1.0 s or less.
        commands.put("cold diagnose (facts-samples/healthy-3node)",
                List.of("diagnose", "--capture", "facts-samples/healthy-3node"));
        netrules(List.of("--version"));
        for (Map.Entry<String, List<String>> e : commands.entrySet()) {
            List<Double> wall = new ArrayList<>();
            for (int r = 0; r < Math.max(5, runs); r++) {
                Run run = netrules(e.getValue());
                wall.add(run.wall());
                System.out.printf("  %s run %d: %.2f s, CPU %.2f s, load %s%n", e.getKey(), r + 1, run.wall(),
                        run.cpu(), run.loadBefore());
            }
            System.out.printf("| %s | %.2f s (median %.2f) |%n", e.getKey(), min(wall), median(wall));
        }
    }

    /** The CPU time each node rule file costs on an N-node capture, one thread, this JVM. */
    void rulesCost(int nodes) throws Exception {
        Path capture = work.resolve("netrules-bench-rules-" + nodes);
        deleteTree(capture);
        synthetic(nodes, pods).write(capture, cores());
        try {
            List<RuleFile> all = RuleLoader.builtin();
            RuleBase full = RuleBase.build(all);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.function.Supplier<Double> cpu = () -> mx.getCurrentThreadCpuTime() / 1e9;
            // warm-up: the JIT compiles the parsers and Drools once before anything is measured
            new Evaluator(full, 1).evaluate(Capture.open(capture), "warm-up");
            double t = cpu.get();
            Evaluator.parseOnly(Capture.open(capture), 1);
            double parse = cpu.get() - t;
            double whole = evaluateCpu(full, capture, cpu);
            System.out.printf("%d nodes x %d pods, one thread: parse only %.1f s CPU, whole evaluation %.1f s CPU"
                    + " (%.2f x parse); load %s%n", nodes, pods, parse, whole, whole / parse, load());
            System.out.println("| rule file | CPU without it | the rule's cost | share of the evaluation |");
            System.out.println("|---|---|---|---|");
            java.util.Set<String> files = new java.util.TreeSet<>();
            for (RuleDoc doc : full.docs().values()) {
                if (doc.scope() == RuleMeta.Scope.NODE) {
                    doc.rules().forEach(m -> files.add(m.file()));
                }
            }
            for (String file : files) {
                List<RuleFile> without = all.stream().filter(f -> !f.display().equals(file)).toList();
                double rest = evaluateCpu(RuleBase.build(without), capture, cpu);
                System.out.printf("| %s | %.1f s | %.1f s | %.0f%% |%n", file, rest, whole - rest,
                        100 * (whole - rest) / whole);
            }
        } finally {
            deleteTree(capture);
        }
    }

    /** The median CPU time of three evaluations, after one that lets the JIT compile this rule base's code. */
    private static double evaluateCpu(RuleBase rules, Path capture, java.util.function.Supplier<Double> cpu)
            throws Exception {
        new Evaluator(rules, 1).evaluate(Capture.open(capture), "warm-up");
        List<Double> runs = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            double t = cpu.get();
            new Evaluator(rules, 1).evaluate(Capture.open(capture), "bench");
            runs.add(cpu.get() - t);
        }
        return median(runs);
    }

    // ---------------------------------------------------------------- helpers

    static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0];
    }

    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return cores() + " cores (" + cpu + "), " + mem + ", Java " + System.getProperty("java.version")
                + ", load " + load();
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double min(List<Double> v) {
        return Collections.min(v);
    }

    static double max(List<Double> v) {
        return Collections.max(v);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static long du(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
