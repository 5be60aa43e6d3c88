package io.netrules.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which fix text a finding gets: the platform's major version, and the sections it picks. */
class PlatformTextTest {
    @Test
    void majorVersionFromReleaseKubeletsOrNodeConfig() {
        assertEquals(4, PlatformMajor.detect("4.14.12", List.of("v1.11.0+d4cacc0"), true), "ClusterVersion first");
        assertEquals(3, PlatformMajor.detect(null, List.of("v1.11.0+d4cacc0", "v1.11.0+d4cacc0"), false));
        assertEquals(4, PlatformMajor.detect(null, List.of("v1.13.4+c9e4f28"), false), "4.1 ships Kubernetes 1.13");
        assertEquals(4, PlatformMajor.detect(null, List.of("v1.27.10+28ed2d7"), false));
        assertEquals(3, PlatformMajor.detect(null, List.of(), true), "only 3.x has node-config.yaml");
        assertNull(PlatformMajor.detect(null, List.of(), false));
        assertNull(PlatformMajor.detect(null, Arrays.asList("v1.12.0", null), false), "1.12 was no OpenShift");
        assertNull(PlatformMajor.detect(null, List.of("v1.11.0", "v1.23.5"), true), "nodes that disagree");
    }

    @Test
    void theFixSectionFollowsThePlatform() {
        List<String> errors = new ArrayList<>();
        RuleText t = RuleText.parse("NR-X.md", """
                ---
                id: NR-X
                title: "t"
                ---
                ## Summary
                s
                ## Why it breaks traffic
                w
                ## How to fix
                restart origin-node on {node}
                ## How to fix (OpenShift 4)
                delete the sdn pod of {node}
                """, errors);
        assertEquals(List.of(), errors);
        assertEquals("restart origin-node on {node}", t.fix(3));
        assertEquals("delete the sdn pod of {node}", t.fix(4));
        assertEquals("On OKD/OpenShift 3.11:\nrestart origin-node on {node}\n\nOn OpenShift 4:\ndelete the sdn pod of {node}",
                t.fix(null));
        RuleText one = RuleText.parse("NR-Y.md", "---\nid: NR-Y\ntitle: t\n---\n## Summary\ns\n## Why it breaks traffic\n"
                + "w\n## How to fix\nthe same everywhere\n", errors);
        assertEquals("the same everywhere", one.fix(4));
        assertEquals("the same everywhere", one.fix(null));
    }
}
