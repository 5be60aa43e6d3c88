package io.netrules;

/** Exit statuses of capture-layout.md: shared by the CLI and the live collection (not a CLI detail). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int BAD_INPUT = 2;
    public static final int COLLECTION_FAILED = 3;
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
