package io.netrules.parse.ip;

import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.model.Source;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ip -d address} (sosreport file {@code ip_-d_address}), plain {@code ip address}
 * ({@code ip_address}) and the one-line form {@code ip -o address} ({@code ip_-o_addr}).
 * <pre>
 * 1: lo: &lt;LOOPBACK,UP,LOWER_UP&gt; mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
 *     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 addrgenmode eui64 numtxqueues 1
 *     inet 127.0.0.1/8 scope host lo
 *        valid_lft forever preferred_lft forever
 * 4: vxlan_sys_4789: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 65000 qdisc noqueue master ovs-system state UNKNOWN group default qlen 1000
 *     link/ether 7a:2b:41:5c:0e:93 brd ff:ff:ff:ff:ff:ff promiscuity 1
 *     vxlan id 0 srcport 0 0 dstport 4789 nolearning ageing 300 noudpcsum noudp6zerocsumtx udp6zerocsumrx external
 *     openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
 * 9: veth3c9a1f2e@if3: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1450 qdisc noqueue master ovs-system state UP group default
 *     link/ether 4e:93:2f:c1:7a:0b brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 1
 *     veth
 *     openvswitch_slave addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
 * </pre>
 * Emits one {@link InterfaceAddress} per {@code inet}/{@code inet6} line (Source: that line; a
 * point-to-point {@code inet A peer B/32} keeps the local address A) and one
 * {@link NetInterface} per link, once its block is complete (Source: its header line). The name
 * loses its {@code @peer} suffix; {@code kind} is the first word of the {@code -d} detail line
 * ({@code veth}, {@code vxlan}, {@code openvswitch}, {@code tun}, {@code bridge}, {@code bond}...);
 * {@code master} comes from the header, or is {@code ovs-system} for an {@code openvswitch_slave}
 * whose header names none. Inside a link's block the parser is permissive (statistics, VF and
 * unknown detail lines pass quietly); a line outside any block that is not a link header is a
 * warning, or the tool's failure when it is one ({@code Cannot open netlink socket...}).
 */
