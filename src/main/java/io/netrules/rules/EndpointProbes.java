package io.netrules.rules;

import io.netrules.model.ProbeResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one prober's connection tests of one service's endpoints say (the guide, "Debugging a
 * Service": test each endpoint, note the ones that fail). An endpoint is an {@code ip:port}
 * (just the ip when the probe names no port). It <em>answers</em> when at least one probe of it
 * connected; it <em>fails</em> when it was probed and none connected. Probes that are not
 * connection tests, or have no result, are left out.
 *
 * @param answering the endpoints that answered, sorted
 * @param failing   the endpoints that did not, sorted, each with what its probes got
 *                  ({@code 10.130.0.5:8080 -> timeout})
 */
public record EndpointProbes(List<String> answering, Map<String, String> failing) {

    public EndpointProbes {
        answering = List.copyOf(answering);
        failing = java.util.Collections.unmodifiableMap(new TreeMap<>(failing));
    }

    /** Groups the probes (ProbeResult facts; anything else is ignored) by endpoint. */
    public static EndpointProbes of(List<?> probes) {
        TreeSet<String> answering = new TreeSet<>();
        Map<String, TreeSet<String>> failures = new TreeMap<>();
        if (probes != null) {
            for (Object o : probes) {
                if (!(o instanceof ProbeResult p) || p.host() == null || !Probes.connects(p.kind())) {
                    continue;
                }
                String endpoint = p.port() == null ? p.host() : p.host() + ":" + p.port();
                if (p.ok()) {
                    answering.add(endpoint);
                } else if (Probes.failed(p.result())) {
                    failures.computeIfAbsent(endpoint, k -> new TreeSet<>()).add(p.result());
                }
            }
        }
        Map<String, String> failing = new TreeMap<>();
        failures.forEach((endpoint, results) -> {
            if (!answering.contains(endpoint)) {
                failing.put(endpoint, String.join("/", results));
            }
        });
        return new EndpointProbes(new ArrayList<>(answering), failing);
    }

    /** At least one endpoint answered. */
    public boolean someAnswer() {
        return !answering.isEmpty();
    }

    /** At least one endpoint was probed and never answered. */
    public boolean someFail() {
        return !failing.isEmpty();
    }

    /** The addresses of the failing endpoints, sorted, without ports. */
    public List<String> failingIPs() {
        TreeSet<String> ips = new TreeSet<>();
        failing.keySet().forEach(e -> ips.add(ipOf(e)));
        return new ArrayList<>(ips);
    }

    /** The answering endpoints as {@code "a, b"}. */
    public String answeringText() {
        return String.join(", ", answering);
    }

    /**
     * The failing endpoints as {@code "10.130.0.5:8080 on node-3 (timeout), ..."}, with the node
     * each lives on where it is known.
     */
    public String failingText(Map<String, String> nodeOf) {
        List<String> parts = new ArrayList<>();
        failing.forEach((endpoint, results) -> {
            String node = nodeOf == null ? null : nodeOf.get(ipOf(endpoint));
            parts.add(endpoint + (node == null ? " on an unknown node" : " on " + node) + " (" + results + ")");
        });
        return String.join(", ", parts);
    }

    private static String ipOf(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }
}
