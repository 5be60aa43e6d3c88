package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.model.ParseWarning;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rows of one database file after its log was replayed (or its tool output read).
 *
 * @param file       the capture-relative name of the file (for a tar member: archive!member)
 * @param format     how the file was written
 * @param schemaName the database's name from its schema (OVN_Northbound, OVN_Southbound), or
 *                   null when the file does not say (tool output without a schema)
 * @param schema     the schema the log carries, or null for tool output and a log cut before it
 * @param tables     table name to rows by UUID, in the order rows were first written
 * @param warnings   what could not be read: a record cut short, over a limit, or not valid
 */
public record OvsdbDatabase(String file, Format format, String schemaName, OvsdbSchema schema,
                            Map<String, Map<String, OvsdbRow>> tables, List<ParseWarning> warnings) {

    public enum Format {
        /** "OVSDB JSON" records: a schema, then transactions (ovsdb-tool create, a standalone ovsdb-server). */
        STANDALONE,
        /** "OVSDB CLUSTER" records: a RAFT header with a snapshot, then RAFT log entries. */
        CLUSTERED,
        /** {@code ovn-nbctl --format=json list <Table>}: one table's {"data", "headings"}. */
        LIST_JSON,
        /** {@code ovsdb-client dump -f json}: one {"caption": "<Table> table", "data", "headings"} a table. */
        DUMP_JSON
    }

    public Collection<OvsdbRow> rows(String table) {
        Map<String, OvsdbRow> t = tables.get(table);
        return t == null ? List.of() : t.values();
    }

    public OvsdbRow row(String table, String uuid) {
        Map<String, OvsdbRow> t = tables.get(table);
        return t == null ? null : t.get(uuid);
    }
}
