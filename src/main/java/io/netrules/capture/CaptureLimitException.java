package io.netrules.capture;

/**
 * A file that hit a reading limit (JSON or YAML nesting depth, string length, a YAML guard): the
 * file is well formed as far as netrules read it, but is not taken. Readers of a capture turn
 * this into a warning at {@link #line()} and count the file's input as not collected; the
 * message names the file (and line:column).
 */
public class CaptureLimitException extends CaptureException {
    private final int line;
    private final String reason;

    /** @param line 0 when unknown */
    public CaptureLimitException(String file, int line, int column, String reason) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    /** What was over which limit, without the file. */
    public String reason() {
        return reason;
    }
}
