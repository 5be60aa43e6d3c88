package io.netrules.capture;

import io.netrules.parse.InputLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netrules.model.ClusterNetwork;
import io.netrules.model.ClusterVersion;
import io.netrules.model.NetworkConfig;
import io.netrules.model.NetworkOperator;
import io.netrules.model.EndpointAddress;
import io.netrules.model.HostSubnet;
import io.netrules.model.NetNamespace;
import io.netrules.model.Node;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import io.netrules.model.Route;
import io.netrules.model.Service;
import io.netrules.model.ServicePort;
import io.netrules.model.Source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code oc get <kind> -o json|yaml} output — a v1 List, or a single object — and emits
 * one model record per item (one {@link EndpointAddress} per address of an Endpoints object).
 * The List is streamed item by item, so a large pods.json never sits in memory whole, and each
 * record's Source carries the line where its item starts. Items are mapped by their own
 * {@code kind}; the file's name is only a fallback for items that lack one.
 */
public final class ClusterObjectReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Consumer<Object> facts;
    private final Consumer<ParseWarning> warnings;
    private final InputLimits limits;
    private int itemsRead;
    private String incomplete;
    private boolean wasList;
    private String topKind;
    private boolean keepRaw;

    public ClusterObjectReader(Consumer<Object> facts, Consumer<ParseWarning> warnings) {
        this(facts, warnings, InputLimits.DEFAULTS);
    }

    /** A reader whose JSON and YAML parsers keep to these limits (nesting depth, string length). */
    public ClusterObjectReader(Consumer<Object> facts, Consumer<ParseWarning> warnings, InputLimits limits) {
        this.facts = facts;
        this.warnings = warnings;
        this.limits = limits;
    }

    /**
     * Reads one file. {@code displayName} is its capture-relative path, used in sources and errors.
     *
     * @return the number of items read
     * @throws CaptureException when the file is not valid JSON/YAML: the message names the
     *                          file and the line:column of the error
     */
    public int read(Path file, String displayName, String defaultKind) throws CaptureException {
        String lower = file.getFileName().toString().toLowerCase();
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        JsonFactory factory = yaml ? limits.yamlFactory() : limits.jsonFactory();
        JsonLocation stoppedAt = null;
        JsonLocation lastToken = null;
        itemsRead = 0;
        incomplete = null;
        wasList = false;
        topKind = null;
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = yaml ? limits.boundedYaml(factory.createParser(in)) : factory.createParser(in)) {
            p.setCodec(MAPPER);
            try {
                return readTop(p, displayName, defaultKind);
            } catch (JsonProcessingException e) {
                // A constraint error carries no location: take the parser's.
                stoppedAt = p.currentLocation();
                lastToken = p.currentTokenLocation();
                throw e;
            }
        } catch (JsonEOFException e) {
            // Valid JSON up to where the file ends: cut short (a copy or a collection stopped
            // midway). The items before the cut are kept; the kind counts as incomplete, so its
            // rules are not evaluated: a pod missing after the cut must not read as absent.
            // Jackson puts the end of input on the line after a final line end: name the line of
            // the last token read instead, which is in the file.
            JsonLocation loc = lastToken != null && lastToken.getLineNr() > 0 ? lastToken : e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            incomplete = "cut short: the file ends inside " + (itemsRead == 0 ? "its first item" : "item "
                    + (itemsRead + 1)) + " (line " + line + ")";
            warnings.accept(new ParseWarning(displayName, line, incomplete + "; the " + itemsRead
                    + " item(s) before the cut were read"));
            return itemsRead;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : stoppedAt;
            String where = loc == null ? displayName
                    : displayName + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            String limit = InputLimits.constraintHit(e);
            if (limit == null) {
                limit = snakeYamlGuard(e);
            }
            if (limit != null) {
                throw new CaptureLimitException(displayName, loc == null ? 0 : loc.getLineNr(),
                        loc == null ? 0 : loc.getColumnNr(), limitMessage(limit));
            }
            throw new CaptureException(where + ": " + firstLine(e.getOriginalMessage()));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            String limit = snakeYamlGuard(e);
            if (limit != null) {
                throw new CaptureLimitException(displayName, 0, 0, limitMessage(limit));
            }
            throw new CaptureException(displayName + ": " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new CaptureException(displayName + ": cannot read: " + e.getMessage());
        }
    }

    /** The message of one of SnakeYAML's own guards (depth, aliases, code points) in the chain, or null. */
    private static String snakeYamlGuard(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof org.yaml.snakeyaml.error.YAMLException && m != null
                    && (m.contains("Nesting Depth exceeded") || m.contains("Number of aliases")
                    || m.contains("exceeds the limit") || m.contains("code points"))) {
                return firstLine(m);
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return null;
    }

    /** A limit that stopped the read: what it was, and the option that raises it. */
    private static String limitMessage(String reason) {
        return "over a reading limit (" + reason + "; --limit json-depth, string-length)";
    }

    /**
     * Also emit a trimmed {@link KubeObject} of every Node, Pod and Service read, and the
     * network.operator object, for the network plugin's cluster facts (annotations, labels,
     * container statuses, the fields the core's records do not keep).
     */
    public ClusterObjectReader keepingRawNodesAndPods() {
        keepRaw = true;
        return this;
    }

    /** Whether the last file read was a List (it had {@code items}). */
    public boolean wasList() {
        return wasList;
    }

    /** The top-level {@code kind} of the last file read ({@code PodList}...), or null when it had none. */
    public String topKind() {
        return topKind;
    }

    /** Why the last file read was incomplete (JSON cut short), or null when it was whole. */
    public String incomplete() {
        return incomplete;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid content";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private int readTop(JsonParser p, String file, String defaultKind) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            warnings.accept(new ParseWarning(file, 0, "empty file"));
            return 0;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a v1 List or an object");
        }
        int topLine = p.currentTokenLocation().getLineNr();
        // Walk the top object: stream "items" when it is a List, else keep the fields as one object.
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        int count = 0;
        boolean sawItems = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("items".equals(name) && value == JsonToken.START_ARRAY) {
                sawItems = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int line = p.currentTokenLocation().getLineNr();
                    JsonNode item = p.readValueAsTree();
                    if (item == null || !item.isObject()) {
                        warnings.accept(new ParseWarning(file, line, "list item is not an object; ignored"));
                        continue;
                    }
                    count += emit(item, file, line, defaultKind);
                    itemsRead++;
                }
            } else if ("items".equals(name) && value == JsonToken.VALUE_NULL) {
                sawItems = true;
            } else {
                fields.put(name, p.readValueAsTree());
            }
        }
        wasList = sawItems;
        JsonNode kindField = fields.get("kind");
        topKind = kindField == null || !kindField.isTextual() ? null : kindField.asText();
        if (!sawItems) {
            JsonNode single = MAPPER.valueToTree(fields);
            count += emit(single, file, topLine, defaultKind);
        }
        return count;
    }

    private int emit(JsonNode item, String file, int line, String defaultKind) {
        String kind = text(item, "kind");
        if (kind == null) {
            kind = defaultKind;
        }
        String k = kind == null ? "" : kind.toLowerCase();
        switch (k) {
            case "node", "nodes" -> {
                facts.accept(node(item, file, line));
                if (keepRaw) {
                    facts.accept(raw(ClusterInputs.NODES, trimmed(item), file, line, kind));
                }
            }
            case "hostsubnet", "hostsubnets" -> facts.accept(hostSubnet(item, file, line));
            case "netnamespace", "netnamespaces" -> facts.accept(netNamespace(item, file, line));
            case "clusternetwork", "clusternetworks" -> facts.accept(clusterNetwork(item, file, line));
            case "pod", "pods" -> {
                facts.accept(pod(item, file, line));
                if (keepRaw) {
                    facts.accept(raw(ClusterInputs.PODS, trimmed(item), file, line, kind));
                }
            }
            case "endpointslice", "endpointslices" -> facts.accept(raw(ClusterInputs.ENDPOINTSLICES, item, file, line,
                    kind));
            case "event", "events" -> facts.accept(raw(ClusterInputs.EVENTS, item, file, line, kind));
            case "egressip", "egressips" -> facts.accept(raw(ClusterInputs.EGRESSIPS, item, file, line, kind));
            case "egressfirewall", "egressfirewalls" -> facts.accept(raw(ClusterInputs.EGRESSFIREWALLS, item, file,
                    line, kind));
            case "cloudprivateipconfig", "cloudprivateipconfigs" -> facts.accept(raw(
                    ClusterInputs.CLOUDPRIVATEIPCONFIGS, item, file, line, kind));
            case "podnetworkconnectivitycheck", "podnetworkconnectivitychecks" -> facts.accept(raw(
                    ClusterInputs.PODNETWORKCONNECTIVITYCHECKS, item, file, line, kind));
            case "clusteroperator", "clusteroperators" -> facts.accept(raw(ClusterInputs.CLUSTEROPERATORS, item, file,
                    line, kind));
            case "configmap", "configmaps" -> facts.accept(raw(ClusterInputs.CONFIGMAPS, item, file, line, kind));
            case "service", "services" -> {
                facts.accept(service(item, file, line));
                if (keepRaw) {
                    facts.accept(raw(ClusterInputs.SERVICES, trimmedService(item), file, line, kind));
                }
            }
            case "endpoints" -> {
                return endpoints(item, file, line);
            }
            case "route", "routes" -> facts.accept(route(item, file, line));
            case "clusterversion", "clusterversions" -> facts.accept(clusterVersion(item, file, line));
            case "networkconfigs" -> facts.accept(networkConfig(item, file, line));
            case "networkoperators" -> {
                facts.accept(networkOperator(item, file, line));
                if (keepRaw) {
                    facts.accept(raw(ClusterInputs.NETWORKOPERATORS, item, file, line, kind));
                }
            }
            // config.openshift.io and operator.openshift.io both have a kind Network: the group
            // says which; without an apiVersion, the file's name does.
            case "network" -> {
                String api = text(item, "apiVersion");
                String group = api == null ? "" : api.replaceFirst("/.*", "");
                if (group.equals("config.openshift.io")
                        || group.isEmpty() && "networkconfigs".equalsIgnoreCase(defaultKind)) {
                    facts.accept(networkConfig(item, file, line));
                } else if (group.equals("operator.openshift.io")
                        || group.isEmpty() && "networkoperators".equalsIgnoreCase(defaultKind)) {
                    facts.accept(networkOperator(item, file, line));
                    if (keepRaw) {
                        facts.accept(raw(ClusterInputs.NETWORKOPERATORS, item, file, line, kind));
                    }
                } else {
                    warnings.accept(new ParseWarning(file, line, "object of kind Network of " + (api == null
                            ? "no apiVersion" : api) + " is not used; ignored"));
                    return 0;
                }
            }
            default -> {
                warnings.accept(new ParseWarning(file, line, "object of kind " + kind + " is not used; ignored"));
                return 0;
            }
        }
        return 1;
    }

    private static KubeObject raw(String input, JsonNode item, String file, int line, String kind) {
        JsonNode meta = item.path("metadata");
        String k = text(item, "kind");
        return new KubeObject(input, k != null ? k : kind, text(meta, "namespace"), text(meta, "name"), item, file,
                line);
    }

    /**
     * What a plugin reads of a Node or Pod, and no more: a pods.json of a large cluster is read
     * item by item and must not be kept whole.
     */
    private static JsonNode trimmed(JsonNode item) {
        com.fasterxml.jackson.databind.node.ObjectNode out = MAPPER.createObjectNode();
        copy(item, out, "apiVersion", "kind");
        com.fasterxml.jackson.databind.node.ObjectNode meta = out.putObject("metadata");
        copy(item.path("metadata"), meta, "name", "namespace", "uid", "labels", "creationTimestamp",
                "deletionTimestamp");
        JsonNode annotations = item.path("metadata").path("annotations");
        if (annotations.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode a = meta.putObject("annotations");
            annotations.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("kubectl.kubernetes.io/last-applied-configuration")) {
                    a.set(e.getKey(), e.getValue());
                }
            });
        }
        copy(item.path("spec"), out.putObject("spec"), "nodeName", "hostNetwork");
        copy(item.path("status"), out.putObject("status"), "phase", "addresses", "conditions", "containerStatuses",
                "podIPs", "podIP");
        return out;
    }

    /** A Service's metadata (as for a Node) and its whole {@code spec}, which is small. */
    private static JsonNode trimmedService(JsonNode item) {
        com.fasterxml.jackson.databind.node.ObjectNode out = (com.fasterxml.jackson.databind.node.ObjectNode)
                trimmed(item);
        out.remove("status");
        out.set("spec", item.path("spec"));
        return out;
    }

    private static void copy(JsonNode from, com.fasterxml.jackson.databind.node.ObjectNode to, String... fields) {
        for (String f : fields) {
            JsonNode v = from.get(f);
            if (v != null && !v.isNull()) {
                to.set(f, v);
            }
        }
    }

    private static Node node(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        List<String> addresses = new ArrayList<>();
        String internal = null;
        for (JsonNode a : item.path("status").path("addresses")) {
            String address = text(a, "address");
            if (address == null) {
                continue;
            }
            addresses.add(address);
            if ("InternalIP".equals(text(a, "type")) && internal == null) {
                internal = address;
            }
        }
        Boolean ready = null;
        for (JsonNode c : item.path("status").path("conditions")) {
            if ("Ready".equals(text(c, "type"))) {
                ready = "True".equals(text(c, "status"));
            }
        }
        boolean unschedulable = item.path("spec").path("unschedulable").asBoolean(false);
        String desc = "node/" + name + " InternalIP=" + internal + (unschedulable ? " unschedulable" : "");
        String kubelet = text(item.path("status").path("nodeInfo"), "kubeletVersion");
        return new Node(name, internal, addresses, unschedulable, ready, kubelet, Source.of(file, line, desc));
    }

    private static HostSubnet hostSubnet(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        String host = text(item, "host");
        String hostIP = text(item, "hostIP");
        String subnet = text(item, "subnet");
        String desc = "hostsubnet/" + name + " host=" + host + " hostIP=" + hostIP + " subnet=" + subnet;
        return new HostSubnet(name, host, hostIP, subnet, Source.of(file, line, desc));
    }

    private static NetNamespace netNamespace(JsonNode item, String file, int line) {
        String netname = text(item, "netname");
        if (netname == null) {
            netname = text(item.path("metadata"), "name");
        }
        JsonNode id = item.get("netid");
        Long netid = id == null || id.isNull() ? null : id.asLong();
        return new NetNamespace(netname, netid, Source.of(file, line, "netnamespace/" + netname + " netid=" + netid));
    }

    private static ClusterNetwork clusterNetwork(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        List<String> cidrs = new ArrayList<>();
        for (JsonNode c : item.path("clusterNetworks")) {
            String cidr = text(c, "CIDR");
            if (cidr == null) {
                cidr = text(c, "cidr");
            }
            if (cidr != null) {
                cidrs.add(cidr);
            }
        }
        String network = text(item, "network");
        Integer hostSubnetLength = integer(item, "hostsubnetlength");
        String serviceNetwork = text(item, "serviceNetwork");
        String plugin = text(item, "pluginName");
        String desc = "clusternetwork/" + name + " network=" + (cidrs.isEmpty() ? network : String.join(",", cidrs))
                + " serviceNetwork=" + serviceNetwork + " pluginName=" + plugin;
        return new ClusterNetwork(name, network, hostSubnetLength, serviceNetwork, plugin, cidrs,
                integer(item, "vxlanPort"), integer(item, "mtu"), Source.of(file, line, desc));
    }

    /** The version of the newest Completed history entry, else the desired version. */
    private static ClusterVersion clusterVersion(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        JsonNode status = item.path("status");
        String desired = text(status.path("desired"), "version");
        String completed = null;
        String completedAt = null;
        for (JsonNode h : status.path("history")) {
            if (!"Completed".equals(text(h, "state")) || text(h, "version") == null) {
                continue;
            }
            // The history is newest first; compare the completion times all the same (ISO 8601
            // UTC strings order as times) in case a copy reordered it.
            String at = text(h, "completionTime");
            if (completed == null || at != null && completedAt != null && at.compareTo(completedAt) > 0) {
                completed = text(h, "version");
                completedAt = at;
            }
        }
        String version = completed != null ? completed : desired;
        String desc = "clusterversion/" + name + " version=" + version
                + (completed == null ? " (desired; no completed update)" : "")
                + (desired != null && !desired.equals(version) ? " desired=" + desired : "");
        return new ClusterVersion(name, version, desired, Source.of(file, line, desc));
    }

    private static NetworkConfig networkConfig(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        JsonNode spec = item.path("spec");
        JsonNode status = item.path("status");
        JsonNode blocks = status.path("clusterNetwork").isArray() && status.path("clusterNetwork").size() > 0
                ? status.path("clusterNetwork") : spec.path("clusterNetwork");
        List<NetworkConfig.CidrBlock> clusterNetworks = new ArrayList<>();
        for (JsonNode b : blocks) {
            String cidr = text(b, "cidr");
            if (cidr != null) {
                clusterNetworks.add(new NetworkConfig.CidrBlock(cidr, integer(b, "hostPrefix")));
            }
        }
        JsonNode services = status.path("serviceNetwork").isArray() && status.path("serviceNetwork").size() > 0
                ? status.path("serviceNetwork") : spec.path("serviceNetwork");
        List<String> serviceNetworks = new ArrayList<>();
        for (JsonNode sn : services) {
            if (sn.isTextual()) {
                serviceNetworks.add(sn.asText());
            }
        }
        String specType = text(spec, "networkType");
        String statusType = text(status, "networkType");
        Integer mtu = integer(status, "clusterNetworkMTU");
        String desc = "network.config/" + name + " networkType=" + (statusType != null ? statusType : specType)
                + (statusType == null && specType != null ? " (spec)" : "")
                + (mtu != null ? " clusterNetworkMTU=" + mtu : "");
        return new NetworkConfig(name, specType, statusType, mtu, clusterNetworks, serviceNetworks,
                Source.of(file, line, desc));
    }

    private static NetworkOperator networkOperator(JsonNode item, String file, int line) {
        String name = text(item.path("metadata"), "name");
        JsonNode dn = item.path("spec").path("defaultNetwork");
        JsonNode sdn = dn.path("openshiftSDNConfig");
        JsonNode ovn = dn.path("ovnKubernetesConfig");
        JsonNode routing = ovn.path("gatewayConfig").get("routingViaHost");
        Boolean routingViaHost = routing == null || !routing.isBoolean() ? null : routing.asBoolean();
        String type = text(dn, "type");
        String desc = "network.operator/" + name + " defaultNetwork.type=" + type;
        return new NetworkOperator(name, type, text(sdn, "mode"), integer(sdn, "vxlanPort"), integer(sdn, "mtu"),
                integer(ovn, "mtu"), integer(ovn, "genevePort"), routingViaHost,
                text(ovn.path("ipsecConfig"), "mode"), Source.of(file, line, desc));
    }

    private static Pod pod(JsonNode item, String file, int line) {
        JsonNode meta = item.path("metadata");
        String ns = text(meta, "namespace");
        String name = text(meta, "name");
        JsonNode spec = item.path("spec");
        JsonNode status = item.path("status");
        boolean ready = false;
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(text(c, "type"))) {
                ready = "True".equals(text(c, "status"));
            }
        }
        String phase = text(status, "phase");
        String podIP = text(status, "podIP");
        String nodeName = text(spec, "nodeName");
        boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
        String desc = "pod/" + ns + "/" + name + " node=" + nodeName + " podIP=" + podIP + " phase=" + phase
                + " ready=" + ready + (hostNetwork ? " hostNetwork" : "");
        return new Pod(ns, name, nodeName, phase, podIP, text(status, "hostIP"), hostNetwork, ready,
                stringMap(meta.path("labels")), Source.of(file, line, desc));
    }

    private static Service service(JsonNode item, String file, int line) {
        JsonNode meta = item.path("metadata");
        String ns = text(meta, "namespace");
        String name = text(meta, "name");
        JsonNode spec = item.path("spec");
        List<ServicePort> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            ports.add(new ServicePort(text(p, "name"), p.path("port").asInt(0), text(p, "targetPort"),
                    p.hasNonNull("protocol") ? text(p, "protocol") : "TCP"));
        }
        Map<String, String> selector = stringMap(spec.path("selector"));
        String clusterIP = text(spec, "clusterIP");
        Service bare = new Service(ns, name, text(spec, "type"), clusterIP, selector, ports, null);
        String desc = "service/" + ns + "/" + name + " clusterIP=" + clusterIP + " selector="
                + (selector.isEmpty() ? "<none>" : bare.selectorText());
        return new Service(ns, name, bare.type(), clusterIP, selector, ports, Source.of(file, line, desc));
    }

    private int endpoints(JsonNode item, String file, int line) {
        JsonNode meta = item.path("metadata");
        String ns = text(meta, "namespace");
        String name = text(meta, "name");
        int count = 0;
        for (JsonNode subset : item.path("subsets")) {
            List<ServicePort> ports = new ArrayList<>();
            for (JsonNode p : subset.path("ports")) {
                ports.add(new ServicePort(text(p, "name"), p.path("port").asInt(0), null,
                        p.hasNonNull("protocol") ? text(p, "protocol") : "TCP"));
            }
            count += endpointAddresses(subset.path("addresses"), true, ns, name, ports, file, line);
            count += endpointAddresses(subset.path("notReadyAddresses"), false, ns, name, ports, file, line);
        }
        return count;
    }

    private int endpointAddresses(JsonNode list, boolean ready, String ns, String service, List<ServicePort> ports,
                                  String file, int line) {
        int count = 0;
        for (JsonNode a : list) {
            String ip = text(a, "ip");
            String nodeName = text(a, "nodeName");
            JsonNode ref = a.path("targetRef");
            String pod = "Pod".equals(text(ref, "kind")) ? text(ref, "name") : null;
            String desc = "endpoints/" + ns + "/" + service + " " + ip + (pod != null ? " pod=" + pod : "")
                    + (nodeName != null ? " node=" + nodeName : "") + (ready ? "" : " (not ready)");
            facts.accept(new EndpointAddress(ns, service, ip, nodeName, pod, ready, ports,
                    Source.of(file, line, desc)));
            count++;
        }
        return count;
    }

    private static Route route(JsonNode item, String file, int line) {
        JsonNode meta = item.path("metadata");
        String ns = text(meta, "namespace");
        String name = text(meta, "name");
        JsonNode spec = item.path("spec");
        String host = text(spec, "host");
        String path = text(spec, "path");
        String to = text(spec.path("to"), "name");
        String targetPort = text(spec.path("port"), "targetPort");
        String desc = "route/" + ns + "/" + name + " host=" + host + (path != null ? " path=" + path : "")
                + " to=" + to + (targetPort != null ? " targetPort=" + targetPort : "");
        return new Route(ns, name, host, path, to, targetPort, Source.of(file, line, desc));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.canConvertToInt() ? null : v.asInt();
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
