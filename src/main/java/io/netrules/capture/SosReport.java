package io.netrules.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sosreport says about its own command files, beyond their names: which outputs it cut
 * (sos keeps only the tail of an output over {@code --log-size}, in
 * {@code sos_strings/<plugin>/<name>.tailed}, and makes {@code sos_commands/<plugin>/<name>} a
 * link to it; an archive reader turns the link into a copy, so the {@code .tailed} file itself
 * is what tells), and, from sos 4's {@code sos_reports/manifest.json}, each command's return
 * code and truncation, including commands that left no file (126/127: not found or not
 * runnable).
 */
final class SosReport {
    private SosReport() {
    }

    /** A sosreport's manifest: per command file name (sos's mangled name), its exec line and return code. */
    record Manifest(Map<String, Entry> byFileName) {
        static final Manifest NONE = new Manifest(Map.of());

        record Entry(String exec, int returnCode, boolean truncated) {
        }

        /** Why a command this sosreport ran left no file, or null when it says nothing. */
        String failure(String fileName) {
            Entry e = byFileName.get(fileName);
            if (e == null || e.returnCode() == 0) {
                return null;
            }
            String meaning = switch (e.returnCode()) {
                case 127 -> " (command not found)";
                case 126 -> " (command not runnable)";
                default -> "";
            };
            return "sosreport ran '" + e.exec() + "': return code " + e.returnCode() + meaning + ", no output file";
        }
    }

    /**
     * Why a sosreport command file holds only the tail of its output, or null: a
     * {@code sos_strings/<plugin>/<name>.tailed} file (or a link to one), or the manifest's
     * {@code truncated}.
     */
    static String tailed(Path root, String plugin, String fileName, Path file, Manifest manifest) {
        Path tail = root.resolve("sos_strings").resolve(plugin).resolve(fileName + ".tailed");
        boolean linked = false;
        try {
            linked = Files.isSymbolicLink(file) && Files.readSymbolicLink(file).toString().endsWith(".tailed");
        } catch (IOException | UnsupportedOperationException e) {
            // unreadable link: judged by the .tailed file and the manifest alone
        }
        Manifest.Entry entry = manifest.byFileName().get(fileName);
        if (linked || Files.isRegularFile(tail) || entry != null && entry.truncated()) {
            return "tail-truncated by sosreport (the output was over its size limit; sos kept only its end, "
                    + "sos_strings/" + plugin + "/" + fileName + ".tailed): what it held before that is missing";
        }
        return null;
    }

    /** Reads {@code sos_reports/manifest.json} (sos 4.x); a sosreport without one, or an unreadable one, gives NONE. */
    static Manifest manifest(Path root, String displayPrefix, List<ParseWarning> warnings) {
        Path file = root.resolve("sos_reports").resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return Manifest.NONE;
        }
        String display = displayPrefix + "sos_reports/manifest.json";
        try {
            if (Files.size(file) > InputLimits.DEFAULTS.fileSize()) {
                warnings.add(new ParseWarning(display, 0, "larger than the file-size limit: not read; "
                        + "the return codes of sos's commands are not known"));
                return Manifest.NONE;
            }
            JsonNode plugins = new ObjectMapper(InputLimits.DEFAULTS.jsonFactory()).readTree(file.toFile())
                    .path("components").path("report").path("plugins");
            Map<String, Manifest.Entry> byName = new HashMap<>();
            for (JsonNode plugin : plugins) {
                for (JsonNode cmd : plugin.path("commands")) {
                    String exec = cmd.path("exec").asText(null);
                    if (exec == null || exec.isBlank()) {
                        continue;
                    }
                    byName.putIfAbsent(SosNaming.fileName(exec), new Manifest.Entry(exec,
                            cmd.path("return_code").asInt(0), cmd.path("truncated").asBoolean(false)));
                }
            }
            return new Manifest(Map.copyOf(byName));
        } catch (IOException | RuntimeException e) {
            warnings.add(new ParseWarning(display, 0, "cannot read: " + e.getMessage()
                    + "; the return codes of sos's commands are not known"));
            return Manifest.NONE;
        }
    }
}
