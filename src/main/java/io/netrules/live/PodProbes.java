package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.probe.TcpTarget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * With {@code --exec-collect}, {@code --service} probes run from a node, as the service's clients
 * do: {@code netrules probe} is exec'd in one collector pod (the first node's, by name), and the
 * lines it prints go into probes.jsonl as they are.
 */
final class PodProbes {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SCRIPT = "exec \"${NETRULES:-" + ExecCollector.NETRULES + "}\" probe \"$@\"";

    private PodProbes() {
    }

    static List<String> command(String node, Duration timeout, List<TcpTarget> targets) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", SCRIPT, "netrules-probe", "--from", "node/" + node,
                "--timeout", timeout.toMillis() + "ms"));
        for (TcpTarget t : targets) {
            cmd.add("--tcp");
            cmd.add(t.toString());
        }
        return cmd;
    }

    /** The probes.jsonl lines the pod printed; none (with a line on err) when it could not probe. */
    static List<String> run(NodeExec exec, String namespace, Map<String, String> podByNode, String service,
                            List<TcpTarget> targets, Duration timeout, PrintWriter err) {
        if (targets.isEmpty()) {
            return List.of();
        }
        if (podByNode.isEmpty()) {
            err.println("netrules: --service " + service + " not probed: no ready " + ExecCollector.LABEL_VALUE
                    + " pod to probe from");
            return List.of();
        }
        String node = podByNode.keySet().iterator().next();
        String pod = podByNode.get(node);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // Probes run at once in the pod; the JVM's start is the rest.
            NodeExec.Result r = exec.exec(namespace, pod, ExecCollector.CONTAINER, command(node, timeout, targets), out,
                    timeout.multipliedBy(2).plusSeconds(60));
            if (r.exitStatus() != null && r.exitStatus() != 0) {
                err.println("netrules: --service " + service + " not probed: netrules probe in pod " + pod
                        + " exited with status " + r.exitStatus() + ": " + ApiFailure.firstLine(r.stderr()));
                return List.of();
            }
        } catch (TimeoutException e) {
            err.println("netrules: --service " + service + " not probed: netrules probe in pod " + pod + " did not finish");
            return List.of();
        } catch (IOException e) {
            err.println("netrules: --service " + service + " not probed: exec in pod " + pod + " failed: "
                    + ApiFailure.firstLine(e.getMessage()));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = io.netrules.parse.InputLimits.DEFAULTS.jsonMapper().readTree(line);
                if (n != null && n.isObject() && n.hasNonNull("kind") && ("node/" + node).equals(n.path("from").asText())) {
                    lines.add(line.strip());
                    continue;
                }
            } catch (IOException e) {
                // reported below
            }
            err.println("netrules: --service " + service + ": pod " + pod + " printed a line that is not a probe "
                    + "result; ignored");
        }
        return lines;
    }
}
