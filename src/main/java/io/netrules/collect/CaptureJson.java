package io.netrules.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.capture.CaptureMetadata.NotCollected;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a capture's {@code capture.json} for one node's collection, merged with what is
 * already there: other nodes collected into the same folder keep their entries, this node's
 * old entries are replaced, fields netrules does not write ({@code target}...) are kept, and
 * {@code collectedAt} stays the earliest collection. The file is locked while it is read and
 * rewritten, so collectors of several nodes may share one folder.
 */
final class CaptureJson {
    static final String FORMAT = "netrules-capture/1";
    static final String FILE = "capture.json";
    /** Held while capture.json is merged; a dot file, which the capture reader passes over. */
    static final String LOCK = ".capture.json.lock";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CaptureJson() {
    }

    /** Checks before collecting that an existing capture.json can be merged into. */
    static void check(Path out) throws CollectException {
        Path file = out.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            parse(Files.readAllBytes(file), file);
        } catch (IOException e) {
            throw new CollectException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Merges this node's collection into {@code out/capture.json}. Collectors of other nodes
     * may be merging into the same file: they take turns on a lock of {@code .capture.json.lock}.
     * The new content goes to {@code .capture.json.partial} and is renamed over capture.json,
     * so a collector killed while writing leaves the old file or the new one, never half of one.
     */
    static void merge(Path out, String node, Instant collectedAt, List<NotCollected> entries)
            throws IOException, CollectException {
        Path file = out.resolve(FILE);
        Path partial = out.resolve("." + FILE + ".partial");
        try (FileChannel lock = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lock.lock()) {
            byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            ObjectNode existing = parse(old, file);
            byte[] merged = MAPPER.writeValueAsBytes(merged(existing, node, collectedAt, entries));
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(merged);
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                ch.force(true);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static ObjectNode merged(ObjectNode existing, String node, Instant collectedAt, List<NotCollected> entries) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("collectedAt", earliest(existing.path("collectedAt").asText(null), collectedAt));
        for (Iterator<Map.Entry<String, JsonNode>> it = existing.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!List.of("format", "collectedAt", "notCollected").contains(e.getKey())) {
                root.set(e.getKey(), e.getValue());
            }
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode n : existing.path("notCollected")) {
            if (!Objects.equals(node, n.path("node").asText(null))) {
                list.add(n);
            }
        }
        for (NotCollected nc : entries) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("node", nc.node());
            n.put("what", nc.what());
            n.put("why", nc.why());
            list.add(n);
        }
        list.sort(Comparator.<JsonNode, String>comparing(n -> n.path("node").asText(""))
                .thenComparing(n -> n.path("what").asText("")));
        ArrayNode array = root.putArray("notCollected");
        list.forEach(array::add);
        return root;
    }

    private static String earliest(String old, Instant now) {
        Instant ours = now.truncatedTo(ChronoUnit.SECONDS);
        if (old != null) {
            try {
                Instant before = Instant.parse(old);
                if (before.isBefore(ours)) {
                    return old;
                }
            } catch (DateTimeParseException e) {
                // not a time netrules understands: replaced by ours
            }
        }
        return ours.toString();
    }

    private static ObjectNode parse(byte[] bytes, Path file) throws CollectException {
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode root;
        try {
            root = io.netrules.parse.InputLimits.DEFAULTS.jsonMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CollectException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + " (move it away, or collect into another --out)");
        } catch (IOException e) {
            throw new CollectException(file + ": cannot read: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode obj)) {
            throw new CollectException(file + ": expected a JSON object");
        }
        String format = obj.path("format").asText(null);
        if (format != null && !FORMAT.equals(format)) {
            throw new CollectException(file + ": format " + format + " is not " + FORMAT + "; collect into another --out");
        }
        if (obj.has("notCollected") && !obj.get("notCollected").isArray()) {
            throw new CollectException(file + ": notCollected is not a list");
        }
        return obj;
    }
}
