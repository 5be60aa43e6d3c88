package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleDoc;
import io.netrules.engine.RuleMeta;
import io.netrules.engine.RuleText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code netrules explain ID}: what a rule checks, what it needs, and what to do when it fires. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a rule: what it checks, the inputs it needs, its remediation and guide section.")
public final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A rule ID, e.g. NR-OVS-005.")
    String id;

    @Mixin
    RuleOptions rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleBase base = rules.loadOrReport(err);
        if (base == null) {
            return ExitCodes.BAD_INPUT;
        }
        RuleDoc doc = base.doc(id.strip().toUpperCase());
        if (doc == null) {
            err.println("netrules: no rule " + id + " (see netrules rules list)");
            return ExitCodes.BAD_INPUT;
        }
        out.print(render(doc));
        out.flush();
        return ExitCodes.OK;
    }

    static String render(RuleDoc doc) {
        StringBuilder sb = new StringBuilder();
        RuleText t = doc.text();
        sb.append(doc.id()).append("  ").append(doc.severity()).append("  layer ").append(doc.layer())
                .append("  scope ").append(doc.scope().name().toLowerCase())
                .append("  plugin ").append(doc.plugin() == null ? "any" : doc.plugin()).append('\n');
        sb.append("Guide: ").append(doc.guide()).append("\n\n");
        sb.append("What it checks\n").append(indent(t.summary())).append("\n\n");
        t.codes().forEach((param, texts) -> {
            sb.append("What <").append(param).append("> says, by the code the rule sets\n");
            texts.forEach((code, text) -> sb.append(indent(code + ": " + text)).append('\n'));
            sb.append('\n');
        });
        List<String> sets = inputs(doc);
        sb.append("Inputs it needs").append(doc.scope() == RuleMeta.Scope.NODE ? ", per node" : "")
                .append(sets.size() > 1 ? " (any one of these sets)\n" : "\n");
        for (String set : sets) {
            sb.append("  ").append(set).append('\n');
        }
        sb.append("  (when one is missing, the rule is reported as not evaluated, never as a finding)\n\n");
        sb.append("Why it breaks traffic\n").append(indent(t.why())).append("\n\n");
        if (t.fixOpenShift4().isEmpty()) {
            sb.append("How to fix\n").append(indent(t.fix())).append("\n\n");
        } else {
            sb.append("How to fix (OKD/OpenShift 3.11)\n").append(indent(t.fix())).append("\n\n");
            sb.append("How to fix (OpenShift 4)\n").append(indent(t.fixOpenShift4())).append("\n\n");
        }
        sb.append("Defined in\n");
        for (RuleMeta m : doc.rules()) {
            sb.append("  ").append(m.file()).append(':').append(m.line()).append("  \"").append(m.ruleName())
                    .append("\"\n");
        }
        sb.append("  ").append(t.file()).append('\n');
        return sb.toString();
    }

    /** Each DRL rule's set of requirements, as file names; one line per distinct set. */
    static List<String> inputs(RuleDoc doc) {
        Set<String> lines = new LinkedHashSet<>();
        for (RuleMeta m : doc.rules()) {
            List<String> all = new ArrayList<>();
            for (List<String> alternatives : m.requires()) {
                List<String> names = new ArrayList<>();
                for (String a : alternatives) {
                    names.add(io.netrules.engine.InputNames.fileName(a));
                }
                all.add(String.join(" or ", names));
            }
            if (!all.isEmpty()) {
                lines.add(String.join(", ", all));
            }
        }
        if (lines.isEmpty()) {
            lines.add("none beyond the facts it matches");
        }
        return new ArrayList<>(lines);
    }

    private static String indent(String text) {
        // Parameters are only known for a finding: show them as <name>.
        String s = text.replaceAll("\\{([A-Za-z][A-Za-z0-9_]*)}", "<$1>");
        StringBuilder sb = new StringBuilder();
        s.lines().forEach(l -> sb.append(l.isEmpty() ? "" : "  " + l).append('\n'));
        return sb.toString().stripTrailing();
    }
}
