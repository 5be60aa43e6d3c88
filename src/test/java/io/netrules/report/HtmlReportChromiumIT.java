package io.netrules.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.TestPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report as a user sees it: the packaged jar writes the report of a sample, a real
 * headless Chromium opens it from a file:// URL, and the test reads the hop states from the DOM,
 * clicks hops with the mouse, checks the colours on the screenshot it saves under
 * target/screenshots/, and checks the page asked the network for nothing but itself.
 * Skipped where no Chromium is installed (.ci/run installs it and fails if this was skipped).
 */
class HtmlReportChromiumIT {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1400;
    private static final Path OUT = TestPaths.project().resolve("target/chromium-it");
    private static Chromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        var binary = Chromium.binary();
        assumeTrue(binary.isPresent(), "no chromium on PATH (apt-get install chromium)");
        Files.createDirectories(OUT);
        Path userData = Files.createTempDirectory(OUT, "user-data-");
        chromium = Chromium.launch(binary.get(), userData, OUT.resolve("chromium.log"));
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Runs the packaged jar as a user does: diagnose SAMPLE --format html --out FILE. */
    static Path report(String sample) throws IOException, InterruptedException {
        return report("facts-samples/" + sample, sample, sample.startsWith("broken") ? 1 : 0);
    }

    /** The same for any capture directory (relative to the project, or absolute), with the exit status expected. */
    static Path report(String capture, String name, int status) throws IOException, InterruptedException {
        Path html = OUT.resolve(name + ".html");
        Files.deleteIfExists(html);
        Path log = OUT.resolve(name + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/netrules.jar", "diagnose", "--capture", capture, "--format", "html",
                "--out", html.toString()).directory(TestPaths.project().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "netrules did not finish");
        assertEquals(status, p.exitValue(), Files.readString(log));
        assertEquals("", Files.readString(log), "nothing on stdout or stderr with --out");
        return html;
    }

    /** lane/hop → state, with "+root" for the root cause, read from the page's DOM after its script ran. */
    static Map<String, String> hopStates(Chromium.Page page) {
        JsonNode hops = page.eval("Array.from(document.querySelectorAll('g.hop')).map(g => [g.dataset.lane + '/' "
                + "+ g.dataset.hop, g.dataset.state + (g.dataset.rootCause === 'true' ? '+root' : '')])");
        Map<String, String> out = new TreeMap<>();
        hops.forEach(h -> out.put(h.get(0).asText(), h.get(1).asText()));
        return out;
    }

    static double[] centre(Chromium.Page page, String lane, String hop) {
        JsonNode r = page.eval("(() => { const r = document.querySelector('g.hop[data-lane=\"" + lane
                + "\"][data-hop=\"" + hop + "\"] rect').getBoundingClientRect(); "
                + "return [r.x + r.width / 2, r.y + r.height / 2, r.x, r.y]; })()");
        return new double[] {r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble()};
    }

