package io.netrules.parse.logs;

import io.netrules.parse.Line;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container log lines as the node and the API server hand them out, turned back into what the
 * container wrote, each with the number of the line it starts on:
 * <ul>
 *   <li>{@link Format#TIMESTAMPED}: {@code oc logs --timestamps} / a must-gather's
 *       {@code logs/current.log}: an RFC3339Nano timestamp and a space before each line
 *       ({@code 2021-08-03T09:18:29.869554002Z I0803 09:18:29.869442 ...});</li>
 *   <li>{@link Format#CRI}: the CRI log format kubelet and CRI-O write on the node
 *       ({@code /var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log}, a must-gather's
 *       {@code logs/rotated/<n>.log.<stamp>}): {@code <timestamp> stdout|stderr F|P <text>}, where
 *       {@code P} is a part of a long line that the next entry of the same stream continues,
 *       and {@code F} ends it.</li>
 * </ul>
 * A line without the expected prefix is kept whole (a log edited by hand, a cut first line).
 * Feed the lines in order with {@link #accept}, then call {@link #finish} for a partial line left
 * open at the end of the file.
 */
public final class CriLogParser {
    /** Which prefix the lines carry. */
    public enum Format { TIMESTAMPED, CRI }

    /** A line as the container wrote it, and the number of the file line it starts on. */
    public record LogLine(int number, String text) {
    }

    private static final String TS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})";
    private static final Pattern TIMESTAMPED = Pattern.compile(TS + " ");
    private static final Pattern CRI = Pattern.compile(TS + " (stdout|stderr) ([FP])(?: |$)");

    private final Format format;
    private final Consumer<LogLine> out;
    private final StringBuilder[] partial = new StringBuilder[2];
    private final int[] partialStart = new int[2];

    public CriLogParser(Format format, Consumer<LogLine> out) {
        this.format = format;
        this.out = out;
    }

    /** The text of a line with its timestamp prefix removed (TIMESTAMPED), or unchanged when it has none. */
    public static String stripTimestamp(String text) {
        Matcher m = TIMESTAMPED.matcher(text);
        return m.lookingAt() ? text.substring(m.end()) : text;
    }

    public void accept(Line line) {
        String text = line.text();
        if (format == Format.TIMESTAMPED) {
            out.accept(new LogLine(line.number(), stripTimestamp(text)));
            return;
        }
        Matcher m = CRI.matcher(text);
        if (!m.lookingAt()) {
            out.accept(new LogLine(line.number(), text));
            return;
        }
        int stream = "stdout".equals(m.group(1)) ? 0 : 1;
        String body = text.substring(m.end());
        boolean last = "F".equals(m.group(2));
        StringBuilder open = partial[stream];
        if (open == null && last) {
            out.accept(new LogLine(line.number(), body));
            return;
        }
        if (open == null) {
            open = new StringBuilder();
            partial[stream] = open;
            partialStart[stream] = line.number();
        }
        open.append(body);
        if (last) {
            out.accept(new LogLine(partialStart[stream], open.toString()));
            partial[stream] = null;
        }
    }

    /** Hands out a partial line the file ended in (its final part never came). */
    public void finish() {
        for (int s = 0; s < 2; s++) {
            if (partial[s] != null) {
                out.accept(new LogLine(partialStart[s], partial[s].toString()));
                partial[s] = null;
            }
        }
    }
}
