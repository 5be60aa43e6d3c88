package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record format of {@code ovs-vsctl list <table>}: one {@code column : value} line per
 * column, records separated by a blank line, each starting with {@code _uuid}. Values are OVSDB
 * data as ovs-vsctl prints them: an atom (bare, or double-quoted with JSON escapes when it is
 * not a plain identifier or looks like a number or boolean: {@code "10.0.0.1"}, {@code ""}),
 * a set {@code [a, b]} ({@code []} when empty; an optional column is a set of at most one) or a
 * map {@code {a=b, "c"="d"}}.
 *
 * <p>Subclasses turn each complete record into facts. A line that is not a column line is a
 * warning (or the tool's failure, {@code database connection failed}); a value that does not
 * parse is a warning and the column is left out of its record.
 */
abstract class OvsdbListText implements CommandParser {
    private static final Pattern COLUMN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*:(?: (.*))?$");

    /** One record: its columns' raw values and the lines they were on, in order. */
    static final class Record {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Line> lines = new LinkedHashMap<>();
        Line first;

        String raw(String column) {
            return values.get(column);
        }

        Line line(String column) {
            Line l = lines.get(column);
            return l == null ? first : l;
        }
    }

    /** Turns one complete record into facts. */
    abstract void record(Record record, ParseContext ctx);

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Record record = null;
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                record = flush(record, ctx);
                continue;
            }
            Matcher m = COLUMN.matcher(text.stripTrailing());
            if (!m.matches()) {
                ToolErrorKind failure = ToolFailures.classify(text);
                if (failure != null) {
                    ctx.toolFailed(failure, line);
                } else {
                    ctx.warn(line, "not an ovs-vsctl list column line");
                }
                continue;
            }
            String column = m.group(1);
            if (column.equals("_uuid")) {
                record = flush(record, ctx);
            }
            if (record == null) {
                record = new Record();
                record.first = line;
            }
            if (record.values.containsKey(column)) {
                ctx.warn(line, "column " + column + " twice in one record; the first is kept");
                continue;
            }
            record.values.put(column, m.group(2) == null ? "" : m.group(2).strip());
            record.lines.put(column, line);
        }
        flush(record, ctx);
    }

    private Record flush(Record record, ParseContext ctx) {
        if (record != null) {
            try {
                record(record, ctx);
            } catch (RuntimeException e) {
                ctx.warn(record.first, "could not read the record: " + e.getMessage());
            }
        }
        return null;
    }

    /** A column's value as one atom: null when absent or empty ({@code []}); a bad value is warned and null. */
    static String atom(Record r, String column, ParseContext ctx) {
        String raw = r.raw(column);
        if (raw == null || raw.equals("[]")) {
            return null;
        }
        try {
            Cursor c = new Cursor(raw);
            String v;
            if (raw.startsWith("[")) {
                List<String> set = set(c);
                if (set.size() != 1) {
                    throw new IllegalArgumentException("a set of " + set.size() + " where one value was expected");
                }
                v = set.get(0);
            } else {
                v = c.atom();
            }
            c.end();
            return v;
        } catch (IllegalArgumentException e) {
            ctx.warn(r.line(column), column + ": " + e.getMessage());
            return null;
        }
    }

    /** A column's value as an integer, or null when absent, empty or not a number (warned). */
    static Integer integer(Record r, String column, ParseContext ctx) {
        String v = atom(r, column, ctx);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            ctx.warn(r.line(column), column + " is not a number: " + v);
            return null;
        }
    }

    /** A map column ({@code {a=b, "c"="d"}}), empty when absent; a bad value is warned and empty. */
    static Map<String, String> map(Record r, String column, ParseContext ctx) {
        String raw = r.raw(column);
        if (raw == null) {
            return Map.of();
        }
        try {
            Cursor c = new Cursor(raw);
            Map<String, String> out = new LinkedHashMap<>();
            c.expect('{');
            if (!c.eat('}')) {
                do {
                    String key = c.atom();
                    c.expect('=');
                    String value = c.atom();
                    out.put(key, value);
                } while (c.eat(',') && c.skipSpace());
                c.expect('}');
            }
            c.end();
            return out;
        } catch (IllegalArgumentException e) {
            ctx.warn(r.line(column), column + ": " + e.getMessage());
            return Map.of();
        }
    }

    private static List<String> set(Cursor c) {
        List<String> out = new ArrayList<>();
        c.expect('[');
        if (!c.eat(']')) {
            do {
                out.add(c.atom());
            } while (c.eat(',') && c.skipSpace());
            c.expect(']');
        }
        return out;
    }

    /** Reads atoms and punctuation from one value. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean eat(char ch) {
            if (i < s.length() && s.charAt(i) == ch) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char ch) {
            if (!eat(ch)) {
                throw new IllegalArgumentException("expected '" + ch + "' at character " + (i + 1) + " of the value");
            }
        }

        boolean skipSpace() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            return true;
        }

        void end() {
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected text after the value at character " + (i + 1));
            }
        }

        /** A bare atom (up to {@code = , ] }}) or a quoted string with its escapes undone. */
        String atom() {
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted();
            }
            int start = i;
            while (i < s.length() && "=,]}".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("empty value at character " + (i + 1));
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("cut \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new IllegalArgumentException("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw new IllegalArgumentException("quoted string without its closing quote");
        }
    }
}
