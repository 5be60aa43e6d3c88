package io.netrules.plugins.ovnkubernetes.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an OVN database as OVSDB writes it to disk, or as the tools print it, into its rows.
 *
 * <p>On disk (ovsdb(5); OVS {@code ovsdb/log.c}) a database is a log of records, each a header
 * line {@code OVSDB JSON <length> <sha1>} (standalone) or {@code OVSDB CLUSTER <length> <sha1>}
 * (clustered) followed by {@code length} bytes of JSON (a newline included) whose SHA-1 is
 * {@code sha1}. A standalone log starts with the schema, then transactions
 * ({@code ovsdb/file.c}). A clustered log starts with the RAFT header, whose {@code prev_data}
 * is the snapshot {@code [schema, contents]}, then RAFT records, of which the log entries carry
 * {@code data = [schema or null, transaction or null]} ({@code ovsdb/raft.c},
 * {@code ovsdb/storage.c}); a non-null schema there is a conversion that replaces the contents.
 * The reader replays the records one at a time, as {@code ovsdb-tool cluster-to-standalone}
 * does: only the current record and the rows are held.
 *
 * <p>A record cut short, whose SHA-1 does not match, that is over the limits or not valid is
 * a warning naming the file and the record's line; the database is what the records before it
 * make, as ovsdb-server itself would open it. Gzip'ed input is recognised by its first bytes.
 *
 * <p>The JSON that {@code ovn-nbctl --format=json list <Table>} and
 * {@code ovsdb-client dump -f json} print is read into the same rows (live mode, hand-made
 * captures).
 */
public final class OvsdbReader {
    /** A header line is about 60 characters; a longer "line 1" is not a header. */
    private static final int MAX_HEADER = 256;
    /** After this many warnings a file gets one more that says the rest were left out. */
    private static final int MAX_WARNINGS = 50;
    private static final Pattern HEADER = Pattern.compile("OVSDB (JSON|CLUSTER) (\\d{1,19}) ([0-9a-f]{40})");
    private static final Pattern CAPTION = Pattern.compile("(.+) table");

    private final String file;
    private final InputLimits limits;
    private final List<ParseWarning> warnings = new ArrayList<>();
    /** The only tables kept ({@link #readTables}), or null for all. */
    private final java.util.Set<String> only;
    /** False for bytes whose every record a first read checked ({@link #readAgain}). */
    private final boolean checkDigests;

    private OvsdbReader(String file, InputLimits limits, java.util.Set<String> only, boolean checkDigests) {
        this.file = file;
        this.limits = limits;
        this.only = only;
        this.checkDigests = checkDigests;
    }

