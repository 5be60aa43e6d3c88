package io.netrules.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule's network plugin: its folder under the rules root, or its @plugin annotation. */
class RulePluginTest {

    @Test
    void builtInRulesSitInCommonOrAPluginsFolderAndTheirPluginIsTheFolders() throws Exception {
        RuleBase rules = Rules.builtin();
        Set<String> tops = new TreeSet<>();
        for (RuleFile f : RuleLoader.builtin()) {
            String rel = f.display().substring("rules/".length());
            String top = rel.substring(0, rel.indexOf('/'));
            tops.add(top);
            assertTrue(top.equals("common") || io.netrules.plugin.NetworkPlugins.known(top),
                    f.display() + ": rules/ holds common/ and one folder per plugin");
        }
        assertTrue(tops.contains("common") && tops.contains("openshift-sdn"), tops.toString());
        for (RuleDoc doc : rules.docs().values()) {
            for (RuleMeta m : doc.rules()) {
                String folder = RuleLoader.pluginOf(m.file().substring("rules/".length()));
                assertEquals(folder, m.plugin(), m.file() + " \"" + m.ruleName() + "\": @plugin and folder disagree");
            }
        }
        for (RuleMeta m : rules.linkRules()) {
            assertEquals(RuleLoader.pluginOf(m.file().substring("rules/".length())), m.plugin(), m.file());
        }
    }

    private static final Pattern ID = Pattern.compile("NR-[A-Z]+-\\d{3}");

    @Test
    void eachLinkRuleIsInThePluginFolderOfThePluginRulesItLinks() throws Exception {
        RuleBase rules = Rules.builtin();
        Map<String, RuleFile> byDisplay = RuleLoader.builtin().stream()
                .collect(Collectors.toMap(RuleFile::display, Function.identity()));
        assertTrue(rules.linkRules().size() > 5, "the built-in links");
        for (RuleMeta link : rules.linkRules()) {
            String drl = byDisplay.get(link.file()).drl();
            int start = drl.indexOf("rule \"" + link.ruleName() + "\"");
            int end = drl.indexOf("\nend", start);
            Matcher m = ID.matcher(drl.substring(start, end));
            Set<String> plugins = new TreeSet<>();
            while (m.find()) {
                RuleDoc doc = rules.doc(m.group());
                if (doc != null && doc.plugin() != null) {
                    plugins.add(doc.plugin());
                }
            }
            assertTrue(plugins.size() <= 1, link.ruleName() + " links rules of two plugins: " + plugins);
            if (!plugins.isEmpty()) {
                assertEquals(plugins.iterator().next(), link.plugin(), link.file() + " \"" + link.ruleName()
                        + "\" links " + plugins + " rules; it belongs in that plugin's links folder");
            }
        }
    }

    @TempDir
    Path dir;

    static String rule(String id, String plugin) {
        return """
                package userrules;
                import io.netrules.model.ClusterScope;
                import io.netrules.model.Finding;

                rule "%s rule"
                    @id("%s") @severity(INFO) @layer("service") @scope(cluster) @guide("test")%s
                when
                    ClusterScope()
                then
                    insert(Finding.of("%s"));
                end
                """.formatted(id, id, plugin == null ? "" : " @plugin(\"" + plugin + "\")", id);
    }

    static String text(String id) {
        return "---\nid: " + id + "\ntitle: \"test\"\n---\n## Summary\nx\n\n## Why it breaks traffic\nx\n\n"
                + "## How to fix\nx\n";
    }

    private void write(String rel, String id, String plugin) throws Exception {
        Path drl = dir.resolve(rel + "/" + id + ".drl");
        Files.createDirectories(drl.getParent());
        Files.writeString(drl, rule(id, plugin));
        Files.writeString(drl.resolveSibling(id + ".md"), text(id));
    }

    @Test
    void thePluginAnnotationOverridesTheFolder() throws Exception {
        write("common/svc", "NR-TST-001", "ovn-kubernetes");
        write("openshift-sdn/svc", "NR-TST-002", "common");
        write("openshift-sdn/svc", "NR-TST-003", null);
        write("ovn-kubernetes", "NR-TST-004", null);
        write("mine", "NR-TST-005", null);
        RuleBase rules = RuleBase.build(RuleLoader.fromUserDir(dir));
        assertEquals("ovn-kubernetes", rules.doc("NR-TST-001").plugin());
        assertNull(rules.doc("NR-TST-002").plugin());
        assertEquals("openshift-sdn", rules.doc("NR-TST-003").plugin());
        assertEquals("ovn-kubernetes", rules.doc("NR-TST-004").plugin());
        assertNull(rules.doc("NR-TST-005").plugin(), "a folder that names no plugin is every plugin's");
    }

    @Test
    void anUnknownPluginIsABuildErrorNamingTheFile() throws Exception {
        write("common", "NR-TST-006", "calico");
        RuleBuildException e = assertThrows(RuleBuildException.class,
                () -> RuleBase.build(RuleLoader.fromUserDir(dir)));
        String message = String.join("\n", e.messages());
        assertTrue(message.contains("NR-TST-006.drl:") && message.contains("@plugin names an unknown network plugin"
                + " 'calico'"), message);
        assertTrue(Objects.requireNonNull(message).contains("openshift-sdn"), message);
    }

    @Test
    void pluginOfAPath() {
        assertEquals("openshift-sdn", RuleLoader.pluginOf("openshift-sdn/mtu/NR-MTU-001.drl"));
        assertEquals("ovn-kubernetes", RuleLoader.pluginOf("ovn-kubernetes/x.drl"));
        assertNull(RuleLoader.pluginOf("common/service/NR-SVC-001.drl"));
        assertNull(RuleLoader.pluginOf("NR-X-001.drl"));
        assertNull(RuleLoader.pluginOf("team/openshift-sdn/x.drl"), "only the first folder under the root counts");
    }
}
