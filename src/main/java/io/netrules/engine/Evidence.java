package io.netrules.engine;

/** One piece of evidence: where it is (capture file, line or 0) and what it shows. */
public record Evidence(String source, int line, String text) {
}