    /** The hop-detail sections the user can see now. */
    static List<String> visibleDetails(Chromium.Page page) {
        List<String> ids = new ArrayList<>();
        page.eval("Array.from(document.querySelectorAll('.hop-detail')).filter(s => !s.hidden"
                + " && s.offsetParent !== null).map(s => s.dataset.lane + '/' + s.dataset.hop)").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    static String visibleDetailText(Chromium.Page page) {
        return page.eval("Array.from(document.querySelectorAll('.hop-detail')).filter(s => !s.hidden)"
                + ".map(s => s.innerText).join('\\n')").asText();
    }

    @Test
    void brokenVxlanFlowsShowsVxlan0OnNode3AsTheRootCauseAndClicksShowItsFindings() throws Exception {
        Path html = report("broken-vxlan-flows");
        Chromium.Page page = chromium.newPage(WIDTH, HEIGHT);
        page.navigate(html.toUri().toString());
        assertEquals("true", page.eval("document.body.dataset.ready").asText(), "the page's script ran");

        Map<String, String> states = hopStates(page);
        assertEquals("error+root", states.get("/vxlan0"), states.toString());
        assertEquals("error+root", states.get("node-3/vxlan0"), states.toString());
        assertEquals("fine", states.get("node-1/vxlan0"), states.toString());
        assertEquals("fine", states.get("node-2/vxlan0"), states.toString());
        for (String hop : List.of("node-to-node", "br0", "tun0", "pod")) {
            for (String lane : List.of("node-1", "node-2", "node-3")) {
                assertEquals("fine", states.get(lane + "/" + hop), lane + "/" + hop + " in " + states);
            }
        }
        // The whole path: red only at vxlan0 (other hops are fine, or not evaluated where a
        // cluster rule needs the probes this sample does not have).
        states.forEach((hop, state) -> assertTrue(hop.equals("/vxlan0") || hop.equals("node-3/vxlan0")
                || state.equals("fine") || state.equals("not-evaluated") || state.equals("origin"), hop + " " + state));
        assertEquals("origin", states.get("/client"), states.toString());
        assertEquals(11 + 3 * 5, states.size(), "the eleven hops of the whole path, five per node: " + states);
        assertEquals(2, states.values().stream().filter(s -> s.endsWith("+root")).count(), states.toString());

        // The page opens on the root cause of the whole path.
        assertEquals(List.of("/vxlan0"), visibleDetails(page));
        assertTrue(visibleDetailText(page).contains("NR-OVS-005"), visibleDetailText(page));

        // A click on a fine hop shows that nothing was found there, and only that.
        double[] fine = centre(page, "node-1", "vxlan0");
        page.click(fine[0], fine[1]);
        assertEquals(List.of("node-1/vxlan0"), visibleDetails(page));
        assertTrue(visibleDetailText(page).contains("Nothing found"), visibleDetailText(page));

        // A click on node-3's vxlan0 shows the finding: evidence with file and line, what to do, the guide.
        double[] broken = centre(page, "node-3", "vxlan0");
        page.click(broken[0], broken[1]);
        assertEquals(List.of("node-3/vxlan0"), visibleDetails(page));
        String detail = visibleDetailText(page);
        assertTrue(detail.contains("NR-OVS-005"), detail);
        assertTrue(detail.contains("node-3 has no VXLAN flows for node-1 (10.0.0.1, subnet 10.128.0.0/23)"), detail);
        assertTrue(detail.contains("cluster/hostsubnets.json:4"), detail);
        assertTrue(detail.contains("nodes/node-3/ovs-ofctl_-O_OpenFlow13_dump-flows_br0 not found: table=10,tun_src=10.0.0.1"),
                detail);
        assertTrue(detail.contains("ovs-ofctl -O OpenFlow13 dump-flows br0 | grep 10.0.0.1"), detail);
        assertTrue(detail.contains("Debugging Local Networking: Is the Open vSwitch configured correctly?"), detail);
        assertEquals("true", page.eval("document.querySelector('g.hop[data-lane=\"node-3\"][data-hop=\"vxlan0\"]')"
                + ".getAttribute('aria-pressed')").asText());

        // The page asked the network for nothing but itself.
        assertEquals(List.of(html.toUri().toString()), page.requestedUrls());

        // What the user sees: the screenshot is a PNG, node-3's vxlan0 is red, node-1's is green.
        page.fitToContent();
        broken = centre(page, "node-3", "vxlan0");
        fine = centre(page, "node-1", "vxlan0");
        byte[] png = page.screenshot();
        Path shot = TestPaths.project().resolve("target/screenshots/report-broken-vxlan-flows.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, png);
        assertPng(shot);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertColour(img, broken, 0xd9, 0x30, 0x25, "node-3 vxlan0 (error)");
        assertColour(img, fine, 0x1e, 0x8e, 0x3e, "node-1 vxlan0 (fine)");
        assertColour(img, centre(page, "", "dns"), 0xe8, 0xea, 0xed, "DNS (not evaluated)");
    }

    @Test
    void aHealthySampleHasNoRedHopAndNoRootCause() throws Exception {
        Path html = report("healthy-3node");
        Chromium.Page page = chromium.newPage(WIDTH, HEIGHT);
        page.navigate(html.toUri().toString());
        Map<String, String> states = hopStates(page);
        assertFalse(states.isEmpty());
        assertTrue(states.values().stream().allMatch(s -> s.equals("fine") || s.equals("not-evaluated")
                || s.equals("origin")), states.toString());
        assertEquals("fine", states.get("node-2/br0"), states.toString());
        assertEquals(List.of(), visibleDetails(page), "nothing to open on");
        assertTrue(page.eval("document.getElementById('headline').innerText").asText().startsWith("No finding"));
        Path shot = TestPaths.project().resolve("target/screenshots/report-healthy-3node.png");
        Files.createDirectories(shot.getParent());
        page.fitToContent();
        Files.write(shot, page.screenshot());
        assertPng(shot);
    }

    /**
     * An OVN-Kubernetes capture: the interconnect case base with one fault (worker-2's OVS lost
     * {@code ovn-is-interconn}: no tunnels to the other zones, NR-OVNTUN-003). Each node's lane
     * shows OVN's hops in order; a hop no rule of the rule base checks says so when clicked; once
     * NR-OVNTUN-003 is in the rule base, worker-2's Geneve hop is red and the root cause.
     */
    @Test
    void anOvnCaptureShowsOvnsHopsPerNodeAndWhereItsFaultIs() throws Exception {
        Path capture = OvnReportsTest.brokenInterconn(Files.createTempDirectory(OUT, "ovn-"));
        boolean ruleThere;
        try (var files = Files.walk(TestPaths.rules().resolve("ovn-kubernetes"))) {
            ruleThere = files.anyMatch(f -> f.getFileName().toString().equals("NR-OVNTUN-003.drl"));
        }
        Path html = report(capture.toString(), "ovn-ic-3node-no-interconn", ruleThere ? 1 : 0);
        Chromium.Page page = chromium.newPage(WIDTH, HEIGHT);
        page.navigate(html.toUri().toString());
        assertEquals("true", page.eval("document.body.dataset.ready").asText(), "the page's script ran");

        List<String> nodeHops = List.of("node-to-node", "br-int", "cluster-router", "node-switch", "switch-port",
                "pod", "gateway-router", "br-ex");
        for (String lane : List.of("worker-0", "worker-1", "worker-2")) {
            List<String> drawn = new ArrayList<>();
            page.eval("Array.from(document.querySelectorAll('g.hop[data-lane=\"" + lane + "\"]'))"
                    + ".map(g => g.dataset.hop)").forEach(n -> drawn.add(n.asText()));
            assertEquals(nodeHops, drawn, lane + "'s lane, in order");
        }
        // The node table has OVN's columns (the plugin's), not openshift-sdn's tun0.
        List<String> headers = new ArrayList<>();
        page.eval("Array.from(document.querySelectorAll('#nodes thead th')).map(t => t.textContent)")
                .forEach(n -> headers.add(n.asText()));
        assertEquals(List.of("node", "IP", "subnet", "zone", "gateway mode", "primary interface", "MTU",
                "ovn-k8s-mp0 MTU", "findings", "not evaluated"), headers);
        List<String> worker2 = new ArrayList<>();
        page.eval("Array.from(document.querySelectorAll('#nodes tr[data-node=\"worker-2\"] td')).map(t => t.textContent)")
                .forEach(n -> worker2.add(n.asText()));
        assertEquals("worker-2", worker2.get(3), "interconnect: worker-2 is its own zone: " + worker2);
        List<String> labels = new ArrayList<>();
        page.eval("Array.from(document.querySelectorAll('g.hop[data-lane=\"worker-0\"] .hop-label'))"
                + ".map(t => t.textContent)").forEach(n -> labels.add(n.asText()));
        assertEquals(List.of("Geneve", "br-int", "cluster router", "node switch", "switch port", "pod", "GR / join",
                "br-ex"), labels);

        // Which hops some rule of the built-in rule base that applies on OVN checks.
        TrafficPath.Path path = TrafficPath.path("ovn-kubernetes");
        java.util.Set<String> checked = new java.util.HashSet<>();
        io.netrules.engine.Rules.builtin().docs().values().stream().filter(r -> r.appliesTo("ovn-kubernetes"))
                .forEach(r -> checked.add(path.hopOf(r.id(), r.layer()).id()));
        Map<String, String> states = hopStates(page);
        for (String hop : nodeHops) {
            double[] c = centre(page, "worker-0", hop);
            page.click(c[0], c[1]);
            assertEquals(List.of("worker-0/" + hop), visibleDetails(page));
            String detail = visibleDetailText(page);
            boolean saysUnchecked = detail.contains("No rule of this rule base checks this hop");
            assertEquals(!checked.contains(hop), saysUnchecked, hop + ": " + detail);
            if (!checked.contains(hop)) {
                assertEquals("not-evaluated", states.get("worker-0/" + hop), hop);
            }
        }

        if (ruleThere) {
            assertEquals("error+root", states.get("worker-2/node-to-node"), states.toString());
            assertEquals("error+root", states.get("/node-to-node"), states.toString());
            double[] c = centre(page, "worker-2", "node-to-node");
            page.click(c[0], c[1]);
            String detail = visibleDetailText(page);
            assertTrue(detail.contains("NR-OVNTUN-003"), detail);
            assertTrue(detail.contains("nodes/worker-2/ovs-vsctl_-t_5_list_Open_vSwitch"), detail);
        }
        for (String lane : List.of("worker-0", "worker-1")) {
            for (String hop : nodeHops) {
                assertFalse(states.get(lane + "/" + hop).startsWith("error"), lane + "/" + hop + " " + states);
            }
        }
        if (!ruleThere) {
            assertTrue(states.values().stream().noneMatch(s -> s.startsWith("error")), states.toString());
        }
        assertEquals(List.of(html.toUri().toString()), page.requestedUrls());

        page.fitToContent();
        double[] grey = centre(page, "worker-0", "node-switch");
        double[] geneve2 = centre(page, "worker-2", "node-to-node");
        byte[] png = page.screenshot();
        Path shot = TestPaths.project().resolve("target/screenshots/report-ovn-ic-3node.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, png);
        assertPng(shot);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (ruleThere) {
            assertColour(img, geneve2, 0xd9, 0x30, 0x25, "worker-2 Geneve (error)");
        }
        if (!checked.contains("node-switch")) {
            assertColour(img, grey, 0xe8, 0xea, 0xed, "worker-0 node switch (no rule checks it)");
        }
    }

    static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 10_000, file + " is only " + bytes.length + " bytes");
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] head = new byte[8];
        System.arraycopy(bytes, 0, head, 0, 8);
        assertArrayEquals(signature, head, "PNG signature");
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img.getWidth() >= 1000 && img.getHeight() >= 600, img.getWidth() + "x" + img.getHeight());
    }

    /** The colour a little inside the hop's left edge, clear of its text, is the state's (within anti-aliasing). */
    static void assertColour(BufferedImage img, double[] hop, int r, int g, int b, String what) {
        int x = (int) Math.round(hop[2]) + 8;
        int y = (int) Math.round(hop[1]);
        int rgb = img.getRGB(x, y);
        int pr = rgb >> 16 & 0xff;
        int pg = rgb >> 8 & 0xff;
        int pb = rgb & 0xff;
        assertTrue(Math.abs(pr - r) < 12 && Math.abs(pg - g) < 12 && Math.abs(pb - b) < 12,
                what + ": pixel at " + x + "," + y + " is " + String.format("#%02x%02x%02x", pr, pg, pb));
    }
}
