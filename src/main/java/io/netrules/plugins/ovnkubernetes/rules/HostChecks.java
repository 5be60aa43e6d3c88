package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the OVN host rules (NR-OVNHOST-*) call from DRL about ovn-controller's log. */
public final class HostChecks {
    private HostChecks() {
    }

    /**
     * True when a reconnect target is ovn-controller's southbound database ({@code ssl:10.0.0.3:9642},
     * {@code unix:/var/run/ovn/ovnsb_db.sock}), not the node's own OVS database
     * ({@code unix:/var/run/openvswitch/db.sock}), which reconnects through the same module.
     */
    public static boolean southbound(String target) {
        return target != null && !target.isBlank() && !target.contains("openvswitch/")
                && !target.endsWith("/db.sock") && !target.endsWith(":6640");
    }

    private static final Comparator<OvnControllerLog> ORDER = Comparator
            .comparing((OvnControllerLog l) -> l.time() == null ? "" : l.time())
            .thenComparing(l -> l.source() == null ? "" : l.source().file())
            .thenComparingInt(l -> l.source() == null ? 0 : l.source().line());

    /**
     * True when log line {@code a} comes after {@code b}: by their time stamps (ISO-8601 UTC, as
     * ovn-controller and the container runtime print them, compare as text), then by file and line
     * for lines of the same millisecond.
     */
    public static boolean later(OvnControllerLog a, OvnControllerLog b) {
        return a != null && b != null && a != b && ORDER.compare(a, b) > 0;
    }

    /** How the remediation text names a reconnect event. */
    public static String eventName(OvnControllerLog.Kind kind) {
        if (kind == null) {
            return "";
        }
        return switch (kind) {
            case CONNECTION_ATTEMPT_FAILED -> "connection attempt failed";
            case CONNECTION_DROPPED -> "connection dropped";
            case CONNECTION_CLOSED -> "connection closed by peer";
            case CONNECTED -> "connected";
            case CHASSIS_CHANGE -> "chassis change";
        };
    }

    /**
     * The MAC of a logical switch port's {@code addresses} entry ({@code "0a:58:0a:82:00:02
     * 10.130.0.2"}), lower case; null when the port has no entry of that shape ({@code router},
     * {@code unknown}, {@code dynamic}).
     */
    public static String lspMac(List<String> addresses) {
        for (String entry : addresses == null ? List.<String>of() : addresses) {
            String[] t = entry.strip().split("\\s+");
            if (t.length >= 1 && MAC.matcher(t[0]).matches()) {
                return t[0].toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The IP addresses of a logical switch port's first {@code "MAC IP..."} entry; empty when none. */
    public static List<String> lspIps(List<String> addresses) {
        for (String entry : addresses == null ? List.<String>of() : addresses) {
            String[] t = entry.strip().split("\\s+");
            if (t.length >= 1 && MAC.matcher(t[0]).matches()) {
                return Arrays.asList(t).subList(1, t.length);
            }
        }
        return List.of();
    }

    /**
     * True when a logical switch port's {@code addresses} are exactly {@code "<mac> <ips>"}: the
     * MAC (when {@code mac} is not null; case ignored) and the same set of IP addresses as
     * {@code expectedIps} (prefixes ignored).
     */
    public static boolean lspAddressesAre(List<String> addresses, String mac, Collection<String> expectedIps) {
        if (mac != null && !mac.equalsIgnoreCase(String.valueOf(lspMac(addresses)))) {
            return false;
        }
        List<String> ips = lspIps(addresses);
        if (ips.size() != expectedIps.size()) {
            return false;
        }
        for (String e : expectedIps) {
            if (!HostAddresses.anySameIp(ips, e)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code n}th address of each subnet ({@link HostAddresses#nth}), in order. */
    public static List<String> nthOfEach(Collection<String> subnets, int n) {
        List<String> out = new ArrayList<>();
        for (String s : subnets == null ? List.<String>of() : subnets) {
            String a = HostAddresses.nth(s, n);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    /**
     * The sysctl key of an interface's IPv4 forwarding switch as {@code sysctl -a} prints it:
     * {@code net.ipv4.conf.br-ex.forwarding}; a dot in the interface name is a slash there
     * ({@code br-ex.100} is {@code net.ipv4.conf.br-ex/100.forwarding}).
     */
    public static String forwardingKey(String iface) {
        return iface == null ? null : "net.ipv4.conf." + iface.replace('.', '/') + ".forwarding";
    }
}
