package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.TestPaths;
import io.netrules.parse.InputLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed real files (src/test/resources/ovsdb/README.md): the replay of each log gives
 * exactly the rows ovsdb-client dumped from the server that wrote it.
 */
class OvsdbReaderTest {
    static Path dir() {
        return TestPaths.project().resolve("src/test/resources/ovsdb");
    }

    static OvsdbDatabase read(String name) throws Exception {
        return OvsdbReader.read(dir().resolve(name), "network_logs/" + name, null, InputLimits.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource({"nb-standalone", "nb-clustered", "sb-standalone", "sb-clustered"})
    void replayEqualsTheServersDump(String db) throws Exception {
        OvsdbDatabase log = read(db + ".db");
        OvsdbDatabase dump = read(db + ".dump.json");
        assertEquals(db.endsWith("clustered") ? OvsdbDatabase.Format.CLUSTERED : OvsdbDatabase.Format.STANDALONE,
                log.format());
        assertEquals(OvsdbDatabase.Format.DUMP_JSON, dump.format());
        assertEquals(db.startsWith("nb") ? "OVN_Northbound" : "OVN_Southbound", log.schemaName());
        assertEquals(java.util.List.of(), log.warnings());
        assertEquals(java.util.List.of(), dump.warnings());
        for (String table : dump.tables().keySet()) {
            Map<String, OvsdbRow> expected = dump.tables().get(table);
            Map<String, OvsdbRow> actual = log.tables().getOrDefault(table, Map.of());
            assertEquals(expected.keySet(), actual.keySet(), table + " rows");
            for (OvsdbRow e : expected.values()) {
                assertEquals(e.columns(), actual.get(e.uuid()).columns(), table + " " + e.uuid());
            }
        }
        for (String table : log.tables().keySet()) {
            assertTrue(dump.tables().containsKey(table), "dump has table " + table);
        }
    }
}
