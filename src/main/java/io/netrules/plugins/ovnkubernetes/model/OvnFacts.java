package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.ovsdb.Datum;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;
import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed facts of one OVN database: one fact a row of the tables the OVN catalogue's rules
 * use, with references resolved to names (a switch's ports as port names, a group's load
 * balancers as their names, a binding's chassis as the chassis name). A reference to a row the
 * file does not hold (tool output of one table) stays as its UUID, so that nothing looks absent
 * that is only not captured. Only the tables of the database given are read: both schemas have
 * a Gateway_Chassis and a Load_Balancer table, with other columns.
 */
public final class OvnFacts {
    private OvnFacts() {
    }

    /** A row's Source: the file, the line that last wrote the row, "Table uuid". */
    static Source source(OvsdbDatabase db, OvsdbRow row) {
        return Source.of(db.file(), row.line(), row.table() + " " + row.uuid());
    }

    /**
     * @param which NB or SB ({@link OvnDb#of} tells it from the file when it can)
     * @param zone  the file's zone ({@link OvnZone#of}), or null when it cannot be told
     */
    public static List<OvnFact> of(OvsdbDatabase db, OvnDb which, String zone) {
        Builder b = new Builder(db, zone);
        return which == OvnDb.NB ? b.northbound() : b.southbound();
    }

    private static final class Builder {
        private final OvsdbDatabase db;
        private final String zone;
        private final List<OvnFact> facts = new ArrayList<>();
        /** Child row UUID to the name of the parent row that references it. */
        private final Map<String, String> switchOfPort = new HashMap<>();
        private final Map<String, String> routerOfPort = new HashMap<>();
        private final Map<String, String> routerOfRoute = new HashMap<>();
        private final Map<String, String> portOfGatewayChassis = new HashMap<>();

        Builder(OvsdbDatabase db, String zone) {
            this.db = db;
            this.zone = zone;
        }

        List<OvnFact> northbound() {
            for (OvsdbRow r : db.rows("Logical_Switch")) {
                r.get("ports").uuids().forEach(u -> switchOfPort.putIfAbsent(u, r.string("name")));
            }
            for (OvsdbRow r : db.rows("Logical_Router")) {
                r.get("ports").uuids().forEach(u -> routerOfPort.putIfAbsent(u, r.string("name")));
                r.get("static_routes").uuids().forEach(u -> routerOfRoute.putIfAbsent(u, r.string("name")));
            }
            for (OvsdbRow r : db.rows("Logical_Router_Port")) {
                r.get("gateway_chassis").uuids().forEach(u -> portOfGatewayChassis.putIfAbsent(u, r.string("name")));
            }
            OvnDb nb = OvnDb.NB;
            for (OvsdbRow r : db.rows("NB_Global")) {
                facts.add(new NbGlobal(nb, zone, r.uuid(), r.string("name"), bool(r, "ipsec"), integer(r, "nb_cfg"),
                        integer(r, "sb_cfg"), integer(r, "hv_cfg"), r.map("options"), r.map("external_ids"),
                        source(db, r)));
            }
            for (OvsdbRow r : db.rows("Logical_Switch")) {
                facts.add(new LogicalSwitch(nb, zone, r.uuid(), r.string("name"), names(r, "ports", "Logical_Switch_Port"),
                        names(r, "load_balancer", "Load_Balancer"),
                        names(r, "load_balancer_group", "Load_Balancer_Group"), r.map("other_config"),
                        r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Logical_Switch_Port")) {
                facts.add(new LogicalSwitchPort(nb, zone, r.uuid(), r.string("name"), switchOfPort.get(r.uuid()),
                        r.string("type"), r.get("addresses").strings(), r.get("port_security").strings(),
                        optionalBool(r, "up"), optionalBool(r, "enabled"), r.map("options"), r.map("external_ids"),
                        source(db, r)));
            }
            for (OvsdbRow r : db.rows("Logical_Router")) {
                facts.add(new LogicalRouter(nb, zone, r.uuid(), r.string("name"), names(r, "ports", "Logical_Router_Port"),
                        r.get("static_routes").uuids(), names(r, "load_balancer", "Load_Balancer"),
                        names(r, "load_balancer_group", "Load_Balancer_Group"), r.map("options"),
                        r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Logical_Router_Port")) {
                facts.add(new LogicalRouterPort(nb, zone, r.uuid(), r.string("name"), routerOfPort.get(r.uuid()),
                        r.string("mac"), r.get("networks").strings(), r.string("peer"),
                        names(r, "gateway_chassis", "Gateway_Chassis"), r.map("options"), r.map("external_ids"),
                        source(db, r)));
            }
            for (OvsdbRow r : db.rows("Logical_Router_Static_Route")) {
                String policy = r.string("policy");
                facts.add(new LogicalRouterStaticRoute(nb, zone, r.uuid(), routerOfRoute.get(r.uuid()),
                        r.string("ip_prefix"), r.string("nexthop"), r.string("output_port"),
                        policy == null ? "dst-ip" : policy, r.string("route_table"), r.map("options"),
                        r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Load_Balancer")) {
                String protocol = r.string("protocol");
                facts.add(new LoadBalancer(nb, zone, r.uuid(), r.string("name"), protocol == null ? "tcp" : protocol,
                        r.map("vips"), r.map("options"), r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Load_Balancer_Group")) {
                facts.add(new LoadBalancerGroup(nb, zone, r.uuid(), r.string("name"),
                        names(r, "load_balancer", "Load_Balancer"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Gateway_Chassis")) {
                facts.add(new GatewayChassis(nb, zone, r.uuid(), r.string("name"), r.string("chassis_name"),
                        integer(r, "priority"), portOfGatewayChassis.get(r.uuid()), r.map("options"),
                        r.map("external_ids"), source(db, r)));
            }
            return List.copyOf(facts);
        }

        List<OvnFact> southbound() {
            OvnDb sb = OvnDb.SB;
            for (OvsdbRow r : db.rows("SB_Global")) {
                facts.add(new SbGlobal(sb, zone, r.uuid(), integer(r, "nb_cfg"), bool(r, "ipsec"), r.map("options"),
                        r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Chassis")) {
                facts.add(new Chassis(sb, zone, r.uuid(), r.string("name"), r.string("hostname"),
                        r.get("encaps").uuids(), "true".equals(r.map("other_config").get("is-remote")),
                        r.map("other_config"), r.map("external_ids"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Encap")) {
                facts.add(new Encap(sb, zone, r.uuid(), r.string("chassis_name"), r.string("type"), r.string("ip"),
                        r.map("options"), source(db, r)));
            }
            for (OvsdbRow r : db.rows("Port_Binding")) {
                facts.add(new PortBinding(sb, zone, r.uuid(), r.string("logical_port"), r.string("type"),
                        datapathName(r), name(r, "chassis", "Chassis"), name(r, "requested_chassis", "Chassis"),
                        optionalBool(r, "up"), r.get("mac").strings(), integer(r, "tunnel_key"), r.map("options"),
                        r.map("external_ids"), source(db, r)));
            }
            return List.copyOf(facts);
        }

        /** The names of the rows a reference column points to; a row not in the file stays its UUID. */
        private List<String> names(OvsdbRow row, String column, String table) {
            List<String> out = new ArrayList<>();
            for (String u : row.get(column).uuids()) {
                OvsdbRow target = db.row(table, u);
                String name = target == null ? null : target.string("name");
                out.add(name == null ? u : name);
            }
            return List.copyOf(out);
        }

        private String name(OvsdbRow row, String column, String table) {
            List<String> n = names(row, column, table);
            return n.isEmpty() ? null : n.get(0);
        }

        private String datapathName(OvsdbRow row) {
            String u = Datum.text(row.get("datapath").single());
            OvsdbRow dp = u == null ? null : db.row("Datapath_Binding", u);
            return dp == null ? null : dp.map("external_ids").get("name");
        }

        private static boolean bool(OvsdbRow row, String column) {
            return Boolean.TRUE.equals(row.get(column).single());
        }

        private static Boolean optionalBool(OvsdbRow row, String column) {
            return row.get(column).single() instanceof Boolean b ? b : null;
        }

        private static long integer(OvsdbRow row, String column) {
            return row.get(column).single() instanceof Long l ? l : 0L;
        }
    }
}
