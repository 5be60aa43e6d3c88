package io.netrules.model;

/** network.openshift.io/v1 NetNamespace: a project's VNID (0 = global) under ovs-multitenant. */
public record NetNamespace(String netname, Long netid, Source source) implements Sourced {
}
