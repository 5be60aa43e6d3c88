package io.netrules.engine;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two KieBases a RuleBase compiles at the same time each hold their own rules, every time. */
class RuleBaseBuildTest {
    static List<String> scopes(KieBase kb) {
        List<String> scopes = new ArrayList<>();
        for (KiePackage p : kb.getKiePackages()) {
            for (Rule r : p.getRules()) {
                scopes.add(String.valueOf(r.getMetaData().get("scope")).replace("\"", ""));
            }
        }
        return scopes;
    }

    @Test
    void nodeAndClusterKieBasesNeverSwapTheirRules() throws Exception {
        List<RuleFile> files = RuleLoader.builtin();
        for (int i = 0; i < 4; i++) {
            RuleBase rb = RuleBase.build(files);
            List<String> node = scopes(rb.nodeKieBase());
            List<String> other = scopes(rb.clusterKieBase());
            assertFalse(node.isEmpty());
            assertFalse(other.isEmpty());
            assertTrue(node.stream().allMatch("node"::equals), "node KieBase: " + node);
            assertTrue(other.stream().noneMatch("node"::equals), "cluster KieBase: " + other);
            assertEquals(rb.docs().values().stream().mapToInt(d -> d.rules().size()).sum() + rb.linkRules().size(),
                    node.size() + other.size(), "every rule is in one of them");
        }
    }
}
