package io.netrules.engine;

import java.util.List;

/** Rules that do not compile or lack what every rule needs; each message is {@code file:line: message}. */
public class RuleBuildException extends Exception {
    private final List<String> messages;

    public RuleBuildException(List<String> messages) {
        super(String.join("\n", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
