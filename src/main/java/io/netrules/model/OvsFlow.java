package io.netrules.model;

import java.util.List;
import java.util.Map;

/**
 * One OpenFlow flow of a bridge ({@code ovs-ofctl -O OpenFlow13 dump-flows}). {@code match} holds
 * every match field as printed (a bare protocol word such as {@code arp} maps to ""), and
 * {@code actions} the action list as printed. The fields rules test most are lifted out so that
 * Drools can index them: {@code inPort}, {@code tunSrc}, {@code nwSrc}, {@code nwDst},
 * {@code arpSpa}, {@code arpTpa} from the match; {@code tunDst} from the first
 * {@code set_field:<ip>->tun_dst} (or {@code load:...->NXM_NX_TUN_IPV4_DST}) action and
 * {@code tunDsts} from all of them (the multicast table 111 sets one per peer), and
 * {@code outputs} from {@code output:<port>} actions. Ports stay as printed: a number or a name.
 */
public record OvsFlow(String node, String bridge, int table, int priority, String cookie,
                      Map<String, String> match, String actions, String inPort, String tunSrc, String tunDst, List<String> tunDsts,
                      String nwSrc, String nwDst, String arpSpa, String arpTpa, List<String> outputs,
                      Source source) implements NodeFact {
    public OvsFlow {
        match = match == null ? Map.of() : Map.copyOf(match);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        tunDsts = tunDsts == null ? List.of() : List.copyOf(tunDsts);
    }

    public boolean matches(String field) {
        return match.containsKey(field);
    }

    public String field(String name) {
        return match.get(name);
    }
}
