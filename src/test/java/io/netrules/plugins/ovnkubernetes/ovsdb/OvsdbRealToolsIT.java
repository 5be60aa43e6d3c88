package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.TestPaths;
import io.netrules.parse.InputLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fresh files from the real OVS/OVN tools of this machine: make-samples.sh runs ovsdb-server
 * and ovn-northd in a temporary folder, builds the topology, prints every table the model
 * uses with {@code ovn-nbctl/ovn-sbctl --format=json list} on the same servers, stops them
 * (by pid) and keeps their files. The replay of each file must give exactly the rows the tools
 * listed. Skipped when the tools are not installed (apt-get install ovn-central ovn-host).
 */
class OvsdbRealToolsIT {
    static final List<String> TOOLS = List.of("ovsdb-tool", "ovsdb-server", "ovsdb-client", "ovn-northd",
            "ovn-nbctl", "ovn-sbctl");
    static final List<String> NB_TABLES = List.of("NB_Global", "Logical_Switch", "Logical_Switch_Port",
            "Logical_Router", "Logical_Router_Port", "Logical_Router_Static_Route", "Load_Balancer",
            "Load_Balancer_Group", "Gateway_Chassis");
    static final List<String> SB_TABLES = List.of("SB_Global", "Chassis", "Encap", "Port_Binding");

    @Test
    void replayAgreesWithTheToolsOnTheSameServer(@TempDir Path out) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        assumeTrue(missing.isEmpty(), "not installed: " + String.join(", ", missing)
                + " (apt-get install ovn-central ovn-host)");
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/ovn/ovn-nb.ovsschema")), "no OVN schemas in /usr/share/ovn");

        Path script = TestPaths.project().resolve("src/test/resources/ovsdb/make-samples.sh");
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), out.toString());
        // ovsdb-server and ovn-northd live in /usr/sbin, which a user's PATH may lack.
        pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + File.pathSeparator + b);
        Process p = pb.redirectErrorStream(true).redirectOutput(out.resolve("make-samples.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroy(); // the script's trap stops the daemons it started
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("make-samples.sh did not finish in 120 s: "
                    + Files.readString(out.resolve("make-samples.log")));
        }
        assertEquals(0, p.exitValue(), () -> "make-samples.sh failed: " + read(out.resolve("make-samples.log")));

        int compared = 0;
        for (String format : List.of("standalone", "clustered")) {
            for (String db : List.of("nb", "sb")) {
                for (String file : List.of(db + "-" + format + ".db", db + "-" + format + ".db.gz")) {
                    OvsdbDatabase log = OvsdbReader.read(out.resolve(file), file, null, InputLimits.DEFAULTS);
                    assertEquals(List.of(), log.warnings(), file);
                    for (String table : db.equals("nb") ? NB_TABLES : SB_TABLES) {
                        String listFile = db + "-" + format + "." + table + ".json";
                        OvsdbDatabase list = OvsdbReader.read(out.resolve(listFile), listFile, table,
                                InputLimits.DEFAULTS);
                        assertEquals(keys(list, table), keys(log, table), file + " " + table);
                        for (OvsdbRow row : list.rows(table)) {
                            assertEquals(row.columns(), log.row(table, row.uuid()).columns(),
                                    file + " " + table + " " + row.uuid());
                            compared++;
                        }
                    }
                }
            }
        }
        assertFalse(compared < 40, "rows compared: " + compared);
    }

    private static List<String> keys(OvsdbDatabase db, String table) {
        return db.rows(table).stream().map(OvsdbRow::uuid).sorted().toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
