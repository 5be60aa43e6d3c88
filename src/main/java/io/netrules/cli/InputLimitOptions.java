package io.netrules.cli;

import io.netrules.parse.InputLimits;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --limit NAME=VALUE}: how much of a capture (or archive) is read, for {@code diagnose} and
 * {@code batch}. One repeatable option rather than seven: the limits are rarely changed, and one
 * option keeps the usage short (docs/reliability.md lists each limit and what hitting it does).
 */
public final class InputLimitOptions {
    @Option(names = "--limit", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = {"Change a reading limit (repeatable); sizes take k, M, G (1024-based, e.g. 512MiB):",
                    "file-size (512MiB a file or archive entry: a larger one is not read), line-length (1Mi"
                            + " characters: a longer line is skipped), files (1000000 a capture), json-depth (200),"
                            + " string-length (16Mi characters), archive-size (16GiB extracted), archive-entries"
                            + " (2000000). Each limit hit is a warning naming the file, or for an archive's caps one"
                            + " error."})
    Map<String, String> limits = new LinkedHashMap<>();

    /** The limits the user asked for, over the defaults; a bad name or value is a usage error (exit 2). */
    InputLimits resolve(CommandLine cl) {
        InputLimits l = InputLimits.DEFAULTS;
        for (Map.Entry<String, String> e : limits.entrySet()) {
            try {
                l = l.with(e.getKey().strip(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(cl, "--limit " + e.getKey() + "=" + e.getValue() + ": "
                        + ex.getMessage());
            }
        }
        return l;
    }
}
