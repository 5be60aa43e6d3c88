package io.netrules.docs;

import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Performs exactly the steps of docs/authoring-rules.md: writes every code block that starts
 * with a {@code file:} line, then runs every {@code $ ./netrules ...} command of its console
 * blocks in a fresh folder and checks that each line the doc shows is in the output.
 */
class AuthoringDocTest {
    static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    static final Pattern FILE = Pattern.compile("^(?://|#|<!--)\\s*file:\\s*(\\S+)\\s*(?:-->)?$");

    @Test
    void theWorkedExampleWorksAsWritten(@TempDir Path tmp) throws Exception {
        String doc = Files.readString(TestPaths.project().resolve("docs/authoring-rules.md"), StandardCharsets.UTF_8);
        Files.createSymbolicLink(tmp.resolve("facts-samples"), TestPaths.samples());
        List<String> written = new ArrayList<>();
        List<String[]> steps = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            String body = m.group(2);
            String first = body.lines().findFirst().orElse("");
            Matcher f = FILE.matcher(first.strip());
            if (f.matches()) {
                Path target = tmp.resolve(f.group(1));
                Files.createDirectories(target.getParent());
                Files.writeString(target, body.substring(body.indexOf('\n') + 1), StandardCharsets.UTF_8);
                written.add(f.group(1));
            } else if (m.group(1).equals("console")) {
                String command = null;
                StringBuilder expected = new StringBuilder();
                for (String line : body.lines().toList()) {
                    if (line.startsWith("$ ")) {
                        if (command != null) {
                            steps.add(new String[] {command, expected.toString()});
                        }
                        command = line.substring(2);
                        expected.setLength(0);
                    } else {
                        expected.append(line).append('\n');
                    }
                }
                if (command != null) {
                    steps.add(new String[] {command, expected.toString()});
                }
            }
        }
        assertEquals(3, written.size(), "the doc writes a rule, its text and its cases: " + written);
        assertTrue(steps.size() >= 4, "the doc runs validate, test, explain and diagnose");
        for (String[] step : steps) {
            String command = step[0];
            assertTrue(command.startsWith("./netrules "), "doc commands run ./netrules: " + command);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.netrules.cli.Main"));
            cmd.addAll(Arrays.asList(command.substring("./netrules ".length()).split("\\s+")));
            Path out = tmp.resolve("out.txt");
            Path err = tmp.resolve("err.txt");
            Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), command);
            String stdout = Files.readString(out);
            assertEquals(0, p.exitValue(), command + "\n" + stdout + Files.readString(err));
            for (String line : step[1].lines().filter(l -> !l.isBlank()).toList()) {
                assertTrue(stdout.lines().anyMatch(l -> l.strip().equals(line.strip())),
                        command + ": expected the line '" + line + "' in:\n" + stdout);
            }
            assertFalse(stdout.contains("FAIL"), command + "\n" + stdout);
        }
    }
}
