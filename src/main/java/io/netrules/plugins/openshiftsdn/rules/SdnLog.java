package io.netrules.plugins.openshiftsdn.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the SDN's log the way the guide's "Reading the Logs" does, one line at a time, for the
 * NR-LOG rules: which line starts a new log entry, which is the setup script's output marker,
 * a script step, an error, or the output of adding an OVS rule. A line is a journal message (the
 * text after {@code origin-node[pid]: }) or a line of the {@code sdn} pod's log, optionally
 * behind the RFC 3339 timestamp {@code oc logs --timestamps} puts first.
 *
 * <p>openshift-sdn logs the setup script's combined output as one glog entry,
 * {@code log.Infof("Output of setup script:\n%s", out)}; the journal (and the container log)
 * holds it as one line per output line, without a glog header. So the script's output is the
 * lines after the marker up to the next line that starts a log entry (a glog header
 * {@code I0311 08:13:03.401877    1214 controller.go:38] }), and at most {@link #SCRIPT_WINDOW}
 * lines. The script runs with {@code set -ex}: its steps are traced with a leading {@code +}.
 * Each OVS rule is logged as {@code Output of adding <rule>: <ovs-ofctl output> (<error>)}:
 * {@code (<nil>)} when it worked, {@code (exit status 1)} after the tool's message when not.
 */
public final class SdnLog {
    /** How many lines after the {@code Output of setup script:} marker may still be the script's output. */
    public static final int SCRIPT_WINDOW = 500;
    /** How many lines after {@code Output of adding ...} may still be that entry's continuation. */
    public static final int FLOW_ADD_WINDOW = 20;

    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}) ");
    /** glog's header: severity, mmdd, time, thread id, file:line]. */
    private static final Pattern GLOG = Pattern.compile(
            "^[IWEF]\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\s+\\d+ [^\\s\\]]+:\\d+\\] ");
    private static final Pattern STEP = Pattern.compile("^\\++ ");
    private static final Pattern IGNORED_STEP = Pattern.compile("^\\++ (?:true|:)$");
    private static final Pattern RETURN_STEP = Pattern.compile("^\\++ return(?: \\d+)?$");
    private static final Pattern ERREXIT = Pattern.compile("^\\++ set ([-+])[a-z]*e[a-z]*$");
    private static final String SETUP_MARKER = "Output of setup script:";
    private static final String SETUP_FAILED = "Error executing setup script";
    private static final String FLOW_ADD = "Output of adding table=";

    /**
     * What a failing command prints, as the setup script's tools print it: iproute2
     * ({@code RTNETLINK answers: File exists}, {@code Cannot find device "lbr0"},
     * {@code Error: ...}), OVS ({@code ovs-vsctl: no bridge named br0}, syslog-style
     * {@code |ERR|}), brctl, sysctl, modprobe, bash, and errno texts.
     */
    private static final Pattern ERROR = Pattern.compile(String.join("|",
            "RTNETLINK answers: ",
            "^(?:Error|ERROR|error)\\b",
            "^(?:ovs-vsctl|ovs-ofctl|ovs-appctl|ovs-dpctl|ovsdb-client|brctl|bridge|sysctl|modprobe|iptables"
                    + "|ip6tables|iptables-restore|ip|tc|ethtool|nsenter|systemctl|docker|dbus-send|flock|mkdir|rm"
                    + "|openshift-sdn[\\w-]*)(?: v[\\d.]+)?: ",
            "^Cannot ",
            "^Job for \\S+ failed",
            "\\bexit status \\d+",
            "command not found",
            "No such file or directory",
            "No such device",
            "No such process",
            "Operation not permitted",
            "Permission denied",
            "Invalid argument",
            "(?:Device or resource|Resource) busy",
            "(?:does not|doesn't) exist",
            "\\|(?:ERR|EMER)\\|",
            "^bash: ",
            "^/\\S+: line \\d+: "));
    /** A Go error printed last in parentheses, other than {@code (<nil>)}: {@code (exit status 1)}. */
    private static final Pattern GO_ERROR = Pattern.compile("\\((?!<nil>\\))[^()]+\\)$");
    private static final Pattern UNIT = Pattern.compile("--unit_([A-Za-z0-9@._-]+?)(?:\\.service)?$");

    private SdnLog() {
    }

    /** The line without an {@code oc logs --timestamps} timestamp and surrounding blanks ("" for null). */
    public static String body(String line) {
        if (line == null) {
            return "";
        }
        String s = line.strip();
        Matcher m = TIMESTAMP.matcher(s);
        return m.find() ? s.substring(m.end()).strip() : s;
    }

    /** The message of a glog entry, without its header; the whole body when it has none. */
    public static String entryMessage(String line) {
        String b = body(line);
        Matcher m = GLOG.matcher(b);
        return m.find() ? b.substring(m.end()).strip() : b;
    }

    /** True when the line starts a log entry (a glog header), which ends any multi-line output before it. */
    public static boolean entryStart(String line) {
        return GLOG.matcher(body(line)).find();
    }

    /** True for the entry that opens the setup script's output: {@code ...] Output of setup script:}. */
    public static boolean setupScriptOutput(String line) {
        return entryStart(line) && entryMessage(line).startsWith(SETUP_MARKER);
    }

    /** True for openshift-sdn's report that the setup script exited with an error. */
    public static boolean setupScriptFailed(String line) {
        return entryStart(line) && entryMessage(line).startsWith(SETUP_FAILED);
    }

    /** True for a traced script step ({@code + ip link set lbr0 up}, {@code ++ ...} in a subshell). */
    public static boolean scriptStep(String line) {
        return STEP.matcher(body(line)).find();
    }

    /** True for the step {@code cmd || true} traces after a failing {@code cmd}: {@code + true} (or {@code + :}). */
    public static boolean ignoredStep(String line) {
        return IGNORED_STEP.matcher(body(line)).matches();
    }

    /**
     * True for a step that can come between a failure and the {@code + true} of the
     * {@code cmd || true} around it: a log entry start, or any step other than the
     * {@code + return 1} by which a function passes the failure on to its caller
     * ({@code delete_local_subnet_route tun0 || true} traces the function's failure, then
     * {@code + return 1}, then {@code + true}).
     */
    public static boolean nextStepOrEntry(String line) {
        return entryStart(line) || scriptStep(line) && !RETURN_STEP.matcher(body(line)).matches();
    }

    /** True for a traced {@code set -e} or {@code set +e} (errexit switched on or off). */
    public static boolean errexitStep(String line) {
        return ERREXIT.matcher(body(line)).matches();
    }

    /** True for a traced {@code set +e}: failures from here on do not stop the script. */
    public static boolean errexitOff(String line) {
        Matcher m = ERREXIT.matcher(body(line));
        return m.matches() && "+".equals(m.group(1));
    }

    /**
     * True when a line of script output reads like a failure (see {@link #ERROR}); a script step,
     * even one that names a file {@code error.log}, and a new log entry never are.
     */
    public static boolean scriptError(String line) {
        if (line == null || entryStart(line) || scriptStep(line)) {
            return false;
        }
        String b = body(line);
        return !b.isEmpty() && ERROR.matcher(b).find();
    }

    /** True for an {@code Output of adding table=...} entry: the result of adding one OVS rule. */
    public static boolean flowAdd(String line) {
        return entryStart(line) && entryMessage(line).startsWith(FLOW_ADD);
    }

    /** The OVS rule of an {@code Output of adding} entry (a rule has no ": " in it); "" when it is none. */
    public static String flowAddRule(String line) {
        if (!flowAdd(line)) {
            return "";
        }
        String m = entryMessage(line).substring("Output of adding ".length());
        int colon = m.indexOf(": ");
        String rule = colon < 0 ? m : m.substring(0, colon);
        return rule.endsWith(":") ? rule.substring(0, rule.length() - 1) : rule;
    }

    /** What follows the rule on the {@code Output of adding} line: the tool's output and, on one line, the error. */
    public static String flowAddOutput(String line) {
        if (!flowAdd(line)) {
            return "";
        }
        String m = entryMessage(line).substring("Output of adding ".length());
        int colon = m.indexOf(": ");
        return colon < 0 ? "" : m.substring(colon + 2).strip();
    }

    /** True when the {@code Output of adding} line itself shows that adding the rule failed. */
    public static boolean flowAddFailed(String line) {
        return flowAdd(line) && flowAddProblem(flowAddOutput(line));
    }

    /**
     * True for a continuation line of an {@code Output of adding} entry that shows a failure:
     * the Go error that ends the entry ({@code (exit status 1)}) or the tool's message.
     */
    public static boolean flowAddError(String line) {
        return line != null && !entryStart(line) && !scriptStep(line) && flowAddProblem(body(line));
    }

    private static boolean flowAddProblem(String text) {
        return !text.isEmpty() && (GO_ERROR.matcher(text).find() || ERROR.matcher(text).find());
    }

    /**
     * The unit whose journal a capture file holds: {@code origin-node} for
     * {@code journalctl_--no-pager_--unit_origin-node}; "node" when the name does not say.
     */
    public static String journalUnit(String file) {
        if (file == null) {
            return "node";
        }
        Matcher m = UNIT.matcher(file);
        return m.find() ? m.group(1) : "node";
    }
}
