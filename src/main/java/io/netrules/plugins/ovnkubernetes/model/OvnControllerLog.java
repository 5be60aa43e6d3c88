package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

/**
 * A line of the {@code ovn-controller} container's log that a rule reads, one record per line.
 * {@code time} is the line's own stamp as printed ({@code 2024-01-02T03:04:05.678Z}, the
 * container runtime's stamp when the line has none); {@code level} {@code INFO}, {@code WARN},
 * {@code ERR} or {@code DBG}.
 *
 * <ul>
 * <li>{@link Kind#CHASSIS_CHANGE}: {@code Changing chassis for lport <port> from <from> to <to>.}</li>
 * <li>{@link Kind#CONNECTED}, {@link Kind#CONNECTION_DROPPED}, {@link Kind#CONNECTION_CLOSED}
 *     ({@code connection closed by peer}: a drop at end of stream), {@link Kind#CONNECTION_ATTEMPT_FAILED}:
 *     the {@code reconnect} module's events; {@code target} is the remote as printed
 *     ({@code ssl:10.0.0.3:9642}, {@code unix:/var/run/ovn/ovnsb_db.sock}; the local OVS DB
 *     {@code unix:/var/run/openvswitch/db.sock} reconnects through the same module, so a rule
 *     picks the SB by {@code target}); {@code reason} the text in parentheses, if any.</li>
 * </ul>
 * Fields a kind does not use are null.
 */
public record OvnControllerLog(String node, Kind kind, String time, String level, String port, String from,
                               String to, String target, String reason, Source source) implements NodeFact {
    public enum Kind {
        CHASSIS_CHANGE, CONNECTED, CONNECTION_DROPPED, CONNECTION_CLOSED, CONNECTION_ATTEMPT_FAILED
    }
}
