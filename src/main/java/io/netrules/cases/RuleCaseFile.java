package io.netrules.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.capture.CaptureException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the test cases kept beside rules: {@code cases/NR-XXX-NNN.yaml} files under a rules
 * folder. Format:
 * <pre>
 * rule: NR-LOCAL-001
 * cases:
 *   - name: ip_forward is 0 on node-2
 *     base: healthy-3node
 *     patch:
 *       nodes/node-2/sysctl_-a:
 *         - find: "net.ipv4.ip_forward = 1"
 *           replace: "net.ipv4.ip_forward = 0"
 *     expect:
 *       - node: node-2
 *         explainedBy: [NR-XXX-NNN]     # optional: the IDs linked as its root cause
 * </pre>
 */
public final class RuleCaseFile {
    // Cases are YAML written by rule authors, read with the same safe, bounded YAML as captures.
    private static final ObjectMapper YAML = io.netrules.parse.InputLimits.DEFAULTS.yamlMapper();

    private RuleCaseFile() {
    }

    /** Every cases file under a rules folder, sorted. */
    public static List<Path> find(Path rulesDir) throws IOException {
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            return walk.filter(p -> p.getParent() != null && p.getParent().getFileName() != null
                            && "cases".equals(p.getParent().getFileName().toString())
                            && p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        }
    }

    public static List<RuleCase> read(Path file, String display) throws CaptureException {
        JsonNode root;
        try {
            var limits = io.netrules.parse.InputLimits.DEFAULTS;
            try (var parser = limits.boundedYaml(YAML.getFactory().createParser(file.toFile()))) {
                root = YAML.readTree(parser);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CaptureException(display + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid YAML"));
        } catch (IOException e) {
            throw new CaptureException(display + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.hasNonNull("rule") || !root.path("cases").isArray()) {
            throw new CaptureException(display + ": a cases file needs 'rule:' and a 'cases:' list");
        }
        String rule = root.get("rule").asText();
        List<RuleCase> cases = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            i++;
            String name = c.hasNonNull("name") ? c.get("name").asText() : "case " + i;
            if (!c.has("expect") || !c.get("expect").isArray()) {
                throw new CaptureException(display + ": case '" + name + "' needs an 'expect:' list ([] for a near miss)");
            }
            List<String> delete = new ArrayList<>();
            c.path("delete").forEach(d -> delete.add(d.asText()));
            Map<String, String> files = new LinkedHashMap<>();
            c.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
            Map<String, List<RuleCase.Edit>> patch = new LinkedHashMap<>();
            c.path("patch").fields().forEachRemaining(e -> {
                List<RuleCase.Edit> edits = new ArrayList<>();
                e.getValue().forEach(ed -> edits.add(new RuleCase.Edit(ed.path("find").asText(),
                        ed.path("replace").asText())));
                patch.put(e.getKey(), edits);
            });
            List<RuleCase.Expected> expect = new ArrayList<>();
            for (JsonNode x : c.get("expect")) {
                List<String> explainedBy = null;
                if (x.has("explainedBy")) {
                    explainedBy = new ArrayList<>();
                    for (JsonNode id : x.get("explainedBy")) {
                        explainedBy.add(id.asText());
                    }
                }
                expect.add(new RuleCase.Expected(x.hasNonNull("node") ? x.get("node").asText() : null,
                        x.hasNonNull("subject") ? x.get("subject").asText() : null, explainedBy));
            }
            List<String> notEvaluated = null;
            if (c.has("notEvaluated")) {
                notEvaluated = new ArrayList<>();
                for (JsonNode n : c.get("notEvaluated")) {
                    notEvaluated.add(n.asText());
                }
            }
            cases.add(new RuleCase(display, rule, name, c.hasNonNull("base") ? c.get("base").asText() : null,
                    delete, files, patch, expect, notEvaluated));
        }
        return cases;
    }
}
