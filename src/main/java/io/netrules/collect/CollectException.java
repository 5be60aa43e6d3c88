package io.netrules.collect;

/** The collector cannot start with what it was given (a bad option, an unreadable input, a used folder): bad usage. */
public final class CollectException extends Exception {
    public CollectException(String message) {
        super(message);
    }
}
