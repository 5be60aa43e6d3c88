package io.netrules.model;

import java.util.List;

/**
 * One line of {@code probes/probes.jsonl}: an active test and what it got. {@code from} is
 * {@code client}, {@code node/<name>} or {@code pod/<ns>/<name>}; {@code kind} is dns, tcp,
 * http, ping or tracepath. DNS probes carry {@code answers} (empty = no address) and no result.
 */
public record ProbeResult(String from, String kind, String name, String host, Integer port, String url,
                          String service, String endpointOf, String toPod, String result, Integer status,
                          List<String> answers, Source source) implements Sourced {
    public ProbeResult {
        answers = answers == null ? null : List.copyOf(answers);
    }

    /** The node that ran the probe, or null when it ran from the client or a pod. */
    public String fromNode() {
        return from != null && from.startsWith("node/") ? from.substring(5) : null;
    }

    public boolean ok() {
        return "ok".equals(result);
    }
}
