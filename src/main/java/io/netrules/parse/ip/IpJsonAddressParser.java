package io.netrules.parse.ip;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.model.InterfaceAddress;
import io.netrules.model.NetInterface;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ip -j address} (file {@code ip_-j_address}; also {@code ip -j -d address} and
 * the pretty-printed {@code ip -j -p address}), iproute2 4.14 and later.
 * <pre>
 * [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"qdisc":"noqueue","operstate":"UNKNOWN","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo","valid_life_time":4294967295,"preferred_life_time":4294967295}]},
 * {"ifindex":9,"link_index":3,"ifname":"veth3c9a1f2e","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1450,"qdisc":"noqueue","master":"ovs-system","operstate":"UP","group":"default","link_type":"ether","address":"4e:93:2f:c1:7a:0b","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0,"linkinfo":{"info_kind":"veth","info_slave_kind":"openvswitch"},"addr_info":[]}]
 * </pre>
 * Emits what {@link IpAddressParser} emits for the text forms: one {@link InterfaceAddress} per
 * {@code addr_info} entry ({@code local}, {@code prefixlen}, {@code family} inet/inet6) and one
 * {@link NetInterface} per link ({@code ifindex}, {@code ifname}, {@code mtu},
 * {@code operstate}, {@code flags}, {@code linkinfo.info_kind} as kind, {@code master}, or
 * {@code ovs-system} for an {@code info_slave_kind} openvswitch link that names none). Source:
 * the line where the link's (or the address's) object starts, and as text that object in one
 * line of JSON, without its nested objects for a link; in one-line JSON every fact is on line 1.
 * The empty objects ({@code {}}) older iproute2 prints for links an address filter left out are
 * passed over. Items are read one by one; an item that cannot be read is a warning at its line,
 * broken JSON a warning at the line where it breaks (what came before it stays).
 */
public class IpJsonAddressParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        IpJson.read(lines, ctx, "ip -j address", IpJsonAddressParser::link);
    }

    private static void link(IpJson.Item item, ParseContext ctx) {
        JsonNode o = item.node();
        if (o.isEmpty()) {
            return;
        }
        String name = IpJson.text(o, "ifname");
        Long index = IpJson.number(o, "ifindex");
        if (name == null || index == null) {
            ctx.warn(item.line(), "link without ifindex or ifname");
            return;
        }
        int at = name.indexOf('@');
        if (at > 0) {
            name = name.substring(0, at);
        }
        Long mtu = IpJson.number(o, "mtu");
        List<String> flags = new ArrayList<>();
        JsonNode f = o.get("flags");
        if (f != null && f.isArray()) {
            f.forEach(v -> flags.add(v.asText()));
        }
        String kind = null;
        String master = IpJson.text(o, "master");
        JsonNode linkinfo = o.get("linkinfo");
        if (linkinfo != null && linkinfo.isObject()) {
            kind = IpJson.text(linkinfo, "info_kind");
            if (master == null && "openvswitch".equals(IpJson.text(linkinfo, "info_slave_kind"))) {
                master = "ovs-system";
            }
        }
        List<String> addresses = new ArrayList<>();
        JsonNode infos = o.get("addr_info");
        if (infos != null && infos.isArray()) {
            for (JsonNode a : infos) {
                address(item, a, name, addresses, ctx);
            }
        }
        ctx.emit(new NetInterface(ctx.node(), Math.toIntExact(index), name, mtu == null ? null : Math.toIntExact(mtu),
                IpJson.text(o, "operstate"), flags, kind, master, addresses,
                "ether".equals(IpJson.text(o, "link_type")) && IpJson.text(o, "address") != null
                        ? IpJson.text(o, "address").toLowerCase(java.util.Locale.ROOT) : null,
                IpJson.source(ctx, item, o, true)));
    }

    private static void address(IpJson.Item item, JsonNode a, String iface, List<String> addresses,
                                ParseContext ctx) {
        int line = item.lineOf(a) > 0 ? item.lineOf(a) : item.line();
        if (!a.isObject()) {
            ctx.warn(line, "addr_info entry of " + iface + " is not an object");
            return;
        }
        try {
            String family = IpJson.text(a, "family");
            if (!"inet".equals(family) && !"inet6".equals(family)) {
                // other families (mpls, link-layer entries) carry no IP address
                return;
            }
            String local = IpJson.text(a, "local");
            Long prefix = IpJson.number(a, "prefixlen");
            boolean v4 = family.equals("inet");
            if (local == null || (v4 ? !IpText.isIpv4(local) : !IpText.isIpv6(local))) {
                ctx.warn(line, "not an " + family + " address on " + iface + ": " + local);
                return;
            }
            int max = v4 ? 32 : 128;
            if (prefix == null || prefix < 0 || prefix > max) {
                ctx.warn(line, "prefix length missing or out of range on " + iface + ": " + prefix);
                return;
            }
            InterfaceAddress ia = new InterfaceAddress(ctx.node(), iface, local, prefix.intValue(), family,
                    IpJson.source(ctx, item, a, false));
            addresses.add(ia.cidr());
            ctx.emit(ia);
        } catch (RuntimeException e) {
            ctx.warn(line, "cannot read an address of " + iface + ": " + e.getMessage());
        }
    }
}
