package io.netrules.plugins.ovnkubernetes.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an OVSDB schema (RFC 7047 section 3.2) the reader needs: which tables and
 * columns exist, whether a column can hold more than one element (then a diff in the log is a
 * set/map update, otherwise the new value), what an unwritten column holds (the log omits
 * columns at their default), and which table a UUID column refers to.
 */
public record OvsdbSchema(String name, String version, Map<String, Map<String, Column>> tables) {

    /**
     * @param keyType    atomic type of the keys (integer, real, boolean, string, uuid)
     * @param valueType  atomic type of the values for a map, null for a set or scalar
     * @param refTable   table a UUID key refers to, or null
     * @param min        0 for optional and set columns, 1 for scalars
     * @param max        1 for scalars and optionals, more (Long.MAX_VALUE for "unlimited") for sets and maps
     */
    public record Column(String keyType, String valueType, String refTable, long min, long max) {
        /** Can hold more than one element: the log writes its changes as diffs. */
        public boolean composite() {
            return max > 1;
        }

        public boolean isMap() {
            return valueType != null;
        }

        /** The value of a column the log did not write (ovsdb_datum_init_default()). */
        public Datum defaultValue() {
            if (min == 0) {
                return isMap() ? Datum.EMPTY_MAP : Datum.EMPTY_SET;
            }
            return Datum.atom(switch (keyType) {
                case "integer" -> 0L;
                case "real" -> 0.0;
                case "boolean" -> false;
                case "uuid" -> Uuid.of("00000000-0000-0000-0000-000000000000");
                default -> "";
            });
        }
    }

    public Column column(String table, String column) {
        Map<String, Column> t = tables.get(table);
        return t == null ? null : t.get(column);
    }

    /** Reads a schema; throws for JSON that is not one (no "name" or no "tables" object). */
    static OvsdbSchema fromJson(JsonNode json) throws OvsdbDataException {
        if (!json.isObject() || !json.path("name").isTextual() || !json.path("tables").isObject()) {
            throw new OvsdbDataException("not an OVSDB schema (an object with \"name\" and \"tables\")");
        }
        Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> t : json.get("tables").properties()) {
            JsonNode columns = t.getValue().path("columns");
            if (!columns.isObject()) {
                throw new OvsdbDataException("schema table " + t.getKey() + " has no \"columns\" object");
            }
            Map<String, Column> cols = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> c : columns.properties()) {
                cols.put(c.getKey(), column(t.getKey() + "." + c.getKey(), c.getValue().path("type")));
            }
            tables.put(t.getKey(), Collections.unmodifiableMap(cols));
        }
        return new OvsdbSchema(json.get("name").textValue(), json.path("version").asText(null),
                Collections.unmodifiableMap(tables));
    }

    private static Column column(String where, JsonNode type) throws OvsdbDataException {
        if (type.isTextual()) {
            return new Column(type.textValue(), null, null, 1, 1);
        }
        if (!type.isObject()) {
            throw new OvsdbDataException("schema column " + where + " has no type");
        }
        JsonNode key = type.path("key");
        JsonNode value = type.path("value");
        String keyType = key.isTextual() ? key.textValue() : key.path("type").asText("");
        String refTable = key.isObject() && key.path("refTable").isTextual() ? key.get("refTable").textValue() : null;
        String valueType = value.isMissingNode() ? null
                : value.isTextual() ? value.textValue() : value.path("type").asText("");
        long min = type.path("min").asLong(1);
        JsonNode maxNode = type.path("max");
        long max = maxNode.isTextual() && maxNode.textValue().equals("unlimited") ? Long.MAX_VALUE
                : maxNode.asLong(1);
        if (keyType.isEmpty()) {
            throw new OvsdbDataException("schema column " + where + " has no key type");
        }
        return new Column(keyType, valueType, refTable, min, max);
    }
}
