package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.Pod;
import io.netrules.model.Route;
import io.netrules.model.ServicePort;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pure functions for the external-access and router rules: what counts as a router pod, how the
 * OpenShift router matches a URL against a route's host and path, and how it resolves a route's
 * {@code spec.port.targetPort} against a service's endpoints.
 */
public final class Router {
    private Router() {
    }

    /**
     * True for the labels of a router pod: the guide finds routers with {@code --selector=router}
     * (a {@code router} label, whatever its value: {@code oc adm router} sets
     * {@code router=<name>}, also for sharded routers), and the router's deployment config
     * labels its pods {@code deploymentconfig=router}.
     */
    public static boolean isRouterPod(Map<String, String> labels) {
        return labels != null && (labels.containsKey("router") || "router".equals(labels.get("deploymentconfig")));
    }

    /** True for the selector of a router's own service ({@code oc adm router} selects {@code router=<name>}). */
    public static boolean isRouterSelector(Map<String, String> selector) {
        return isRouterPod(selector);
    }

    /**
     * The host of a URL as the router compares it: lower case, without port, user info or a
     * trailing dot. A URL without scheme ({@code www.example.com/bar}, as curl takes it) counts
     * as http. Null when there is no host.
     */
    public static String urlHost(String url) {
        String[] hp = hostAndPath(url);
        return hp == null ? null : hp[0];
    }

    /** The path of a URL, without query or fragment; {@code /} when the URL has none. Null when it is no URL. */
    public static String urlPath(String url) {
        String[] hp = hostAndPath(url);
        return hp == null ? null : hp[1];
    }

