package io.netrules.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report formats, shell completion and the oc/kubectl plugin executables, run from the
 * packaged jar and the launcher scripts as a user runs them.
 */
class ReportsCliIT {

    @Test
    void everyReportFormatComesOutOfTheJar() throws Exception {
        Map<String, String> starts = Map.of("html", "<!DOCTYPE html>", "sarif", "{\n  \"$schema\"",
                "junit", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites",
                "markdown", "# netrules diagnosis of `facts-samples/broken-vxlan-flows`");
        for (Map.Entry<String, String> e : starts.entrySet()) {
            CliIT.Run r = CliIT.jar("diagnose", "--capture", "facts-samples/broken-vxlan-flows", "--format", e.getKey());
            assertEquals(1, r.status(), e.getKey() + ": " + r.err());
            assertTrue(r.out().startsWith(e.getValue()), e.getKey() + ": " + r.out().lines().findFirst().orElse(""));
            assertTrue(r.out().contains("NR-OVS-005"), e.getKey());
            assertEquals("", r.err(), e.getKey());
        }
    }

    @Test
    void completionScriptComesOutOfTheJar() throws Exception {
        CliIT.Run r = CliIT.jar("completion", "bash");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("complete -F _complete_netrules"), r.out());
    }

    /** kubectl and oc run kubectl-NAME / oc-NAME from PATH: here, links to the scripts in the project. */
    @Test
    void theOcAndKubectlPluginExecutablesRunNetrulesThroughALinkOnPath(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String plugin : List.of("kubectl-netrules", "oc-netrules")) {
            Path script = TestPaths.project().resolve(plugin);
            assertTrue(Files.isExecutable(script), plugin + " is executable");
            Files.createSymbolicLink(bin.resolve(plugin), script);
        }
        String path = bin + java.io.File.pathSeparator + System.getenv("PATH");
        CliIT.Run r = CliIT.run(List.of("env", "PATH=" + path, "kubectl-netrules", "diagnose", "--capture",
                TestPaths.sample("broken-vxlan-flows").toString(), "--format", "json"));
        assertEquals(1, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("NR-OVS-005", json.at("/findings/0/id").asText());
        CliIT.Run v = CliIT.run(List.of("env", "PATH=" + path, "oc-netrules", "--version"));
        assertEquals(0, v.status(), v.err());
        assertTrue(v.out().startsWith("netrules "), v.out());
    }
}
