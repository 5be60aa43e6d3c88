package io.netrules.parse.ip;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ToolFailures;

import java.util.regex.Pattern;

/**
 * Small text helpers shared by the parsers of this package: address syntax checks, the
 * failure lines iproute2 and friends print instead of output, and a check for lines that hold
 * undecodable bytes (a truncated or binary file) rather than text.
 */
final class IpText {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Messages iproute2 (and a shell) print in place of output. These are not classified by
     * {@link ToolFailures} because they say nothing about which subsystem failed.
     */
    private static final Pattern GENERIC_FAILURE = Pattern.compile(
            "^(Error: |RTNETLINK answers: |Cannot |Object \".*\" is unknown|Option \".*\" is unknown|Command \".*\" is unknown"
                    + "|Usage: |ip: |bash: |sh: |-bash: )");

    private IpText() {
    }

    static String[] tokens(String stripped) {
        return stripped.isEmpty() ? new String[0] : WHITESPACE.split(stripped);
    }

    static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    static boolean isIpv6(String s) {
        if (s == null || s.indexOf(':') < 0 || !IPV6.matcher(s).matches()) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        if (groups.length > 8 + 2) {
            return false;
        }
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean last = i == groups.length - 1;
            if (last && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
            } else if (g.length() > 4 || g.indexOf('.') >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isAddress(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    /**
     * An address or CIDR as iproute2 prints it, as a CIDR: a bare IPv4 address gets /32, a bare
     * IPv6 address /128. Returns null when the text is neither.
     */
    static String toCidr(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!isAddress(addr)) {
            return null;
        }
        int max = isIpv4(addr) ? 32 : 128;
        if (slash < 0) {
            return addr + "/" + max;
        }
        int len = Integer.parseInt(s.substring(slash + 1));
        if (len < 0 || len > max) {
            throw new NumberFormatException("prefix length " + len + " out of range");
        }
        return addr + "/" + len;
    }

    /** False when the line holds replacement characters or control characters: not text output. */
    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\t' && c != '\r')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The kind of failure a line shows when it is a tool's failure message rather than output:
     * what {@link ToolFailures} recognises, else OTHER for the generic iproute2/shell messages,
     * else null.
     */
    static ToolErrorKind failureKind(String stripped) {
        ToolErrorKind kind = ToolFailures.classify(stripped);
        if (kind != null) {
            return kind;
        }
        return GENERIC_FAILURE.matcher(stripped).find() ? ToolErrorKind.OTHER : null;
    }

    static boolean indented(String raw) {
        return !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
    }
}
