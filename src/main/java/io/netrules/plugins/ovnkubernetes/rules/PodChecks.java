package io.netrules.plugins.ovnkubernetes.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.netrules.plugins.ovnkubernetes.model.KubeEvent;
import io.netrules.plugins.ovnkubernetes.model.OvnPod;
import io.netrules.rules.IpAddresses;

/**
 * What the OVN pod rules (NR-OVNPOD-*) ask about addresses, logical ports, CNI events and
 * ovn-controller's port claims, as static functions for DRL ({@code import function}). IPv4 and
 * IPv6 alike: pod-networks annotations and NB rows write both families.
 */
public final class PodChecks {
    private PodChecks() {
    }

    /**
     * An address (with or without a {@code /prefix}) in one canonical text, so that
     * {@code fd00:0::5} and {@code fd00::5} compare equal; null when it is not an IP literal
     * ({@link IpAddresses} parses). The text is Java's: IPv6 groups without leading zeros and
     * without {@code ::} ({@code fd00:0:0:0:0:0:0:5}); an IPv4-mapped IPv6 address prints as
     * its IPv4 address.
     */
    public static String canonicalIp(String address) {
        byte[] b = IpAddresses.bytes(address);
        if (b == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * True when the address (prefix ignored) lies inside the CIDR of the same family; a CIDR
     * without a prefix is a single address.
     */
    public static boolean inSubnet(String address, String cidr) {
        return IpAddresses.inCidr(address, cidr);
    }

    /** The addresses (bare, canonical) that lie in none of the subnets. */
    public static List<String> outside(Collection<String> addresses, Collection<String> subnets) {
        List<String> out = new ArrayList<>();
        if (addresses == null) {
            return out;
        }
        for (String a : addresses) {
            String ip = canonicalIp(a);
            if (ip == null) {
                continue;
            }
            boolean in = false;
            for (String s : subnets == null ? List.<String>of() : subnets) {
                if (inSubnet(a, s)) {
                    in = true;
                    break;
                }
            }
            if (!in) {
                out.add(ip);
            }
        }
        return out;
    }

    /** True when one of the addresses lies in none of the subnets. */
    public static boolean anyOutside(Collection<String> addresses, Collection<String> subnets) {
        return !outside(addresses, subnets).isEmpty();
    }

    /** The addresses as bare canonical IPs, in order, without repeats; what is no IP is left out. */
    public static List<String> ips(Collection<String> addresses) {
        Set<String> out = new LinkedHashSet<>();
        if (addresses != null) {
            for (String a : addresses) {
                String ip = canonicalIp(a);
                if (ip != null) {
                    out.add(ip);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** True when one of the addresses (any prefix, any spelling) is the IP {@code ip}. */
    public static boolean holdsIp(Collection<String> addresses, String ip) {
        String want = canonicalIp(ip);
        return want != null && ips(addresses).contains(want);
    }

    /**
     * True when one of the addresses is one of the IPs of a {@code ", "}-separated list (as rules
     * write them, e.g. a service finding's failing endpoint IPs).
     */
    public static boolean holdsAnyOf(Collection<String> addresses, String ipList) {
        if (ipList == null || ipList.isBlank()) {
            return false;
        }
        List<String> have = ips(addresses);
        for (String s : ipList.split(",")) {
            String ip = canonicalIp(s);
            if (ip != null && have.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code a} sorts before {@code b} (picks one pod of a group to stand for it). */
    public static boolean sortsBefore(String a, String b) {
        return a != null && b != null && a.compareTo(b) < 0;
    }

    /**
     * Two launcher pods of the same KubeVirt VM (same namespace and {@code vm.kubevirt.io/name}):
     * they share the VM's address during and after a live migration, by design.
     */
    public static boolean sameVm(String namespaceA, String vmA, String namespaceB, String vmB) {
        return vmA != null && !vmA.isEmpty() && vmA.equals(vmB) && namespaceA != null && namespaceA.equals(namespaceB);
    }

    /** Pods as {@code namespace/name (node)}, sorted, ", "-separated. */
    public static String podList(Collection<?> pods) {
        Set<String> out = new TreeSet<>();
        for (Object o : pods) {
            if (o instanceof OvnPod p) {
                out.add(p.namespace() + "/" + p.name() + " (" + p.node() + ")");
            }
        }
        return String.join(", ", out);
    }

    /** The pods' node names, sorted, without repeats, ", "-separated. */
    public static String nodeList(Collection<?> pods) {
        Set<String> out = new TreeSet<>();
        for (Object o : pods) {
            if (o instanceof OvnPod p && p.node() != null) {
                out.add(p.node());
            }
        }
        return String.join(", ", out);
    }

    /**
     * True when a Logical_Switch_Port's {@code addresses} carry exactly the pod's MAC and IPs:
     * OVN-Kubernetes writes one entry {@code "<mac> <ip> [<ip>]"} (addLogicalPort). The MAC is
     * compared without regard to case, the IPs as a set, prefixes ignored; a pod annotation
     * without a MAC is compared by its IPs only.
     */
    public static boolean addressesMatch(List<String> lspAddresses, String mac, Collection<String> podAddresses) {
        if (lspAddresses == null || lspAddresses.size() != 1) {
            return false;
        }
        String[] parts = lspAddresses.get(0).strip().split("\\s+");
        if (parts.length < 2) {
            return false;
        }
        if (mac != null && !mac.isEmpty() && !parts[0].equalsIgnoreCase(mac)) {
            return false;
        }
        Set<String> have = new TreeSet<>();
        for (int i = 1; i < parts.length; i++) {
            String ip = canonicalIp(parts[i]);
            if (ip == null) {
                return false;
            }
            have.add(ip);
        }
        return have.equals(new TreeSet<>(ips(podAddresses)));
    }

    /** What the pod's annotation says the port's addresses must be: {@code "<mac> <ip> [<ip>]"}. */
    public static String expectedAddresses(String mac, Collection<String> podAddresses) {
        List<String> parts = new ArrayList<>();
        if (mac != null && !mac.isEmpty()) {
            parts.add(mac);
        }
        parts.addAll(ips(podAddresses));
        return String.join(" ", parts);
    }

    /**
     * The chassis an LSP's {@code options:requested-chassis} names ({@code node} or, during a
     * KubeVirt live migration, {@code node-a,node-b}); empty when unset.
     */
    public static List<String> requestedChassis(Map<String, String> options) {
        List<String> out = new ArrayList<>();
        String v = options == null ? null : options.get("requested-chassis");
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** {@code options:requested-chassis} as stored, or {@code unset}. */
    public static String requestedChassisText(Map<String, String> options) {
        String v = options == null ? null : options.get("requested-chassis");
        return v == null || v.isEmpty() ? "unset" : v;
    }

    /** True when {@code options:requested-chassis} is set and names neither the node nor its chassis. */
    public static boolean requestsOtherChassis(Map<String, String> options, String node, String chassisId) {
        List<String> requested = requestedChassis(options);
        return !requested.isEmpty() && !requested.contains(node) && (chassisId == null || !requested.contains(chassisId));
    }

    /** True when {@code options:requested-chassis} lists two chassis (a KubeVirt live migration). */
    public static boolean requestsTwoChassis(Map<String, String> options) {
        return requestedChassis(options).size() > 1;
    }

    /** {@code options:iface-id-ver} of an LSP (the pod UID), or null. */
    public static String ifaceIdVer(Map<String, String> options) {
        String v = options == null ? null : options.get("iface-id-ver");
        return v == null || v.isEmpty() ? null : v;
    }

    /** A CNI timeout of OVN-Kubernetes in a FailedCreatePodSandBox message: which one. */
    public enum CniTimeout {
        /** {@code failed to get pod annotation: timed out waiting for annotations}: no controller wrote it. */
        A,
        /** {@code timed out waiting for OVS port binding}: the node never bound or installed the port. */
        B
    }

    /** The CNI timeout a sandbox event's message reports, or null when it reports none of them. */
    public static CniTimeout cniTimeout(String message) {
        if (message == null) {
            return null;
        }
        if (message.contains("timed out waiting for annotations")) {
            return CniTimeout.A;
        }
        if (message.contains("timed out waiting for OVS port binding")) {
            return CniTimeout.B;
        }
        return null;
    }

    /** Variant B said it waited for {@code (ovn-installed)}: ovn-controller never installed the port's flows. */
    public static boolean waitedForOvnInstalled(String message) {
        return message != null && message.contains("OVS port binding (ovn-installed)");
    }

    /** True when event {@code a} is later than {@code b} (last time, then count, then place in its file). */
    public static boolean later(KubeEvent a, KubeEvent b) {
        Instant ta = a.lastTimestamp();
        Instant tb = b.lastTimestamp();
        if (ta != null && tb != null && !ta.equals(tb)) {
            return ta.isAfter(tb);
        }
        if (ta != null && tb == null) {
            return true;
        }
        if (ta == null && tb != null) {
            return false;
        }
        String sa = a.source() == null ? "" : a.source().file() + ":" + String.format("%09d", a.source().line());
        String sb = b.source() == null ? "" : b.source().file() + ":" + String.format("%09d", b.source().line());
        return sa.compareTo(sb) > 0;
    }

    /**
     * The busiest one-minute window of a series of log time stamps (ISO instants as the log
     * prints them): how many fall within 60 seconds of the window's first, and that first and
     * last stamp. Stamps that do not parse are left out; an empty series gives a count of 0.
     */
    public static Burst busiestMinute(Collection<String> times) {
        List<Instant> ts = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        if (times != null) {
            for (String t : times) {
                Instant i = instant(t);
                if (i != null) {
                    ts.add(i);
                    raw.add(t);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> ts.get(x).compareTo(ts.get(y)));
        int best = 0;
        int bestStart = -1;
        int bestEnd = -1;
        int start = 0;
        for (int end = 0; end < order.size(); end++) {
            while (Duration.between(ts.get(order.get(start)), ts.get(order.get(end))).compareTo(Duration.ofSeconds(60)) >= 0) {
                start++;
            }
            if (end - start + 1 > best) {
                best = end - start + 1;
                bestStart = start;
                bestEnd = end;
            }
        }
        return best == 0 ? new Burst(0, null, null)
                : new Burst(best, raw.get(order.get(bestStart)), raw.get(order.get(bestEnd)));
    }

    /** A one-minute window of log lines: how many, first and last stamp as printed. */
    public record Burst(int count, String first, String last) {
    }

    private static Instant instant(String t) {
        if (t == null || t.isBlank()) {
            return null;
        }
        String s = t.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // ovn-controller's own stamps have no zone letter when printed in local time.
            try {
                return Instant.parse(s.toUpperCase(Locale.ROOT) + "Z");
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
