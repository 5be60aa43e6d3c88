package io.netrules.plugins.ovnkubernetes.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An OVN database for tests, written in the two shapes a capture holds: the standalone file
 * ovsdb-server writes (the real schema record of {@code src/test/resources/ovsdb/*-standalone.db},
 * then one transaction inserting the rows), as must-gather's store and a sosreport keep it; and
 * {@code ovsdb-client -f json dump} output, as a netrules capture's node folder keeps it. Rows are
 * given by name; references ({@link #ref}) are resolved to the named row's UUID.
 */
final class OvnDbFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean northbound;
    /** Table to row key to columns; a row key is its name, a value {@code ref(key)} points to another row. */
    private final Map<String, Map<String, Map<String, Object>>> tables = new LinkedHashMap<>();
    private final Map<String, String> uuids = new LinkedHashMap<>();

    private OvnDbFile(boolean northbound) {
        this.northbound = northbound;
    }

    static OvnDbFile nb() {
        return new OvnDbFile(true);
    }

    static OvnDbFile sb() {
        return new OvnDbFile(false);
    }

    /** A reference to the row of this key (any table). */
    record Ref(String key) {
    }

    static Ref ref(String key) {
        return new Ref(key);
    }

    /** A set of references or strings. */
    static List<Object> set(Object... items) {
        return List.of(items);
    }

    /** Adds a row, keyed {@code key} (unique across tables), with column/value pairs. */
    OvnDbFile row(String table, String key, Object... columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i += 2) {
            row.put((String) columns[i], columns[i + 1]);
        }
        tables.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(key, row);
        uuids.putIfAbsent(key, UUID.nameUUIDFromBytes((table + "/" + key).getBytes(StandardCharsets.UTF_8)).toString());
        return this;
    }

    /** Drops a row a helper wrote that this database must not have (references to it must go too). */
    OvnDbFile remove(String table, String key) {
        Map<String, Map<String, Object>> rows = tables.get(table);
        if (rows != null) {
            rows.remove(key);
        }
        return this;
    }

    private Object datum(Object value) {
        if (value instanceof Ref r) {
            String u = uuids.get(r.key());
            if (u == null) {
                throw new IllegalArgumentException("no row " + r.key());
            }
            return List.of("uuid", u);
        }
        if (value instanceof List<?> l) {
            List<Object> items = new ArrayList<>();
            l.forEach(v -> items.add(datum(v)));
            return List.of("set", items);
        }
        if (value instanceof Map<?, ?> m) {
            List<Object> pairs = new ArrayList<>();
            m.forEach((k, v) -> pairs.add(List.of(k, v)));
            return List.of("map", pairs);
        }
        return value;
    }

    /** The standalone file: the real schema, then one transaction with every row. */
    byte[] standalone() throws IOException {
        Path real = TestPaths.project().resolve("src/test/resources/ovsdb/" + (northbound ? "nb" : "sb")
                + "-standalone.db");
        List<String> lines = Files.readAllLines(real);
        String header = lines.get(0);
        String schema = lines.get(1);
        if (!header.startsWith("OVSDB JSON ")) {
            throw new IllegalStateException(real + ": not a standalone file");
        }
        Map<String, Object> txn = new LinkedHashMap<>();
        for (var t : tables.entrySet()) {
            Map<String, Object> rows = new LinkedHashMap<>();
            for (var r : t.getValue().entrySet()) {
                Map<String, Object> cols = new LinkedHashMap<>();
                r.getValue().forEach((c, v) -> cols.put(c, datum(v)));
                rows.put(uuids.get(r.getKey()), cols);
            }
            txn.put(t.getKey(), rows);
        }
        txn.put("_date", 1796678948328L);
        StringBuilder out = new StringBuilder();
        record(out, schema);
        record(out, JSON.writeValueAsString(txn));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one record, its header with the length and SHA-1 of {@code json} and a newline. */
    static void record(StringBuilder out, String json) {
        byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
            out.append("OVSDB JSON ").append(body.length).append(' ').append(sha).append('\n')
                    .append(new String(body, StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ovsdb-client -f json dump}: one line per table, its caption, data and headings. */
    String dump() throws IOException {
        StringBuilder out = new StringBuilder();
        for (var t : tables.entrySet()) {
            TreeSet<String> columns = new TreeSet<>();
            t.getValue().values().forEach(r -> columns.addAll(r.keySet()));
            List<String> headings = new ArrayList<>();
            headings.add("_uuid");
            headings.addAll(columns);
            List<Object> data = new ArrayList<>();
            for (var r : t.getValue().entrySet()) {
                List<Object> row = new ArrayList<>();
                row.add(List.of("uuid", uuids.get(r.getKey())));
                for (String c : columns) {
                    Object v = r.getValue().get(c);
                    row.add(v == null ? List.of("set", List.of()) : datum(v));
                }
                data.add(row);
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("caption", t.getKey() + " table");
            line.put("data", data);
            line.put("headings", headings);
            out.append(JSON.writeValueAsString(line)).append('\n');
        }
        return out.toString();
    }
}
