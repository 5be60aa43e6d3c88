package io.netrules.engine;

/** The headline: the layer where the problem most likely is (null when nothing was found) and counts. */
public record Summary(String layer, int errors, int warnings, int info) {
}