public class IpAddressParser implements CommandParser {
    private static final Pattern HEADER = Pattern.compile("^(\\d+):\\s+(\\S+):\\s+<([^>]*)>(.*)$");
    /** {@code ip -o address}: {@code 2: eth0    inet 10.0.0.1/24 brd ... \       valid_lft ...}. */
    private static final Pattern ONE_LINE_ADDR = Pattern.compile("^(\\d+):\\s+(\\S+)\\s+(inet6?\\s.*)$");
    /** {@code ip -o} joins a record's lines with a backslash. */
    private static final Pattern ONE_LINE_JOIN = Pattern.compile("\\\\\\s+");
    private static final Pattern DETAIL_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*:?");
    private static final Pattern STATS = Pattern.compile("[0-9][0-9\\s]*");
    /** Words that start continuation lines but are not a link kind. */
    private static final Set<String> NOT_A_KIND = Set.of(
            "addrgenmode", "numtxqueues", "numrxqueues", "gso_max_size", "gso_max_segs", "promiscuity",
            "minmtu", "maxmtu", "alias", "vf", "prop", "xdp", "protodown", "protodown_reason", "parentbus",
            "parentdev", "portid", "portname", "switchid", "RX:", "TX:", "RX", "TX", "cache", "altname",
            "valid_lft", "link-netnsid", "link-netns", "allmulti", "tso_max_size", "tso_max_segs",
            "gro_max_size", "mode", "group", "qlen", "spoof", "trust", "inet", "inet6");

    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        // The open interface block, carried from line to line.
        Block[] block = {null};
        ctx.eachLine(lines, "ip address line", line -> block[0] = line(line, block[0], ctx));
        if (block[0] != null) {
            block[0].emit(ctx);
        }
    }

    /** Handles one line and returns the block open after it. */
    private Block line(Line line, Block block, ParseContext ctx) {
        String raw = line.text();
        String text = raw.strip();
        if (text.isEmpty()) {
            return block;
        }
        if (!IpText.isText(text)) {
            ctx.warn(line, "unreadable bytes in ip address output");
            return block;
        }
        String[] segments = ONE_LINE_JOIN.split(text);
        String first = segments[0].strip();
        Matcher header = HEADER.matcher(first);
        Matcher oneLine = header.matches() ? null : ONE_LINE_ADDR.matcher(first);
        if (header.matches()) {
            if (block != null) {
                block.emit(ctx);
            }
            block = null;
            block = header(header, line, ctx);
        } else if (oneLine.matches()) {
            int index = Integer.parseInt(oneLine.group(1));
            String name = baseName(oneLine.group(2));
            if (block == null || block.index != index || !block.name.equals(name)) {
                if (block != null) {
                    block.emit(ctx);
                }
                block = null;
                block = new Block(index, name, ctx.source(line));
            }
            continuation(oneLine.group(3), true, line, block, ctx);
        } else if (block != null && continuation(first, IpText.indented(raw), line, block, ctx)) {
            // handled inside the block
        } else {
            ToolErrorKind failure = IpText.failureKind(text);
            if (failure != null) {
                ctx.toolFailed(failure, line);
            } else if (block == null) {
                ctx.warn(line, "not an ip address link header");
            } else {
                ctx.warn(line, "unexpected line in the block of " + block.name);
            }
            return block;
        }
        for (int i = 1; i < segments.length && block != null; i++) {
            String segment = segments[i].strip();
            if (!segment.isEmpty() && !continuation(segment, true, line, block, ctx)) {
                ctx.warn(line, "unexpected field in one-line record of " + block.name);
            }
        }
        return block;
    }

    private static Block header(Matcher m, Line line, ParseContext ctx) {
        Block b = new Block(Integer.parseInt(m.group(1)), baseName(m.group(2)), ctx.source(line));
        String flags = m.group(3).strip();
        if (!flags.isEmpty()) {
            b.flags.addAll(Arrays.asList(flags.split(",")));
        }
        String[] t = IpText.tokens(m.group(4).strip());
        for (int i = 0; i + 1 < t.length; i++) {
            switch (t[i]) {
                case "mtu" -> {
                    try {
                        b.mtu = Integer.valueOf(t[++i]);
                    } catch (NumberFormatException e) {
                        ctx.warn(line, "mtu is not a number: " + t[i]);
                    }
                }
                case "state" -> b.operState = t[++i];
                case "master" -> b.master = t[++i];
                case "qdisc", "group", "qlen", "mode", "link-netnsid", "link-netns", "netns", "alias" -> i++;
                default -> {
                    // other header words (dynamic, portid ...) carry nothing we keep
                }
            }
        }
        return b;
    }

    /**
     * A line inside a link's block; true when it belongs there. Detail lines that start with an
     * arbitrary word must be indented, as iproute2 prints them, so that a mangled header is not
     * swallowed as detail.
     */
    private static boolean continuation(String text, boolean indented, Line line, Block block, ParseContext ctx) {
        String[] t = IpText.tokens(text);
        String word = t[0];
        if (word.equals("inet") || word.equals("inet6")) {
            address(t, line, block, ctx);
            return true;
        }
        if (word.startsWith("link/") || word.equals("valid_lft") || word.equals("altname")) {
            if (word.equals("link/ether") && t.length > 1 && block.mac == null) {
                // OVN-Kubernetes compares br-ex's and ovn-k8s-mp0's MAC with its own records.
                block.mac = t[1].toLowerCase(java.util.Locale.ROOT);
            }
            return true;
        }
        if (!indented) {
            return false;
        }
        if (STATS.matcher(text).matches()) {
            return true;
        }
        if (!DETAIL_WORD.matcher(word).matches()) {
            return false;
        }
        if (word.endsWith("_slave")) {
            if (word.equals("openvswitch_slave") && block.master == null) {
                block.master = "ovs-system";
            }
        } else if (block.kind == null && !block.sawDetail && !NOT_A_KIND.contains(word)) {
            block.kind = word;
        }
        if (!NOT_A_KIND.contains(word)) {
            block.sawDetail = true;
        }
        return true;
    }

    private static void address(String[] t, Line line, Block block, ParseContext ctx) {
        String family = t[0];
        if (t.length < 2) {
            ctx.warn(line, family + " without an address");
            return;
        }
        String local = t[1];
        String prefixFrom = local;
        if (local.indexOf('/') < 0 && t.length > 3 && t[2].equals("peer")) {
            prefixFrom = t[3];
        }
        String addr = local.indexOf('/') < 0 ? local : local.substring(0, local.indexOf('/'));
        boolean v4 = family.equals("inet");
        if (v4 ? !IpText.isIpv4(addr) : !IpText.isIpv6(addr)) {
            ctx.warn(line, "not an " + family + " address: " + local);
            return;
        }
        int slash = prefixFrom.indexOf('/');
        int max = v4 ? 32 : 128;
        int prefix = slash < 0 ? max : Integer.parseInt(prefixFrom.substring(slash + 1));
        if (prefix < 0 || prefix > max) {
            ctx.warn(line, "prefix length out of range: " + prefixFrom);
            return;
        }
        InterfaceAddress a = new InterfaceAddress(ctx.node(), block.name, addr, prefix, family, ctx.source(line));
        block.addresses.add(a.cidr());
        ctx.emit(a);
    }

    private static String baseName(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    /** The link being read: its header fields and the addresses seen so far. */
    private static final class Block {
        final int index;
        final String name;
        final Source source;
        final List<String> flags = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        Integer mtu;
        String operState;
        String kind;
        String master;
        String mac;
        boolean sawDetail;

        Block(int index, String name, Source source) {
            this.index = index;
            this.name = name;
            this.source = source;
        }

        void emit(ParseContext ctx) {
            ctx.emit(new NetInterface(ctx.node(), index, name, mtu, operState, flags, kind, master, addresses,
                    mac, source));
        }
    }
}
