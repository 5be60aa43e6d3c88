package io.netrules.cli;

import io.netrules.ExitCodes;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code netrules} command: picocli wiring only; each subcommand is its own class. */
@Command(name = "netrules", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds where OpenShift SDN networking (openshift-sdn, Open vSwitch) is broken, and what to do.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
                "2:bad usage or unreadable input", "3:collection failed", "4:internal error"},
        subcommands = {DiagnoseCommand.class, BatchCommand.class, ExplainCommand.class, RulesCommand.class, CollectCommand.class, ProbeCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed (see netrules --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status; tests call this. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Unexpected failures are netrules' own bugs: one line, exit 4, no stack trace
            // unless asked for with NETRULES_DEBUG.
            commandLine.getErr().println("netrules: internal error: " + ex);
            if (System.getenv("NETRULES_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("netrules: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    /** Reads the version Maven wrote into netrules.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"netrules " + version()};
        }

        String version() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/netrules.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }
    }
}
