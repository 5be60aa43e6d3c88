package io.netrules.cli;

import io.netrules.ExitCodes;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code netrules completion bash}: prints the shell completion script picocli generates from
 * the command tree (subcommands, options, option values). Load it with
 * {@code source <(netrules completion bash)}; zsh reads the same script through bashcompinit.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for netrules.",
                "Load it now with:  source <(netrules completion bash)",
                "or for every shell: netrules completion bash > /etc/bash_completion.d/netrules"})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, or zsh (which runs the bash script through "
            + "bashcompinit).")
    Shell shell;

    @Override
    public Integer call() {
        // The script is generated from the root command, so it always matches this build's options.
        String script = AutoComplete.bash("netrules", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
