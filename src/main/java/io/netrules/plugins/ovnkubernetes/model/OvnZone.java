package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The zone (node) a pair of NB/SB files belongs to, as the OVN catalogue's "Zone of a DB file"
 * derives it — never from the file name, since must-gather names the files after the
 * ovnkube-node pod: {@code NB_Global.name} (OpenShift sets it to the node name in IC mode),
 * else the one gateway router {@code GR_<node>}, else the one SB Chassis without
 * {@code other_config:is-remote=true} (its {@code hostname}; {@code chassisName} keeps its
 * system-id, which matches the node's {@code k8s.ovn.org/node-chassis-id}).
 *
 * @param source the row that told the zone
 */
public record OvnZone(String name, Basis basis, String chassisName, Source source) implements Sourced {

    public enum Basis { NB_GLOBAL_NAME, GATEWAY_ROUTER, LOCAL_CHASSIS }

    static final String GATEWAY_ROUTER_PREFIX = "GR_";

    /**
     * The zone of these files; empty when none of the three tells it (a legacy central DB, which
     * has one gateway router per node, or files without those tables).
     *
     * @param nb the zone's NB, or null
     * @param sb the zone's SB (the same ovnkube-node pod's), or null
     */
    public static Optional<OvnZone> of(OvsdbDatabase nb, OvsdbDatabase sb) {
        if (nb != null) {
            for (OvsdbRow g : nb.rows("NB_Global")) {
                String name = g.string("name");
                if (name != null && !name.isEmpty()) {
                    return Optional.of(new OvnZone(name, Basis.NB_GLOBAL_NAME, null, OvnFacts.source(nb, g)));
                }
            }
            List<OvsdbRow> gatewayRouters = new ArrayList<>();
            for (OvsdbRow r : nb.rows("Logical_Router")) {
                String name = r.string("name");
                if (name != null && name.startsWith(GATEWAY_ROUTER_PREFIX) && name.length() > 3) {
                    gatewayRouters.add(r);
                }
            }
            if (gatewayRouters.size() == 1) {
                OvsdbRow gr = gatewayRouters.get(0);
                return Optional.of(new OvnZone(gr.string("name").substring(GATEWAY_ROUTER_PREFIX.length()),
                        Basis.GATEWAY_ROUTER, null, OvnFacts.source(nb, gr)));
            }
        }
        if (sb != null) {
            List<OvsdbRow> local = new ArrayList<>();
            for (OvsdbRow c : sb.rows("Chassis")) {
                if (!"true".equals(c.map("other_config").get("is-remote"))) {
                    local.add(c);
                }
            }
            if (local.size() == 1) {
                OvsdbRow c = local.get(0);
                String hostname = c.string("hostname");
                if (hostname != null && !hostname.isEmpty()) {
                    return Optional.of(new OvnZone(hostname, Basis.LOCAL_CHASSIS, c.string("name"),
                            OvnFacts.source(sb, c)));
                }
            }
        }
        return Optional.empty();
    }
}
