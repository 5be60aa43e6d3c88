package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * An {@code ovnkube-master} pod (namespace openshift-ovn-kubernetes, label
 * {@code app=ovnkube-master}) and its node: in legacy mode the central NB/SB and a northd run in
 * each. In every session, so that a node's rules know the other masters (NR-OVNDB-002: whether
 * some northd is active needs the status of each master's northd).
 */
public record OvnkubeMaster(String node, String pod, Source source) implements Sourced {
}
