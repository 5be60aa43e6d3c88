package io.netrules.parse.ip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netrules.model.Source;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.io.IOException;
import java.io.Reader;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Streams the JSON that {@code ip -j} prints (an array of objects, one line or pretty-printed
 * with {@code -p}) item by item, for {@link IpJsonAddressParser} and {@link IpJsonRouteParser}.
 * The lines are fed to Jackson as they are read, so Jackson's line numbers are the file's; each
 * item is built as a tree that remembers the line where each of its objects starts. A file that
 * does not start with JSON holds the tool's failure ({@code Option "-j" is unknown, try "ip
 * -help".} on iproute2 older than 4.14, {@code command not found}) or is not this output.
 */
final class IpJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IpJson() {
    }

    /** One top-level item and the start lines of its objects (the item's own included). */
    record Item(ObjectNode node, Map<JsonNode, Integer> lines) {
        int line() {
            return lineOf(node);
        }

        int lineOf(JsonNode n) {
            Integer l = lines.get(n);
            return l == null ? 0 : l;
        }
    }

    interface ItemHandler {
        void item(Item item, ParseContext ctx);
    }

    static void read(Iterable<Line> lines, ParseContext ctx, String what, ItemHandler handler) {
        Iterator<Line> it = lines.iterator();
        Line first = null;
        while (it.hasNext()) {
            Line l = it.next();
            if (!l.text().isBlank()) {
                first = l;
                break;
            }
        }
        if (first == null) {
            return;
        }
        String start = first.text().strip();
        if (!start.startsWith("[") && !start.startsWith("{")) {
            notJson(first, ctx, what);
            while (it.hasNext()) {
                Line l = it.next();
                if (!l.text().isBlank()) {
                    notJson(l, ctx, what);
                }
            }
            return;
        }
        JsonParser[] parser = new JsonParser[1];
        LinesReader reader = new LinesReader(first, it);
        try (JsonParser p = ctx.limits().jsonFactory().createParser(reader)) {
            parser[0] = p;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == null) {
                            throw new JsonEndException(p.currentLocation().getLineNr());
                        }
                        value(p, ctx, handler);
                    }
                } else {
                    value(p, ctx, handler);
                }
            }
        } catch (JsonEOFException e) {
            int line = reader.lineOf(e.getLocation());
            ctx.warn(line, "the " + what + " JSON ends before it is closed (cut short?)");
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // It carries no location; the parser knows where it stopped.
            int line = reader.lineOf(e.getLocation() != null ? e.getLocation()
                    : parser[0] == null ? null : parser[0].currentLocation());
            ctx.warn(line, "over a reading limit, the rest of the " + what + " output is not read: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " (--limit json-depth, string-length)");
        } catch (JsonProcessingException e) {
            int line = reader.lineOf(e.getLocation());
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            if (message.startsWith("Unexpected end-of-input")) {
                ctx.warn(line, "the " + what + " JSON ends before it is closed (cut short?)");
            } else {
                ctx.warn(line, "not valid JSON, the rest of the " + what + " output is not read: " + message);
            }
        } catch (JsonEndException e) {
            ctx.warn(Math.min(e.line, reader.last), "the " + what + " JSON ends before its closing ']' (cut short?)");
        } catch (IOException e) {
            ctx.warn(0, "cannot read the " + what + " JSON: " + e.getMessage());
        }
    }

    /** One top-level value (an array element, or a value outside any array). */
    private static void value(JsonParser p, ParseContext ctx, ItemHandler handler) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            ctx.warn(line, "expected a JSON object, found " + p.currentToken().asString());
            p.skipChildren();
            return;
        }
        Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        ObjectNode node = (ObjectNode) tree(p, lines);
        try {
            handler.item(new Item(node, lines), ctx);
        } catch (RuntimeException e) {
            ctx.warn(line, "cannot read this item: " + e.getMessage());
        }
    }

    /** The value at the current token, as a tree; objects' start lines go into lines. */
    private static JsonNode tree(JsonParser p, Map<JsonNode, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                lines.put(o, p.currentTokenLocation().getLineNr());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, tree(p, lines));
                }
                if (p.currentToken() == null) {
                    throw new JsonEndException(p.currentLocation().getLineNr());
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new JsonEndException(p.currentLocation().getLineNr());
                    }
                    a.add(tree(p, lines));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonEndException(p.currentTokenLocation().getLineNr());
        }
    }

    private static void notJson(Line line, ParseContext ctx, String what) {
        String text = line.text().strip();
        ToolErrorKind kind = IpText.failureKind(text);
        if (kind != null) {
            ctx.toolFailed(kind, line);
        } else if (!IpText.isText(text)) {
            ctx.warn(line, "unreadable bytes in " + what + " output");
        } else {
            ctx.warn(line, "not " + what + " JSON output");
        }
    }

    /** A text or null: a missing key and JSON null both give null; a number gives its digits. */
    static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new IllegalArgumentException("'" + key + "' is not a single value");
        }
        return v.asText();
    }

    /** A whole number or null; a number in a string is accepted, anything else throws. */
    static Long number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.valueOf(v.asText().strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a whole number: " + v);
    }

    /**
     * The Source of an object: the line where it starts, and the object in one line of JSON
     * (without nested objects and arrays of objects when {@code flat}; a pretty-printed
     * {@code ip -j -p} file would otherwise show only a lone brace).
     */
    static Source source(ParseContext ctx, Item item, JsonNode node, boolean flat) {
        JsonNode shown = node;
        if (flat && node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.properties().forEach(e -> {
                JsonNode v = e.getValue();
                boolean scalars = v.isValueNode() || v.isArray() && !v.isEmpty() && v.get(0).isValueNode()
                        || v.isArray() && v.isEmpty();
                if (scalars) {
                    copy.set(e.getKey(), v);
                }
            });
            shown = copy;
        }
        return ctx.source(item.lineOf(node), shown.toString());
    }

    /** The file ended inside the JSON. */
    private static final class JsonEndException extends IOException {
        final int line;

        JsonEndException(int line) {
            super("JSON ends early");
            this.line = line;
        }
    }

    /**
     * The lines as one character stream for Jackson: each line followed by {@code \n}, with the
     * blank lines before the first one kept as empty lines so that line numbers agree.
     */
    private static final class LinesReader extends Reader {
        private final Iterator<Line> rest;
        private String buffer;
        private int pos;
        /** The number of the last line handed to Jackson. */
        private int last;

        LinesReader(Line first, Iterator<Line> rest) {
            this.rest = rest;
            this.last = first.number();
            this.buffer = "\n".repeat(Math.max(0, first.number() - 1)) + first.text() + "\n";
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (pos >= buffer.length()) {
                if (!rest.hasNext()) {
                    return -1;
                }
                Line line = rest.next();
                buffer = line.text() + "\n";
                last = line.number();
                pos = 0;
            }
            int n = Math.min(len, buffer.length() - pos);
            buffer.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // the lines belong to the caller
        }

        /**
         * The file line of a Jackson location: at the end of input Jackson counts the line after
         * the last line's end, which is not in the file.
         */
        int lineOf(com.fasterxml.jackson.core.JsonLocation location) {
            return location == null ? 0 : Math.min(location.getLineNr(), last);
        }
    }
}
