package io.netrules.live;

/** Live collection cannot go on: one line for the user, and the exit status it means. */
public final class LiveException extends Exception {
    private final int exitStatus;

    public LiveException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
