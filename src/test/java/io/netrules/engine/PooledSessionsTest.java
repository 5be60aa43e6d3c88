package io.netrules.engine;

import io.netrules.TestPaths;
import io.netrules.capture.Capture;
import io.netrules.report.JsonReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One Evaluator reuses its sessions (reset by Drools' session pool) from node to node and from
 * capture to capture, as a batch does: a reset session keeps nothing of the capture before it.
 * Captures of both plugins, with findings and without, in turn, each give the report a fresh
 * Evaluator gives.
 */
class PooledSessionsTest {
    private static final List<String> ORDER = List.of("broken-ip-forward", "healthy-3node", "ovn-ic-broken-lsp",
            "broken-vxlan-flows", "ovn-ic-healthy", "healthy-3node", "broken-ip-forward");

    private static String json(Evaluator evaluator, String sample) throws Exception {
        return JsonReport.render(evaluator.evaluate(Capture.open(TestPaths.sample(sample)), sample), true);
    }

    @Test
    void aReusedSessionGivesWhatAFreshOneGives() throws Exception {
        for (int parallel : new int[] {1, 2}) {
            Evaluator shared = new Evaluator(Rules.builtin(), parallel);
            for (String sample : ORDER) {
                String fresh = json(new Evaluator(Rules.builtin(), parallel), sample);
                assertEquals(fresh, json(shared, sample), sample + " after the captures before it, parallel " + parallel);
            }
        }
    }
}
