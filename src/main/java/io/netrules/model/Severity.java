package io.netrules.model;

/** ERROR breaks traffic; WARN is likely to break or degrade it; INFO explains what is seen. */
public enum Severity {
    ERROR, WARN, INFO;

    /** True when this severity is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
