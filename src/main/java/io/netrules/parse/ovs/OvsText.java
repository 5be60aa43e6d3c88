package io.netrules.parse.ovs;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.Map;

/** Small text helpers shared by the OVS parsers; no regular expressions on the hot paths. */
final class OvsText {
    /** The bridge openshift-sdn uses; the bridge of a dump when the file name does not say. */
    static final String DEFAULT_BRIDGE = "br0";

    private OvsText() {
    }

    static String bridge(ParseContext ctx) {
        String detail = ctx.detail();
        return detail == null || detail.isBlank() ? DEFAULT_BRIDGE : detail.strip();
    }

    /**
     * Removes the double quotes OVS puts around names and values ({@code "vxlan0"},
     * {@code "4789"}), undoing backslash escapes inside; anything not wholly quoted is returned
     * as it is.
     */
    static String unquote(String s) {
        if (s == null || s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return s;
        }
        String inner = s.substring(1, s.length() - 1);
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The value after "key:" on a {@code key: value} line, stripped. */
    static String valueAfterColon(String t) {
        int colon = t.indexOf(':');
        return colon < 0 ? "" : t.substring(colon + 1).strip();
    }

    /**
     * Parses an OVSDB map as {@code ovs-vsctl show} prints it:
     * {@code {dst_port="4789", key=flow, remote_ip=flow}}. Quotes are removed from keys and
     * values; commas inside quotes do not split.
     */
    static void parseMap(String text, Map<String, String> into) {
        String s = text.strip();
        if (s.startsWith("{")) {
            s = s.substring(1);
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '\\' && quoted && i + 1 < s.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String entry = s.substring(start, Math.min(i, s.length())).strip();
                start = i + 1;
                if (entry.isEmpty()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    into.put(unquote(entry), "");
                } else {
                    into.put(unquote(entry.substring(0, eq).strip()), unquote(entry.substring(eq + 1).strip()));
                }
            }
        }
    }

    /**
     * Recognizes a line that holds the tool's failure instead of its output. A failure
     * {@link ToolFailures} knows is reported at once; a line the tool prefixed with its own name
     * ({@code ovs-ofctl: ...}) that no pattern knows is kept, and reported as
     * {@link ToolErrorKind#OTHER} only at the end, so that a known cause printed on another line
     * (the version-negotiation warning before "failed to connect to socket") wins.
     */
    static final class Failures {
        private final ParseContext ctx;
        private final String prefix;
        private Line unclassified;

        Failures(ParseContext ctx, String tool) {
            this.ctx = ctx;
            this.prefix = tool + ":";
        }

        /** True when the line is the tool's failure (reported now or at {@link #finish()}). */
        boolean offer(Line line, String text) {
            ToolErrorKind kind = ToolFailures.classify(text);
            if (kind != null) {
                ctx.toolFailed(kind, line);
                return true;
            }
            if (text.startsWith(prefix)) {
                if (unclassified == null) {
                    unclassified = line;
                }
                return true;
            }
            return false;
        }

        void finish() {
            if (unclassified != null && ctx.toolError() == null) {
                ctx.toolFailed(ToolErrorKind.OTHER, unclassified);
            }
        }
    }

    /** A short warning text for an exception met while reading one line. */
    static String problem(String what, RuntimeException e) {
        return io.netrules.parse.ParseContext.problem(what, e);
    }
}
