package io.netrules.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.cli.Main;
import io.netrules.engine.Rules;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a support engineer gets from an OVN lab capture: {@code netrules diagnose --capture <case
 * folder>} (the must-gather next to the node sosreports), and the checks the lab tests share
 * on it. Also the expected rule IDs of the lab's faults, checked for the IDs the rule base holds
 * at run time (the OVN rules are written in parallel with the lab; each test prints what it
 * checked and what is still pending, so nothing passes silently).
 */
final class OvnLabReport {
    private OvnLabReport() {
    }

    /** One expected finding: rule ID, and the node it is about (its node, or named in its subject). */
    record Expected(String id, String node) {
        @Override
        public String toString() {
            return id + "@" + node;
        }
    }

    /**
     * {@code diagnose --capture DIR --format json}, run in this JVM; exit 0 or 1. One at a time:
     * the lab tests that run concurrently share it.
     */
    static synchronized JsonNode diagnose(Path caseFolder) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("diagnose", "--capture", caseFolder.toString(), "--format", "json");
        assertTrue(status == 0 || status == 1, "diagnose exit " + status + ": " + err);
        return new ObjectMapper().readTree(out.toString());
    }

    /** The capture is read as an OVN-Kubernetes cluster, every file without a warning. */
    static void assertReadAsOvn(JsonNode report, String version) {
        assertEquals("ovn-kubernetes", report.path("summary").path("plugin").asText(), report.path("summary").toString());
        assertEquals("OpenShift " + version, report.path("summary").path("platform").asText());
        assertEquals(0, report.path("warnings").size(), "read without warnings: " + report.path("warnings"));
    }

    /** Finding keys {@code ID@node/subject (severity)} of the report. */
    static List<String> findings(JsonNode report) {
        List<String> keys = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            keys.add(f.path("id").asText() + "@" + f.path("node").asText("") + "/" + f.path("subject").asText("")
                    + " (" + f.path("severity").asText() + ")");
        }
        return keys;
    }

    /** The ERROR findings of the report (a healthy lab has none). */
    static List<String> errors(JsonNode report) {
        List<String> errors = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if ("ERROR".equals(f.path("severity").asText())) {
                errors.add(f.path("id").asText() + "@" + f.path("node").asText("") + "/" + f.path("subject").asText(""));
            }
        }
        return errors;
    }

    /** The rule IDs the rule base holds now. */
    static Set<String> implementedIds() {
        try {
            return new TreeSet<>(Rules.builtin().docs().keySet());
        } catch (Exception e) {
            throw new AssertionError("the built-in rule base does not load", e);
        }
    }

    /** What the report says the expected rule missed on the expected node, or null when it was evaluated there. */
    private static String notEvaluatedOn(JsonNode report, Expected e) {
        for (JsonNode n : report.path("notEvaluated")) {
            if (e.id().equals(n.path("id").asText()) && (e.node().equals(n.path("node").asText(""))
                    || n.path("node").asText("").isEmpty())) {
                return "missing " + n.path("missing").asText("?");
            }
        }
        return null;
    }

    /**
     * Each expected finding whose rule the rule base holds must be in the report (a must-gather's
     * inspected namespaces are enough for the pod and service rules: they run there and are
     * listed as evaluated in part); the others are printed as pending. Then nothing else: no
     * ERROR or WARN finding of another rule, except the honest consequences named for the fault
     * ({@code consequences}: rule ID and why the fault makes it true too). Prints what it checked.
     * Returns the expectations checked.
     */
    static List<Expected> assertExpectedFindings(String scenario, JsonNode report, List<Expected> expected,
                                                 java.util.Map<String, String> consequences) {
        Set<String> implemented = implementedIds();
        List<Expected> checked = new ArrayList<>();
        List<Expected> pending = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Expected e : expected) {
            if (!implemented.contains(e.id())) {
                pending.add(e);
                continue;
            }
            checked.add(e);
            boolean found = false;
            for (JsonNode f : report.path("findings")) {
                if (e.id().equals(f.path("id").asText()) && (e.node().equals(f.path("node").asText(""))
                        || f.path("subject").asText("").contains(e.node()))) {
                    found = true;
                }
            }
            if (!found) {
                String why = notEvaluatedOn(report, e);
                missing.add(e + (why == null ? "" : " (not evaluated: " + why + ")"));
            }
        }
        Set<String> allowed = new TreeSet<>(consequences.keySet());
        expected.forEach(e -> allowed.add(e.id()));
        List<String> others = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            String sev = f.path("severity").asText();
            if (("ERROR".equals(sev) || "WARN".equals(sev)) && !allowed.contains(f.path("id").asText())) {
                others.add(f.path("id").asText() + "@" + f.path("node").asText("") + "/" + f.path("subject").asText("")
                        + " (" + sev + ")");
            }
        }
        List<String> inPart = new ArrayList<>();
        report.path("evaluatedInPart").forEach(p -> inPart.add(p.path("id").asText()));
        System.out.println("[ovn-lab " + scenario + "] expected findings checked: " + checked
                + "; pending (rule not in the rule base yet): " + pending + "; evaluated in part: " + inPart
                + "; report: " + findings(report));
        assertEquals(List.of(), missing, scenario + ": the fault is found by its rule(s); report: " + findings(report));
        assertEquals(List.of(), others, scenario + ": found - nothing else (ERROR/WARN) besides " + allowed
                + "; report: " + findings(report));
        return checked;
    }

    /** The network_logs/ folder of the must-gather image folder in a lab capture. */
    static Path networkLogs(Path caseFolder) throws IOException {
        try (Stream<Path> found = Files.find(caseFolder, 3, (p, a) -> a.isDirectory()
                && p.getFileName().toString().equals("network_logs"))) {
            return found.findFirst().orElseThrow(() -> new AssertionError("no network_logs/ in " + caseFolder));
        }
    }

    /** A file of the must-gather image folder (e.g. cluster-scoped-resources/core/nodes/worker-0.yaml). */
    static Path imageFile(Path caseFolder, String relative) throws IOException {
        return networkLogs(caseFolder).getParent().resolve(relative);
    }
}
