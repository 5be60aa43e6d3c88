package io.netrules.capture;

import io.netrules.model.ParseWarning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files-per-capture limit while a capture is indexed: every folder entry listed counts, and
 * once the limit is spent listing stops with one warning naming the folder where it stopped.
 * What was not listed is not read, so its inputs count as not collected. A folder's entries are
 * taken at most up to what is left before they are sorted, so a folder of ten million entries
 * costs no more memory than the limit allows.
 */
public final class FileBudget {
    private final long max;
    private final List<ParseWarning> warnings;
    private long listed;
    private boolean spent;

    public FileBudget(long max, List<ParseWarning> warnings) {
        this.max = max;
        this.warnings = warnings;
    }

    /** The entries of {@code dir}, sorted; fewer (or none) once the limit is reached. */
    public List<Path> list(Path dir, String display) throws IOException {
        if (spent) {
            return List.of();
        }
        long left = max - listed;
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.limit(left + 1).toList();
        }
        if (entries.size() > left) {
            spent = true;
            entries = entries.subList(0, (int) left);
            warnings.add(new ParseWarning(display, 0, "the capture has more than " + max
                    + " files (--limit files=" + max + "): listing stopped here; the files not listed are not read"
                    + " (their inputs count as not collected)"));
        }
        listed += entries.size();
        return entries.stream().sorted().toList();
    }
}
