package io.netrules.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --format markdown}: a summary, the findings by layer, the remediation, for a ticket. */
class MarkdownReportTest {

    @Test
    void brokenIpForwardReadsAsATicket() {
        String md = MarkdownReport.render(ReportSamples.diagnose("broken-ip-forward"));
        assertTrue(md.startsWith("# netrules diagnosis of `facts-samples/broken-ip-forward`\n"), md);
        assertTrue(md.contains("**Likely layer: local-sdn**"), md);
        assertTrue(md.matches("(?s).*\\| 1 \\| 0 \\| 0 \\| \\d+ \\|\n.*"), "errors, warnings, info, not evaluated: " + md);
        int layer = md.indexOf("### Layer: local-sdn");
        int finding = md.indexOf("#### ERROR NR-LOCAL-001: IP forwarding is off on node-2");
        int evidence = md.indexOf("`nodes/node-2/sysctl_-a:146` `net.ipv4.ip_forward = 0`");
        int fix = md.indexOf("    sysctl -w net.ipv4.ip_forward=1");
        assertTrue(layer >= 0 && finding > layer && evidence > finding && fix > evidence, md);
        assertTrue(md.contains("- **Guide:** Debugging Local Networking: Is IP Forwarding Enabled?"), md);
    }

    @Test
    void everySampleRendersAndHealthyOnesSayNoFinding() {
        for (String sample : ReportSamples.names()) {
            String md = MarkdownReport.render(ReportSamples.diagnose(sample));
            if (sample.startsWith("healthy")) {
                assertTrue(md.contains("**No finding**"), sample);
                assertFalse(md.contains("## Findings"), sample);
            } else {
                assertTrue(md.contains("## Findings"), sample);
            }
        }
    }
}
