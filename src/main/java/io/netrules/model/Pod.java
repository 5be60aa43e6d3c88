package io.netrules.model;

import java.util.Map;

/** A pod as the API sees it: where it runs, its addresses, phase and readiness. */
public record Pod(String namespace, String name, String nodeName, String phase, String podIP, String hostIP,
                  boolean hostNetwork, boolean ready, Map<String, String> labels, Source source) implements Sourced {
    public Pod {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean running() {
        return "Running".equals(phase);
    }
}
