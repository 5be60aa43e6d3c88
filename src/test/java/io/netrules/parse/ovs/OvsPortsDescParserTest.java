package io.netrules.parse.ovs;

import io.netrules.model.OvsPort;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsPortsDescParserTest {
    private static final String FILE = "ovs-ofctl_-O_OpenFlow13_dump-ports-desc_br0";
    private static final String INPUT = "ovs-ofctl_-O_OpenFlow13_dump-ports-desc";

    private static ParseContext.Collecting parse(String detail, String text) {
        return Samples.parse(new OvsPortsDescParser(), FILE, INPUT, detail, text);
    }

    private static OvsPort port(ParseContext.Collecting r, String name) {
        List<OvsPort> found = r.facts(OvsPort.class).stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, found.size(), "ports named " + name);
        return found.get(0);
    }

    @Test
    void openFlow13Ports() {
        var r = parse("br0", Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
        List<OvsPort> ports = r.facts(OvsPort.class);
        assertEquals(List.of(1, 2, 3, 4, 7, OvsPort.LOCAL), ports.stream().map(OvsPort::ofport).toList());
        assertEquals(List.of("vxlan0", "tun0", "veth3b2fd6c1", "vethc8a4be73", "veth9f1e2a7b", "br0"),
                ports.stream().map(OvsPort::name).toList());
        assertTrue(ports.stream().allMatch(p -> p.bridge().equals("br0") && p.node().equals("node-1")));

        OvsPort vxlan = port(r, "vxlan0");
        assertFalse(vxlan.portDown());
        assertFalse(vxlan.linkDown());
        assertEquals(2, vxlan.source().line());
        assertEquals("1(vxlan0): addr:5a:1c:9e:40:d2:7b", vxlan.source().text());

        OvsPort stale = port(r, "veth9f1e2a7b");
        assertTrue(stale.portDown());
        assertTrue(stale.linkDown());
        OvsPort local = port(r, "br0");
        assertEquals(OvsPort.LOCAL, local.ofport());
        assertTrue(local.portDown());
        assertTrue(local.linkDown());
        assertEquals(24, local.source().line());
    }

    @Test
    void openFlow10PortsAndBridgeFromDetail() {
        var r = parse("br1", Samples.text("ovs-ofctl_dump-ports-desc_br0.of10"));
        assertEquals(List.of(), r.warnings);
        List<OvsPort> ports = r.facts(OvsPort.class);
        assertEquals(List.of(1, 2, 8, OvsPort.LOCAL), ports.stream().map(OvsPort::ofport).toList());
        assertTrue(ports.stream().allMatch(p -> p.bridge().equals("br1")));
        OvsPort veth = port(r, "veth61d0a3f5");
        assertTrue(veth.linkDown());
        assertFalse(veth.portDown());
    }

    @Test
    void bridgeDefaultsToBr0() {
        var r = parse(null, " 1(vxlan0): addr:5a:1c:9e:40:d2:7b\n     config:     0\n     state:      0\n");
        assertEquals("br0", r.facts(OvsPort.class).get(0).bridge());
    }

    @Test
    void crlfIsTheSameOutput() {
        var lf = parse("br0", Samples.text(FILE));
        var crlf = parse("br0", Samples.text(FILE).replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.warnings);
        assertEquals(lf.facts, crlf.facts);
    }

    @Test
    void toolFailuresAreClassified() {
        var mismatch = Samples.parse(new OvsPortsDescParser(), "ovs-ofctl_dump-ports-desc_br0",
                "ovs-ofctl_dump-ports-desc", "br0", Samples.text("ovs-ofctl_dump-ports-desc_br0"));
        assertEquals(ToolErrorKind.OPENFLOW_VERSION_MISMATCH, mismatch.ctx.toolError().kind());
        assertEquals(List.of(), mismatch.facts(OvsPort.class));
        assertEquals(List.of(), mismatch.warnings);

        var noBridge = parse("br0", "ovs-ofctl: br0 is not a bridge or a socket\n");
        assertEquals(ToolErrorKind.NO_SUCH_BRIDGE, noBridge.ctx.toolError().kind());
        var refused = parse("br0",
                "ovs-ofctl: /var/run/openvswitch/br0.mgmt: failed to open socket (Connection refused)\n");
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, refused.ctx.toolError().kind());
        var brokenPipe = parse("br0",
                "ovs-ofctl: /var/run/openvswitch/br0.mgmt: failed to open socket (Broken pipe)\n");
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, brokenPipe.ctx.toolError().kind());
    }

    @Test
    void garbageIsAWarningWithItsLineNumber() {
        String text = "OFPST_PORT_DESC reply (OF1.3) (xid=0x2):\n"
                + " 1(vxlan0): addr:5a:1c:9e:40:d2:7b\n"
                + "     config:     0\n"
                + "\u0000\u0001\ufffd\ufffd garbage\n"
                + "     state:      LINK_DOWN\n"
                + " 2(tun0): addr:ae:03:6f:19:b4:22\n"
                + "     config:     PORT_DOWN\n";
        var r = parse("br0", text);
        assertEquals(List.of(4, 5), r.warnings.stream().map(ParseWarning::line).toList());
        List<OvsPort> ports = r.facts(OvsPort.class);
        assertEquals(List.of("vxlan0", "tun0"), ports.stream().map(OvsPort::name).toList());
        assertFalse(ports.get(0).linkDown(), "a state line after garbage belongs to no port");
        assertTrue(ports.get(1).portDown());
    }

    @Test
    void emptyFileHasNothing() {
        var r = parse("br0", "");
        assertEquals(List.of(), r.facts);
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
    }
}
