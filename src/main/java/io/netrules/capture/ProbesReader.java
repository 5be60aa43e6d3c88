package io.netrules.capture;

import io.netrules.parse.InputLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.model.ParseWarning;
import io.netrules.model.ProbeResult;
import io.netrules.model.Source;
import io.netrules.parse.Line;
import io.netrules.parse.Lines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code probes/probes.jsonl}, one probe result a line. A line that is not a JSON object
 * is a warning with its line number; the other lines still count.
 */
public final class ProbesReader {
    private ProbesReader() {
    }

    public static int read(Path file, String display, Consumer<Object> facts, Consumer<ParseWarning> warnings)
            throws CaptureException {
        return read(file, display, facts, warnings, InputLimits.DEFAULTS);
    }

    /** Reads within these limits: a line over the line-length limit, or too deep a JSON object, is a warning. */
    public static int read(Path file, String display, Consumer<Object> facts, Consumer<ParseWarning> warnings,
                           InputLimits limits) throws CaptureException {
        int count = 0;
        ObjectMapper mapper = limits.jsonMapper();
        try (Lines lines = Lines.open(file, limits.lineLength(), (n, length) -> warnings.accept(
                longLine(display, n, length, limits)))) {
            for (Line line : lines) {
                String text = line.text().strip();
                if (text.isEmpty()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = mapper.readTree(text);
                } catch (IOException e) {
                    String limit = InputLimits.constraintHit(e);
                    warnings.accept(new ParseWarning(display, line.number(), limit != null
                            ? "over a reading limit (" + limit + "); line ignored" : "not a JSON object; line ignored"));
                    continue;
                }
                if (n == null || !n.isObject() || !n.hasNonNull("kind")) {
                    warnings.accept(new ParseWarning(display, line.number(),
                            "not a probe result (needs a JSON object with \"kind\"); line ignored"));
                    continue;
                }
                List<String> answers = null;
                if (n.has("answers") && n.get("answers").isArray()) {
                    answers = new ArrayList<>();
                    for (JsonNode a : n.get("answers")) {
                        answers.add(a.asText());
                    }
                }
                facts.accept(new ProbeResult(text(n, "from"), text(n, "kind"), text(n, "name"), text(n, "host"),
                        n.hasNonNull("port") ? n.get("port").asInt() : null, text(n, "url"), text(n, "service"),
                        text(n, "endpointOf"), text(n, "toPod"), text(n, "result"),
                        n.hasNonNull("status") ? n.get("status").asInt() : null, answers,
                        Source.of(display, line.number(), text)));
                count++;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CaptureException(display + ": cannot read: " + e.getMessage());
        }
        return count;
    }

    /** The warning for a line skipped for its length. */
    public static ParseWarning longLine(String display, int line, long length, InputLimits limits) {
        return new ParseWarning(display, line, "line of " + length + " characters is longer than the line-length"
                + " limit (" + limits.lineLength() + ", --limit line-length); skipped");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
