package io.netrules;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository that tests read: Maven runs tests from the project folder. */
public final class TestPaths {
    private TestPaths() {
    }

    public static Path project() {
        Path p = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) {
            throw new IllegalStateException("tests must run from the project folder");
        }
        return p;
    }

    public static Path samples() {
        return project().resolve("facts-samples");
    }

    public static Path sample(String name) {
        return samples().resolve(name);
    }

    public static Path rules() {
        return project().resolve("rules");
    }
}
