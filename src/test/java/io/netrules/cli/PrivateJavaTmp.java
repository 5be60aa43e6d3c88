package io.netrules.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Points {@code java.io.tmpdir} at an empty folder of the test's own for each test, and back
 * after it: the archive tests check that what netrules extracts there is gone again.
 * Register with {@code @RegisterExtension}.
 */
final class PrivateJavaTmp implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private String saved;

    /** The folder java.io.tmpdir names during the test. */
    Path dir() {
        return dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        saved = System.getProperty("java.io.tmpdir");
        dir = Files.createTempDirectory(Path.of(saved), "java-tmp");
        System.setProperty("java.io.tmpdir", dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.setProperty("java.io.tmpdir", saved);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
