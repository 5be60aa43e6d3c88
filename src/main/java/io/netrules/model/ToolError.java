package io.netrules.model;

/**
 * The file was collected but holds the tool's failure, not its output: "command not found",
 * an OVS database connection error, a version-negotiation error... {@code kind} classifies it
 * (see {@link ToolErrorKind}); rules may use it as evidence, and the input counts as failed,
 * never as empty.
 */
public record ToolError(String node, String input, ToolErrorKind kind, Source source) implements NodeFact {
}
