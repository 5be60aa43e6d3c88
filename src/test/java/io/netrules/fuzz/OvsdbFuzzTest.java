package io.netrules.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netrules.parse.InputLimits;
import io.netrules.plugins.ovnkubernetes.model.OvnDb;
import io.netrules.plugins.ovnkubernetes.model.OvnFacts;
import io.netrules.plugins.ovnkubernetes.model.OvnZone;
import io.netrules.plugins.ovnkubernetes.ovsdb.NotOvsdbException;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Fuzzes the OVN database reader ({@link OvsdbReader}: standalone and clustered logs, gzip'ed
 * or not, ovn-nbctl and ovsdb-client JSON) and the typed facts and zone built from what it
 * reads. The input is the file's bytes. The outcome must be the documented one: rows with
 * warnings that name the file and a line of it, or a {@link NotOvsdbException} of one line
 * naming the file.
 *
 * <p>Plain {@code mvn test} replays the seeds (the real files of src/test/resources/ovsdb/, a
 * few cut) under {@code OvsdbFuzzTestInputs/ovsdb/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class OvsdbFuzzTest {
    static final String FILE = "network_logs/leader_nbdb.gz";
    /** Small enough that a mutated length or nesting hits them quickly. */
    static final InputLimits LIMITS = InputLimits.DEFAULTS.with("file-size", "4MiB").with("json-depth", "64");

    @BeforeAll
    static void mode() {
        FuzzMode.configure();
    }

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // per input: a loop is a finding
    void ovsdb(byte[] input) throws IOException {
        OvsdbDatabase db;
        try {
            // ovn-nbctl list output names no table: the capture would take it from the file name.
            db = OvsdbReader.read(new ByteArrayInputStream(input), FILE, "Logical_Switch", LIMITS);
        } catch (NotOvsdbException e) {
            FuzzOracle.checkCaptureException(e, List.of(FILE));
            return;
        }
        Map<String, Integer> lines = Map.of(FILE, lineCount(input));
        FuzzOracle.checkWarnings(db.warnings(), lines);
        String zone = OvnZone.of(db, db).map(OvnZone::name).orElse(null);
        List<Object> facts = new ArrayList<>(OvnFacts.of(db, OvnDb.NB, zone));
        facts.addAll(OvnFacts.of(db, OvnDb.SB, zone));
        OvnZone.of(db, db).ifPresent(facts::add);
        FuzzOracle.checkSources(facts, lines);
    }

    /** Lines of the file as the reader sees it: gunzipped when it is gzip (as far as it inflates). */
    static int lineCount(byte[] input) throws IOException {
        byte[] text = input;
        if (input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(input))) {
                byte[] buf = new byte[8192];
                int n;
                while (out.size() <= LIMITS.fileSize() && (n = gz.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // cut or corrupt: the lines inflated so far are what the reader saw
            }
            text = out.toByteArray();
        }
        return ParsersFuzzTest.lineCount(ParsersFuzzTest.decode(text, 0, text.length));
    }
}
