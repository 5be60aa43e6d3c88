package io.netrules.parse.probe;

import io.netrules.model.Source;
import io.netrules.model.ToolErrorKind;
import io.netrules.model.TracepathResult;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code tracepath <ip>} (file {@code tracepath_<ip>}; {@link ParseContext#detail()} is
 * the target), as iputils prints it.
 * <pre>
 *  1?: [LOCALHOST]                                         pmtu 1500
 *  1:  10.0.0.254                                            0.376ms asymm  2
 *  1:  10.0.0.254                                            0.284ms
 *  2:  no reply
 *  3:  node-3.example.com (10.0.0.3)                         0.515ms reached
 *      Resume: pmtu 1500 hops 3 back 2
 * </pre>
 * Emits one {@link TracepathResult} per file once it is read: {@code reached} when a hop line
 * ends in {@code reached} or shows the target; {@code pmtu} from {@code Resume: pmtu N} (else
 * the last {@code pmtu N}: of the {@code [LOCALHOST]} line, a hop or {@code Too many hops:});
 * {@code hops} from {@code hops N} of the Resume line (tracepath prints none when nothing
 * answered: then the highest hop number that answered, or 0); the first address that answered
 * at each hop, in hop order ({@code name (address)} gives the address, a bare name stays a name).
 * Source: the {@code Resume:} line, else the last line. {@code no reply}, {@code send failed},
 * {@code asymm N}, {@code !H}/{@code !N} and timings are read past. When tracepath could not
 * start a trace ({@code tracepath: 10.0.0.9: Name or service not known}), that is the answer:
 * not reached, 0 hops, Source that line. {@code command not found} and the like are tool
 * failures. Hops without a Resume line (output cut short) still give a result, with a warning.
 */
public final class TracepathParser implements CommandParser {
    /** {@code  1?: [LOCALHOST]   pmtu 1500}, {@code  2:  10.0.0.254   0.3ms}. */
    private static final Pattern HOP = Pattern.compile("^(\\d+)(\\??):\\s*(.*)$");
    private static final Pattern RESUME = Pattern.compile(
            "^Resume:\\s+pmtu\\s+(\\d+)(?:\\s+hops\\s+(\\d+))?(?:\\s+back\\s+(\\d+))?\\s*$");
    private static final Pattern TOO_MANY = Pattern.compile("^Too many hops:\\s+pmtu\\s+(\\d+)\\s*$");
    private static final Pattern PMTU = Pattern.compile("\\bpmtu\\s+(\\d+)\\b");
    /** The answering host of a hop line: {@code name (address)} or one word. */
    private static final Pattern HOST = Pattern.compile("^(\\S+)(?:\\s+\\(([^)\\s]+)\\))?(?:\\s+(.*))?$");
    private static final Pattern HOST_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:%-]*$");
    /**
     * What follows the host: the round trip ({@code 0.515ms}), or, on a reply without a time,
     * what the reply said ({@code reached}, {@code asymm N}, {@code pmtu N}, {@code !H},
     * {@code NET ERROR N}).
     */
    private static final Pattern AFTER_HOST = Pattern.compile("^(?:\\d+(?:\\.\\d+)?ms|reached|asymm|pmtu|!|NET ERROR)(?:\\b|\\s|$).*");
    /** tracepath could not start the trace: an answer about the name or the network. */
    private static final Pattern CANNOT_TRACE = Pattern.compile("^(?:tracepath6?|gethostbyname2?|getaddrinfo):\\s+.*");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Run run = new Run(ctx);
        ctx.eachLine(lines, "tracepath line", run::line);
        run.finish();
    }

    /** The state of one parse. */
    private static final class Run {
        private final ParseContext ctx;
        private final String target;
        private final Map<Integer, String> hopAddress = new TreeMap<>();
        private boolean reached;
        private Integer pmtu;
        private Integer resumeHops;
        private Source resume;
        private Source error;
        private Line lastLine;
        private boolean sawTrace;

        Run(ParseContext ctx) {
            this.ctx = ctx;
            this.target = ctx.detail();
        }

        void line(Line line) {
            String text = line.text().strip();
            if (text.isEmpty()) {
                return;
            }
            if (!PingParser.isText(text)) {
                ctx.warn(line, "unreadable bytes in tracepath output");
                return;
            }
            Matcher m;
            if ((m = RESUME.matcher(text)).matches()) {
                lastLine = line;
                sawTrace = true;
                pmtu = Integer.valueOf(m.group(1));
                resumeHops = m.group(2) == null ? null : Integer.valueOf(m.group(2));
                resume = ctx.source(line);
            } else if ((m = TOO_MANY.matcher(text)).matches()) {
                lastLine = line;
                sawTrace = true;
                pmtu = Integer.valueOf(m.group(1));
            } else if ((m = HOP.matcher(text)).matches()) {
                lastLine = line;
                sawTrace = true;
                hop(line, Integer.parseInt(m.group(1)), m.group(3).strip());
            } else {
                ToolErrorKind kind = ToolFailures.classify(text);
                if (kind != null) {
                    ctx.toolFailed(kind, line);
                } else if (CANNOT_TRACE.matcher(text).matches() && error == null) {
                    lastLine = line;
                    error = ctx.source(line);
                } else {
                    ctx.warn(line, "not a tracepath line");
                }
            }
        }

        private void hop(Line line, int number, String rest) {
            Matcher pm = PMTU.matcher(rest);
            while (pm.find()) {
                pmtu = Integer.valueOf(pm.group(1));
            }
            if (rest.startsWith("[LOCALHOST]") || rest.equals("no reply") || rest.startsWith("send failed")
                    || rest.startsWith("reply received") || rest.isEmpty()) {
                return;
            }
            Matcher h = HOST.matcher(rest);
            if (!h.matches()) {
                ctx.warn(line, "hop line without a host");
                return;
            }
            String name = h.group(1);
            String address = h.group(2) != null ? h.group(2) : name;
            String tail = h.group(3) == null ? "" : h.group(3).strip();
            if (!HOST_NAME.matcher(name).matches() || !HOST_NAME.matcher(address).matches()) {
                ctx.warn(line, "hop line without a host");
                return;
            }
            if (!AFTER_HOST.matcher(tail).matches()) {
                ctx.warn(line, tail.isEmpty() ? "hop line without a time" : "unexpected text after the hop's host");
                return;
            }
            if (tail.matches("(?:.*\\s)?reached\\b.*")) {
                reached = true;
            }
            if (target != null && (target.equals(address) || target.equals(name))) {
                reached = true;
            }
            hopAddress.putIfAbsent(number, address);
        }

        void finish() {
            if (!sawTrace && error == null) {
                return;
            }
            int hops = resumeHops != null ? resumeHops
                    : hopAddress.isEmpty() ? 0 : ((TreeMap<Integer, String>) hopAddress).lastKey();
            List<String> addresses = new ArrayList<>(hopAddress.values());
            Source source = resume != null ? resume : error != null && !sawTrace ? error : ctx.source(lastLine);
            if (resume == null && sawTrace) {
                ctx.warn(lastLine, "tracepath output without a Resume: line (cut short?)");
            }
            ctx.emit(new TracepathResult(ctx.node(), target, reached, pmtu, hops, addresses, source));
        }
    }
}
