package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Sourced;

/**
 * A row of an OVN database as a fact: the database and zone it was read from, its UUID, and
 * its Source (the capture-relative file, the line of the record that last wrote the row, the
 * table and UUID as text).
 */
public sealed interface OvnFact extends Sourced
        permits NbGlobal, LogicalSwitch, LogicalSwitchPort, LogicalRouter, LogicalRouterPort,
        LogicalRouterStaticRoute, LoadBalancer, LoadBalancerGroup, GatewayChassis,
        SbGlobal, Chassis, Encap, PortBinding {
    OvnDb db();

    /** The zone (node) the database file belongs to, or null when it cannot be told (legacy central DBs). */
    String zone();

    String uuid();
}
