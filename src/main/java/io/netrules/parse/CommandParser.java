package io.netrules.parse;

/**
 * Turns one command's raw output (or one copied file) into vendor-independent facts. A parser
 * streams its lines once, emits facts through the context, and reports every line it does not
 * understand as a warning with its line number. It never throws on content: whatever the
 * file holds, parsing ends normally.
 */
public interface CommandParser {
    void parse(Iterable<Line> lines, ParseContext ctx);
}
