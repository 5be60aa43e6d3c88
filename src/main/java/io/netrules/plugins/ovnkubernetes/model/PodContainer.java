package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * One container status of a pod of the network's own namespaces ({@code openshift-ovn-kubernetes}):
 * enough to say which container of an {@code ovnkube-node} pod is down and why.
 *
 * @param app                   the pod's label {@code app} ({@code ovnkube-node},
 *                              {@code ovnkube-control-plane}, {@code ovnkube-master}, {@code ovn-ipsec})
 * @param lastTerminatedReason  {@code lastState.terminated.reason}, or null
 * @param lastTerminatedMessage {@code lastState.terminated.message}, or null
 */
public record PodContainer(String namespace, String pod, String node, String app, String container, boolean ready,
                           int restartCount, String lastTerminatedReason, String lastTerminatedMessage,
                           Source source) implements Sourced {
}
