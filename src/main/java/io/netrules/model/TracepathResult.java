package io.netrules.model;

import java.util.List;

/**
 * The answer of {@code tracepath <target>} on a node. {@code reached} is true when a hop line
 * says {@code reached} or shows the target's address; {@code pmtu} is the path MTU of the
 * {@code Resume:} line (else the last {@code pmtu N} printed; null when none); {@code hops} is the
 * {@code hops N} of the {@code Resume:} line, else the highest hop number that answered (0 when
 * nothing did, or when tracepath failed before sending). {@code hopAddresses} lists, in hop
 * order, the address that answered at each hop ({@code [LOCALHOST]} and {@code no reply} hops
 * are left out; a name printed as {@code name (address)} gives its address).
 * Source: the {@code Resume:} line, else the last line (e.g. tracepath's own error line).
 */
public record TracepathResult(String node, String target, boolean reached, Integer pmtu, int hops,
                              List<String> hopAddresses, Source source) implements NodeFact {
    public TracepathResult {
        hopAddresses = hopAddresses == null ? List.of() : List.copyOf(hopAddresses);
    }
}
