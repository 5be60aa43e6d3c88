package io.netrules.model;

/** route.openshift.io/v1 Route: the host and path the router maps to a service and port. */
public record Route(String namespace, String name, String host, String path, String toName, String targetPort,
                    Source source) implements Sourced {
}
