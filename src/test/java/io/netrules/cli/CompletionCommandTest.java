package io.netrules.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code netrules completion bash}: a script bash loads and that completes what a user types. */
class CompletionCommandTest {

    /** Sources the script in a real bash, completes the given words, and returns the candidates. */
    static List<String> complete(Path script, String... words) throws Exception {
        String wordList = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String bash = "source '" + script + "'\n"
                + "COMP_WORDS=(" + wordList + ")\nCOMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_netrules netrules\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void bashCompletesSubcommandsOptionsAndFormats(@TempDir Path tmp) throws Exception {
        Cli r = Cli.run("completion", "bash");
        assertEquals(0, r.status(), r.err());
        Path script = tmp.resolve("netrules-completion.bash");
        Files.writeString(script, r.out());

        assertEquals(List.of("diagnose"), complete(script, "netrules", "dia"));
        assertTrue(complete(script, "netrules", "comp").contains("completion"));
        List<String> options = complete(script, "netrules", "diagnose", "--f");
        assertTrue(options.contains("--format") && options.contains("--fail-on"), options.toString());
        List<String> formats = complete(script, "netrules", "diagnose", "--format", "");
        assertTrue(formats.containsAll(List.of("text", "json", "html", "sarif", "junit", "markdown")), formats.toString());
    }

    @Test
    void anUnknownShellIsBadUsage() {
        Cli r = Cli.run("completion", "fish");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("bash, zsh"), r.err());
    }
}
