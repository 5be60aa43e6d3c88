package io.netrules.rules;

import io.netrules.model.EthtoolLink;
import io.netrules.model.NodeSummary;
import io.netrules.model.PrimaryInterface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Are a node's primary interface's duplex and speed right (guide, "Debugging Node to Node
 * Networking": "Are your duplex settings, and ethernet speeds right on both ends?")? Read from
 * the node summaries' primary interface and what ethtool says of it, never from raw facts of two
 * nodes. Half duplex is wrong by itself. A speed is compared with the nodes whose primary
 * interface is on the same subnet: when more than half of those with a known speed run one
 * speed, a node running another differs. {@code Unknown!} (null) is no evidence either way: such
 * a node is neither judged nor counted.
 *
 * @param link        what ethtool says of this node's primary interface
 * @param subnet      the primary interface's subnet (10.0.0.0/24)
 * @param commonSpeed the speed most nodes on that subnet run, or null when no speed has a majority
 * @param peers       what ethtool says of the other nodes on that subnet that run the common speed
 */
public record LinkCheck(EthtoolLink link, String subnet, Integer commonSpeed, List<EthtoolLink> peers) {

    public LinkCheck {
        peers = List.copyOf(peers);
    }

    public static LinkCheck check(List<?> summaries, NodeSummary node) {
        EthtoolLink link = node == null ? null : node.primaryLink();
        String subnet = subnetOf(node);
        if (link == null || subnet == null || summaries == null) {
            return new LinkCheck(link, subnet, null, List.of());
        }
        Map<Integer, List<NodeSummary>> bySpeed = new TreeMap<>();
        int known = 0;
        for (Object o : summaries) {
            if (o instanceof NodeSummary s && s.primaryLink() != null && s.primaryLink().speedMbps() != null
                    && subnet.equals(subnetOf(s))) {
                bySpeed.computeIfAbsent(s.primaryLink().speedMbps(), k -> new ArrayList<>()).add(s);
                known++;
            }
        }
        Integer common = null;
        List<EthtoolLink> peers = new ArrayList<>();
        for (Map.Entry<Integer, List<NodeSummary>> e : bySpeed.entrySet()) {
            if (e.getValue().size() * 2 > known) {
                common = e.getKey();
                for (NodeSummary s : e.getValue()) {
                    if (!s.node().equals(node.node())) {
                        peers.add(s.primaryLink());
                    }
                }
            }
        }
        return new LinkCheck(link, subnet, common, peers);
    }

    private static String subnetOf(NodeSummary s) {
        PrimaryInterface p = s == null ? null : s.primary();
        return p == null || p.address() == null ? null : Rules.network(p.address(), p.prefixLength());
    }

    public boolean halfDuplex() {
        return link != null && "half".equalsIgnoreCase(link.duplex());
    }

    /** Its speed is known and differs from the one most nodes on its subnet run. */
    public boolean oddSpeed() {
        return link != null && link.speedMbps() != null && commonSpeed != null && !commonSpeed.equals(link.speedMbps());
    }

    public boolean suspect() {
        return halfDuplex() || oddSpeed();
    }

    /** What is wrong, for the finding's text. */
    public String problem() {
        List<String> parts = new ArrayList<>();
        if (halfDuplex()) {
            parts.add("runs half duplex");
        }
        if (oddSpeed()) {
            parts.add("runs at " + link.speedMbps() + "Mb/s while most nodes on " + subnet + " run " + commonSpeed
                    + "Mb/s");
        }
        return String.join(" and ", parts);
    }

    /** The nodes that run the common speed, as {@code "node-1, node-3"}. */
    public String peerNodes() {
        TreeSet<String> names = new TreeSet<>();
        peers.forEach(p -> names.add(p.node()));
        return String.join(", ", names);
    }
}
