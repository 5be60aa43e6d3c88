package io.netrules.engine;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.model.codegen.ExecutableModelProject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The built-in rules compiled when the jar is built: Drools' executable model of the DRL files
 * under {@code rules/}, as classes beside the project's own, so that start-up creates the
 * KieBases from classes instead of compiling DRL (seconds of CPU).
 *
 * <p>{@link #main} runs in Maven's {@code process-classes} phase. It writes the model's classes,
 * {@value #MANIFEST}, which records the SHA-256 of the DRL sources the model was made from
 * ({@link #hash}), the rule files and the model classes, and {@value #METADATA}, the rules of
 * each model class with their annotations, file and line. At run time {@link #load} hashes the DRL files it finds
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

    /** Why the pre-built model was not used, or the model when it was. */
    public record Loaded(Prebuilt prebuilt, String whyNot) {
    }

    /**
     * One generated model class (one DRL package) and the names and metadata of its rules, as
     * the KieBase built from it at build time gave them ({@value #METADATA}): the rule base's
     * metadata comes from these without loading any model class, and a KieBase loads only the
     * classes of the packages that hold its rules.
     */
    public record ModelRules(String modelClass, List<RuleBase.RuleInfo> rules) {
    }

    /** A pre-built model that matched the rule files: its classes are loaded when a KieBase needs them. */
    public record Prebuilt(List<ModelRules> models, ClassLoader loader) {
        /** A new instance of a model class (its rules' classes load on the first). */
        Model instantiate(String modelClass) {
            try {
                return (Model) Class.forName(modelClass, true, loader).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                throw new IllegalStateException("pre-built rule model class " + modelClass + " does not load: " + e, e);
            }
        }

        /** Every rule of the model, in the manifest's order. */
        public List<RuleBase.RuleInfo> rules() {
            List<RuleBase.RuleInfo> all = new ArrayList<>();
            models.forEach(m -> all.addAll(m.rules()));
            return all;
        }
    }

    /** The rules of each model class and their metadata, beside {@value #MANIFEST}. */
    public static final String METADATA = "netrules-prebuilt-rules.json";

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
        List<ModelRules> models = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(METADATA)) {
            if (in == null) {
                return new Loaded(null, "the pre-built rule model has no " + METADATA + "; rebuild with mvn package");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode m : root.path("models")) {
                List<RuleBase.RuleInfo> rules = new ArrayList<>();
                for (JsonNode r : m.path("rules")) {
                    Map<String, Object> md = new LinkedHashMap<>();
                    r.path("metadata").fields().forEachRemaining(e -> md.put(e.getKey(), e.getValue().asText()));
                    rules.add(new RuleBase.RuleInfo(r.path("name").asText(), md,
                            r.hasNonNull("file") ? r.get("file").asText() : null, r.path("line").asInt(0)));
                }
                models.add(new ModelRules(m.path("class").asText(), List.copyOf(rules)));
            }
        } catch (IOException | RuntimeException e) {
            return new Loaded(null, "cannot read " + METADATA + ": " + e.getMessage());
        }
        if (models.isEmpty()) {
            return new Loaded(null, METADATA + " lists no model class");
        }
        return new Loaded(new Prebuilt(List.copyOf(models), loader), null);
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
        if (models.isEmpty()) {
            ks.getRepository().removeKieModule(id);
            errors.add("rules: the executable model build listed no model class");
            return written;
        }
        // The rules' names and metadata as a KieBase made from this model gives them (what
        // RuleBase read from its KieBases before), by model class: a run reads them here instead
        // of loading every model class, and loads only the packages its KieBase needs.
        Map<String, List<Rule>> byPackage = new TreeMap<>();
        KieBase all = ks.newKieContainer(id, loader).getKieBase();
        for (KiePackage pkg : all.getKiePackages()) {
            List<Rule> rules = new ArrayList<>(pkg.getRules());
            rules.sort(Comparator.comparing(Rule::getName));
            if (!rules.isEmpty()) {
                // (The packages of the imported types are listed too, without rules.)
                byPackage.put(pkg.getName(), rules);
            }
        }
        ks.getRepository().removeKieModule(id);
        models.sort(null);
        Map<String, RuleFile> index = RuleBase.filesByRuleName(files);
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode modelNodes = root.putArray("models");
        for (String model : models) {
            String pkg = model.substring(0, model.lastIndexOf('.'));
            ObjectNode m = modelNodes.addObject();
            m.put("class", model);
            ArrayNode ruleNodes = m.putArray("rules");
            for (Rule rule : byPackage.getOrDefault(pkg, List.of())) {
                ObjectNode r = ruleNodes.addObject();
                r.put("name", rule.getName());
                RuleFile f = RuleBase.fileOf(rule.getName(), index, files);
                if (f != null) {
                    r.put("file", f.display());
                    r.put("line", RuleBase.lineOf(f.drl(), rule.getName()));
                }
                ObjectNode md = r.putObject("metadata");
                new TreeMap<>(rule.getMetaData()).forEach((k, v) -> md.put(k, v == null ? "" : String.valueOf(v)));
            }
            byPackage.remove(pkg);
        }
        if (!byPackage.isEmpty()) {
            errors.add("rules: packages " + byPackage.keySet() + " have no model class");
            return written;
        }
        Files.writeString(classes.resolve(METADATA),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        // Written by hand rather than with Properties.store, which dates it: the same rules give
        // the same file.
        String manifest = "# netrules: the executable model of rules/, made by PrebuiltRules at build time\n"
                + "sha256=" + hash(files) + "\n"
                + "files=" + files.size() + "\n"
                + "rules=" + String.join(",", files.stream().map(RuleFile::display).toList()) + "\n"
                + "models=" + String.join(",", models) + "\n";
        Files.writeString(classes.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
        return written;
    }
}
