package io.netrules.docs;

import io.netrules.TestPaths;
import io.netrules.cli.Main;
import io.netrules.report.NetrulesVersion;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/man/ holds one man page per command: the AsciiDoc that picocli's ManPageGenerator writes
 * from the command classes ({@code .adoc}) and that page rendered to roff by Asciidoctor's
 * manpage backend ({@code .1}, for {@code man}). Regenerate with
 * {@code mvn test -Dtest=ManPageTest -Dnetrules.docs.update=true} after changing a command.
 */
class ManPageTest {

    @Test
    void manPagesMatchTheCommands(@TempDir Path tmp) throws Exception {
        Path adoc = Files.createDirectories(tmp.resolve("adoc"));
        assertEquals(0, ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
                Main.commandLine().getCommandSpec()));
        Map<String, String> expected = new TreeMap<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : list(adoc)) {
                String name = page.getFileName().toString();
                String source = Files.readString(page, StandardCharsets.UTF_8);
                expected.put(name, source);
                // No date in the page, so the same commands always give the same bytes.
                Attributes attributes = Attributes.builder().attribute("reproducible", "").attribute("docdate", "")
                        .attribute("mansource", "netrules " + NetrulesVersion.get()).build();
                String roff = asciidoctor.convert(source, Options.builder().backend("manpage").standalone(true)
                        .safe(SafeMode.SAFE).attributes(attributes).build());
                expected.put(name.replaceFirst("\\.adoc$", ".1"), roff.endsWith("\n") ? roff : roff + "\n");
            }
        }
        assertTrue(expected.containsKey("netrules-diagnose.1") && expected.containsKey("netrules-completion.1"),
                expected.keySet().toString());

        Path man = TestPaths.project().resolve("docs/man");
        if (Boolean.getBoolean("netrules.docs.update")) {
            Files.createDirectories(man);
            for (Path old : list(man)) {
                Files.delete(old);
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Files.writeString(man.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> actual = new TreeMap<>();
        if (Files.isDirectory(man)) {
            for (Path p : list(man)) {
                actual.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        String hint = "docs/man is out of date: run mvn test -Dtest=ManPageTest -Dnetrules.docs.update=true";
        assertEquals(expected.keySet(), actual.keySet(), hint);
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), hint + " (" + name + ")");
        }
    }

    private static java.util.List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
