package io.netrules.model;

/** One port of a Service; {@code targetPort} is a number or a port name, kept as text. */
public record ServicePort(String name, int port, String targetPort, String protocol) {
}
