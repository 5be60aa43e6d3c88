package io.netrules.rules;

import java.util.Collection;
import java.util.Locale;

/**
 * Names looked up by DNS probes, for the pod egress rules (NR-EGR-001/002): which names are
 * external (not the cluster's own), and whether a name is a node's own host name.
 */
public final class DnsNames {
    private DnsNames() {
    }

    /** The name as DNS compares it: lower case, without the trailing dot of a fully qualified name. */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * True for a name outside the cluster's DNS: it has a dot (a single label such as
     * {@code kubernetes} or {@code web} only ever resolves through the search list, as a
     * service's short name), is not an address, and does not end in the cluster domain
     * ({@code cluster.local}) or in {@code svc} ({@code web.myproj.svc}).
     */
    public static boolean external(String name) {
        String n = normalize(name);
        if (n.isEmpty() || !n.contains(".") || Rules.ipv4(n) >= 0 || n.contains(":")) {
            return false;
        }
        return !(n.equals("cluster.local") || n.endsWith(".cluster.local") || n.endsWith(".svc"));
    }

    /** True when a probe ran from a pod ({@code pod/<ns>/<name>}) or a node ({@code node/<name>}). */
    public static boolean fromPodOrNode(String from) {
        return from != null && (from.startsWith("pod/") || from.startsWith("node/"));
    }

    /**
     * True when {@code name} is the host name of the node called {@code nodeName}, which also
     * reports {@code addresses} (its Hostname address among them): the name itself or a fully
     * qualified form of it ({@code node-1.example.com} for node {@code node-1}). A machine's own
     * name resolving to its address is no wildcard match.
     */
    public static boolean namesNode(String name, String nodeName, Collection<String> addresses) {
        String q = normalize(name);
        if (q.isEmpty()) {
            return false;
        }
        if (matchesHost(q, nodeName)) {
            return true;
        }
        if (addresses != null) {
            for (String a : addresses) {
                if (Rules.ipv4(a) < 0 && !(a != null && a.contains(":")) && matchesHost(q, a)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when two names are the same, after {@link #normalize}. */
    public static boolean sameName(String a, String b) {
        String x = normalize(a);
        return !x.isEmpty() && x.equals(normalize(b));
    }

    private static boolean matchesHost(String q, String host) {
        String h = normalize(host);
        return !h.isEmpty() && (q.equals(h) || q.startsWith(h + "."));
    }
}
