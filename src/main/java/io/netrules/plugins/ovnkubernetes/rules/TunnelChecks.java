package io.netrules.plugins.ovnkubernetes.rules;

import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;

import java.util.Collection;

/** What the node-to-node rules (NR-OVNTUN-*) call from DRL. */
public final class TunnelChecks {
    private TunnelChecks() {
    }

    /** The Geneve UDP port when the cluster settings do not name one (kernel device genev_sys_6081). */
    public static final int DEFAULT_GENEVE_PORT = 6081;

    /**
     * The cluster's Geneve UDP port: network.operator {@code genevePort} (else ovnkube-config
     * {@code encap-port}), as the session's OvnClusterConfig says it, else 6081.
     */
    public static Integer genevePort(Collection<?> configs) {
        if (configs != null) {
            for (Object o : configs) {
                if (o instanceof OvnClusterConfig c && c.genevePort() != null) {
                    return c.genevePort();
                }
            }
        }
        return DEFAULT_GENEVE_PORT;
    }

    /** The host part of a {@code host:port} endpoint ({@code 10.129.0.4:8080}, {@code [fd01::4]:8080}). */
    public static String hostOf(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        String e = endpoint.strip();
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            return close > 0 ? e.substring(1, close) : null;
        }
        int colon = e.lastIndexOf(':');
        return colon > 0 && e.indexOf(':') == colon ? e.substring(0, colon) : e;
    }

    /**
     * True when a PodNetworkConnectivityCheck failure is a TCP connect error (the check's
     * {@code TCPConnectError}: {@code failed to establish a TCP connection to ...: dial tcp ...:
     * i/o timeout} or {@code connect: connection refused}), not a DNS or TLS failure.
     */
    public static boolean tcpConnectError(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("failed to establish a tcp connection") || m.contains("dial tcp");
    }
}
