package io.netrules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /** Copies the folder {@code from} (a sample, say) to {@code to}, which must not exist yet; returns {@code to}. */
    public static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
