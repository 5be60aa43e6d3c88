package io.netrules.engine;

import java.io.IOException;

/** The built-in rule base, built once for all tests of a JVM (building takes a second). */
public final class Rules {
    private static RuleBase builtin;

    private Rules() {
    }

    public static synchronized RuleBase builtin() {
        if (builtin == null) {
            try {
                builtin = RuleBase.build(RuleLoader.builtin());
            } catch (IOException | RuleBuildException e) {
                throw new IllegalStateException(e);
            }
        }
        return builtin;
    }
}
