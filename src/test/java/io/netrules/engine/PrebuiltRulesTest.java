package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in rules' model made at build time (PrebuiltRules) is used only when it was made from
 * exactly the DRL beside it; a changed rule is rebuilt into a model with the new behaviour.
 */
class PrebuiltRulesTest {
    private static final String RULE = "openshift-sdn/local/NR-LOCAL-001";

    @Test
    void theBuildMadeAModelOfTheRulesTreeAndItGivesWhatTheDrlGives() throws Exception {
        List<RuleFile> files = RuleLoader.builtin();
        PrebuiltRules.Loaded loaded = PrebuiltRules.load(files, getClass().getClassLoader());
        assertNull(loaded.whyNot(), "process-classes made the model of rules/");
        RuleBase prebuilt = RuleBase.fromPrebuilt(files, loaded.prebuilt());
        RuleBase compiled = RuleBase.build(files);

        assertEquals(compiled.docs(), prebuilt.docs(), "IDs, severity, layer, requires, file:line and texts");
        assertEquals(compiled.linkRules(), prebuilt.linkRules());
        assertEquals(RuleBaseBuildTest.scopes(compiled.nodeKieBase()).stream().sorted().toList(),
                RuleBaseBuildTest.scopes(prebuilt.nodeKieBase()).stream().sorted().toList());
        assertEquals(RuleBaseBuildTest.scopes(compiled.clusterKieBase()).stream().sorted().toList(),
                RuleBaseBuildTest.scopes(prebuilt.clusterKieBase()).stream().sorted().toList());
        for (String sample : List.of("broken-ip-forward", "broken-vxlan-flows", "broken-service-endpoints",
                "ovn-ic-broken-lsp", "ovn-legacy-broken-encap")) {
            assertEquals(findings(compiled, sample), findings(prebuilt, sample), sample);
        }
        // A plugin's KieBases hold its rules and the plugin-neutral ones, nothing else; not known: all.
        for (String plugin : io.netrules.plugin.NetworkPlugins.ids()) {
            RuleBase.KieBases kb = prebuilt.kieBases(plugin);
            List<String> expected = new ArrayList<>();
            prebuilt.docs().values().forEach(d -> d.rules().stream().filter(m -> m.appliesTo(plugin))
                    .forEach(m -> expected.add(m.ruleName())));
            prebuilt.linkRules().stream().filter(m -> m.appliesTo(plugin)).forEach(m -> expected.add(m.ruleName()));
            List<String> names = new ArrayList<>(ruleNames(kb.node()));
            names.addAll(ruleNames(kb.cluster()));
            assertEquals(expected.stream().sorted().toList(), names.stream().sorted().toList(), plugin);
        }
        assertEquals(ruleNames(compiled.nodeKieBase()).stream().sorted().toList(),
                ruleNames(prebuilt.kieBases(null).node()).stream().sorted().toList());
    }

    private static List<String> ruleNames(org.kie.api.KieBase kb) {
        List<String> names = new ArrayList<>();
        kb.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    @Test
    void aChangedConstraintIsNeverServedFromTheOldModelAndARebuildHasTheNewBehaviour(@TempDir Path tmp) throws Exception {
        // A copy of one rule (and its text), built into a model as the build step does.
        Path rules = Files.createDirectories(tmp.resolve("rules/local"));
        for (String ext : List.of(".drl", ".md")) {
            Files.copy(TestPaths.rules().resolve(RULE + ext), rules.resolve("NR-LOCAL-001" + ext));
        }
        List<RuleFile> original = RuleLoader.fromDir(tmp.resolve("rules"), "rules/");
        Path classesV1 = tmp.resolve("classes-v1");
        build(original, classesV1);
        try (URLClassLoader v1 = childFirst(classesV1)) {
            assertNull(PrebuiltRules.load(original, v1).whyNot());
            assertEquals(Map.of(), findings(RuleBase.builtin(original, v1), "healthy-3node"),
                    "forwarding is on everywhere in the healthy sample");

            // The author changes the rule's constraint: the old model no longer matches it.
            Path drl = rules.resolve("NR-LOCAL-001.drl");
            String text = Files.readString(drl);
            assertTrue(text.contains("value != \"1\""), text);
            Files.writeString(drl, text.replace("value != \"1\"", "value == \"1\""));
            List<RuleFile> changed = RuleLoader.fromDir(tmp.resolve("rules"), "rules/");
            String whyNot = PrebuiltRules.load(changed, v1).whyNot();
            assertNotNull(whyNot, "a stale model is refused");
            assertTrue(whyNot.contains("other rule files"), whyNot);
            // Refused, the rules are compiled from the DRL: the new behaviour, even before a rebuild.
            assertEquals(Map.of("NR-LOCAL-001", 3), findings(RuleBase.builtin(changed, v1), "healthy-3node"));

            // The rebuild: the new model matches and has the new behaviour.
            Path classesV2 = tmp.resolve("classes-v2");
            build(changed, classesV2);
            try (URLClassLoader v2 = childFirst(classesV2)) {
                PrebuiltRules.Loaded loaded = PrebuiltRules.load(changed, v2);
                assertNull(loaded.whyNot());
                assertEquals(Map.of("NR-LOCAL-001", 3), findings(RuleBase.fromPrebuilt(changed, loaded.prebuilt()),
                        "healthy-3node"), "the changed constraint fires on the three nodes");
                assertNotNull(PrebuiltRules.load(original, v2).whyNot(), "and the new model refuses the old DRL");
            }
        }
    }

    private static void build(List<RuleFile> files, Path classes) throws IOException {
        List<String> errors = new ArrayList<>();
        PrebuiltRules.write(files, classes, errors);
        assertEquals(List.of(), errors);
        assertTrue(Files.isRegularFile(classes.resolve(PrebuiltRules.MANIFEST)));
    }

    /** Finding IDs and how many of each a sample gives with these rules. */
    private static Map<String, Integer> findings(RuleBase rules, String sample) throws Exception {
        Diagnosis d = new Evaluator(rules, 2).evaluate(Capture.open(TestPaths.sample(sample)), sample);
        Map<String, Integer> counts = new TreeMap<>();
        d.findings().forEach(f -> counts.merge(f.id(), 1, Integer::sum));
        return counts;
    }

    /**
     * A loader that looks in the given class folder before its parent: the test's own classpath
     * holds the model of the real rules/ tree and its manifest, which must not hide the copy's.
     */
    private static URLClassLoader childFirst(Path classes) throws IOException {
        ClassLoader parent = PrebuiltRulesTest.class.getClassLoader();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    if (c == null && Files.isRegularFile(classes.resolve(name.replace('.', '/') + ".class"))) {
                        c = findClass(name);
                    }
                    if (c == null) {
                        return super.loadClass(name, resolve);
                    }
                    if (resolve) {
                        resolveClass(c);
                    }
                    return c;
                }
            }

            @Override
            public URL getResource(String name) {
                URL own = findResource(name);
                return own != null ? own : super.getResource(name);
            }
        };
    }
}
