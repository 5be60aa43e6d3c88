package io.netrules.engine;

import java.io.IOException;

/**
 * The built-in rule base as netrules loads it (from the model pre-built in process-classes),
 * once for all tests of a JVM.
 */
public final class Rules {
    private static RuleBase builtin;

    private Rules() {
    }

    public static synchronized RuleBase builtin() {
        if (builtin == null) {
            try {
                builtin = RuleBase.builtin(RuleLoader.builtin());
            } catch (IOException | RuleBuildException e) {
                throw new IllegalStateException(e);
            }
        }
        return builtin;
    }
}
