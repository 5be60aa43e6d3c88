package io.netrules.model;

/** One kernel parameter from {@code sysctl -a}, value as printed. */
public record Sysctl(String node, String key, String value, Source source) implements NodeFact {
}
