package io.netrules.cases;

import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.engine.Diagnosis;
import io.netrules.engine.Evaluator;
import io.netrules.engine.NotEvaluated;
import io.netrules.engine.ReportFinding;
import io.netrules.engine.RuleBase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs one rule case: builds its capture in a temporary folder, diagnoses it with the given
 * rule base, and compares what the case's rule reported with what the case expects. Other
 * rules' findings are not the case's business.
 */
public final class RuleCaseRunner {
    private final RuleBase rules;
    private final List<Path> sampleRoots;

    /** @param sampleRoots folders where a case's {@code base} is looked up (after the cases file's own folder) */
    public RuleCaseRunner(RuleBase rules, List<Path> sampleRoots) {
        this.rules = rules;
        this.sampleRoots = sampleRoots;
    }

    /** The outcome: null problems means the case passed. */
    public record Outcome(RuleCase ruleCase, List<String> problems, Diagnosis diagnosis) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    public Outcome run(RuleCase c, Path casesFile) throws IOException, CaptureException {
        if (rules.doc(c.rule()) == null) {
            return new Outcome(c, List.of("no rule with ID " + c.rule() + " is loaded"), null);
        }
        Path dir = Files.createTempDirectory("netrules-case-");
        try {
            List<String> problems = new ArrayList<>();
            materialize(c, casesFile, dir, problems);
            if (!problems.isEmpty()) {
                return new Outcome(c, problems, null);
            }
            Diagnosis d = new Evaluator(rules, 1).evaluate(Capture.open(dir), c.name());
            compare(c, d, problems);
            applicable(c, d, problems);
            return new Outcome(c, problems, d);
        } finally {
            deleteTree(dir);
        }
    }

    private void materialize(RuleCase c, Path casesFile, Path dir, List<String> problems) throws IOException {
        if (c.base() != null) {
            Path base = resolveBase(c.base(), casesFile);
            if (base == null) {
                problems.add("base capture '" + c.base() + "' not found");
                return;
            }
            copyTree(base, dir);
        }
        for (String del : c.delete()) {
            Path p = dir.resolve(del);
            if (!Files.exists(p)) {
                problems.add("delete: " + del + " is not in the capture");
            }
            deleteTree(p);
        }
        for (Map.Entry<String, String> e : c.files().entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, List<RuleCase.Edit>> e : c.patch().entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (!Files.isRegularFile(p)) {
                problems.add("patch: " + e.getKey() + " is not in the capture");
                continue;
            }
            String text = Files.readString(p, StandardCharsets.UTF_8);
            for (RuleCase.Edit edit : e.getValue()) {
                // An edit that finds nothing would leave the case testing the base unchanged.
                if (!text.contains(edit.find())) {
                    problems.add("patch: '" + edit.find() + "' does not occur in " + e.getKey());
                    continue;
                }
                text = text.replace(edit.find(), edit.replace());
            }
            Files.writeString(p, text, StandardCharsets.UTF_8);
        }
    }

    private Path resolveBase(String base, Path casesFile) {
        List<Path> candidates = new ArrayList<>();
        if (casesFile != null && casesFile.getParent() != null) {
            candidates.add(casesFile.getParent().resolve(base));
        }
        for (Path root : sampleRoots) {
            candidates.add(root.resolve(base));
        }
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    private static void compare(RuleCase c, Diagnosis d, List<String> problems) {
        List<ReportFinding> found = d.findings().stream().filter(f -> f.id().equals(c.rule())).toList();
        List<RuleCase.Expected> unmatched = new ArrayList<>(c.expect());
        List<ReportFinding> extra = new ArrayList<>();
        for (ReportFinding f : found) {
            RuleCase.Expected hit = unmatched.stream()
                    .filter(x -> (x.node() == null || x.node().equals(f.node()))
                            && (x.subject() == null || x.subject().equals(f.subject())))
                    .findFirst().orElse(null);
            if (hit != null) {
                unmatched.remove(hit);
                if (hit.explainedBy() != null) {
                    java.util.TreeSet<String> want = new java.util.TreeSet<>(hit.explainedBy());
                    java.util.TreeSet<String> got = new java.util.TreeSet<>();
                    f.explainedBy().forEach(k -> got.add(k.substring(0, k.indexOf('@'))));
                    if (!want.equals(got)) {
                        problems.add(f.key() + " is explained by " + got + ", expected " + want);
                    }
                }
            } else {
                extra.add(f);
            }
            if (f.evidence().isEmpty()) {
                problems.add("finding " + f.key() + " has no evidence");
            }
        }
        for (RuleCase.Expected x : unmatched) {
            problems.add("expected " + c.rule() + " on " + describe(x) + ", but it did not fire there");
        }
        for (ReportFinding f : extra) {
            problems.add("unexpected " + c.rule() + " on node " + f.node() + ", subject " + f.subject());
        }
        if (c.notEvaluated() != null) {
            TreeSet<String> want = new TreeSet<>(c.notEvaluated());
            TreeSet<String> got = new TreeSet<>();
            for (NotEvaluated n : d.notEvaluated()) {
                if (n.id().equals(c.rule())) {
                    got.add(n.node() == null ? "cluster" : n.node());
                }
            }
            if (!want.equals(got)) {
                problems.add("not evaluated on " + got + ", expected " + want);
            }
        }
    }

    /**
     * A case whose rule is not applicable to its capture's network plugin, or whose capture does
     * not say its plugin, tests nothing: it would pass whatever the rule does. Unless the case
     * expects the rule not to be evaluated, its data must say a plugin the rule applies to.
     */
    private void applicable(RuleCase c, Diagnosis d, List<String> problems) {
        io.netrules.engine.RuleDoc doc = rules.doc(c.rule());
        if (doc == null || c.notEvaluated() != null) {
            return;
        }
        String plugin = d.summary().plugin();
        if (plugin == null && doc.plugin() != null) {
            problems.add(c.rule() + " is a rule of " + doc.plugin() + ", but the case's capture does not say its"
                    + " network plugin (add cluster/clusternetworks.json with pluginName, or cluster/networkconfigs.json)");
        } else if (plugin != null && !doc.appliesTo(plugin)) {
            problems.add(c.rule() + " is a rule of " + doc.plugin() + ", not applicable to the case's capture, whose"
                    + " network plugin is " + plugin);
        }
    }

    private static String describe(RuleCase.Expected x) {
        return Stream.of(x.node() == null ? null : "node " + x.node(), x.subject() == null ? null : "subject " + x.subject())
                .filter(Objects::nonNull).reduce((a, b) -> a + ", " + b).orElse("any scope");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
