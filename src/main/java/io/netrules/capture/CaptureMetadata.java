package io.netrules.capture;

import io.netrules.parse.InputLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capture.json}: format, when it was collected, what the user could not reach, and what
 * the collector could not collect (and why). Every field is optional.
 */
public record CaptureMetadata(String format, String collectedAt, String targetUrl, List<NotCollected> notCollected) {

    /** An input the collector tried and failed to get, for a node (null = cluster scope). */
    public record NotCollected(String node, String what, String why) {
    }

    public static final CaptureMetadata NONE = new CaptureMetadata(null, null, null, List.of());

    public CaptureMetadata {
        notCollected = notCollected == null ? List.of() : List.copyOf(notCollected);
    }

    public static CaptureMetadata read(Path file, String display) throws CaptureException {
        return read(file, display, InputLimits.DEFAULTS);
    }

    public static CaptureMetadata read(Path file, String display, InputLimits limits) throws CaptureException {
        JsonNode root;
        try {
            root = limits.jsonMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String limit = InputLimits.constraintHit(e);
            if (limit != null) {
                throw new CaptureLimitException(display, loc == null ? 0 : loc.getLineNr(),
                        loc == null ? 0 : loc.getColumnNr(), "over a reading limit (" + limit + "; --limit json-depth,"
                        + " string-length)");
            }
            throw new CaptureException(display + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid JSON"));
        } catch (IOException e) {
            throw new CaptureException(display + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CaptureException(display + ": expected a JSON object");
        }
        List<NotCollected> missing = new ArrayList<>();
        for (JsonNode n : root.path("notCollected")) {
            missing.add(new NotCollected(text(n, "node"), text(n, "what"), text(n, "why")));
        }
        return new CaptureMetadata(text(root, "format"), text(root, "collectedAt"),
                text(root.path("target"), "url"), missing);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static boolean exists(Path root) {
        return Files.isRegularFile(root.resolve("capture.json"));
    }
}
