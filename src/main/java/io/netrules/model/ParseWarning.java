package io.netrules.model;

/** A line a parser did not understand, or a file it could not use: reported, never thrown. */
public record ParseWarning(String source, int line, String text) {
}
