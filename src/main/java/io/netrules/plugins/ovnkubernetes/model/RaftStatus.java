package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * Legacy mode: one server's {@code cluster/status OVN_Northbound|OVN_Southbound}.
 *
 * @param db     NB or SB
 * @param server the pod (or server ID) that answered
 * @param role   {@code Role:} ({@code leader}, {@code follower}, {@code candidate})
 * @param status {@code Status:} ({@code cluster member}, {@code joining cluster}, ...)
 */
public record RaftStatus(OvnDb db, String server, String role, String status, Source source) implements Sourced {
}
