package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.IptablesRule;
import io.netrules.model.Service;
import io.netrules.model.ServicePort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Does a node's nat table send a service's cluster IP to the service's current endpoints, as
 * kube-proxy (iptables mode) writes it? For every port of the service that has ready endpoint
 * addresses: a {@code KUBE-SERVICES} rule for {@code -d <clusterIP>/32 -p <proto> --dport
 * <port>} jumping to a {@code KUBE-SVC-*} chain, and the DNAT destinations reachable from that
 * chain (its {@code KUBE-SEP-*} chains) equal to the ready endpoints' {@code ip:port}.
 * A port without ready endpoints is skipped: kube-proxy writes no NAT rule for it (a REJECT in
 * the filter table instead), and that is the endpoints' problem, not the node's.
 *
 * @param missingRules  service ports ({@code clusterIP:port/PROTO}) with no KUBE-SERVICES rule
 * @param missingEndpoints ready endpoints ({@code ip:port}) no DNAT rule leads to
 * @param extraEndpoints DNAT destinations that are no ready endpoint (an old pod IP, ...)
 * @param rules         the KUBE-SERVICES and DNAT rules found for the checked ports (evidence)
 * @param absentPatterns what was looked for in the nat table and not found
 */
public record ServiceNatCheck(List<String> missingRules, List<String> missingEndpoints, List<String> extraEndpoints,
                              List<IptablesRule> rules, List<String> absentPatterns) {

    public ServiceNatCheck {
        missingRules = List.copyOf(missingRules);
        missingEndpoints = List.copyOf(missingEndpoints);
        extraEndpoints = List.copyOf(extraEndpoints);
        rules = List.copyOf(rules);
        absentPatterns = List.copyOf(absentPatterns);
    }

    /** kube-proxy programs a cluster IP only for a real one: not for None (headless) or none (ExternalName). */
    public static boolean hasClusterIP(String clusterIP) {
        return clusterIP != null && !clusterIP.isBlank() && !clusterIP.equalsIgnoreCase("None");
    }

    public static ServiceNatCheck check(Service svc, List<?> readyEndpoints, IptablesTable nat) {
        List<String> missingRules = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> extra = new LinkedHashSet<>();
        List<IptablesRule> rules = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        if (svc == null || !hasClusterIP(svc.clusterIP()) || nat == null) {
            return new ServiceNatCheck(missingRules, List.of(), List.of(), rules, absent);
        }
        for (ServicePort sp : svc.ports()) {
            SortedSet<String> expected = expected(sp, readyEndpoints);
            if (expected.isEmpty() || sp.port() <= 0) {
                continue;
            }
            String proto = sp.protocol() == null ? "TCP" : sp.protocol().toUpperCase(Locale.ROOT);
            IptablesRule svcRule = nat.serviceRule(svc.clusterIP(), sp.port(), proto);
            if (svcRule == null) {
                missingRules.add(svc.clusterIP() + ":" + sp.port() + "/" + proto);
                absent.add("-A KUBE-SERVICES -d " + svc.clusterIP() + "/32 -p " + proto.toLowerCase(Locale.ROOT)
                        + " -m " + proto.toLowerCase(Locale.ROOT) + " --dport " + sp.port() + " -j KUBE-SVC-...");
                continue;
            }
            rules.add(svcRule);
            rules.addAll(nat.dnatRules(svcRule.target()));
            SortedSet<String> actual = nat.dnatDestinations(svcRule.target());
            for (String e : expected) {
                if (!actual.contains(e)) {
                    missing.add(e);
                    absent.add("-A KUBE-SEP-... -j DNAT --to-destination " + e + " (from " + svcRule.target() + ")");
                }
            }
            for (String a : actual) {
                if (!expected.contains(a)) {
                    extra.add(a);
                }
            }
        }
        return new ServiceNatCheck(missingRules, new ArrayList<>(missing), new ArrayList<>(extra), rules, absent);
    }

    /** The ready endpoints' ip:port for one service port (matched by port name and protocol). */
    static SortedSet<String> expected(ServicePort sp, List<?> readyEndpoints) {
        SortedSet<String> out = new TreeSet<>();
        if (readyEndpoints == null) {
            return out;
        }
        for (Object o : readyEndpoints) {
            if (!(o instanceof EndpointAddress e) || !e.ready() || e.ip() == null) {
                continue;
            }
            for (ServicePort ep : e.ports()) {
                if (Objects.equals(blankToNull(ep.name()), blankToNull(sp.name()))
                        && protocol(ep.protocol()).equals(protocol(sp.protocol())) && ep.port() > 0) {
                    out.add(e.ip() + ":" + ep.port());
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String protocol(String p) {
        return p == null ? "TCP" : p.toUpperCase(Locale.ROOT);
    }

    /** True when some checked port has no KUBE-SERVICES rule or its DNATs differ from the endpoints. */
    public boolean broken() {
        return !missingRules.isEmpty() || !missingEndpoints.isEmpty() || !extraEndpoints.isEmpty();
    }

    /** The problem in words, for the report. */
    public String problem() {
        List<String> parts = new ArrayList<>();
        if (!missingRules.isEmpty()) {
            parts.add("no KUBE-SERVICES rule for " + String.join(", ", missingRules));
        }
        if (!extraEndpoints.isEmpty()) {
            parts.add("NATs to " + String.join(", ", extraEndpoints) + ", which "
                    + (extraEndpoints.size() == 1 ? "is no" : "are no") + " ready endpoint");
        }
        if (!missingEndpoints.isEmpty()) {
            parts.add("no DNAT to ready endpoint" + (missingEndpoints.size() == 1 ? " " : "s ")
                    + String.join(", ", missingEndpoints));
        }
        return String.join("; ", parts);
    }

    /** A list as report text: comma separated, "none" when empty. */
    public static String text(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
