package io.netrules.plugins.ovnkubernetes.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database state while a log is replayed, with ovsdb/file.c's rules for a transaction
 * record ({@code ovsdb_file_txn_from_json()}): {@code {"<Table>": {"<uuid>": row or null},
 * "_date": ..., "_comment": ..., "_is_diff": true}}. null deletes the row; a row not yet there
 * is inserted (columns it does not name hold their default); a row already there gets the
 * columns named, each replaced by the new value or, when the record says {@code _is_diff} and
 * the column can hold several elements, changed by the diff ({@link Datum#applyDiff}).
 * A transaction is applied whole or not at all, as ovsdb-server does.
 */
final class Replay {
    private OvsdbSchema schema;
    private final Map<String, Map<String, MutableRow>> tables = new LinkedHashMap<>();
    /** The tables whose rows are kept ({@link OvsdbReader#readTables}); null: all. */
    private final java.util.Set<String> only;

    Replay() {
        this(null);
    }

    Replay(java.util.Set<String> only) {
        this.only = only;
    }

    private static final class MutableRow {
        final Map<String, Datum> columns = new LinkedHashMap<>();
        int line;
    }

    private record Change(String table, String uuid, JsonNode row) {
    }

    OvsdbSchema schema() {
        return schema;
    }

    /** A new schema: the first record of a standalone log, a snapshot, or a converting RAFT entry. */
    void reset(OvsdbSchema newSchema) {
        schema = newSchema;
        tables.clear();
    }

    /**
     * Applies one transaction record.
     *
     * @param line the line of the record, kept as where each row it writes was last written
     * @throws OvsdbDataException when the record is not a valid transaction for the schema
     *                            (nothing of it is applied then)
     */
    void apply(JsonNode txn, int line) throws OvsdbDataException {
        if (!txn.isObject()) {
            throw new OvsdbDataException("a transaction record is not a JSON object");
        }
        boolean diff = txn.path("_is_diff").isBoolean() && txn.get("_is_diff").booleanValue();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> t : txn.properties()) {
            String table = t.getKey();
            if (schema.tables().get(table) == null) {
                if (table.equals("_date") || table.equals("_comment") || table.equals("_is_diff")) {
                    continue;
                }
                throw new OvsdbDataException("no table named " + shorten(table) + " in schema " + schema.name());
            }
            if (only != null && !only.contains(table)) {
                continue;
            }
            if (!t.getValue().isObject()) {
                throw new OvsdbDataException("table " + table + " is not an object of rows");
            }
            for (Map.Entry<String, JsonNode> r : t.getValue().properties()) {
                JsonNode row = r.getValue();
                if (!row.isNull() && !row.isObject()) {
                    throw new OvsdbDataException("row " + shorten(r.getKey()) + " of " + table
                            + " is neither an object nor null");
                }
                changes.add(new Change(table, r.getKey(), row));
            }
        }
        // Validate everything first, so that a bad record leaves the state as it was. Each change's
        // values by its position (a record's hash would hash its whole JSON row).
        List<Map<String, Datum>> parsed = new ArrayList<>(changes.size());
        Map<String, Map<String, Boolean>> exists = new LinkedHashMap<>();
        for (Change c : changes) {
            Map<String, Boolean> seen = exists.computeIfAbsent(c.table, k -> new LinkedHashMap<>());
            boolean present = seen.getOrDefault(c.uuid, tables.getOrDefault(c.table, Map.of()).containsKey(c.uuid));
            if (c.row.isNull()) {
                if (!present) {
                    throw new OvsdbDataException("deletes row " + shorten(c.uuid) + " of " + c.table
                            + ", which does not exist");
                }
                seen.put(c.uuid, false);
                parsed.add(null);
                continue;
            }
            Map<String, Datum> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> col : c.row.properties()) {
                OvsdbSchema.Column type = schema.column(c.table, col.getKey());
                if (type == null) {
                    throw new OvsdbDataException("no column " + shorten(col.getKey()) + " in table " + c.table);
                }
                try {
                    values.put(col.getKey(), Datum.fromJson(col.getValue()));
                } catch (OvsdbDataException e) {
                    throw new OvsdbDataException(c.table + " " + shorten(c.uuid) + " column " + col.getKey()
                            + ": " + e.getMessage());
                }
            }
            parsed.add(values);
            seen.put(c.uuid, true);
        }
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            Map<String, MutableRow> rows = tables.computeIfAbsent(c.table, k -> new LinkedHashMap<>());
            if (c.row.isNull()) {
                rows.remove(c.uuid);
                continue;
            }
            MutableRow row = rows.get(c.uuid);
            boolean modify = row != null;
            if (!modify) {
                row = new MutableRow();
                rows.put(c.uuid, row);
            }
            row.line = line;
            for (Map.Entry<String, Datum> v : parsed.get(i).entrySet()) {
                OvsdbSchema.Column type = schema.column(c.table, v.getKey());
                Datum old = row.columns.get(v.getKey());
                if (modify && diff && type.composite()) {
                    // Every value a row holds here was parsed for it (not shared) but the defaults.
                    if (old == null || old == Datum.EMPTY_SET || old == Datum.EMPTY_MAP) {
                        row.columns.put(v.getKey(), type.defaultValue().applyDiff(v.getValue()));
                    } else {
                        old.applyDiffInPlace(v.getValue());
                    }
                } else {
                    row.columns.put(v.getKey(), v.getValue());
                }
            }
        }
    }

    /** The rows as they stand, every schema column filled in. */
    Map<String, Map<String, OvsdbRow>> rows() {
        Map<String, Map<String, OvsdbRow>> out = new LinkedHashMap<>();
        if (schema == null) {
            return out;
        }
        for (Map.Entry<String, Map<String, MutableRow>> t : tables.entrySet()) {
            Map<String, OvsdbSchema.Column> columns = schema.tables().get(t.getKey());
            Map<String, OvsdbRow> rows = new LinkedHashMap<>(capacity(t.getValue().size()));
            for (Map.Entry<String, MutableRow> r : t.getValue().entrySet()) {
                Map<String, Datum> values = new LinkedHashMap<>(capacity(columns.size()));
                for (Map.Entry<String, OvsdbSchema.Column> c : columns.entrySet()) {
                    Datum d = r.getValue().columns.get(c.getKey());
                    values.put(c.getKey(), d == null ? c.getValue().defaultValue() : d);
                }
                rows.put(r.getKey(), new OvsdbRow(t.getKey(), r.getKey(), Collections.unmodifiableMap(values),
                        r.getValue().line));
            }
            if (!rows.isEmpty()) {
                out.put(t.getKey(), Collections.unmodifiableMap(rows));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** A HashMap capacity that holds {@code n} entries without growing. */
    private static int capacity(int n) {
        return n < 3 ? n + 1 : (int) (n / 0.75f) + 1;
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
