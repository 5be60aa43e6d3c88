package io.netrules.fuzz;

import java.nio.file.Path;

/**
 * How the fuzz tests run. With {@code JAZZER_FUZZ} set, Jazzer fuzzes one {@code @FuzzTest} with
 * its agent and coverage instrumentation. Without it (a plain {@code mvn test}), the seeds and
 * crash regressions are replayed as ordinary JUnit cases: Jazzer's agent is then not installed
 * ({@code jazzer.hooks=false}), because installing it costs half a minute and its sanitizer
 * hooks would also patch the classes that later tests of the same JVM load.
 *
 * <p>When fuzzing, Jazzer's working files (its growing corpus, crash inputs) go under
 * {@code target/jazzer/}, never into the source tree: a crash input is added to the
 * {@code <TestClass>Inputs/<method>/} regression folder by hand, with its fix.
 */
final class FuzzMode {
    private FuzzMode() {
    }

    static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && !v.isEmpty();
    }

    /** Called from each fuzz test class's {@code @BeforeAll}, before Jazzer looks at its options. */
    static void configure() {
        if (!fuzzing() && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
        if (fuzzing()) {
            // Jazzer turns the test's @Timeout into libFuzzer's per-input -timeout; JUnit would
            // apply it to the whole fuzzing run instead.
            System.setProperty("junit.jupiter.execution.timeout.mode", "disabled");
        }
        if (System.getProperty("jazzer.internal.basedir") == null) {
            System.setProperty("jazzer.internal.basedir", Path.of("target", "jazzer").toAbsolutePath().toString());
        }
    }
}
