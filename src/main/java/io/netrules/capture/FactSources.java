package io.netrules.capture;

import io.netrules.capture.FactSource.Target;
import io.netrules.parse.CommandParser;
import io.netrules.parse.files.ResolvConfParser;
import io.netrules.parse.ip.EthtoolParser;
import io.netrules.parse.ip.IpAddressParser;
import io.netrules.parse.ip.IpJsonAddressParser;
import io.netrules.parse.ip.IpJsonRouteParser;
import io.netrules.parse.ip.IpRouteGetParser;
import io.netrules.parse.ip.IpRouteParser;
import io.netrules.parse.ip.SysctlParser;
import io.netrules.parse.iptables.IptablesListParser;
import io.netrules.parse.iptables.IptablesSaveParser;
import io.netrules.parse.iptables.NftRulesetParser;
import io.netrules.parse.ovs.OvsListBrParser;
import io.netrules.parse.ovs.OvsShowParser;
import io.netrules.parse.probe.PingParser;
import io.netrules.parse.probe.TracepathParser;
import io.netrules.plugin.NetworkPlugin;
import io.netrules.plugin.NetworkPlugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one registry of node fact sources (insights-core style): each input key with the live
 * commands that produce it, the capture files that store it, and the parser that reads them.
 * The capture reader, the collector and the "not evaluated" report all work from this list.
 * Cluster-scope inputs (cluster objects, probes) are listed in {@link ClusterInputs}. The input
 * keys are all named here (rules name them in {@code @requires}); the sources of a network
 * plugin's own tools and files (openshift-sdn's br0 flows and ports, its node journal, 3.x's
 * node-config.yaml) come from the plugin ({@link NetworkPlugin#nodeFactSources}).
 */
public final class FactSources {
    /** Input keys of node scope. */
    public static final String IP_ADDRESS = "ip-address";
    public static final String IP_ROUTE = "ip-route";
    public static final String ROUTE_GET = "route-get";
    public static final String SYSCTL = "sysctl";
    public static final String OVS_BRIDGES = "ovs-bridges";
    public static final String OVS_SHOW = "ovs-show";
    public static final String OVS_PORTS = "ovs-ports";
    public static final String OVS_FLOWS = "ovs-flows";
    /** The filter table of iptables (FORWARD, OPENSHIFT-FIREWALL-*, KUBE-SERVICES rejects...). */
    public static final String IPTABLES_FILTER = "iptables-filter";
    /** The nat table of iptables (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*, OPENSHIFT-MASQUERADE). */
    public static final String IPTABLES_NAT = "iptables-nat";
    public static final String ETHTOOL = "ethtool";
    public static final String PING = "ping";
    public static final String TRACEPATH = "tracepath";
    public static final String JOURNAL = "journal";
    public static final String RESOLV_CONF = "resolv-conf";
    public static final String NODE_CONFIG = "node-config";

    // The first source of each input is the one netrules' node collector runs (run(), probe(),
    // or runIfUnit() for each alternative unit); the others are forms the reader also accepts.
    // Only plugin-agnostic sources are here (ip, sysctl, ovs-vsctl, iptables, probes); the
    // sources of one network plugin's own bridge, services and files are that plugin's.
    private static final List<FactSource> CORE = List.of(
            cmd(IP_ADDRESS, "ip -d address", IpAddressParser::new).run(),
            cmd(IP_ADDRESS, "ip address", IpAddressParser::new),
            cmd(IP_ADDRESS, "ip -o addr", IpAddressParser::new),
            cmd(IP_ADDRESS, "ip -j address", IpJsonAddressParser::new),
            cmd(IP_ROUTE, "ip route show table all", IpRouteParser::new).run(),
            cmd(IP_ROUTE, "ip route", IpRouteParser::new),
            cmd(IP_ROUTE, "ip -j route", IpJsonRouteParser::new),
            cmd(ROUTE_GET, "ip route get {target}", IpRouteGetParser::new).per(Target.PEER).probe(),
            cmd(SYSCTL, "sysctl -a", SysctlParser::new).run(),
            cmd(SYSCTL, "sysctl net.ipv4.ip_forward", SysctlParser::new),
            cmd(OVS_BRIDGES, "ovs-vsctl -t 5 list-br", OvsListBrParser::new).run(),
            cmd(OVS_BRIDGES, "ovs-vsctl list-br", OvsListBrParser::new),
            cmd(OVS_SHOW, "ovs-vsctl -t 5 show", OvsShowParser::new).run(),
            cmd(OVS_SHOW, "ovs-vsctl show", OvsShowParser::new),
            cmd(IPTABLES_FILTER, "iptables-save", IptablesSaveParser::new).alsoProviding(IPTABLES_NAT).run(),
            // sosreport lists the tables instead (it has no iptables-save); -vnxL is the filter table.
            cmd(IPTABLES_FILTER, "iptables -t filter -nvL", () -> IptablesListParser.forTable("filter")),
            cmd(IPTABLES_FILTER, "iptables -vnxL", () -> IptablesListParser.forTable("filter")),
            cmd(IPTABLES_NAT, "iptables -t nat -nvL", () -> IptablesListParser.forTable("nat")),
            // RHCOS runs iptables-nft: a sosreport has the same rules in nft syntax (sos 4.6.1+
            // with handles). The listings above, iptables-nft's own view, are preferred; each table
            // is read from the ruleset by its own pass.
            cmd(IPTABLES_FILTER, "nft list ruleset", () -> NftRulesetParser.forTable("filter")),
            cmd(IPTABLES_FILTER, "nft -a list ruleset", () -> NftRulesetParser.forTable("filter")),
            cmd(IPTABLES_NAT, "nft list ruleset", () -> NftRulesetParser.forTable("nat")),
            cmd(IPTABLES_NAT, "nft -a list ruleset", () -> NftRulesetParser.forTable("nat")),
            cmd(ETHTOOL, "ethtool {target}", EthtoolParser::new).per(Target.INTERFACE).run());

    /**
     * After the plugins' sources: the probes to every peer, slow and bounded by the collection
     * budget, must not starve the node's own inputs (a plugin's flow dump and journal included).
     */
    private static final List<FactSource> CORE_LAST = List.of(
            cmd(PING, "ping -c 3 {target}", PingParser::new).per(Target.PEER).probe(),
            cmd(TRACEPATH, "tracepath {target}", TracepathParser::new).per(Target.PEER).probe(),
            FactSource.copiedFile(RESOLV_CONF, "etc/resolv.conf", ResolvConfParser::new).run());

    /** The core's sources, each network plugin's own (NetworkPlugin#nodeFactSources) by plugin ID, the probes. */
    private static final List<FactSource> ALL = withPlugins(CORE, CORE_LAST);

    private static final Map<String, List<FactSource>> BY_INPUT = new LinkedHashMap<>();

    static {
        for (FactSource s : ALL) {
            for (String input : s.inputs()) {
                BY_INPUT.computeIfAbsent(input, k -> new ArrayList<>()).add(s);
            }
        }
    }

    private FactSources() {
    }

    private static List<FactSource> withPlugins(List<FactSource> core, List<FactSource> coreLast) {
        List<FactSource> all = new ArrayList<>(core);
        for (NetworkPlugin plugin : NetworkPlugins.all()) {
            all.addAll(plugin.nodeFactSources());
        }
        all.addAll(coreLast);
        return List.copyOf(all);
    }

    private static FactSource cmd(String input, String command, Supplier<CommandParser> parser) {
        return FactSource.command(input, command, parser);
    }

    public static List<FactSource> all() {
        return ALL;
    }

    /** Sources of one input (including sources that also give it), most preferred first. */
    public static List<FactSource> forInput(String input) {
        return BY_INPUT.getOrDefault(input, List.of());
    }

    public static boolean isNodeInput(String input) {
        return BY_INPUT.containsKey(input);
    }

    /** The file name to name in a report when this input is missing: its preferred source's. */
    public static String preferredFileName(String input) {
        List<FactSource> sources = forInput(input);
        return sources.isEmpty() ? input : sources.get(0).fileName();
    }

    /**
     * The sources {@code netrules collect node} uses, in registry order: every source marked
     * run, probe or run-if-unit. Each node input has exactly one, its first source, or (the
     * journal) a run of alternatives at its head of which the collector runs the first whose
     * unit exists.
     */
    public static List<FactSource> collected() {
        return ALL.stream().filter(s -> s.collect() != FactSource.Collect.NO).toList();
    }

    /** The source a file name (a node folder entry or a sosreport command file) belongs to. */
    public static Optional<Match> match(String fileName) {
        for (FactSource s : ALL) {
            if (s.perTarget()) {
                String target = s.targetOf(fileName);
                if (target != null) {
                    return Optional.of(new Match(s, target));
                }
            } else if (s.fileName().equals(fileName)) {
                return Optional.of(new Match(s, null));
            }
        }
        return Optional.empty();
    }

    /** A file name matched to its source, with the target for per-target sources. */
    public record Match(FactSource source, String target) {
    }
}
