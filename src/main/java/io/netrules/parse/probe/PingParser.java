package io.netrules.parse.probe;

import io.netrules.model.PingResult;
import io.netrules.model.Source;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ping -c 3 <ip>} (file {@code ping_-c_3_<ip>}; {@link ParseContext#detail()} is
 * the target), as iputils prints it, old and new, and as busybox prints it.
 * <pre>
 * PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
 * 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.593 ms
 * From 10.0.0.1 icmp_seq=2 Destination Host Unreachable
 *
 * --- 10.0.0.2 ping statistics ---
 * 3 packets transmitted, 1 received, +1 errors, 66.6667% packet loss, time 2003ms
 * rtt min/avg/max/mdev = 0.297/0.474/0.593/0.127 ms
 * pipe 2
 * </pre>
 * Emits one {@link PingResult} per file, once it is read: transmitted, received and loss from
 * the statistics line (also {@code 3 packets received} and {@code +N duplicates} forms), the
 * average round trip from {@code rtt min/avg/max/mdev = ...} or {@code round-trip min/avg/max = ...}
 * (null when no line; a {@code , pipe N} after it is fine), and as {@code error} the first per-packet error ({@code From ... icmp_seq=N
 * Destination Host Unreachable}, {@code ping: sendmsg: Operation not permitted},
 * {@code ping: local error: message too long, mtu=1450}); Source: the statistics line.
 * When ping could not send at all, the file holds one line and that is an answer too:
 * {@code connect: Network is unreachable} / {@code ping: connect: Network is unreachable},
 * {@code ping: unknown host foo}, {@code ping: foo: Name or service not known},
 * {@code ping: foo: Temporary failure in name resolution} give a PingResult with 0 transmitted,
 * 0 received and that message as {@code error} (Source: that line). A ping that cannot run
 * ({@code bash: ping: command not found}, {@code ping: socket: Operation not permitted},
 * {@code ping: icmp open socket: Operation not permitted}, a usage message) is a tool failure.
 * Replies, {@code pipe N}, {@code Request timeout ...} and ping's own warnings pass quietly; a
 * reply section with no statistics line (output cut short) gives no result and a warning.
 */
public final class PingParser implements CommandParser {
    private static final Pattern HEADER = Pattern.compile("^PING\\s+(\\S+?)(?:\\s*\\(([^)]*)\\))?(?:\\s|:\\s).*$");
    private static final Pattern REPLY = Pattern.compile("^\\d+ bytes from .*");
    /** {@code From 10.0.0.1 icmp_seq=1 Destination Host Unreachable}, also {@code From host (ip) ...}. */
    private static final Pattern FROM = Pattern.compile("^From \\S+(?: \\([^)]*\\))?:?\\s+(?:icmp_seq|seq)=\\d+\\s+(.+)$");
    private static final Pattern STATS_HEADER = Pattern.compile("^-{2,}\\s*(\\S*)\\s*ping statistics\\s*-*$");
    private static final Pattern STATS = Pattern.compile(
            "^(\\d+) packets transmitted, (\\d+) (?:packets )?received\\b(.*)$");
    private static final Pattern LOSS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)% packet loss");
    private static final Pattern RTT = Pattern.compile(
            "^(?:rtt|round-trip)\\s+([a-z]+(?:/[a-z]+)+)\\s*=\\s*([0-9.]+(?:/[0-9.]+)+)\\s*ms(?:,\\s*(?:pipe \\d+|ipg/ewma .*))*$");
    private static final Pattern PIPE = Pattern.compile("^,?\\s*pipe \\d+$");
    /** Per-packet errors ping prints among the replies (it still sent). */
    private static final Pattern PACKET_ERROR = Pattern.compile(
            "^(?:ping: )?((?:sendmsg|sendto|recvmsg|local error): .*)$");
    /** ping could not send at all: an answer about the network or the name, not a tool failure. */
    private static final Pattern NO_SEND = Pattern.compile(
            "^(?:ping: )?(connect: .*|unknown host.*|.*: (?:Name or service not known|Temporary failure in name resolution"
                    + "|No address associated with hostname|Address family for hostname not supported"
                    + "|Name does not resolve)|bad address .*)$");
    /** ping itself cannot run. */
    private static final Pattern CANNOT_RUN = Pattern.compile(
            "^(?:ping: )?((?:icmp open )?socket: .*|usage error.*|invalid argument.*|option requires an argument.*"
                    + "|invalid option.*)$|^Usage: ping.*");
    private static final Pattern QUIET = Pattern.compile(
            "^(?:WARNING: .*|ping: Warning: .*|Warning: .*|Request timeout for .*|\\^C)$");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Run run = new Run(ctx);
        ctx.eachLine(lines, "ping line", run::line);
        run.finish();
    }

    /** The state of one parse. */
    private static final class Run {
        private final ParseContext ctx;
        private String target;
        private boolean sawOutput;
        private Line lastLine;
        private Source statsSource;
        private int transmitted;
        private int received;
        private Double loss;
        private Double rttAvg;
        private String firstError;
        private Source noSendSource;
        private String noSendError;

        Run(ParseContext ctx) {
            this.ctx = ctx;
            this.target = ctx.detail();
        }

        void line(Line line) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                return;
            }
            lastLine = line;
            if (!isText(text)) {
                ctx.warn(line, "unreadable bytes in ping output");
                return;
            }
            Matcher m;
            if ((m = HEADER.matcher(text)).matches()) {
                sawOutput = true;
                if (target == null) {
                    target = m.group(2) != null && !m.group(2).isEmpty() ? m.group(2) : m.group(1);
                }
            } else if (REPLY.matcher(text).matches()) {
                sawOutput = true;
            } else if ((m = FROM.matcher(text)).matches()) {
                sawOutput = true;
                packetError(m.group(1).strip());
            } else if ((m = STATS_HEADER.matcher(text)).matches()) {
                sawOutput = true;
                if (target == null && !m.group(1).isEmpty()) {
                    target = m.group(1);
                }
            } else if ((m = STATS.matcher(text)).matches()) {
                stats(line, m);
            } else if ((m = RTT.matcher(text)).matches()) {
                rtt(line, m);
            } else if (PIPE.matcher(text).matches()) {
                // how many probes were in flight at once: nothing to keep
            } else if ((m = PACKET_ERROR.matcher(text)).matches()) {
                sawOutput = true;
                packetError(m.group(1));
            } else if ((m = NO_SEND.matcher(text)).matches()) {
                if (noSendSource == null) {
                    noSendError = m.group(1);
                    noSendSource = ctx.source(line);
                }
            } else {
                ToolErrorKind kind = ToolFailures.classify(text);
                if (kind == null && CANNOT_RUN.matcher(text).matches()) {
                    kind = ToolErrorKind.OTHER;
                }
                if (kind != null) {
                    ctx.toolFailed(kind, line);
                } else if (!QUIET.matcher(text).matches()) {
                    ctx.warn(line, "not a ping line");
                }
            }
        }

        private void packetError(String message) {
            if (firstError == null) {
                firstError = message;
            }
        }

        private void stats(Line line, Matcher m) {
            if (statsSource != null) {
                ctx.warn(line, "a second statistics line; the first is kept");
                return;
            }
            transmitted = Integer.parseInt(m.group(1));
            received = Integer.parseInt(m.group(2));
            Matcher loss = LOSS.matcher(m.group(3));
            this.loss = loss.find() ? Double.valueOf(loss.group(1)) : null;
            statsSource = ctx.source(line);
        }

        private void rtt(Line line, Matcher m) {
            String[] names = m.group(1).split("/");
            String[] values = m.group(2).split("/");
            if (names.length != values.length) {
                ctx.warn(line, "round-trip names and values do not pair up");
                return;
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals("avg")) {
                    rttAvg = Double.valueOf(values[i]);
                    return;
                }
            }
            ctx.warn(line, "round-trip line without an average");
        }

        void finish() {
            if (statsSource != null) {
                ctx.emit(new PingResult(ctx.node(), target, transmitted, received, loss, rttAvg,
                        firstError != null ? firstError : noSendError, statsSource));
            } else if (noSendSource != null) {
                ctx.emit(new PingResult(ctx.node(), target, 0, 0, null, null, noSendError, noSendSource));
            } else if (sawOutput && ctx.toolError() == null && lastLine != null) {
                ctx.warn(lastLine, "ping output without a statistics line (cut short?)");
            }
        }
    }

    /** False when the line holds replacement or control characters: not text output. */
    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\t' && c != '\r')) {
                return false;
            }
        }
        return true;
    }
}
