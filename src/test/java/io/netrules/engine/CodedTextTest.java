package io.netrules.engine;

import io.netrules.model.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A then-part sets codes and raw values; the rule's .md turns them into the sentence. */
class CodedTextTest {
    private static final String MD = """
            ---
            id: NR-X
            title: "Join path of {node} is broken: {problem}"
            problem:
              no-route: "GR_{node} has no static route {cidr} via {via}"
              no-port: 'GR_{node} has no port rtoj-GR_{node}'
            ---
            ## Summary
            Here {problem}.
            ## Why it breaks traffic
            w
            ## How to fix
            lr-route-list GR_{node}
            """;

    @Test
    void aCodedParameterIsShownAsItsCodesText() {
        List<String> errors = new ArrayList<>();
        RuleText t = RuleText.parse("NR-X.md", MD, errors);
        assertEquals(List.of(), errors);
        assertEquals("Join path of {node} is broken: {problem}", t.title());
        assertEquals(Map.of("problem", Map.of("no-route", "GR_{node} has no static route {cidr} via {via}",
                "no-port", "GR_{node} has no port rtoj-GR_{node}")), t.codes());
        Map<String, String> params = Map.of("node", "worker-1", "problem", "no-route", "cidr", "10.128.0.0/14",
                "via", "100.64.0.1");
        Map<String, String> shown = t.shown(params);
        assertEquals("Join path of worker-1 is broken: GR_worker-1 has no static route 10.128.0.0/14 via 100.64.0.1",
                RuleText.render(t.title(), shown));
        assertEquals("Here GR_worker-1 has no static route 10.128.0.0/14 via 100.64.0.1.",
                RuleText.render(t.summary(), shown));
        assertEquals("no-route", params.get("problem"), "the raw parameters keep the code");
        assertEquals("Join path of worker-1 is broken: GR_worker-1 has no port rtoj-GR_worker-1",
                RuleText.render(t.title(), t.shown(Map.of("node", "worker-1", "problem", "no-port"))));
        // A code without a text stays visible as it is.
        assertEquals("Join path of worker-1 is broken: typo-code",
                RuleText.render(t.title(), t.shown(Map.of("node", "worker-1", "problem", "typo-code"))));
    }

    @Test
    void badCodeBlocksAreReportedWithTheirLine() {
        List<String> errors = new ArrayList<>();
        RuleText.parse("NR-X.md", """
                ---
                  stray: x
                id: NR-X
                title: "{problem}"
                empty:
                problem:
                  no-route: "a"
                  no-route: "b"
                ---
                ## Summary
                s
                ## Why it breaks traffic
                w
                ## How to fix
                f
                """, errors);
        assertEquals(List.of("NR-X.md:2: indented front matter line belongs to no 'param:' line",
                "NR-X.md:8: code 'no-route' of problem is given twice",
                "NR-X.md:1: front matter key 'empty' has neither a value nor codes"), errors);
    }

    @Test
    void aListParameterIsItsElementsJoined() {
        Finding f = Finding.of("NR-X").param("joinAddresses", List.of("100.64.0.2/16", "fd98::2/64"))
                .param("none", List.of()).param("n", 3);
        assertEquals("100.64.0.2/16, fd98::2/64", f.param("joinAddresses"));
        assertEquals("", f.param("none"));
        assertEquals("3", f.param("n"));
        assertTrue(f.params().values().stream().noneMatch(v -> v.startsWith("[")));
    }
}
