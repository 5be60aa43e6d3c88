package io.netrules.parse;

import io.netrules.model.ToolErrorKind;

import java.util.regex.Pattern;

/**
 * Recognizes the failures a tool prints in place of its output, as sos and netrules' collector
 * store them (stderr is kept in the file). Shared by every parser so that "the tool failed" is
 * never read as "the tool found nothing".
 */
public final class ToolFailures {
    private static final Pattern NOT_INSTALLED = Pattern.compile(
            "(command not found|: not found$|No such file or directory.*exec|executable file not found)");
    private static final Pattern OVS_DOWN = Pattern.compile(
            "(database connection failed|db\\.sock: .*(failed|No such file|Connection refused)"
                    + "|failed to connect to .*(\\.mgmt|\\.sock)|ovs-vswitchd.*not running|Connection refused"
                    + "|\\.mgmt: failed to open socket \\((Broken pipe|No such file or directory)\\))");
    private static final Pattern NO_BRIDGE = Pattern.compile("is not a bridge or a socket|no bridge named");
    private static final Pattern VERSION = Pattern.compile(
            "version negotiation failed|OpenFlow version .* not supported|we support version|peer supports version");
    private static final Pattern DENIED = Pattern.compile("Operation not permitted|Permission denied"
            // journalctl run without the adm/systemd-journal group: it shows no system unit's lines.
            + "|not seeing messages from other users and the system"
            + "|No journal files were opened due to insufficient permissions");

    private ToolFailures() {
    }

    /** The kind of failure this line shows, or null when it looks like ordinary output. */
    public static ToolErrorKind classify(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        if (VERSION.matcher(line).find()) {
            return ToolErrorKind.OPENFLOW_VERSION_MISMATCH;
        }
        if (NO_BRIDGE.matcher(line).find()) {
            return ToolErrorKind.NO_SUCH_BRIDGE;
        }
        // Before "OVS down": ovs-vsctl run without root says "database connection failed
        // (Permission denied)", which says nothing about whether OVS runs.
        if (DENIED.matcher(line).find()) {
            return ToolErrorKind.PERMISSION_DENIED;
        }
        if (OVS_DOWN.matcher(line).find()) {
            return ToolErrorKind.OVS_NOT_RUNNING;
        }
        if (NOT_INSTALLED.matcher(line).find()) {
            return ToolErrorKind.NOT_INSTALLED;
        }
        return null;
    }
}
