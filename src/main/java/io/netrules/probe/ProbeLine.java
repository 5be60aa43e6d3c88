package io.netrules.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One line of {@code probes/probes.jsonl} (capture-layout.md), as netrules' own probes write it:
 * {@code from}, {@code kind}, then what was probed, then the result. A DNS line carries
 * {@code answers} (empty = no address) and a result only when no answer came in time.
 * {@code detail} says what went wrong when the result is {@code error}.
 */
public record ProbeLine(String from, String kind, String name, List<String> answers, String host, Integer port,
                        String url, String service, String endpointOf, String result, Integer status,
                        String detail) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String TIMEOUT = "timeout";
    public static final String UNREACHABLE = "unreachable";
    public static final String ERROR = "error";

    public ProbeLine {
        answers = answers == null ? null : List.copyOf(answers);
    }

    static ProbeLine dns(String from, String name, List<String> answers, String result) {
        return new ProbeLine(from, "dns", name, answers, null, null, null, null, null, result, null, null);
    }

    static ProbeLine tcp(String from, String host, int port, String service, String endpointOf, Outcome o) {
        return new ProbeLine(from, "tcp", null, null, host, port, null, service, endpointOf, o.result(), null,
                o.detail());
    }

    static ProbeLine http(String from, String url, Outcome o, Integer status) {
        // A probes file travels with the capture: a user:password in --url stays out of it.
        return new ProbeLine(from, "http", null, null, null, null, Prober.withoutUserInfo(url), null, null,
                o.result(), status, o.detail());
    }

    /** A result and, for an error, what it was. */
    record Outcome(String result, String detail) {
        static final Outcome OK = new Outcome(ProbeLine.OK, null);
    }

    /** The line, fields in a fixed order, absent ones left out. */
    public String json() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("from", from);
        n.put("kind", kind);
        if (name != null) {
            n.put("name", name);
        }
        if (answers != null) {
            ArrayNode a = n.putArray("answers");
            answers.forEach(a::add);
        }
        if (host != null) {
            n.put("host", host);
        }
        if (port != null) {
            n.put("port", port);
        }
        if (url != null) {
            n.put("url", url);
        }
        if (service != null) {
            n.put("service", service);
        }
        if (endpointOf != null) {
            n.put("endpointOf", endpointOf);
        }
        if (result != null) {
            n.put("result", result);
        }
        if (status != null) {
            n.put("status", status);
        }
        if (detail != null) {
            n.put("detail", detail);
        }
        return n.toString();
    }
}
