package io.netrules.live;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes a v1 List exactly as {@code oc get <kind> -o json} prints it: four-space indent,
 * {@code "key": value}, keys sorted, {@code []} and {@code {}} when empty, and the List's own
 * {@code kind} and {@code metadata} after the items. A live list and a hand-made capture then
 * read the same, down to the line numbers in the evidence. Items are streamed one at a time, so
 * a large pods list is never held whole.
 */
final class OcJson implements Closeable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonGenerator g;

    OcJson(OutputStream out) throws IOException {
        g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(new OcPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeFieldName("items");
        g.writeStartArray();
    }

    /** Writes one item, its keys sorted as oc sorts them. */
    void item(JsonNode item) throws IOException {
        MAPPER.writeTree(g, sorted(item));
    }

    /** Ends the List; the stream is left open. */
    void finish() throws IOException {
        g.writeEndArray();
        g.writeStringField("kind", "List");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("resourceVersion", "");
        g.writeStringField("selfLink", "");
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = MAPPER.createObjectNode();
            for (String n : names) {
                out.set(n, sorted(obj.get(n)));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = MAPPER.createArrayNode();
            arr.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    /** Go's json.MarshalIndent(v, "", "    "), which oc uses. */
    static final class OcPrettyPrinter extends DefaultPrettyPrinter {
        OcPrettyPrinter() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""));
            DefaultIndenter four = new DefaultIndenter("    ", "\n");
            indentObjectsWith(four);
            indentArraysWith(four);
        }

        OcPrettyPrinter(OcPrettyPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new OcPrettyPrinter(this);
        }
    }
}
