package io.netrules.parse.ip;

import io.netrules.model.Sysctl;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.regex.Pattern;

/**
 * Reads {@code sysctl -a} ({@code sysctl_-a}) and single-key files such as
 * {@code sysctl_net.ipv4.ip_forward}.
 * <pre>
 * net.ipv4.ip_forward = 1
 * net.ipv4.ip_local_port_range = 32768	60999
 * net.bridge.bridge-nf-call-iptables = 1
 * kernel.domainname = (none)
 * sysctl: permission denied on key 'fs.protected_regular'
 * sysctl: reading key "net.ipv6.conf.all.stable_secret"
 * </pre>
 * Emits one {@link Sysctl} per {@code key = value} line; the value is kept as printed (it may be
 * empty, or hold spaces and tabs). The {@code sysctl: permission denied on key} and
 * {@code sysctl: reading key} lines that an ordinary {@code sysctl -a} prints are passed over
 * quietly. A single-key file written with {@code -n} holds the value alone: when the file holds
 * exactly one such line and no {@code key = value} line, and {@link ParseContext#detail()} names
 * the key, the value is emitted under that key. Other {@code sysctl:} messages ({@code cannot
 * stat /proc/sys/...: No such file or directory} — the key does not exist, e.g. a module not
 * loaded) are the tool's failure.
 */
public class SysctlParser implements CommandParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/:@+*]*");
    // sysctl -a goes on past a key or a directory it cannot read (a real RHCOS sosreport's
    // sysctl_-a has 'sysctl: unable to open directory "/proc/sys/fs/binfmt_misc/"' among its keys).
    private static final Pattern NOISE = Pattern.compile(
            "^sysctl: (permission denied on key|reading key|unable to open directory) ");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        String detailKey = detailKey(ctx.detail());
        final class Run {
            Line valueOnly = null;
            boolean valueOnlyWarned = false;
            boolean sawKey = false;

            void line(Line line) {
                String text = line.text().strip();
                if (text.isEmpty() || NOISE.matcher(text).find()) {
                    return;
                }
                if (!IpText.isText(text)) {
                    ctx.warn(line, "unreadable bytes in sysctl output");
                    return;
                }
                int eq = text.indexOf('=');
                if (eq > 0 && KEY.matcher(text.substring(0, eq).strip()).matches()) {
                    ctx.emit(new Sysctl(ctx.node(), text.substring(0, eq).strip(), text.substring(eq + 1).strip(),
                            ctx.source(line)));
                    sawKey = true;
                    return;
                }
                ToolErrorKind failure = IpText.failureKind(text);
                if (failure == null && text.startsWith("sysctl: ")) {
                    failure = ToolErrorKind.OTHER;
                }
                if (failure != null) {
                    ctx.toolFailed(failure, line);
                } else if (detailKey == null) {
                    ctx.warn(line, "not a sysctl key = value line");
                } else if (valueOnly == null) {
                    valueOnly = line;
                } else {
                    if (!valueOnlyWarned) {
                        ctx.warn(valueOnly, "more than one value-only line in a single-key sysctl file");
                        valueOnlyWarned = true;
                    }
                    ctx.warn(line, "more than one value-only line in a single-key sysctl file");
                }
            }
        }
        Run run = new Run();
        ctx.eachLine(lines, "sysctl line", run::line);
        if (run.valueOnly != null && !run.valueOnlyWarned) {
            if (run.sawKey) {
                ctx.warn(run.valueOnly, "not a sysctl key = value line");
            } else {
                ctx.emit(new Sysctl(ctx.node(), detailKey, run.valueOnly.text().strip(), ctx.source(run.valueOnly)));
            }
        }
    }

    /** The key a single-key file names ({@code net.ipv4.ip_forward}), or null ({@code -a}, none). */
    private static String detailKey(String detail) {
        if (detail == null) {
            return null;
        }
        String d = detail.strip();
        return d.indexOf('.') > 0 && KEY.matcher(d).matches() ? d : null;
    }
}