    /**
     * Reads a file, gzip'ed or not.
     *
     * @param display the capture-relative name warnings and facts give the file
     * @param table   for {@code ovn-nbctl list} output, which prints no table name: the table
     *                it lists (from the file name); null otherwise
     */
    public static OvsdbDatabase read(Path path, String display, String table, InputLimits limits)
            throws IOException, NotOvsdbException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, display, table, limits);
        }
    }

    /** Reads a stream (a file, an archive member), gzip'ed or not; the caller closes it. */
    public static OvsdbDatabase read(InputStream raw, String display, String table, InputLimits limits)
            throws IOException, NotOvsdbException {
        return read(raw, display, table, limits, null, true);
    }

    /**
     * Reads whole the same bytes that {@link #readTables} read without any warning, so every
     * record's header, length and SHA-1 were found good: the digests are not computed again (on
     * a 500-node store they were a fifth of the reading). Bytes whose first read gave a warning
     * go to {@link #read(InputStream, String, String, InputLimits)}, which checks everything.
     */
    public static OvsdbDatabase readAgain(InputStream raw, String display, InputLimits limits)
            throws IOException, NotOvsdbException {
        return read(raw, display, null, limits, null, false);
    }

    /**
     * Reads a log as {@link #read(InputStream, String, String, InputLimits)} does, record by record
     * with the same checks (headers, SHA-1, limits), but keeps the rows of {@code tables} only: a
     * first look at a large database (which zone it is: NB_Global, the gateway routers, the local
     * chassis) that builds nothing of its other tables. A transaction is checked as far as the
     * kept tables go, so a record that is invalid only in a table not kept is applied here and
     * not by a whole read: a caller that relies on the first look reads the file whole later
     * and compares. Tool output (JSON of ovn-nbctl, ovsdb-client) is read whole, then cut down.
     */
    public static OvsdbDatabase readTables(InputStream raw, String display, InputLimits limits,
                                           java.util.Set<String> tables) throws IOException, NotOvsdbException {
        OvsdbDatabase db = read(raw, display, null, limits, java.util.Set.copyOf(tables), true);
        if (db.format() == OvsdbDatabase.Format.DUMP_JSON || db.format() == OvsdbDatabase.Format.LIST_JSON) {
            Map<String, Map<String, OvsdbRow>> kept = new LinkedHashMap<>(db.tables());
            kept.keySet().retainAll(tables);
            db = new OvsdbDatabase(db.file(), db.format(), db.schemaName(), db.schema(),
                    Collections.unmodifiableMap(kept), db.warnings());
        }
        return db;
    }

    private static OvsdbDatabase read(InputStream raw, String display, String table, InputLimits limits,
                                      java.util.Set<String> only, boolean checkDigests)
            throws IOException, NotOvsdbException {
        OvsdbReader reader = new OvsdbReader(display, limits, only, checkDigests);
        BufferedInputStream in = new BufferedInputStream(raw, 65536);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        Bounded bounded;
        if (gzip) {
            try {
                bounded = new Bounded(new BufferedInputStream(new GZIPInputStream(in, 65536), 65536),
                        limits.fileSize(), true);
            } catch (ZipException | EOFException e) {
                throw new NotOvsdbException(display + ": not a readable gzip file (" + e.getMessage() + ")");
            }
        } else {
            bounded = new Bounded(in, limits.fileSize(), false);
        }
        OvsdbDatabase db = reader.readPlain(bounded, table);
        if (bounded.damage != null && reader.warnings.isEmpty()) {
            // The gzip stream broke exactly between two records.
            reader.warn(reader.lastLine, bounded.damage + "; the database is read up to the record before it");
            db = new OvsdbDatabase(db.file(), db.format(), db.schemaName(), db.schema(), db.tables(),
                    List.copyOf(reader.warnings));
        }
        return db;
    }

    private OvsdbDatabase readPlain(Bounded in, String table) throws IOException, NotOvsdbException {
        int first = firstNonBlank(in);
        if (first == '{') {
            return readToolJson(in, table);
        }
        if (first == 'O') {
            return readLog(in);
        }
        throw new NotOvsdbException(file + ": not an OVSDB database (no \"OVSDB JSON\" or \"OVSDB CLUSTER\" "
                + "record header, nor ovn-nbctl/ovsdb-client JSON)");
    }

    private static int firstNonBlank(Bounded in) throws IOException {
        for (int i = 0; i < 4096; i++) {
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                return b;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- logs

    private OvsdbDatabase readLog(Bounded in) throws IOException, NotOvsdbException {
        Replay replay = new Replay(only);
        String magic = null;
        int line = 1;
        int record = 0;
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        while (true) {
            byte[] headerBytes = readHeaderLine(in);
            if (headerBytes == null) {
                break;
            }
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            boolean complete = header.endsWith("\n");
            Matcher m = HEADER.matcher(complete ? header.substring(0, header.length() - 1) : header);
            if (!complete || !m.matches()) {
                if (record == 0 && !header.startsWith("OVSDB ")) {
                    throw new NotOvsdbException(file + ": not an OVSDB database (line 1 is not an "
                            + "\"OVSDB JSON|CLUSTER <length> <sha1>\" record header)");
                }
                stop(line, !complete ? (in.exceeded ? overLimit() : in.damage != null ? in.damage
                        : "record header cut short")
                        : "not an OVSDB record header");
                break;
            }
            if (magic == null) {
                magic = m.group(1);
            } else if (!magic.equals(m.group(1))) {
                stop(line, "record header says OVSDB " + m.group(1) + " in an OVSDB " + magic + " file");
                break;
            }
            long length = Long.parseLong(m.group(2));
            if (length > limits.fileSize() || length > Integer.MAX_VALUE - 64) {
                stop(line, "record of " + length + " bytes is over the file-size limit ("
                        + InputLimits.bytes(limits.fileSize()) + ", --limit file-size)");
                break;
            }
            byte[] data = in.readNBytes((int) length);
            if (data.length < length) {
                stop(line, in.exceeded ? overLimit() : in.damage != null ? in.damage
                        : "record cut short (" + data.length + " of " + length + " bytes)");
                break;
            }
            if (checkDigests && !HexFormat.of().formatHex(sha1.digest(data)).equals(m.group(3))) {
                stop(line, "record's SHA-1 does not match its header (a damaged or cut file)");
                break;
            }
            int jsonLine = line + 1;
            JsonNode json;
            try {
                json = only != null && record > 0 && "JSON".equals(magic) && replay.schema() != null
                        ? keptTables(data, replay.schema()) : limits.jsonMapper().readTree(data);
            } catch (JsonProcessingException e) {
                String hit = InputLimits.constraintHit(e);
                stop(line, hit != null ? "record over a limit: " + hit
                        : "record is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
                break;
            }
            try {
                if (json == null || json.isMissingNode()) {
                    throw new OvsdbDataException("empty record");
                }
                if (magic.equals("JSON")) {
                    standaloneRecord(replay, record, json, jsonLine);
                } else {
                    clusterRecord(replay, record, json, jsonLine);
                }
            } catch (OvsdbDataException e) {
                stop(line, e.getMessage());
                break;
            }
            line = jsonLine + count(data, (byte) '\n');
            lastLine = jsonLine;
            record++;
        }
        OvsdbSchema schema = replay.schema();
        return new OvsdbDatabase(file,
                "CLUSTER".equals(magic) ? OvsdbDatabase.Format.CLUSTERED : OvsdbDatabase.Format.STANDALONE,
                schema == null ? null : schema.name(), schema, replay.rows(), List.copyOf(warnings));
    }

    /**
     * A standalone transaction record with only the kept tables (and the record's own
     * {@code _date}, {@code _comment}, {@code _is_diff}, and any name that is no table, which
     * the replay rejects as a whole read does): the other tables' rows are skipped as tokens,
     * never built.
     */
    private JsonNode keptTables(byte[] data, OvsdbSchema schema) throws IOException {
        try (JsonParser p = limits.jsonFactory().createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return limits.jsonMapper().readTree(data); // not an object: the replay says what is wrong
            }
            com.fasterxml.jackson.databind.node.ObjectNode kept = limits.jsonMapper().createObjectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (only.contains(name) || !schema.tables().containsKey(name)) {
                    kept.set(name, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return limits.jsonMapper().readTree(data); // trailing content: as a whole read sees it
            }
            return kept;
        }
    }

    private void standaloneRecord(Replay replay, int record, JsonNode json, int line) throws OvsdbDataException {
        if (record == 0) {
            replay.reset(OvsdbSchema.fromJson(json));
        } else {
            replay.apply(json, line);
        }
    }

    private long lastIndex = 0;
    /** The JSON line of the last record read whole (where a break after it is reported). */
    private int lastLine = 0;

    private void clusterRecord(Replay replay, int record, JsonNode json, int line) throws OvsdbDataException {
        if (!json.isObject()) {
            throw new OvsdbDataException("a RAFT record is not a JSON object");
        }
        if (record == 0) {
            if (!json.path("server_id").isTextual()) {
                throw new OvsdbDataException("the RAFT header has no server_id");
            }
            JsonNode snapshot = json.get("prev_data");
            if (snapshot != null && !snapshot.isNull()) {
                entryData(replay, snapshot, line, "prev_data");
            }
            lastIndex = json.path("prev_index").asLong(0);
            return;
        }
        JsonNode data = json.get("data");
        if (data == null || data.isNull()) {
            return; // a term, vote, leader, commit_index or note record, or an entry without data
        }
        long index = json.path("index").asLong(0);
        if (index != 0 && index <= lastIndex) {
            // A follower's log rewritten by a new leader: raft.c drops the entries from that index
            // on, which a one-pass replay cannot undo. Leaders (what must-gather keeps) never do it.
            warn(line - 1, "RAFT entry " + index + " replaces an entry read before; the earlier one's changes "
                    + "stay applied");
        }
        lastIndex = Math.max(lastIndex, index);
        entryData(replay, data, line, "data");
    }

    /** {@code [schema or null, transaction or null]}: a new schema brings the whole contents. */
    private void entryData(Replay replay, JsonNode data, int line, String what) throws OvsdbDataException {
        if (!data.isArray() || data.size() != 2) {
            throw new OvsdbDataException("RAFT " + what + " is not [schema, transaction]");
        }
        JsonNode schema = data.get(0);
        JsonNode txn = data.get(1);
        if (!schema.isNull()) {
            replay.reset(OvsdbSchema.fromJson(schema));
        } else if (replay.schema() == null) {
            throw new OvsdbDataException("RAFT " + what + " changes a database whose schema was not read");
        }
        if (!txn.isNull()) {
            replay.apply(txn, line);
        }
    }

    /** The bytes up to and including '\n', or what there is at the end; null at the end. */
    private static byte[] readHeaderLine(Bounded in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n' || out.size() > MAX_HEADER) {
                break;
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private static int count(byte[] data, byte b) {
        int n = 0;
        for (byte x : data) {
            if (x == b) {
                n++;
            }
        }
        return n;
    }

    private String overLimit() {
        return "file is over the file-size limit (" + InputLimits.bytes(limits.fileSize()) + ", --limit file-size)";
    }

    /** A record that ends the reading: the database is what the records before it made. */
    private void stop(int line, String why) {
        warn(line, why + "; the database is read up to the record before it");
    }

    private void warn(int line, String text) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new ParseWarning(file, line, text));
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add(new ParseWarning(file, line, "more problems in this file are not listed"));
        }
    }

    // ---------------------------------------------------------------- tool output

    /**
     * {@code {"data": [[cell, ...], ...], "headings": [column, ...]}}, once (ovn-nbctl list) or
     * once a table with {@code "caption": "<Table> table"} (ovsdb-client dump). A cell is OVSDB
     * JSON, the {@code _uuid} column gives the row's UUID.
     */
    private OvsdbDatabase readToolJson(Bounded in, String table) throws IOException, NotOvsdbException {
        Map<String, Map<String, OvsdbRow>> tables = new LinkedHashMap<>();
        boolean dump = false;
        int objects = 0;
        JsonParser p = limits.jsonFactory().createParser(in);
        try (p) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int objectLine = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new NotOvsdbException(file + ":" + objectLine
                            + ": not ovn-nbctl/ovsdb-client JSON output (a value that is not an object)");
                }
                String caption = null;
                List<JsonNode> headings = null;
                List<Map.Entry<Integer, JsonNode>> data = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("data") && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            int rowLine = p.currentTokenLocation().getLineNr();
                            data.add(Map.entry(rowLine, p.readValueAsTree()));
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw new NotOvsdbException(file + ":" + p.currentTokenLocation().getLineNr()
                                    + ": a row of \"data\" is not an array");
                        }
                    } else if (name.equals("headings") && v == JsonToken.START_ARRAY) {
                        JsonNode h = p.readValueAsTree();
                        headings = new ArrayList<>();
                        h.forEach(headings::add);
                    } else if (name.equals("caption") && v == JsonToken.VALUE_STRING) {
                        caption = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                objects++;
                if (headings == null) {
                    throw new NotOvsdbException(file + ":" + objectLine
                            + ": not ovn-nbctl/ovsdb-client JSON output (no \"headings\")");
                }
                String tableName = table;
                if (caption != null) {
                    Matcher m = CAPTION.matcher(caption);
                    tableName = m.matches() ? m.group(1) : caption;
                    dump = true;
                }
                if (tableName == null) {
                    throw new NotOvsdbException(file + ": ovn-nbctl list output names no table, and the "
                            + "file name does not say which");
                }
                Map<String, OvsdbRow> rows = tables.computeIfAbsent(tableName, k -> new LinkedHashMap<>());
                for (Map.Entry<Integer, JsonNode> row : data) {
                    toolRow(tableName, headings, row.getValue(), row.getKey(), rows);
                }
            }
        } catch (JsonProcessingException e) {
            String hit = InputLimits.constraintHit(e);
            // At the end of the input Jackson's location is past the last line (after its newline):
            // name the line of the last token read instead.
            int errLine = e instanceof com.fasterxml.jackson.core.io.JsonEOFException || e.getLocation() == null
                    ? p.currentTokenLocation().getLineNr() : e.getLocation().getLineNr();
            String why = hit != null ? "over a limit: " + hit
                    : in.exceeded ? overLimit()
                    : in.damage != null ? in.damage
                    : "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
            if (objects == 0 && tables.isEmpty()) {
                throw new NotOvsdbException(file + ":" + Math.max(errLine, 1) + ": " + why);
            }
            warn(Math.max(errLine, 0), why + "; the tables before it are read");
        }
        Map<String, Map<String, OvsdbRow>> frozen = new LinkedHashMap<>();
        tables.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        String schemaName = null;
        return new OvsdbDatabase(file, dump ? OvsdbDatabase.Format.DUMP_JSON : OvsdbDatabase.Format.LIST_JSON,
                schemaName, null, Collections.unmodifiableMap(frozen), List.copyOf(warnings));
    }

    private void toolRow(String table, List<JsonNode> headings, JsonNode cells, int line,
                         Map<String, OvsdbRow> rows) {
        if (cells.size() != headings.size()) {
            warn(line, table + ": a row has " + cells.size() + " cells for " + headings.size() + " headings");
            return;
        }
        Map<String, Datum> columns = new LinkedHashMap<>();
        String uuid = null;
        for (int i = 0; i < headings.size(); i++) {
            String column = headings.get(i).asText();
            try {
                Datum d = Datum.fromJson(cells.get(i));
                if (column.equals("_uuid")) {
                    uuid = Datum.text(d.single());
                } else if (!column.equals("_version")) {
                    columns.put(column, d);
                }
            } catch (OvsdbDataException e) {
                warn(line, table + " column " + Replay.shorten(column) + ": " + e.getMessage());
                return;
            }
        }
        if (uuid == null) {
            warn(line, table + ": a row without _uuid");
            return;
        }
        rows.put(uuid, new OvsdbRow(table, uuid, Collections.unmodifiableMap(columns), line));
    }

    /** Reads at most {@code limit} bytes, then reports the end of the stream and remembers why. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;
        private long marked;
        private final boolean gzip;
        boolean exceeded;
        /** Why a gzip stream ended early (cut short or corrupt), or null. */
        String damage;

        Bounded(InputStream in, long limit, boolean gzip) {
            this.in = in;
            this.left = limit;
            this.gzip = gzip;
        }

        @Override
        public int read() throws IOException {
            if (damage != null) {
                return -1;
            }
            if (left <= 0) {
                exceeded |= guarded(() -> in.read()) >= 0;
                return -1;
            }
            int b = guarded(() -> in.read());
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (damage != null) {
                return -1;
            }
            if (left <= 0) {
                exceeded |= guarded(() -> in.read()) >= 0;
                return -1;
            }
            int n = guarded(() -> in.read(b, off, (int) Math.min(len, left)));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        private interface Read {
            int read() throws IOException;
        }

        /** A broken gzip stream ends the input, remembering why; the records before it count. */
        private int guarded(Read r) throws IOException {
            try {
                return r.read();
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e;
                }
                damage = "gzip data cut short or corrupt (" + e.getMessage() + ")";
                return -1;
            }
        }

        @Override
        public boolean markSupported() {
            return in.markSupported();
        }

        @Override
        public void mark(int readLimit) {
            marked = left;
            in.mark(readLimit);
        }

        @Override
        public void reset() throws IOException {
            in.reset();
            left = marked;
        }
    }
}
