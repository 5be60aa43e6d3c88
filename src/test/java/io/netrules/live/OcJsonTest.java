package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.TestPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A List written from its items is byte for byte what `oc get -o json` printed (the samples are oc's output). */
class OcJsonTest {

    static Stream<Path> clusterFiles() throws Exception {
        return Stream.of("broken-service-endpoints", "healthy-3node").flatMap(s -> {
            try {
                return Files.list(TestPaths.sample(s).resolve("cluster")).sorted();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("clusterFiles")
    void rewritingTheItemsGivesTheSameBytes(Path file) throws Exception {
        JsonNode list = OcJson.MAPPER.readTree(file.toFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OcJson w = new OcJson(out)) {
            for (JsonNode item : list.get("items")) {
                w.item(item);
            }
            w.finish();
        }
        assertEquals(Files.readString(file), out.toString(StandardCharsets.UTF_8), file.toString());
    }
}
