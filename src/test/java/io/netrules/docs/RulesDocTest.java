package io.netrules.docs;

import io.netrules.TestPaths;
import io.netrules.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/rules.md is what {@code netrules rules list --format markdown} prints, under a short
 * header. Regenerate with {@code -Dnetrules.docs.update=true} after changing a rule.
 */
class RulesDocTest {
    static final String HEADER = """
            # Rules

            Generated from the rules' metadata and texts by `netrules rules list --format markdown`
            (a test keeps this file in sync). `netrules explain <ID>` shows a rule in full.

            """;

    @Test
    void rulesDocMatchesTheRuleMetadata() throws Exception {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("rules", "list", "--format", "markdown"));
        String expected = HEADER + out;
        Path doc = TestPaths.project().resolve("docs/rules.md");
        if (Boolean.getBoolean("netrules.docs.update")) {
            Files.writeString(doc, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(doc, StandardCharsets.UTF_8),
                "docs/rules.md is out of date: run mvn test -Dtest=RulesDocTest -Dnetrules.docs.update=true");
    }
}
