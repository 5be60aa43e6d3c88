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
}
