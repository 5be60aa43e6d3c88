package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.CommandParser;
import io.netrules.parse.ParseContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the OVN node-input samples ({@code parsers/ovn/}) and runs a parser on them. */
final class Samples {
    static final String NODE = "worker-0";

    private Samples() {
    }

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/parsers/ovn/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses text as the file {@code nodes/worker-0/<file>} of the input {@code input}. */
    static ParseContext.Collecting parse(CommandParser parser, String file, String input, String text) {
        return ParseContext.collecting(NODE, "nodes/" + NODE + "/" + file, input).parse(parser, text);
    }
}