    private static String[] hostAndPath(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        String host;
        String path;
        try {
            URI uri = new URI(u);
            host = uri.getHost();
            path = uri.getRawPath();
        } catch (URISyntaxException e) {
            // Not a strict URI (a space, a bare '%'): split it by hand.
            String rest = u.substring(u.indexOf("://") + 3);
            int end = indexOfAny(rest, "/?#");
            String authority = end < 0 ? rest : rest.substring(0, end);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            String tail = end < 0 ? "" : rest.substring(end);
            int q = indexOfAny(tail, "?#");
            path = q < 0 ? tail : tail.substring(0, q);
        }
        if (host == null || host.isEmpty()) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        return new String[] {host, path};
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** True when the route's host is the URL's host (case and a trailing dot do not count). */
    public static boolean sameHost(String routeHost, String url) {
        String host = urlHost(url);
        if (host == null || routeHost == null || routeHost.isBlank()) {
            return false;
        }
        String rh = routeHost.strip().toLowerCase(Locale.ROOT);
        if (rh.endsWith(".")) {
            rh = rh.substring(0, rh.length() - 1);
        }
        return rh.equals(host);
    }

    /**
     * True when the router sends this URL to a route with this host and path. The host must be
     * the same; the path matches as the router's generated expression does: a route path of
     * {@code /} (or none) takes every path, a path ending in {@code /} is a prefix, and any other
     * path matches itself and what lies below it ({@code /test} takes {@code /test} and
     * {@code /test/x}, not {@code /testing}).
     */
    public static boolean routeMatches(String routeHost, String routePath, String url) {
        if (!sameHost(routeHost, url)) {
            return false;
        }
        String path = urlPath(url);
        String rp = routePath == null ? "" : routePath.strip();
        if (stripTrailingSlashes(rp).isEmpty()) {
            return true;
        }
        if (rp.endsWith("/")) {
            return path.startsWith(rp);
        }
        return path.equals(rp) || path.startsWith(rp + "/");
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * True when the router takes endpoints of these ports for a route's {@code targetPort}: it
     * keeps the endpoints whose port name (the service port's name) or port number (the
     * container port, which is the service's {@code targetPort}) equals it, as text.
     */
    public static boolean endpointPortMatches(String routeTargetPort, List<ServicePort> endpointPorts) {
        if (routeTargetPort == null || endpointPorts == null) {
            return false;
        }
        for (ServicePort p : endpointPorts) {
            if (routeTargetPort.equals(p.name()) || routeTargetPort.equals(String.valueOf(p.port()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same test on a service's own ports, for a service whose endpoints are not known: the
     * route's {@code targetPort} names a port, or equals a numeric {@code targetPort} (no
     * {@code targetPort} means the port itself). The service port number does not count: the
     * router never sees it.
     */
    public static boolean servicePortMatches(String routeTargetPort, List<ServicePort> servicePorts) {
        if (routeTargetPort == null || servicePorts == null) {
            return false;
        }
        for (ServicePort p : servicePorts) {
            if (routeTargetPort.equals(p.name()) || routeTargetPort.equals(targetPortOf(p))) {
                return true;
            }
        }
        return false;
    }

    /** True when every port's {@code targetPort} is a number, so the endpoints' port numbers follow from the service. */
    public static boolean targetPortsNumeric(List<ServicePort> servicePorts) {
        if (servicePorts == null) {
            return false;
        }
        for (ServicePort p : servicePorts) {
            if (!targetPortOf(p).matches("\\d+")) {
                return false;
            }
        }
        return true;
    }

    private static String targetPortOf(ServicePort p) {
        return p.targetPort() == null || p.targetPort().isBlank() ? String.valueOf(p.port()) : p.targetPort();
    }

    /** What a route's {@code targetPort} may say for these service ports: their names and numeric targetPorts. */
    public static String servicePortChoices(List<ServicePort> servicePorts) {
        TreeSet<String> choices = new TreeSet<>();
        if (servicePorts != null) {
            for (ServicePort p : servicePorts) {
                if (p.name() != null && !p.name().isEmpty()) {
                    choices.add(p.name());
                }
                if (targetPortOf(p).matches("\\d+")) {
                    choices.add(targetPortOf(p));
                }
            }
        }
        return choices.isEmpty() ? "none" : String.join(", ", choices);
    }

    /** What a route's {@code targetPort} may say for these endpoints: their port names and numbers. */
    public static String endpointPortChoices(List<?> endpointAddresses) {
        TreeSet<String> choices = new TreeSet<>();
        if (endpointAddresses != null) {
            for (Object o : endpointAddresses) {
                if (o instanceof EndpointAddress a) {
                    for (ServicePort p : a.ports()) {
                        if (p.name() != null && !p.name().isEmpty()) {
                            choices.add(p.name());
                        }
                        choices.add(String.valueOf(p.port()));
                    }
                }
            }
        }
        return choices.isEmpty() ? "none" : String.join(", ", choices);
    }

    /** A service's ports as {@code name port->targetPort}, for the text. */
    public static String servicePortsText(List<ServicePort> servicePorts) {
        if (servicePorts == null || servicePorts.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (ServicePort p : servicePorts) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (p.name() != null && !p.name().isEmpty()) {
                sb.append(p.name()).append(' ');
            }
            sb.append(p.port()).append("->").append(targetPortOf(p));
        }
        return sb.toString();
    }

    /** True when the two lists share an entry. */
    public static boolean intersects(Collection<String> a, Collection<String> b) {
        if (a == null || b == null) {
            return false;
        }
        for (String x : a) {
            if (x != null && b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** The entries joined with {@code ", "}, sorted and without repeats; "none" when there are none. */
    public static String joined(Collection<?> items) {
        TreeSet<String> set = new TreeSet<>();
        if (items != null) {
            for (Object o : items) {
                if (o != null && !String.valueOf(o).isEmpty()) {
                    set.add(String.valueOf(o));
                }
            }
        }
        return set.isEmpty() ? "none" : String.join(", ", set);
    }

    /** True when {@code item} is one of the entries of a list {@link #joined} made. */
    public static boolean listed(String joined, String item) {
        if (joined == null || item == null || item.isEmpty()) {
            return false;
        }
        for (String part : joined.split(",")) {
            if (part.strip().equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** The host IPs of these pods, joined; "none" when there are none. */
    public static String hostIPs(List<?> pods) {
        TreeSet<String> ips = new TreeSet<>();
        if (pods != null) {
            for (Object o : pods) {
                if (o instanceof Pod p && p.hostIP() != null) {
                    ips.add(p.hostIP());
                }
            }
        }
        return ips.isEmpty() ? "none" : String.join(", ", ips);
    }

    /** Pods as {@code ns/name (phase, ready|not ready, on node)}, sorted; "none" when there are none. */
    public static String podsText(List<?> pods) {
        TreeSet<String> out = new TreeSet<>();
        if (pods != null) {
            for (Object o : pods) {
                if (o instanceof Pod p) {
                    out.add(p.namespace() + "/" + p.name() + " (" + (p.phase() == null ? "no phase" : p.phase())
                            + (p.running() ? (p.ready() ? ", ready" : ", not ready") : "")
                            + (p.nodeName() == null ? ", not scheduled" : " on " + p.nodeName())
                            + (p.hostIP() == null ? "" : " " + p.hostIP()) + ")");
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** Routes as {@code ns/name host path}, sorted; "none" when there are none. */
    public static String routesText(List<?> routes) {
        TreeSet<String> out = new TreeSet<>();
        if (routes != null) {
            for (Object o : routes) {
                if (o instanceof Route r) {
                    out.add(r.namespace() + "/" + r.name() + " " + r.host()
                            + (r.path() == null || r.path().isEmpty() ? "" : " path " + r.path()));
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** Services as {@code ns/name}, sorted; "none" when there are none. */
    public static String servicesText(List<?> services) {
        TreeSet<String> out = new TreeSet<>();
        if (services != null) {
            for (Object o : services) {
                if (o instanceof io.netrules.model.Service s) {
                    out.add(s.namespace() + "/" + s.name());
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** Node names of these nodes, joined; "none" when there are none. */
    public static String nodeNames(List<?> nodes) {
        TreeSet<String> out = new TreeSet<>();
        if (nodes != null) {
            for (Object o : nodes) {
                if (o instanceof io.netrules.model.Node n && n.name() != null) {
                    out.add(n.name());
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** The DNS names these probes looked up, joined; "none" when there are none. */
    public static String probeNames(List<?> probes) {
        TreeSet<String> out = new TreeSet<>();
        if (probes != null) {
            for (Object o : probes) {
                if (o instanceof io.netrules.model.ProbeResult p && p.name() != null) {
                    out.add(p.name());
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
