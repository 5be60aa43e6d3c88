package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.OvsInterface;

import java.util.Map;

/**
 * Reads {@code ovs-vsctl -t 5 list interface} (sosreport
 * {@code sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface}), one record per interface:
 * <pre>
 * _uuid               : 4e353ff4-2016-433b-97d2-f1e15d0a9126
 * error               : "could not open network device 3f9a0c1e2b7d4a5 (No such device)"
 * external_ids        : {attached_mac="0a:58:0a:80:02:0b", iface-id=demo_web-7d9f6c5b8-x2klq, iface-id-ver="0b7e3f2a-4c1d-4e5f-9a8b-6c7d8e9f0a1b", ip_addresses="10.128.2.11/23", ovn-installed="true", sandbox="9f8e7d6c5b4a"}
 * mtu                 : []
 * mtu_request         : []
 * name                : "3f9a0c1e2b7d4a5"
 * ofport              : -1
 * options             : {}
 * type                : ""
 *
 * _uuid               : 4b04d568-2110-478b-a5ed-c0197b806362
 * error               : []
 * external_ids        : {ovn-chassis-id="7e2d4b51-9a3c-4e78-8c2f-3d8b1f4a0e22@10.0.128.6"}
 * name                : ovn-5d1c3b-0
 * ofport              : 3
 * options             : {csum="true", key=flow, local_ip="10.0.128.5", remote_ip="10.0.128.6"}
 * type                : geneve
 * </pre>
 * (other columns left out here). Emits one {@link OvsInterface} per record that has a
 * {@code name}, Source its {@code name} line; a record without one is a warning. The format's
 * rules and warnings are those of {@link OvsdbListText}.
 */
public class OvsInterfaceParser extends OvsdbListText {
    @Override
    void record(Record r, ParseContext ctx) {
        String name = atom(r, "name", ctx);
        if (name == null) {
            ctx.warn(r.first, "interface record without a name");
            return;
        }
        Map<String, String> options = map(r, "options", ctx);
        Map<String, String> ext = map(r, "external_ids", ctx);
        ctx.emit(new OvsInterface(ctx.node(), name, atom(r, "type", ctx), integer(r, "ofport", ctx),
                atom(r, "error", ctx), integer(r, "mtu", ctx), integer(r, "mtu_request", ctx), options.get("remote_ip"),
                ext.get("iface-id"), ext.get("iface-id-ver"), "true".equals(ext.get("ovn-installed")),
                ext.get("attached_mac"), options, ext, ctx.source(r.line("name"))));
    }
}
