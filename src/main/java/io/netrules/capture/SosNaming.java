package io.netrules.capture;

import java.util.regex.Pattern;

/**
 * sosreport's rule for naming a command's output file (sos {@code Plugin._mangle_command}):
 * drop a leading {@code /usr/bin/}, {@code /bin/}, {@code /usr/sbin/} or {@code /sbin/}, turn
 * every run of characters outside {@code [A-Za-z0-9_.-/]} into one {@code _}, turn {@code /}
 * into {@code .}, and strip {@code " ._-"} from both ends. Netrules' own collector names its
 * files the same way, so an extracted sosreport can serve as a node folder as it is.
 */
public final class SosNaming {
    private static final Pattern BIN_PREFIX = Pattern.compile("^/(usr/)?(s)?bin/");
    private static final Pattern OUTSIDE = Pattern.compile("[^A-Za-z0-9_\\-./]+");

    private SosNaming() {
    }

    public static String fileName(String commandLine) {
        String name = BIN_PREFIX.matcher(commandLine).replaceFirst("");
        name = OUTSIDE.matcher(name).replaceAll("_");
        name = name.replace('/', '.');
        return strip(name, " ._-");
    }

    private static String strip(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
