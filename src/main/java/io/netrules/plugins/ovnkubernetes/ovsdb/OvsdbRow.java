package io.netrules.plugins.ovnkubernetes.ovsdb;

import java.util.Map;

/**
 * One row of a table as the database holds it after the replay: every column of the schema
 * (those the log never wrote at their default), or, read from tool output, every column the
 * tool printed.
 *
 * @param line the line of the file where the row was last written (the JSON line of the log
 *             record, or the line of the row in tool output); 0 when unknown
 */
public record OvsdbRow(String table, String uuid, Map<String, Datum> columns, int line) {

    /** A column's value, or the empty set when the row has no such column. */
    public Datum get(String column) {
        Datum d = columns.get(column);
        return d == null ? Datum.EMPTY_SET : d;
    }

    /** A scalar column as text, or null when unset. */
    public String string(String column) {
        return Datum.text(get(column).single());
    }

    public Map<String, String> map(String column) {
        return get(column).stringMap();
    }
}
