package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;
import io.netrules.plugins.ovnkubernetes.model.GeneveDevice;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Geneve devices out of {@code ip -d link} or {@code ip -s -d link} (sosreport
 * {@code sos_commands/networking/ip_-s_-d_link}):
 * <pre>
 * 6: genev_sys_6081: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 65000 qdisc noqueue master ovs-system state UNKNOWN mode DEFAULT group default qlen 1000
 *     link/ether 5e:fa:3c:1b:9a:44 brd ff:ff:ff:ff:ff:ff promiscuity 1 minmtu 68 maxmtu 65465
 *     geneve external id 0 ttl auto dstport 6081 udp6zerocsumrx
 *     openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
 *     RX: bytes  packets  errors  dropped overrun mcast
 *     0          0        0       0       0       0
 * </pre>
 * Emits one {@link GeneveDevice} per link whose detail has a {@code geneve} line (Source: the
 * link's header). The other links (and their MTU, state, kind) are the core's
 * {@code IpAddressParser}'s, which reads this format too; this parser only adds what that one
 * does not keep, the Geneve {@code dstport}. Inside a link's block every line passes (the
 * statistics and detail lines vary between iproute2 versions); a line outside any block that is
 * not a link header is a warning, or the tool's failure.
 */
public class GeneveLinkParser implements CommandParser {
    private static final Pattern HEADER = Pattern.compile("^(\\d+):\\s+(\\S+?)(?:@\\S+)?:\\s+<([^>]*)>(.*)$");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Link link = null;
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(text.strip());
            if (h.matches() && !Character.isWhitespace(text.charAt(0))) {
                link = new Link(h.group(2), line, Arrays.asList(h.group(3).split(",")));
                link.mtu = mtu(h.group(4), line, ctx);
                continue;
            }
            if (link == null || !Character.isWhitespace(text.charAt(0))) {
                ToolErrorKind failure = ToolFailures.classify(text);
                if (failure != null) {
                    ctx.toolFailed(failure, line);
                } else {
                    ctx.warn(line, "not an ip link header");
                }
                link = null;
                continue;
            }
            String[] t = text.strip().split("\\s+");
            if (t[0].equals("geneve") && !link.emitted) {
                link.emitted = true;
                ctx.emit(new GeneveDevice(ctx.node(), link.name, link.mtu, dstPort(t, line, ctx),
                        link.flags.contains("UP"), ctx.source(link.header)));
            }
        }
    }

    private static Integer mtu(String rest, Line line, ParseContext ctx) {
        String[] t = rest.strip().split("\\s+");
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].equals("mtu")) {
                return number(t[i + 1], "mtu", line, ctx);
            }
        }
        return null;
    }

    private static Integer dstPort(String[] t, Line line, ParseContext ctx) {
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].equals("dstport")) {
                return number(t[i + 1], "dstport", line, ctx);
            }
        }
        return null;
    }

    private static Integer number(String s, String what, Line line, ParseContext ctx) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            ctx.warn(line, what + " is not a number: " + s);
            return null;
        }
    }

    /** The link whose block is being read. */
    private static final class Link {
        final String name;
        final Line header;
        final List<String> flags;
        Integer mtu;
        boolean emitted;

        Link(String name, Line header, List<String> flags) {
            this.name = name;
            this.header = header;
            this.flags = flags;
        }
    }
}
