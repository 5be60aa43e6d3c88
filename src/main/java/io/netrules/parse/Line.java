package io.netrules.parse;

/** One line of a tool's output: its 1-based number and its text without the line end. */
public record Line(int number, String text) {
}
