package io.netrules.plugins.ovnkubernetes.wire;

import io.netrules.plugins.ovnkubernetes.model.GatewayChassis;
import io.netrules.plugins.ovnkubernetes.model.LoadBalancer;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouter;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterPort;
import io.netrules.plugins.ovnkubernetes.model.LogicalRouterStaticRoute;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitch;
import io.netrules.plugins.ovnkubernetes.model.LogicalSwitchPort;
import io.netrules.plugins.ovnkubernetes.model.OvnFact;
import io.netrules.plugins.ovnkubernetes.model.PortBinding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A legacy central database split by node: each row gets the node that owns it, or none when
 * it is shared. A node's session then holds the shared rows and its own, so that a rule of node
 * X that looks for "X's switch" or "GR_X" needs no zone test, and another node's rows cannot
 * make it fire or keep it quiet. Owned by node Y: its switch {@code <Y>} and that switch's ports,
 * {@code ext_<Y>} and its ports, {@code GR_<Y>}, router ports {@code rtos-<Y>},
 * {@code rtoj-GR_<Y>}, {@code rtoe-GR_<Y>} (and any port of {@code GR_<Y>}), the join switch's
 * {@code jtor-GR_<Y>}, GR_<Y>'s static routes and the Gateway_Chassis of its ports, the per-node
 * load balancers {@code ..._node_router_<Y>}, {@code ..._node_switch_<Y>},
 * {@code ..._node_router+switch_<Y>}, and the Port_Bindings of those datapaths and ports. The
 * rest (NB_Global, ovn_cluster_router and its routes, join, cluster-wide load balancers and
 * groups, Chassis, Encap, SB_Global) is shared.
 */
public final class CentralSplit {
    private static final Pattern NODE_LB = Pattern.compile(".*_node_(?:router|switch|router\\+switch)_(.+)$");
    private static final List<String> ROUTER_PORT_PREFIXES = List.of("rtoj-GR_", "rtoe-GR_", "jtor-GR_", "etor-GR_",
            "rtos-");

    /** The rows of one central database with their owners (null: shared), in the database's order. */
    private final List<OvnFact> facts;
    private final String[] owners;

    private CentralSplit(List<OvnFact> facts, String[] owners) {
        this.facts = facts;
        this.owners = owners;
    }

    /**
     * @param nb    the central NB's facts (may be empty)
     * @param sb    the central SB's facts (may be empty)
     * @param nodes the capture's node names (a switch is a node's when it bears a node's name)
     */
    public static CentralSplit of(List<OvnFact> nb, List<OvnFact> sb, Set<String> nodes) {
        List<OvnFact> all = new ArrayList<>(nb);
        all.addAll(sb);
        Map<String, String> switchOwner = new HashMap<>();
        Map<String, String> portOwner = new HashMap<>();
        Map<String, String> routerOwner = new HashMap<>();
        for (OvnFact f : nb) {
            if (f instanceof LogicalSwitch s && s.name() != null) {
                String owner = nodes.contains(s.name()) ? s.name() : suffix(s.name(), "ext_");
                if (owner != null) {
                    switchOwner.put(s.name(), owner);
                }
            } else if (f instanceof LogicalRouter r && r.name() != null) {
                String owner = suffix(r.name(), "GR_");
                if (owner != null) {
                    routerOwner.put(r.name(), owner);
                }
            }
        }
        String[] owners = new String[all.size()];
        // Ports first: Gateway_Chassis and Port_Binding rows are owned through their port.
        for (int i = 0; i < nb.size(); i++) {
            OvnFact f = nb.get(i);
            String owner = null;
            if (f instanceof LogicalSwitchPort p) {
                owner = p.switchName() == null ? null : switchOwner.get(p.switchName());
                if (owner == null) {
                    owner = routerPortOwner(p.name());
                }
                if (owner != null && p.name() != null) {
                    portOwner.put(p.name(), owner);
                }
            } else if (f instanceof LogicalRouterPort p) {
                owner = p.routerName() == null ? null : routerOwner.get(p.routerName());
                if (owner == null) {
                    owner = routerPortOwner(p.name());
                }
                if (owner != null && p.name() != null) {
                    portOwner.put(p.name(), owner);
                }
            }
            owners[i] = owner;
        }
        for (int i = 0; i < all.size(); i++) {
            OvnFact f = all.get(i);
            if (owners[i] != null) {
                continue;
            }
            owners[i] = ownerOf(f, switchOwner, routerOwner, portOwner);
        }
        return new CentralSplit(List.copyOf(all), owners);
    }

    private static String ownerOf(OvnFact f, Map<String, String> switchOwner, Map<String, String> routerOwner,
                                  Map<String, String> portOwner) {
        if (f instanceof LogicalSwitch s) {
            return s.name() == null ? null : switchOwner.get(s.name());
        } else if (f instanceof LogicalRouter r) {
            return r.name() == null ? null : routerOwner.get(r.name());
        } else if (f instanceof LogicalRouterStaticRoute r) {
            return r.routerName() == null ? null : routerOwner.get(r.routerName());
        } else if (f instanceof LoadBalancer lb) {
            return nodeLbOwner(lb.name());
        } else if (f instanceof GatewayChassis g) {
            return g.routerPort() == null ? null : portOwner.get(g.routerPort());
        } else if (f instanceof PortBinding b) {
            return bindingOwner(b, switchOwner, routerOwner, portOwner);
        }
        return null;
    }

    private static String bindingOwner(PortBinding b, Map<String, String> switchOwner, Map<String, String> routerOwner,
                                       Map<String, String> portOwner) {
        if (b.datapath() != null) {
            String owner = switchOwner.getOrDefault(b.datapath(), routerOwner.get(b.datapath()));
            if (owner != null) {
                return owner;
            }
        }
        return b.logicalPort() == null ? null : portOwner.get(b.logicalPort());
    }

    private static String routerPortOwner(String name) {
        if (name == null) {
            return null;
        }
        for (String prefix : ROUTER_PORT_PREFIXES) {
            String owner = suffix(name, prefix);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    private static String nodeLbOwner(String name) {
        if (name == null) {
            return null;
        }
        Matcher m = NODE_LB.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    private static String suffix(String name, String prefix) {
        return name.startsWith(prefix) && name.length() > prefix.length() ? name.substring(prefix.length()) : null;
    }

    /** The node that owns this row (null: shared), as the split decided. */
    String owner(int index) {
        return owners[index];
    }

    /** The rows node {@code node}'s session holds: the shared ones and its own. */
    public List<OvnFact> forNode(String node) {
        List<OvnFact> out = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            if (owners[i] == null || owners[i].equals(node)) {
                out.add(facts.get(i));
            }
        }
        return out;
    }
}
