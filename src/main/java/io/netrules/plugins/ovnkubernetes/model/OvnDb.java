package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.plugins.ovnkubernetes.ovsdb.OvsdbDatabase;

import java.util.Optional;

/** Which OVN database a fact was read from. */
public enum OvnDb {
    /** OVN_Northbound: the logical topology ovnkube-controller writes. */
    NB,
    /** OVN_Southbound: chassis, tunnels and port bindings (ovn-northd and ovn-controller write it). */
    SB;

    /**
     * Which database a file holds: its schema's name, else (tool output) a table only that
     * schema has; empty when neither tells.
     */
    public static Optional<OvnDb> of(OvsdbDatabase db) {
        if ("OVN_Northbound".equals(db.schemaName())) {
            return Optional.of(NB);
        }
        if ("OVN_Southbound".equals(db.schemaName())) {
            return Optional.of(SB);
        }
        if (db.schemaName() != null) {
            return Optional.empty();
        }
        boolean nb = false;
        boolean sb = false;
        for (String t : db.tables().keySet()) {
            nb |= t.equals("NB_Global") || t.startsWith("Logical_Switch") || t.startsWith("Logical_Router")
                    || t.equals("Load_Balancer_Group");
            sb |= t.equals("SB_Global") || t.equals("Chassis") || t.equals("Encap") || t.equals("Port_Binding")
                    || t.equals("Datapath_Binding") || t.equals("Logical_Flow");
        }
        return nb == sb ? Optional.empty() : Optional.of(nb ? NB : SB);
    }
}
