package io.netrules.model;

import java.time.Instant;

/** When the capture was taken ({@code capture.json collectedAt}); rules with a time condition need it. */
public record CaptureClock(Instant collectedAt, Source source) implements Sourced {
}
