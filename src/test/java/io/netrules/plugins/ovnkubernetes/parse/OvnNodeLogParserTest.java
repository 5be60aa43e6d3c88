package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ParseWarning;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog;
import io.netrules.plugins.ovnkubernetes.model.OvnControllerLog.Kind;
import io.netrules.plugins.ovnkubernetes.model.OvnkubeMtuTooSmall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvnNodeLogParserTest {
    private static ParseContext.Collecting parse(String file, String text) {
        return Samples.parse(new OvnNodeLogParser(), file, "logs", text);
    }

    @Test
    void ovnControllerChassisChangeAndSbConnectionEvents() {
        var r = parse("ovn-controller.log", Samples.text("ovn-controller.log"));
        List<OvnControllerLog> lines = r.facts(OvnControllerLog.class);
        OvnControllerLog change = lines.stream().filter(l -> l.kind() == Kind.CHASSIS_CHANGE).findFirst().orElseThrow();
        assertEquals("demo_web-7d9f6c5b8-x2klq", change.port());
        assertEquals("7e2d4b51-9a3c-4e78-8c2f-3d8b1f4a0e22", change.from());
        assertEquals("5d1c3a40-8f2b-4f67-9b1e-2c7a0f3e9d11", change.to());
        assertEquals("2024-01-02T03:04:05.679Z", change.time());
        assertEquals("INFO", change.level());
        assertEquals(16, change.source().line());

        List<String> events = lines.stream().filter(l -> l.kind() != Kind.CHASSIS_CHANGE)
                .map(l -> l.kind() + " " + l.target()).toList();
        assertEquals(List.of(
                "CONNECTED unix:/var/run/openvswitch/db.sock",
                "CONNECTION_ATTEMPT_FAILED unix:/var/run/ovn/ovnsb_db.sock",
                "CONNECTED unix:/var/run/ovn/ovnsb_db.sock",
                "CONNECTION_DROPPED unix:/var/run/ovn/ovnsb_db.sock",
                "CONNECTION_ATTEMPT_FAILED unix:/var/run/ovn/ovnsb_db.sock"), events);
        OvnControllerLog last = lines.get(lines.size() - 1);
        assertEquals("Connection refused", last.reason());
        assertEquals(22, last.source().line());
        assertNull(lines.stream().filter(l -> l.kind() == Kind.CONNECTION_DROPPED).findFirst().orElseThrow().reason());
        // every line carries the runtime's stamp: nothing is foreign
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void ovnkubeControllerRefusesTheMtu() {
        var r = parse("ovnkube-controller.log", Samples.text("ovnkube-controller.log"));
        assertEquals(List.of(), r.warnings);
        List<OvnkubeMtuTooSmall> mtu = r.facts(OvnkubeMtuTooSmall.class);
        assertEquals(1, mtu.size());
        assertEquals("br-ex", mtu.get(0).iface());
        assertEquals(1400, mtu.get(0).mtu());
        assertEquals(1458, mtu.get(0).overlayMtu());
        assertEquals("0102 03:00:03.460211", mtu.get(0).time());
        assertEquals(7, mtu.get(0).source().line());
        assertEquals(List.of(), r.facts(OvnControllerLog.class));
    }

    @Test
    void theOlderMtuMessageNamesNoInterface() {
        var r = parse("ovnkube-node.log", "F0719 01:46:01.927062   37437 ovnkube.go:136] failed to run ovnkube: failed to "
                + "start node network controller: failed to start default node network controller: interface MTU (8900) "
                + "is too small for specified overlay MTU (8958)\n");
        OvnkubeMtuTooSmall m = r.facts(OvnkubeMtuTooSmall.class).get(0);
        assertNull(m.iface());
        assertEquals(8900, m.mtu());
        assertEquals(8958, m.overlayMtu());
    }

    @Test
    void linesWithoutTheRuntimeStampAreReadAlike() {
        var r = parse("ovn-controller.log", """
                2024-01-02T03:04:05.679Z|00012|binding|INFO|Changing chassis for lport demo_db-0 from a1 to b2.
                2024-01-02T03:04:07.001Z|00013|reconnect|WARN|ssl:10.0.0.3:9642: connection dropped (Connection reset by peer)
                2024-01-02T03:04:08.001Z|00014|reconnect|INFO|ssl:10.0.0.3:9642: connection closed by peer
                2024-01-02T03:04:08.002Z|00015|rconn(ovn_pinctrl0)|INFO|unix:/var/run/openvswitch/br-int.mgmt: connected
                2024-01-02T03:04:09.001Z|00016|reconnect(ovn_statctrl3)|INFO|ssl:10.0.0.3:9642: connected
                """);
        assertEquals(List.of(), r.warnings);
        List<OvnControllerLog> lines = r.facts(OvnControllerLog.class);
        // rconn's OpenFlow connection to br-int is not a reconnect event; a thread suffix is not part of the module
        assertEquals(List.of(Kind.CHASSIS_CHANGE, Kind.CONNECTION_DROPPED, Kind.CONNECTION_CLOSED, Kind.CONNECTED),
                lines.stream().map(OvnControllerLog::kind).toList());
        assertEquals("b2", lines.get(0).to());
        assertEquals("Connection reset by peer", lines.get(1).reason());
        assertEquals("WARN", lines.get(1).level());
    }

    @Test
    void foreignLinesAreOneWarningAtTheFirstAndAMangledKnownMessageIsItsOwn() {
        var r = parse("ovn-controller.log", """
                hello
                2024-01-02T03:04:05.679Z|00012|binding|INFO|Changing chassis for lport demo_db-0
                world
                more junk
                """);
        assertEquals(List.of(), r.facts(OvnControllerLog.class));
        assertEquals(List.of(1, 2), r.warnings.stream().map(ParseWarning::line).sorted().toList());
        assertTrue(r.warnings.stream().anyMatch(w -> w.line() == 1 && w.text().startsWith("3 line(s)")));
    }
}
