package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvsOpenVswitch;

import java.util.Map;

/**
 * Reads {@code ovs-vsctl -t 5 list Open_vSwitch} (sosreport
 * {@code sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch}):
 * <pre>
 * _uuid               : 7284c4c5-67e8-4ca4-98da-b5fefe4c5f52
 * bridges             : [6c392e76-aab4-4110-bbd9-8a07e19e464a]
 * cur_cfg             : 0
 * datapath_types      : [netdev, system]
 * db_version          : "8.3.1"
 * external_ids        : {hostname=worker-0.ocp.example.com, ovn-bridge-mappings="physnet:br-ex", ovn-encap-ip="10.0.128.5", ovn-encap-type=geneve, ovn-is-interconn="true", ovn-monitor-all="true", ovn-remote="unix:/var/run/ovn/ovnsb_db.sock", system-id="5d1c3a40-8f2b-4f67-9b1e-2c7a0f3e9d11"}
 * other_config        : {bundle-idle-timeout="180", vlan-limit="0"}
 * ovs_version         : "3.1.5"
 * </pre>
 * Emits one {@link OvsOpenVswitch} per record (the table has one row; more are read alike),
 * with Source the {@code external_ids} line. The format's rules and warnings are those of
 * {@link OvsdbListText}.
 */
public class OvsOpenVswitchParser extends OvsdbListText {
    @Override
    void record(Record r, ParseContext ctx) {
        Map<String, String> ext = map(r, "external_ids", ctx);
        Map<String, String> other = map(r, "other_config", ctx);
        ctx.emit(new OvsOpenVswitch(ctx.node(), ext.get("system-id"), ext.get("hostname"), ext.get("ovn-encap-ip"),
                ext.get("ovn-encap-type"), ext.get("ovn-bridge-mappings"), "true".equals(ext.get("ovn-is-interconn")),
                "true".equals(ext.get("ovn-monitor-all")), ext.get("ovn-remote"), ext, other,
                ctx.source(r.line("external_ids"))));
    }
}
