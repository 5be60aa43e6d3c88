package io.netrules.plugins.ovnkubernetes.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the OVN service rules (NR-OVNLB-*) ask about {@code Load_Balancer} rows, as static
 * functions for DRL: VIP keys and backend lists compared by address, not by spelling
 * ({@code [fd02::a]:80} and {@code [fd02:0::a]:80} are one backend).
 */
public final class LoadBalancerChecks {
    private LoadBalancerChecks() {
    }

    /**
     * An {@code ip:port} ({@code [ipv6]:port}) in one canonical text; null when it is none (a
     * template VIP such as {@code ^NODEIP_IPv4_0:30080}, or a VIP without a port).
     */
    public static String canonicalEndpoint(String ipPort) {
        if (ipPort == null) {
            return null;
        }
        String s = ipPort.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                return null;
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                return null;
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (!port.matches("\\d{1,5}")) {
            return null;
        }
        String ip = PodChecks.canonicalIp(host);
        if (ip == null) {
            return null;
        }
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + Integer.parseInt(port);
    }

    /**
     * The index facts of a load balancer: one per distinct canonical VIP of its {@code vips}
     * (a key that is no {@code ip:port}, such as a template VIP, can never match, as in
     * {@link #vipKey}).
     */
    public static java.util.List<io.netrules.plugins.ovnkubernetes.model.LoadBalancerVip> index(
            io.netrules.plugins.ovnkubernetes.model.LoadBalancer lb) {
        java.util.List<io.netrules.plugins.ovnkubernetes.model.LoadBalancerVip> out = new java.util.ArrayList<>();
        if (lb.vips() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String k : lb.vips().keySet()) {
                String c = canonicalEndpoint(k);
                if (c != null && seen.add(c)) {
                    out.add(new io.netrules.plugins.ovnkubernetes.model.LoadBalancerVip(lb.uuid(), lb.name(), c));
                }
            }
        }
        return out;
    }

    /** The key of {@code vips} that is this VIP (whatever its spelling), or null. */
    public static String vipKey(Map<String, String> vips, String vip) {
        String want = canonicalEndpoint(vip);
        if (vips == null || want == null) {
            return null;
        }
        if (vips.containsKey(vip)) {
            return vip;
        }
        for (String k : vips.keySet()) {
            if (want.equals(canonicalEndpoint(k))) {
                return k;
            }
        }
        return null;
    }

    /** True when the load balancer carries this VIP. */
    public static boolean hasVip(Map<String, String> vips, String vip) {
        return vipKey(vips, vip) != null;
    }

    /** The VIP's backends as stored ({@code "10.128.2.5:8080,10.129.0.7:8080"}), canonical and sorted; empty when none. */
    public static List<String> backends(Map<String, String> vips, String vip) {
        String key = vipKey(vips, vip);
        TreeSet<String> out = new TreeSet<>();
        if (key != null) {
            String stored = vips.get(key);
            if (stored != null) {
                for (String b : stored.split(",")) {
                    if (!b.isBlank()) {
                        String c = canonicalEndpoint(b);
                        out.add(c == null ? b.strip() : c);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static TreeSet<String> canonical(Collection<String> backends) {
        TreeSet<String> out = new TreeSet<>();
        if (backends != null) {
            for (String b : backends) {
                String c = canonicalEndpoint(b);
                out.add(c == null ? b.strip() : c);
            }
        }
        return out;
    }

    /** True when the VIP's backends are exactly the expected ones (as sets). */
    public static boolean sameBackends(Map<String, String> vips, String vip, Collection<String> expected) {
        return new TreeSet<>(backends(vips, vip)).equals(canonical(expected));
    }

    /** True when the load balancer carries the VIP with no backend at all. */
    public static boolean noBackends(Map<String, String> vips, String vip) {
        return hasVip(vips, vip) && backends(vips, vip).isEmpty();
    }

    /** Expected backends the VIP lacks, ", "-separated. */
    public static String missing(Map<String, String> vips, String vip, Collection<String> expected) {
        TreeSet<String> want = canonical(expected);
        want.removeAll(backends(vips, vip));
        return String.join(", ", want);
    }

    /** Backends the VIP has but should not, ", "-separated. */
    public static String extra(Map<String, String> vips, String vip, Collection<String> expected) {
        TreeSet<String> have = new TreeSet<>(backends(vips, vip));
        have.removeAll(canonical(expected));
        return String.join(", ", have);
    }

    /**
     * Principle 8: a row belongs to the default network unless its {@code external_ids} name
     * another one in {@code k8s.ovn.org/network}.
     */
    public static boolean defaultNetwork(Map<String, String> externalIds) {
        String n = externalIds == null ? null : externalIds.get("k8s.ovn.org/network");
        return n == null || n.isEmpty() || "default".equals(n);
    }

    /** A list as ", "-separated text ("" when empty), for a finding's parameter. */
    public static String text(Collection<String> values) {
        return values == null ? "" : String.join(", ", values);
    }
}
