package io.netrules.engine;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The built-in rules compiled when the jar is built: Drools' executable model of the DRL files
 * under {@code rules/}, as classes beside the project's own, so that start-up creates the
 * KieBases from classes instead of compiling DRL (seconds of CPU).
 *
 * <p>{@link #main} runs in Maven's {@code process-classes} phase. It writes the model's classes and
 * {@value #MANIFEST}, which records the SHA-256 of the DRL sources the model was made from
 * ({@link #hash}) and the model classes. At run time {@link #load} hashes the DRL files it finds
 * in the jar's {@code rules/} tree (which are read anyway, for file:line and the remediation
 * texts) and uses the model only when the hashes are equal: a model that does not match the
 * rules beside it is never used, whatever the file dates say. The caller then compiles the DRL
 * as before (and says so on standard error), so behaviour always follows the DRL files.
 */
public final class PrebuiltRules {
    /** The manifest of the pre-built model, at the root of the classpath. */
    public static final String MANIFEST = "netrules-prebuilt-rules.properties";

    private PrebuiltRules() {
    }

    /** Why the pre-built model was not used, or the model classes when it was. */
    public record Loaded(List<Model> models, String whyNot) {
    }

    /**
     * The SHA-256 of the rule files' display names and DRL texts, in the order given (the loader
     * sorts them). The remediation texts are not part of the model and are read at run time.
     */
    public static String hash(List<RuleFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleFile f : files) {
                sha.update(f.display().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.drl().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pre-built model of exactly these rule files, from the class loader; or, in
     * {@link Loaded#whyNot()}, why there is none (no manifest: the build step did not run, as in
     * an IDE; a different hash: the DRL changed after the model was built).
     */
    public static Loaded load(List<RuleFile> files, ClassLoader loader) {
        Properties manifest = new Properties();
        try (InputStream in = loader.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                return new Loaded(null, "no pre-built rule model on the classpath");
            }
            manifest.load(in);
        } catch (IOException e) {
            return new Loaded(null, "cannot read " + MANIFEST + ": " + e.getMessage());
        }
        String built = manifest.getProperty("sha256", "");
        String now = hash(files);
        if (!built.equals(now)) {
            return new Loaded(null, "the pre-built rule model was made from other rule files (sha256 " + abbrev(built)
                    + ", the rules/ tree has " + abbrev(now) + "); rebuild with mvn package");
        }
        List<Model> models = new ArrayList<>();
        for (String name : manifest.getProperty("models", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                models.add((Model) Class.forName(name.strip(), true, loader).getConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                return new Loaded(null, "pre-built rule model class " + name + " does not load: " + e);
            }
        }
        return new Loaded(List.copyOf(models), null);
    }

    private static String abbrev(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /**
     * Builds the executable model of the rule files in {@code args[0]} (a {@code rules/} tree) and
     * writes its classes and {@value #MANIFEST} into the class folder {@code args[1]}. A rule that
     * does not compile fails the build with {@code file:line: message}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PrebuiltRules RULES_DIR CLASSES_DIR");
            System.exit(2);
        }
        Path rulesDir = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        List<RuleFile> files = RuleLoader.fromDir(rulesDir, "rules/");
        long start = System.nanoTime();
        List<String> errors = new ArrayList<>();
        int written = write(files, classes, errors);
        if (!errors.isEmpty()) {
            errors.forEach(System.err::println);
            System.err.println("netrules: the executable model of rules/ does not build (" + errors.size() + " error(s))");
            System.exit(1);
        }
        System.out.printf("netrules: pre-built %d rule files into %d classes in %.1f s%n", files.size(), written,
                (System.nanoTime() - start) / 1e9);
    }

    /** Builds and writes the model; returns the number of class files written. */
    static int write(List<RuleFile> files, Path classes, List<String> errors) throws IOException {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("io.netrules.rules", "rules-prebuilt", "1");
        kfs.generateAndWritePomXML(id);
        Map<String, RuleFile> byResource = RuleBase.writeResources(kfs, files, "m");
        ClassLoader loader = PrebuiltRules.class.getClassLoader();
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll(ExecutableModelProject.class);
        errors.addAll(RuleBase.errors(builder.getResults(), byResource));
        if (!errors.isEmpty()) {
            return 0;
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        List<String> models = new ArrayList<>();
        int written = 0;
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class")) {
                Path out = classes.resolve(name);
                Files.createDirectories(out.getParent());
                Files.write(out, module.getBytes(name));
                written++;
            } else if (name.endsWith("drools-model")) {
                // META-INF/kie/.../drools-model lists the generated Model classes, one a line.
                // Its first line is a version header (Drools-Model-Version:...).
                for (String line : new String(module.getBytes(name), StandardCharsets.UTF_8).split("\\R")) {
                    if (!line.isBlank() && !line.contains(":")) {
                        models.add(line.strip());
                    }
                }
            }
        }
        ks.getRepository().removeKieModule(id);
        if (models.isEmpty()) {
            errors.add("rules: the executable model build listed no model class");
            return written;
        }
        // Written by hand rather than with Properties.store, which dates it: the same rules give
        // the same file.
        String manifest = "# netrules: the executable model of rules/, made by PrebuiltRules at build time\n"
                + "sha256=" + hash(files) + "\n"
                + "files=" + files.size() + "\n"
                + "models=" + String.join(",", models) + "\n";
        Files.writeString(classes.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
        return written;
    }
}
