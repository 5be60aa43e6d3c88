package io.netrules.cli;

import io.netrules.ExitCodes;

import io.netrules.probe.ProbeLine;
import io.netrules.probe.Prober;
import io.netrules.probe.TcpTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netrules probe}: active probes from where it runs, printed as probes.jsonl lines. Live
 * mode runs it in a collector pod to probe services from a node.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probe from here and print the results as probes/probes.jsonl lines (capture-layout): "
                + "--url looks the host up, connects to each address and sends one HTTP(S) request without "
                + "checking the certificate; --tcp connects.",
                "Exit status: 0 the probes ran (whatever they found), 2 bad usage."})
public final class ProbeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "WHO", defaultValue = "client",
            description = "Who probes, as probes.jsonl says it: client, node/<name> (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = CollectCommand.DurationConverter.class,
            description = "Time limit of each probe (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--url", paramLabel = "URL", description = "An http:// or https:// URL.")
    String url;

    @Option(names = "--tcp", paramLabel = "HOST:PORT[,service=NS/NAME|,endpointOf=NS/NAME]",
            description = "Connect; repeatable.")
    List<String> tcp = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!from.equals("client") && !from.matches("(node|pod)/[A-Za-z0-9_.:/-]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from " + from + ": expected client, node/<name> or pod/<namespace>/<name>");
        }
        List<TcpTarget> targets = new ArrayList<>();
        try {
            if (url != null) {
                Prober.checkUrl(url);
            }
            for (String t : tcp) {
                targets.add(TcpTarget.parse(t));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (url == null && targets.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to probe: give --url or --tcp");
        }
        try (Prober prober = new Prober(from, timeout, "netrules/" + new Main.Version().version())) {
            List<ProbeLine> lines = new ArrayList<>();
            if (url != null) {
                lines.addAll(prober.url(url));
            }
            List<Callable<ProbeLine>> probes = new ArrayList<>();
            for (TcpTarget t : targets) {
                probes.add(() -> prober.tcp(t.host(), t.port(), t.service(), t.endpointOf()));
            }
            lines.addAll(prober.all(probes));
            lines.forEach(l -> out.println(l.json()));
        }
        out.flush();
        return ExitCodes.OK;
    }

}
