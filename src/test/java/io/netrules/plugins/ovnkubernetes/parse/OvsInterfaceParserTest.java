package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ParseWarning;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvsInterface;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsInterfaceParserTest {
    private static final String FILE = "ovs-vsctl_-t_5_list_interface";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new OvsInterfaceParser(), FILE, "ovs-interface", text);
    }

    private static OvsInterface iface(ParseContext.Collecting r, String name) {
        List<OvsInterface> found = r.facts(OvsInterface.class).stream().filter(i -> i.name().equals(name)).toList();
        assertEquals(1, found.size(), "interfaces named " + name);
        return found.get(0);
    }

    @Test
    void readsEveryInterfaceRecord() {
        var r = parse(Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of("ovn-5d1c3b-0", "3f9a0c1e2b7d4a5", "ovn-k8s-mp0", "br-int"),
                r.facts(OvsInterface.class).stream().map(OvsInterface::name).toList());
    }

    @Test
    void aGeneveTunnelKeepsItsRemoteIp() {
        OvsInterface tunnel = iface(parse(Samples.text(FILE)), "ovn-5d1c3b-0");
        assertEquals("geneve", tunnel.type());
        assertEquals("10.0.128.6", tunnel.remoteIp());
        assertEquals(3, tunnel.ofport());
        assertNull(tunnel.error());
        assertNull(tunnel.mtu());
        assertFalse(tunnel.broken());
        assertEquals(Map.of("csum", "true", "key", "flow", "local_ip", "10.0.128.5", "remote_ip", "10.0.128.6"),
                tunnel.options());
        assertEquals(29, tunnel.source().line());
        assertEquals("name                : ovn-5d1c3b-0", tunnel.source().text());
    }

    @Test
    void aPodPortThatOvsCouldNotOpenIsBroken() {
        OvsInterface pod = iface(parse(Samples.text(FILE)), "3f9a0c1e2b7d4a5");
        assertEquals("", pod.type());
        assertEquals(-1, pod.ofport());
        assertEquals("could not open network device 3f9a0c1e2b7d4a5 (No such device)", pod.error());
        assertTrue(pod.broken());
        assertEquals("demo_web-7d9f6c5b8-x2klq", pod.ifaceId());
        assertEquals("0b7e3f2a-4c1d-4e5f-9a8b-6c7d8e9f0a1b", pod.ifaceIdVer());
        assertTrue(pod.ovnInstalled());
        assertEquals("0a:58:0a:80:02:0b", pod.attachedMac());
        assertEquals("10.128.2.11/23", pod.externalIds().get("ip_addresses"));
    }

    @Test
    void theManagementPortHasItsIfaceIdAndMtu() {
        OvsInterface mp = iface(parse(Samples.text(FILE)), "ovn-k8s-mp0");
        assertEquals("internal", mp.type());
        assertEquals("k8s-worker-0.ocp.example.com", mp.ifaceId());
        assertEquals(1400, mp.mtu());
        assertEquals(1400, mp.mtuRequest());
        assertEquals(2, mp.ofport());
        assertFalse(mp.ovnInstalled());
        assertNull(mp.remoteIp());
    }

    @Test
    void recordsWithoutBlankLinesBetweenThemAreSplitAtUuid() {
        var r = parse("""
                _uuid               : 0d443b22-614c-4343-9766-95c957b6a287
                name                : ovn-k8s-mp0
                ofport              : 2
                _uuid               : 3f3a8482-18f4-4e91-b803-7ccbe146133b
                name                : br-int
                ofport              : 65534
                """);
        assertEquals(List.of(), r.warnings);
        assertEquals(List.of(2, 65534), r.facts(OvsInterface.class).stream().map(OvsInterface::ofport).toList());
    }

    @Test
    void badLinesAreWarningsAndTheRestIsRead() {
        var r = parse("""
                _uuid               : 0d443b22-614c-4343-9766-95c957b6a287
                external_ids        : {iface-id=k8s-worker-0.ocp.example.com}
                name                : ovn-k8s-mp0
                ofport              : two
                error               : "could not open
                ~~~ garbage ~~~

                _uuid               : 3f3a8482-18f4-4e91-b803-7ccbe146133b
                ofport              : 65534
                """);
        assertEquals(List.of(4, 5, 6, 8), r.warnings.stream().map(ParseWarning::line).sorted().toList());
        OvsInterface mp = iface(r, "ovn-k8s-mp0");
        assertNull(mp.ofport());
        assertNull(mp.error());
        assertEquals("k8s-worker-0.ocp.example.com", mp.ifaceId());
        assertEquals(1, r.facts(OvsInterface.class).size(), "the record without a name gives no interface");
    }
}
