package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

import java.util.List;

/**
 * An {@code egressfirewalls.k8s.ovn.org} object (one per namespace): its rules in order and its status.
 *
 * @param status   {@code status.status} ({@code EgressFirewall Rules applied} / {@code ... not correctly applied}), or null
 * @param messages {@code status.messages}
 */
public record EgressFirewall(String namespace, String name, List<Rule> rules, String status, List<String> messages,
                             Source source) implements Sourced {
    public EgressFirewall {
        rules = rules == null ? List.of() : List.copyOf(rules);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /**
     * {@code spec.egress[index]}: {@code type} Allow or Deny; exactly one of {@code cidrSelector},
     * {@code dnsName}, a node selector ({@code nodeSelector} true) is its destination.
     */
    public record Rule(int index, String type, String cidrSelector, String dnsName, boolean nodeSelector,
                       List<Port> ports) {
        public Rule {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** {@code ports[]}: protocol TCP/UDP/SCTP, port null for every port of the protocol. */
    public record Port(String protocol, Integer port) {
    }
}
