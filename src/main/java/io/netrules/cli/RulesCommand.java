package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.engine.RuleBase;
import io.netrules.engine.RuleDoc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code netrules rules}: what the rule base holds. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work with rules.",
        subcommands = {RulesCommand.ListCommand.class, RulesValidateCommand.class, RulesTestCommand.class})
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (see rules --help)");
    }

    /** {@code netrules rules list}: one line per rule ID. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every rule ID with its severity, layer, scope and guide section.")
    static final class ListCommand implements Callable<Integer> {
        enum Format { text, markdown }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RuleOptions rules;

        @Option(names = "--format", defaultValue = "text", description = "text or markdown (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleBase base = rules.loadOrReport(spec.commandLine().getErr());
            if (base == null) {
                return ExitCodes.BAD_INPUT;
            }
            if (format == Format.markdown) {
                out.println("| ID | severity | layer | scope | summary | guide |");
                out.println("|---|---|---|---|---|---|");
                for (RuleDoc d : base.docs().values()) {
                    out.printf("| %s | %s | %s | %s | %s | %s |%n", d.id(), d.severity(), d.layer(),
                            d.scope().name().toLowerCase(), firstSentence(d.text().summary(), "_$1_").replace("|", "\\|"),
                            d.guide());
                }
            } else {
                for (RuleDoc d : base.docs().values()) {
                    out.printf("%-12s %-5s %-13s %-7s %s%n", d.id(), d.severity(), d.layer(),
                            d.scope().name().toLowerCase(), firstSentence(d.text().summary(), "<$1>"));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        /** The summary's first sentence, its parameters shown in the given style ({@code $1} = name). */
        private static String firstSentence(String s, String parameterStyle) {
            String oneLine = s.replace('\n', ' ').replaceAll("\\{([A-Za-z][A-Za-z0-9_]*)}", parameterStyle).strip();
            int dot = oneLine.indexOf(". ");
            return dot < 0 ? oneLine : oneLine.substring(0, dot + 1);
        }
    }
}
