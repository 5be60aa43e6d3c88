package io.netrules.model;

/** A fact that knows where it came from; the engine turns matched Sourced facts into evidence. */
public interface Sourced {
    Source source();
}
