package io.netrules.collect;

import io.netrules.TestPaths;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/collector.md lists what the collector runs; the list is generated from the registry, and
 * this test fails when the two differ. Run it with {@code -Dnetrules.updateDocs=true} to rewrite
 * the table in place.
 */
class CollectorDocTest {
    static final String BEGIN = "<!-- commands: generated from FactSources by CollectorDocTest; do not edit -->";
    static final String END = "<!-- end of commands -->";

    /** The table of docs/collector.md, from {@link FactSources#collected()}. */
    static String table() {
        List<String> lines = new ArrayList<>();
        lines.add("| input | what the collector runs | file in `nodes/<node>/` | when |");
        lines.add("|---|---|---|---|");
        String previousUnit = null;
        for (FactSource s : FactSources.collected()) {
            String target = switch (s.target()) {
                case PEER -> "<peer>";
                case INTERFACE -> "<iface>";
                case NONE -> null;
            };
            String inputs = String.join(", ", s.inputs().stream().map(i -> "`" + i + "`").toList());
            String what = s.copied() ? "copy `" + s.fileName() + "` from `--host-root`"
                    : "`" + (target == null ? s.command() : s.commandFor(target)) + "`";
            String file = "`" + (target == null ? s.fileName() : s.fileName().replace("{target}", target)) + "`";
            String when = switch (s.collect()) {
                case RUN -> s.target() == FactSource.Target.INTERFACE ? "for the primary interface (below)" : "always";
                case PROBE -> "once per peer; a non-zero exit is the answer, kept";
                case IF_UNIT -> "if unit `" + s.unit() + "` exists" + (previousUnit == null ? ""
                        : " and `" + previousUnit + "` does not");
                case NO -> throw new IllegalStateException();
            };
            previousUnit = s.collect() == FactSource.Collect.IF_UNIT ? s.unit() : null;
            lines.add("| " + inputs + " | " + what + " | " + file + " | " + when + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void collectorDocListsExactlyTheRegistrysCommands() throws Exception {
        Path doc = TestPaths.project().resolve("docs/collector.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/collector.md needs the lines\n" + BEGIN + "\n" + END);
        String current = text.substring(begin + BEGIN.length() + 1, end);
        String expected = table();
        if (!expected.equals(current) && Boolean.getBoolean("netrules.updateDocs")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length() + 1) + expected + text.substring(end));
            return;
        }
        assertEquals(expected, current, "docs/collector.md's table differs from the registry "
                + "(mvn test -Dtest=CollectorDocTest -Dnetrules.updateDocs=true rewrites it)");
    }
}
