package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvsOpenVswitch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OvsOpenVswitchParserTest {
    private static final String FILE = "ovs-vsctl_-t_5_list_Open_vSwitch";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new OvsOpenVswitchParser(), FILE, "ovs-open_vswitch", text);
    }

    @Test
    void readsTheOvnSettingsOfTheNode() {
        var r = parse(Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        List<OvsOpenVswitch> rows = r.facts(OvsOpenVswitch.class);
        assertEquals(1, rows.size());
        OvsOpenVswitch ovs = rows.get(0);
        assertEquals(Samples.NODE, ovs.node());
        assertEquals("5d1c3a40-8f2b-4f67-9b1e-2c7a0f3e9d11", ovs.systemId());
        assertEquals("worker-0.ocp.example.com", ovs.hostname());
        assertEquals("10.0.128.5", ovs.encapIp());
        assertEquals("geneve", ovs.encapType());
        assertEquals("physnet:br-ex", ovs.bridgeMappings());
        assertTrue(ovs.isInterconn());
        assertTrue(ovs.monitorAll());
        assertEquals("unix:/var/run/ovn/ovnsb_db.sock", ovs.remote());
        // a quoted value with escaped quotes and a comma inside stays one value
        assertEquals("enable-chassis-as-gw,note=\"a, b\"", ovs.externalIds().get("ovn-cms-options"));
        assertEquals(13, ovs.externalIds().size());
        assertEquals(Map.of("bundle-idle-timeout", "180", "vlan-limit", "0"), ovs.otherConfig());
        assertEquals("nodes/worker-0/" + FILE, ovs.source().file());
        assertEquals(9, ovs.source().line());
        assertTrue(ovs.source().text().startsWith("external_ids"));
    }

    @Test
    void aNodeWithoutOvnSettingsHasNullsAndFalse() {
        var r = parse("""
                _uuid               : 7284c4c5-67e8-4ca4-98da-b5fefe4c5f52
                bridges             : []
                external_ids        : {}
                other_config        : {}
                ovs_version         : "2.17.9"
                """);
        assertEquals(List.of(), r.warnings);
        OvsOpenVswitch ovs = r.facts(OvsOpenVswitch.class).get(0);
        assertNull(ovs.systemId());
        assertNull(ovs.encapIp());
        assertFalse(ovs.isInterconn());
        assertFalse(ovs.monitorAll());
        assertEquals(Map.of(), ovs.externalIds());
    }

    @Test
    void anEmptyQuotedValueIsAnEmptyString() {
        var r = parse("_uuid               : 78300d8c-9134-4ae4-8d47-066a11492e23\n"
                + "other_config        : {bundle-idle-timeout=\"0\", ovn-chassis-idx-bac2184b=\"\", vlan-limit=\"0\"}\n");
        assertEquals(List.of(), r.warnings);
        assertEquals(Map.of("bundle-idle-timeout", "0", "ovn-chassis-idx-bac2184b", "", "vlan-limit", "0"),
                r.facts(OvsOpenVswitch.class).get(0).otherConfig());
    }

    @Test
    void isInterconnIsTrueOnlyWhenItSaysTrue() {
        var r = parse("_uuid               : 7284c4c5-67e8-4ca4-98da-b5fefe4c5f52\n"
                + "external_ids        : {ovn-is-interconn=\"false\", system-id=\"a\"}\n");
        assertFalse(r.facts(OvsOpenVswitch.class).get(0).isInterconn());
    }

    @Test
    void junkLinesAndBadValuesAreWarningsWithTheirLine() {
        var r = parse("""
                _uuid               : 7284c4c5-67e8-4ca4-98da-b5fefe4c5f52
                this is not a column
                external_ids        : {system-id="5d1c3a40-8f2b-4f67-9b1e-2c7a0f3e9d11", ovn-encap-ip="10.0.128.5"}
                other_config        : {vlan-limit="0"
                """);
        assertEquals(List.of(2, 4), r.warnings.stream().map(ParseWarning::line).toList());
        assertTrue(r.warnings.stream().allMatch(w -> w.source().equals("nodes/worker-0/" + FILE)));
        OvsOpenVswitch ovs = r.facts(OvsOpenVswitch.class).get(0);
        assertEquals("10.0.128.5", ovs.encapIp());
        assertEquals(Map.of(), ovs.otherConfig());
    }

    @Test
    void anOvsThatIsDownIsTheToolsFailureNotAnEmptyTable() {
        var r = parse("ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n");
        assertEquals(List.of(), r.facts(OvsOpenVswitch.class));
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, r.ctx.toolError().kind());
        assertEquals(1, r.ctx.toolError().source().line());
    }
}
