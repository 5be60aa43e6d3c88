package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged, hostile and hand-made input, and the diff rules of ovsdb/file.c on small logs. */
class OvsdbReaderInputTest {
    static final String FILE = "network_logs/leader_nbdb";

    static OvsdbDatabase read(byte[] bytes) throws Exception {
        return read(bytes, InputLimits.DEFAULTS);
    }

    static OvsdbDatabase read(byte[] bytes, InputLimits limits) throws Exception {
        return OvsdbReader.read(new ByteArrayInputStream(bytes), FILE, null, limits);
    }

    static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(OvsdbReaderTest.dir().resolve(name));
    }

    /** The offset where the n-th record (0-based) starts. */
    static int recordStart(byte[] log, int n) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            String header = new String(log, at, indexOf(log, (byte) '\n', at) - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(header.split(" ")[2]);
            at = indexOf(log, (byte) '\n', at) + 1 + length;
        }
        return at;
    }

    static int records(byte[] log) {
        int n = 0;
        while (recordStart(log, n) < log.length) {
            n++;
        }
        return n;
    }

    static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    static int lineOf(byte[] b, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    @Test
    void aTornLastRecordIsAWarningAndTheRestIsRead() throws Exception {
        for (String name : List.of("nb-standalone.db", "nb-clustered.db")) {
            byte[] log = sample(name);
            int last = recordStart(log, records(log) - 1);
            OvsdbDatabase whole = read(Arrays.copyOf(log, last));
            OvsdbDatabase torn = read(Arrays.copyOf(log, log.length - 5));
            assertEquals(whole.tables(), torn.tables(), name);
            assertEquals(1, torn.warnings().size(), name);
            ParseWarning w = torn.warnings().get(0);
            assertEquals(FILE, w.source());
            assertEquals(lineOf(log, last), w.line(), name);
            assertTrue(w.text().startsWith("record cut short"), w.text());
            // A header line cut in two is the same.
            OvsdbDatabase cutHeader = read(Arrays.copyOf(log, last + 10));
            assertEquals(whole.tables(), cutHeader.tables());
            assertTrue(cutHeader.warnings().get(0).text().startsWith("record header cut short"));
        }
    }

    @Test
    void aDamagedRecordStopsTheReplayThere() throws Exception {
        byte[] log = sample("nb-standalone.db");
        int fifth = recordStart(log, 5);
        byte[] damaged = log.clone();
        int jsonStart = indexOf(damaged, (byte) '\n', fifth) + 1;
        damaged[jsonStart + 3] ^= 0x01;
        OvsdbDatabase db = read(damaged);
        assertEquals(read(Arrays.copyOf(log, fifth)).tables(), db.tables());
        assertEquals(lineOf(log, fifth), db.warnings().get(0).line());
        assertTrue(db.warnings().get(0).text().contains("SHA-1"), db.warnings().get(0).text());
    }

    @Test
    void aFirstLookKeepsOnlyTheNamedTablesAsAWholeReadHasThemWithTheSameWarnings() throws Exception {
        java.util.Set<String> zone = java.util.Set.of("NB_Global", "Logical_Router", "Chassis");
        for (String name : List.of("nb-standalone.db", "nb-clustered.db", "sb-standalone.db", "nb-standalone.db.gz")) {
            byte[] log = sample(name);
            OvsdbDatabase whole = read(log);
            OvsdbDatabase light = OvsdbReader.readTables(new ByteArrayInputStream(log), FILE, InputLimits.DEFAULTS, zone);
            Map<String, Map<String, OvsdbRow>> expected = new java.util.LinkedHashMap<>(whole.tables());
            expected.keySet().retainAll(zone);
            assertFalse(expected.isEmpty(), name);
            assertEquals(expected, light.tables(), name);
            assertEquals(whole.schemaName(), light.schemaName(), name);
            assertEquals(List.of(), light.warnings(), name);
            // Read again without the digests (the first look checked them): the same database.
            OvsdbDatabase again = OvsdbReader.readAgain(new ByteArrayInputStream(log), FILE, InputLimits.DEFAULTS);
            assertEquals(whole.tables(), again.tables(), name);
        }
        // A damaged record: the first look stops where a whole read stops, with the same warning.
        byte[] log = sample("nb-standalone.db");
        int fifth = recordStart(log, 5);
        byte[] damaged = log.clone();
        damaged[indexOf(damaged, (byte) '\n', fifth) + 4] ^= 0x01;
        OvsdbDatabase light = OvsdbReader.readTables(new ByteArrayInputStream(damaged), FILE, InputLimits.DEFAULTS, zone);
        assertEquals(read(damaged).warnings(), light.warnings());
        Map<String, Map<String, OvsdbRow>> before = new java.util.LinkedHashMap<>(read(Arrays.copyOf(log, fifth)).tables());
        before.keySet().retainAll(zone);
        assertEquals(before, light.tables());
    }

    @Test
    void aGzipCutShortIsReadUpToTheDamage() throws Exception {
        byte[] gz = sample("nb-standalone.db.gz");
        OvsdbDatabase full = read(gz);
        OvsdbDatabase cut = read(Arrays.copyOf(gz, gz.length * 2 / 3));
        assertEquals(1, cut.warnings().size());
        assertTrue(cut.warnings().get(0).text().startsWith("gzip data cut short or corrupt"), cut.warnings().toString());
        assertTrue(cut.warnings().get(0).line() > 1);
        assertFalse(cut.tables().isEmpty());
        assertNotEquals(full.tables(), cut.tables());
    }

    @Test
    void aFileThatIsNotOvsdbIsNamedInOneLine() {
        for (byte[] input : List.of("hello\nworld\n".getBytes(StandardCharsets.UTF_8), new byte[0],
                gzip("just text\n".getBytes(StandardCharsets.UTF_8)), new byte[] {0x1f, (byte) 0x8b, 1, 2},
                "[1,2]".getBytes(StandardCharsets.UTF_8), "OVSDB".getBytes(StandardCharsets.UTF_8))) {
            NotOvsdbException e = assertThrows(NotOvsdbException.class, () -> read(input), new String(input));
            assertTrue(e.getMessage().startsWith(FILE + ":"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void limitsAreWarningsWithTheRecordsLine() throws Exception {
        byte[] log = sample("nb-standalone.db");
        OvsdbDatabase shallow = read(log, InputLimits.DEFAULTS.with("json-depth", "3"));
        assertEquals(1, shallow.warnings().get(0).line(), "the schema record's line");
        assertTrue(shallow.warnings().get(0).text().startsWith("record over a limit"), shallow.warnings().toString());
        assertTrue(shallow.tables().isEmpty());

        OvsdbDatabase small = read(log, InputLimits.DEFAULTS.with("file-size", "16k"));
        assertEquals(1, small.warnings().size());
        assertTrue(small.warnings().get(0).text().startsWith("file is over the file-size limit (16 KiB"),
                small.warnings().toString());

        OvsdbDatabase bigRecord = read(log, InputLimits.DEFAULTS.with("file-size", "1k"));
        assertEquals(1, bigRecord.warnings().get(0).line());
        assertTrue(bigRecord.warnings().get(0).text().startsWith("record of 14"), bigRecord.warnings().toString());

        OvsdbDatabase shortStrings = read(log, InputLimits.DEFAULTS.with("string-length", "100"));
        assertTrue(shortStrings.warnings().get(0).text().contains("String value length"),
                shortStrings.warnings().toString());
    }

    // ------------------------------------------------------------ hand-made logs: the diff rules

    static final String SCHEMA = "{\"name\":\"T\",\"version\":\"1.0.0\",\"tables\":{\"S\":{\"columns\":{"
            + "\"name\":{\"type\":\"string\"},"
            + "\"n\":{\"type\":\"integer\"},"
            + "\"opt\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":1}},"
            + "\"tags\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}},"
            + "\"refs\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"S\"},\"min\":0,\"max\":\"unlimited\"}},"
            + "\"kv\":{\"type\":{\"key\":\"string\",\"value\":\"string\",\"min\":0,\"max\":\"unlimited\"}}}}}}";
    static final String ROW = "11111111-1111-1111-1111-111111111111";

    static byte[] log(String magic, String... records) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : records) {
            byte[] data = (r + "\n").getBytes(StandardCharsets.UTF_8);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
            out.writeBytes(("OVSDB " + magic + " " + data.length + " " + sha + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(b);
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String txn(String row, boolean diff) {
        return "{\"S\":{\"" + ROW + "\":" + row + "},\"_date\":1,\"_comment\":\"x\"" + (diff ? ",\"_is_diff\":true" : "") + "}";
    }

    @Test
    void diffsChangeSetsAndMapsAndReplaceScalars() throws Exception {
        byte[] log = log("JSON", SCHEMA,
                txn("{\"name\":\"a\",\"tags\":[\"set\",[\"x\",\"y\"]],\"kv\":[\"map\",[[\"k1\",\"v1\"],[\"k2\",\"v2\"]]]}", true),
                // set: y removed, z added; map: k1 same value = removed, k2 new value, k3 added; scalars replaced
                txn("{\"name\":\"b\",\"n\":7,\"opt\":\"o\",\"tags\":[\"set\",[\"y\",\"z\"]],"
                        + "\"kv\":[\"map\",[[\"k1\",\"v1\"],[\"k2\",\"v9\"],[\"k3\",\"v3\"]]]}", true));
        OvsdbRow row = read(log).row("S", ROW);
        assertEquals("b", row.string("name"));
        assertEquals(7L, row.get("n").single());
        assertEquals("o", row.string("opt"));
        assertEquals(java.util.Set.of("x", "z"), java.util.Set.copyOf(row.get("tags").strings()));
        assertEquals(Map.of("k2", "v9", "k3", "v3"), row.map("kv"));
        assertEquals(6, row.line(), "the JSON line of the last record that wrote it");
        assertEquals(Datum.EMPTY_SET, row.get("refs"), "a column never written holds its default");

        // Without _is_diff (OVS before 2.15), a column named in a modified row is its new value.
        byte[] old = log("JSON", SCHEMA,
                txn("{\"name\":\"a\",\"tags\":[\"set\",[\"x\",\"y\"]]}", false),
                txn("{\"tags\":\"z\"}", false));
        OvsdbRow replaced = read(old).row("S", ROW);
        assertEquals(List.of("z"), replaced.get("tags").strings());
        assertEquals("a", replaced.string("name"), "columns not named keep their value");
    }

    @Test
    void aDeleteIsNullAndABadTransactionChangesNothing() throws Exception {
        byte[] log = log("JSON", SCHEMA, txn("{\"name\":\"a\"}", true), txn("null", true));
        assertTrue(read(log).rows("S").isEmpty());

        String other = "22222222-2222-2222-2222-222222222222";
        byte[] bad = log("JSON", SCHEMA, txn("{\"name\":\"a\"}", true),
                "{\"S\":{\"" + ROW + "\":{\"name\":\"b\"},\"" + other + "\":null},\"_is_diff\":true}");
        OvsdbDatabase db = read(bad);
        assertEquals("a", db.row("S", ROW).string("name"), "the transaction deleting a missing row is not applied");
        assertEquals(5, db.warnings().get(0).line());
        assertTrue(db.warnings().get(0).text().contains("does not exist"), db.warnings().toString());

        OvsdbDatabase unknown = read(log("JSON", SCHEMA, "{\"Nope\":{}}"));
        assertTrue(unknown.warnings().get(0).text().startsWith("no table named Nope"));
    }

    @Test
    void clusteredSnapshotEntriesAndConversion() throws Exception {
        String header = "{\"server_id\":\"s1\",\"cluster_id\":\"c1\",\"name\":\"T\",\"prev_index\":1,\"prev_term\":1,"
                + "\"prev_data\":[" + SCHEMA + "," + txn("{\"name\":\"snap\"}", false) + "]}";
        byte[] log = log("CLUSTER", header, "{\"term\":1,\"vote\":\"s1\"}",
                "{\"term\":1,\"index\":2,\"data\":[null," + txn("{\"n\":5}", true) + "],\"eid\":\"e\"}",
                "{\"commit_index\":2}");
        OvsdbDatabase db = read(log);
        assertEquals(OvsdbDatabase.Format.CLUSTERED, db.format());
        assertEquals("snap", db.row("S", ROW).string("name"));
        assertEquals(5L, db.row("S", ROW).get("n").single());
        assertEquals(List.of(), db.warnings());

        // An entry with a schema is a conversion: its transaction is the whole new contents.
        String other = "33333333-3333-3333-3333-333333333333";
        byte[] converted = log("CLUSTER", header, "{\"term\":1,\"index\":2,\"data\":[" + SCHEMA + ",{\"S\":{\""
                + other + "\":{\"name\":\"new\"}}}]}");
        OvsdbDatabase c = read(converted);
        assertEquals(List.of(other), c.rows("S").stream().map(OvsdbRow::uuid).toList());

        // A standalone header in a clustered file ends the replay.
        byte[] mixed = log("CLUSTER", header);
        byte[] plus = log("JSON", txn("{\"n\":1}", true));
        byte[] both = Arrays.copyOf(mixed, mixed.length + plus.length);
        System.arraycopy(plus, 0, both, mixed.length, plus.length);
        OvsdbDatabase m = read(both);
        assertEquals(3, m.warnings().get(0).line());
        assertEquals(0L, m.row("S", ROW).get("n").single());
    }

    @Test
    void listOutputNeedsItsTableName() throws Exception {
        byte[] list = sample("nb-standalone.Logical_Switch.json");
        NotOvsdbException e = assertThrows(NotOvsdbException.class,
                () -> OvsdbReader.read(new ByteArrayInputStream(list), "ovn/ls.json", null, InputLimits.DEFAULTS));
        assertTrue(e.getMessage().startsWith("ovn/ls.json: "), e.getMessage());
        OvsdbDatabase named = OvsdbReader.read(new ByteArrayInputStream(list), "ovn/ls.json", "Logical_Switch",
                InputLimits.DEFAULTS);
        assertEquals(1, named.rows("Logical_Switch").size());
        assertEquals(1, named.rows("Logical_Switch").iterator().next().line());

        NotOvsdbException broken = assertThrows(NotOvsdbException.class, () -> OvsdbReader.read(
                new ByteArrayInputStream("{\"data\":[[1,".getBytes(StandardCharsets.UTF_8)), "ovn/ls.json",
                "Logical_Switch", InputLimits.DEFAULTS));
        assertTrue(broken.getMessage().startsWith("ovn/ls.json:1: not valid JSON"), broken.getMessage());
    }

    @Test
    void aDumpCutShortKeepsItsWholeTablesAndNamesALineOfTheFile() throws Exception {
        String cut = "{\"caption\":\"S table\",\"data\":[[[\"uuid\",\"" + ROW + "\"],\"a\"]],"
                + "\"headings\":[\"_uuid\",\"name\"]}\n{\"caption\":\n";
        OvsdbDatabase db = read(cut.getBytes(StandardCharsets.UTF_8));
        assertEquals(OvsdbDatabase.Format.DUMP_JSON, db.format());
        assertEquals("a", db.row("S", ROW).string("name"));
        assertEquals(1, db.warnings().size());
        // Jackson puts the end of input on line 3, after the last newline; the file has 2 lines.
        assertEquals(2, db.warnings().get(0).line());
        assertTrue(db.warnings().get(0).text().startsWith("not valid JSON"), db.warnings().toString());
    }

    @Test
    void databaseStoreMembersAreReadFromTheArchive() throws Exception {
        DatabaseStore store = DatabaseStore.read(OvsdbReaderTest.dir().resolve("ovnk_database_store.tar.gz"),
                "network_logs/ovnk_database_store.tar.gz", InputLimits.DEFAULTS);
        assertEquals(List.of(), store.warnings());
        assertEquals(2, store.members().size());
        DatabaseStore.Member sb = store.members().get(0);
        DatabaseStore.Member nb = store.members().get(1);
        assertEquals("ovnkube-node-x7k2p", nb.pod());
        assertTrue(nb.northbound());
        assertFalse(sb.northbound());
        assertEquals("network_logs/ovnk_database_store.tar.gz/ovnk_database_store/ovnkube-node-x7k2p_nbdb",
                nb.database().file());
        assertEquals(OvsdbReaderTest.read("nb-standalone.db").tables(), nb.database().tables());
        assertEquals(OvsdbReaderTest.read("sb-standalone.db").tables(), sb.database().tables());
    }
}
