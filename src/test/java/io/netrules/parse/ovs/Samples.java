package io.netrules.parse.ovs;

import io.netrules.parse.CommandParser;
import io.netrules.parse.ParseContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the OVS samples from the test classpath and runs a parser on them. */
final class Samples {
    static final String NODE = "node-1";

    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/parsers/ovs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses text as the file {@code nodes/node-1/<file>} of the input {@code input}. */
    static ParseContext.Collecting parse(CommandParser parser, String file, String input, String detail, String text) {
        return ParseContext.collecting(NODE, "nodes/" + NODE + "/" + file, input, detail).parse(parser, text);
    }
}
