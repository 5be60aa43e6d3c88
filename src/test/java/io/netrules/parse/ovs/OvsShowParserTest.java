package io.netrules.parse.ovs;

import io.netrules.model.OvsBridge;
import io.netrules.model.OvsDbPort;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OvsShowParserTest {
    private static final String FILE = "ovs-vsctl_-t_5_show";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new OvsShowParser(), FILE, "ovs-vsctl_show", null, text);
    }

    private static OvsDbPort port(ParseContext.Collecting r, String name) {
        List<OvsDbPort> found = r.facts(OvsDbPort.class).stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, found.size(), "ports named " + name);
        return found.get(0);
    }

    @Test
    void oldOvsQuotesEverything() {
        var r = parse(Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
        assertEquals(List.of("br0"), r.facts(OvsBridge.class).stream().map(OvsBridge::name).toList());
        assertEquals(2, r.facts(OvsBridge.class).get(0).source().line());
        assertEquals(List.of("vethc8a4be73", "tun0", "br0", "vxlan0", "veth3b2fd6c1", "veth9f1e2a7b"),
                r.facts(OvsDbPort.class).stream().map(OvsDbPort::name).toList());

        OvsDbPort vxlan = port(r, "vxlan0");
        assertEquals("br0", vxlan.bridge());
        assertEquals("node-1", vxlan.node());
        assertEquals("vxlan", vxlan.type());
        assertEquals(Map.of("dst_port", "4789", "key", "flow", "remote_ip", "flow"), vxlan.options());
        assertNull(vxlan.error());
        assertEquals(12, vxlan.source().line());
        assertEquals("Port \"vxlan0\"", vxlan.source().text());

        assertEquals("internal", port(r, "tun0").type());
        assertEquals("internal", port(r, "br0").type());
        OvsDbPort pod = port(r, "veth3b2fd6c1");
        assertNull(pod.type());
        assertEquals(Map.of(), pod.options());
        assertNull(pod.error());

        OvsDbPort gone = port(r, "veth9f1e2a7b");
        assertEquals("could not open network device veth9f1e2a7b (No such device)", gone.error());
        assertNull(gone.type());
        assertEquals(20, gone.source().line());
    }

    @Test
    void newerOvsQuotesOnlyWhatNeedsIt() {
        var r = Samples.parse(new OvsShowParser(), "ovs-vsctl_show", "ovs-vsctl_show", null,
                Samples.text("ovs-vsctl_show"));
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of("br0"), r.facts(OvsBridge.class).stream().map(OvsBridge::name).toList());
        assertEquals(List.of("vxlan0", "br0", "tun0", "veth7d02c9e1", "veth0e5b8a24"),
                r.facts(OvsDbPort.class).stream().map(OvsDbPort::name).toList());
        assertEquals(Map.of("dst_port", "4789", "key", "flow", "remote_ip", "flow"), port(r, "vxlan0").options());
        assertEquals("vxlan", port(r, "vxlan0").type());
        assertNull(port(r, "veth0e5b8a24").type());
    }

    @Test
    void crlfIsTheSameOutput() {
        var lf = parse(Samples.text(FILE));
        var crlf = parse(Samples.text(FILE).replace("\n", "\r\n"));
        assertEquals(List.of(), crlf.warnings);
        assertEquals(lf.facts, crlf.facts);
    }

    @Test
    void managersControllersAndOtherColumnsAreNotWarnings() {
        String text = "0b9e3c55-7c1a-4f2e-a8d6-52e1f04b7c39\n"
                + "    Manager \"ptcp:6640:127.0.0.1\"\n"
                + "        is_connected: true\n"
                + "    Bridge br-ex\n"
                + "        Controller \"tcp:127.0.0.1:6633\"\n"
                + "            is_connected: true\n"
                + "        fail_mode: standalone\n"
                + "        Protocols: [\"OpenFlow13\"]\n"
                + "        Port \"bond0\"\n"
                + "            tag: 10\n"
                + "            trunks: [10, 20]\n"
                + "            Interface \"eth1\"\n"
                + "            Interface \"eth2\"\n"
                + "                error: \"could not open network device eth2 (No such device)\"\n"
                + "        Port patch-br-ex_node-1-to-br-int\n"
                + "            Interface patch-br-ex_node-1-to-br-int\n"
                + "                type: patch\n"
                + "                options: {peer=patch-br-int-to-br-ex_node-1}\n"
                + "    Bridge br0\n"
                + "        Port \"vxlan0\"\n"
                + "            Interface \"vxlan0\"\n"
                + "                type: vxlan\n"
                + "                options: {dst_port=\"4789\", key=flow, remote_ip=flow}\n"
                + "    ovs_version: \"2.11.0\"\n";
        var r = parse(text);
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of("br-ex", "br0"), r.facts(OvsBridge.class).stream().map(OvsBridge::name).toList());
        OvsDbPort bond = port(r, "bond0");
        assertEquals("br-ex", bond.bridge());
        assertEquals("could not open network device eth2 (No such device)", bond.error());
        assertEquals(14, bond.source().line());
        OvsDbPort patch = port(r, "patch-br-ex_node-1-to-br-int");
        assertEquals("patch", patch.type());
        assertEquals(Map.of("peer", "patch-br-int-to-br-ex_node-1"), patch.options());
        assertEquals("br0", port(r, "vxlan0").bridge());
        // a port is emitted once its block is complete, so the bridge comes first
        assertEquals(OvsBridge.class, r.facts.get(0).getClass());
    }

    @Test
    void ovsNotRunning() {
        var r = parse(Samples.text(FILE + ".ovs-down"));
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, r.ctx.toolError().kind());
        assertEquals(List.of(), r.facts(OvsBridge.class));
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void notInstalled() {
        var r = parse("bash: ovs-vsctl: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, r.ctx.toolError().kind());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void garbageAndMisplacedLinesAreWarningsWithTheirLineNumbers() {
        String text = "        Port \"veth1\"\n"
                + "4c1e2f8a-93b7-4d05-8e6a-1f0c7d2b5e93\n"
                + "    Bridge \"br0\"\n"
                + "\u0000\u0001\ufffd\ufffd\u001b[0m\n"
                + "        Port \"tun0\"\n"
                + "            Interface \"tun0\"\n"
                + "                type: internal\n"
                + "    ovs_version: \"2.9.0\"\n";
        var r = parse(text);
        assertEquals(List.of(1, 4), r.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of("tun0"), r.facts(OvsDbPort.class).stream().map(OvsDbPort::name).toList());
        assertEquals("internal", port(r, "tun0").type());
    }

    @Test
    void emptyFileHasNothing() {
        var r = parse("");
        assertEquals(List.of(), r.facts);
        assertEquals(List.of(), r.warnings);
        assertNull(r.ctx.toolError());
    }
}
