package io.netrules.model;

/**
 * Where a fact came from: a capture-relative file, the 1-based line in it (0 when the fact
 * stands for a whole file or a whole object without a line), and the text that shows it
 * (the raw line for tool output, a short description for a cluster object).
 * Evidence in the report is built from these, so a finding can always be traced back.
 */
public record Source(String file, int line, String text) {
    public static Source of(String file, int line, String text) {
        return new Source(file, line, text);
    }

    public static Source file(String file) {
        return new Source(file, 0, null);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
