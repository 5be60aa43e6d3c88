package io.netrules.engine;

/** How reports name an input: by the capture file that holds it. */
public final class InputNames {
    private InputNames() {
    }

    public static String fileName(String input) {
        return InputStates.fileName(input);
    }
}
