package io.netrules.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netrules.TestPaths;
import io.netrules.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/deploy/batch-job.yaml is an Indexed Job whose pods split the captures with --shard, and
 * the netrules command line in it is one netrules accepts. No Kubernetes runs here, so this
 * checks the manifest's shape and command, not a real run (docs/scale.md says so).
 */
class DeployManifestTest {
    @Test
    void theJobIsIndexedAndEachPodTakesItsShard() throws Exception {
        JsonNode job = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(TestPaths.project().resolve("docs/deploy/batch-job.yaml")));
        assertEquals("batch/v1", job.get("apiVersion").asText());
        assertEquals("Job", job.get("kind").asText());
        JsonNode spec = job.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        int completions = spec.get("completions").asInt();
        assertEquals(completions, spec.get("parallelism").asInt());
        JsonNode container = spec.get("template").get("spec").get("containers").get(0);
        String shards = null;
        for (JsonNode env : container.get("env")) {
            if (env.get("name").asText().equals("SHARDS")) {
                shards = env.get("value").asText();
            }
        }
        assertEquals(String.valueOf(completions), shards, "SHARDS must equal completions");
        for (JsonNode mount : container.get("volumeMounts")) {
            if (mount.get("mountPath").asText().equals("/captures")) {
                assertTrue(mount.get("readOnly").asBoolean(), "captures are mounted read-only");
            }
        }

        String script = container.get("args").get(0).asText();
        Matcher m = Pattern.compile("java -jar \\S+ (batch [^>\\n]*)").matcher(script);
        assertTrue(m.find(), script);
        String line = m.group(1).replace("\"$JOB_COMPLETION_INDEX/$SHARDS\"", "0/" + completions).strip();
        List<String> args = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        assertTrue(line.contains("--shard 0/" + completions), line);
        // picocli parses it as the batch command with these options, or throws.
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        CommandLine.ParseResult batch = parsed.subcommand();
        assertEquals("batch", batch.commandSpec().name());
        assertEquals("jsonl", batch.matchedOptionValue("--format", null).toString());
        assertEquals("never", batch.matchedOptionValue("--fail-on", null).toString());
    }
}
