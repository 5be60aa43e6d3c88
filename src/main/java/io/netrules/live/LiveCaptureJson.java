package io.netrules.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.capture.CaptureMetadata.NotCollected;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code capture.json} of a live capture (capture-layout.md): one writer, no merging. */
final class LiveCaptureJson {
    static final String FORMAT = "netrules-capture/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LiveCaptureJson() {
    }

    static void write(Path dir, Instant collectedAt, String targetUrl, List<NotCollected> notCollected)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("collectedAt", collectedAt.toString());
        if (targetUrl != null) {
            root.putObject("target").put("url", targetUrl);
        }
        List<NotCollected> sorted = new ArrayList<>(notCollected);
        sorted.sort(Comparator.<NotCollected, String>comparing(n -> n.node() == null ? "" : n.node())
                .thenComparing(n -> n.what() == null ? "" : n.what()));
        ArrayNode list = root.putArray("notCollected");
        for (NotCollected nc : sorted) {
            ObjectNode n = list.addObject();
            if (nc.node() != null) {
                n.put("node", nc.node());
            }
            n.put("what", nc.what());
            n.put("why", nc.why());
        }
        Files.write(dir.resolve("capture.json"), (MAPPER.writeValueAsString(root) + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
