package io.netrules.parse;

import io.netrules.model.ParseWarning;
import io.netrules.model.Source;
import io.netrules.model.ToolError;
import io.netrules.model.ToolErrorKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a parser knows about the file it reads (node, capture-relative path, input key) and where
 * it sends what it finds: facts, warnings, and the tool's own failure when the file holds one.
 */
public final class ParseContext {
    private final String node;
    private final String file;
    private final String input;
    private final String detail;
    private final Consumer<Object> facts;
    private final Consumer<ParseWarning> warnings;
    private final InputLimits limits;
    private ToolError toolError;
    private String incomplete;
    private int factCount;

    public ParseContext(String node, String file, String input, String detail, Consumer<Object> facts,
                        Consumer<ParseWarning> warnings) {
        this(node, file, input, detail, InputLimits.DEFAULTS, facts, warnings);
    }

    /** A context whose parsers keep to these limits (JSON and YAML nesting depth, string length). */
    public ParseContext(String node, String file, String input, String detail, InputLimits limits,
                        Consumer<Object> facts, Consumer<ParseWarning> warnings) {
        this.limits = limits;
        this.node = node;
        this.file = file;
        this.input = input;
        this.detail = detail;
        this.facts = facts;
        this.warnings = warnings;
    }

    /** A context that keeps everything in lists, for tests and small files. */
    public static Collecting collecting(String node, String file, String input) {
        return new Collecting(node, file, input, null);
    }

    public static Collecting collecting(String node, String file, String input, String detail) {
        return new Collecting(node, file, input, detail);
    }

    /** The limits a parser that reads JSON or YAML builds its parser with. */
    public InputLimits limits() {
        return limits;
    }

    public String node() {
        return node;
    }

    public String file() {
        return file;
    }

    public String input() {
        return input;
    }

    /**
     * The part of the file name that names the command's target: the interface of
     * {@code ethtool_eth0}, the peer address of {@code ip_route_get_10.0.0.2}; null otherwise.
     */
    public String detail() {
        return detail;
    }

    public Source source(Line line) {
        return new Source(file, line.number(), line.text().strip());
    }

    public Source source(int line, String text) {
        return new Source(file, line, text);
    }

    public void emit(Object fact) {
        factCount++;
        facts.accept(fact);
    }

    public void warn(Line line, String message) {
        warnings.accept(new ParseWarning(file, line.number(), message));
    }

    public void warn(int line, String message) {
        warnings.accept(new ParseWarning(file, line, message));
    }

    /**
     * The file holds the tool's failure instead of its output. The first failure is kept and
     * also emitted as a {@link ToolError} fact; the input then counts as collected-but-failed.
     */
    public void toolFailed(ToolErrorKind kind, Line line) {
        if (toolError == null) {
            toolError = new ToolError(node, input, kind, source(line));
            emit(toolError);
        }
    }

    public ToolError toolError() {
        return toolError;
    }

    /**
     * The file ends before the tool's output did (an iptables-save table without its COMMIT):
     * what was read stays, with a warning, and the input counts as incomplete, so that what
     * is missing after the cut never reads as absent.
     */
    public void incomplete(Line line, String why) {
        incomplete(line.number(), why);
    }

    /** As {@link #incomplete(Line, String)}, for a line number (0: the file as a whole). */
    public void incomplete(int line, String why) {
        warn(line, why);
        if (incomplete == null) {
            incomplete = why;
        }
    }

    /** Why the file is incomplete, or null. */
    public String incomplete() {
        return incomplete;
    }

    public int factCount() {
        return factCount;
    }

    /** What a parser does with one line; it may throw on content nobody foresaw. */
    @FunctionalInterface
    public interface LineReader {
        void read(Line line);
    }

    /**
     * Hands every line to {@code reader}, one at a time. A line the reader throws on becomes a
     * warning on that line ({@code cannot read <what> (<exception>)}) and the next line is read:
     * one odd line of a customer's file must never cost the rest of it, nor end the parse with
     * a stack trace. Every line-by-line parser reads its lines through this.
     */
    public void eachLine(Iterable<Line> lines, String what, LineReader reader) {
        for (Line line : lines) {
            try {
                reader.read(line);
            } catch (RuntimeException e) {
                warn(line, problem("cannot read " + what, e));
            }
        }
    }

    /** The warning text for an exception a parser did not foresee: what failed, and how. */
    public static String problem(String what, RuntimeException e) {
        String message = e.getMessage();
        return what + " (" + e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
    }

    /** A context that collects into lists. */
    public static final class Collecting {
        public final List<Object> facts = new ArrayList<>();
        public final List<ParseWarning> warnings = new ArrayList<>();
        public final ParseContext ctx;

        private Collecting(String node, String file, String input, String detail) {
            ctx = new ParseContext(node, file, input, detail, facts::add, warnings::add);
        }

        public <T> List<T> facts(Class<T> type) {
            return facts.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Parses text with the given parser and returns this, for tests. */
        public Collecting parse(CommandParser parser, String text) {
            parser.parse(Lines.of(text), ctx);
            return this;
        }
    }
}
