package io.netrules.model;

/**
 * One line of a container log ({@code logs/<namespace>/<pod>.log}), given to the session of
 * the node the pod runs on, so a finding read from a pod's log carries that node.
 */
public record PodLogLine(String node, String namespace, String pod, int lineNo, String text, Source source)
        implements NodeFact {
}
