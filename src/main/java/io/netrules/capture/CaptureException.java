package io.netrules.capture;

/**
 * Input netrules cannot read at all: the message is one line that names the file (and the
 * line:column where there is one). The CLI prints it and exits 2; no stack trace.
 */
public class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }
}
