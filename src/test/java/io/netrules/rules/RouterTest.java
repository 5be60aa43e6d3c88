package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.Pod;
import io.netrules.model.Route;
import io.netrules.model.ServicePort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router helpers the external-access and route rules call from DRL. */
class RouterTest {

    @Test
    void routerPodsAsTheGuideSelectsThem() {
        assertTrue(Router.isRouterPod(Map.of("router", "router", "deploymentconfig", "router")));
        assertTrue(Router.isRouterPod(Map.of("router", "router-shard-b")), "--selector=router takes any value");
        assertTrue(Router.isRouterPod(Map.of("deploymentconfig", "router")));
        assertFalse(Router.isRouterPod(Map.of("deploymentconfig", "docker-registry", "docker-registry", "default")));
        assertFalse(Router.isRouterPod(Map.of()));
        assertFalse(Router.isRouterPod(null));
        assertTrue(Router.isRouterSelector(Map.of("router", "router")));
        assertFalse(Router.isRouterSelector(Map.of("app", "web")));
    }

    @Test
    void urlHostAndPath() {
        assertEquals("www.example.com", Router.urlHost("http://www.example.com/"));
        assertEquals("/", Router.urlPath("http://www.example.com/"));
        assertEquals("/", Router.urlPath("http://www.example.com"));
        assertEquals("foo.example.com", Router.urlHost("http://foo.example.com:8000/bar"));
        assertEquals("/bar", Router.urlPath("http://foo.example.com:8000/bar"));
        assertEquals("www.example.com", Router.urlHost("https://user@WWW.Example.COM.:443/a/b?x=1#top"));
        assertEquals("/a/b", Router.urlPath("https://user@WWW.Example.COM.:443/a/b?x=1#top"));
        assertEquals("www.example.com", Router.urlHost("www.example.com/bar"), "curl takes a URL without scheme");
        assertEquals("/bar", Router.urlPath("www.example.com/bar"));
        assertEquals("www.example.com", Router.urlHost("http://www.example.com/a b"), "not a strict URI");
        assertEquals("/a b", Router.urlPath("http://www.example.com/a b?q"));
        assertNull(Router.urlHost(null));
        assertNull(Router.urlHost(""));
        assertNull(Router.urlHost("http:///nohost"));
    }

    @Test
    void routePathsMatchByWholeSegments() {
        String host = "www.example.com";
        assertTrue(Router.routeMatches(host, "/", "http://www.example.com/bar"));
        assertTrue(Router.routeMatches(host, null, "http://www.example.com/bar"));
        assertTrue(Router.routeMatches(host, "", "http://www.example.com"));
        assertTrue(Router.routeMatches(host, "/test", "http://www.example.com/test"));
        assertTrue(Router.routeMatches(host, "/test", "http://www.example.com/test/x"));
        assertFalse(Router.routeMatches(host, "/test", "http://www.example.com/testing"));
        assertFalse(Router.routeMatches(host, "/test", "http://www.example.com/"));
        assertTrue(Router.routeMatches(host, "/test/", "http://www.example.com/test/x"));
        assertFalse(Router.routeMatches(host, "/test/", "http://www.example.com/test"));
        assertTrue(Router.routeMatches(host, "/app", "http://WWW.Example.COM:80/app/login?next=/"));
        assertFalse(Router.routeMatches(host, "/", "http://shop.example.com/"));
        assertFalse(Router.routeMatches(host, "/", "http://example.com/"));
        assertFalse(Router.routeMatches(null, "/", "http://www.example.com/"));
        assertTrue(Router.sameHost("www.example.com.", "http://www.example.com/x"));
    }

    @Test
    void routeTargetPortAsTheRouterResolvesIt() {
        List<ServicePort> endpointPorts = List.of(new ServicePort("http", 8080, null, "TCP"));
        assertTrue(Router.endpointPortMatches("http", endpointPorts), "the service port's name");
        assertTrue(Router.endpointPortMatches("8080", endpointPorts), "the endpoint (container) port number");
        assertFalse(Router.endpointPortMatches("80", endpointPorts));
        assertFalse(Router.endpointPortMatches(null, endpointPorts));

        List<ServicePort> api = List.of(new ServicePort("http", 80, "8080", "TCP"));
        assertTrue(Router.servicePortMatches("http", api));
        assertTrue(Router.servicePortMatches("8080", api));
        assertFalse(Router.servicePortMatches("80", api), "the service port number is not what the router sees");
        List<ServicePort> noTarget = List.of(new ServicePort("", 5000, null, "TCP"));
        assertTrue(Router.servicePortMatches("5000", noTarget), "no targetPort means the port itself");

        assertTrue(Router.targetPortsNumeric(api));
        assertTrue(Router.targetPortsNumeric(noTarget));
        assertFalse(Router.targetPortsNumeric(List.of(new ServicePort("web", 8080, "http", "TCP"))));

        assertEquals("8080, http", Router.servicePortChoices(api));
        assertEquals("http 80->8080", Router.servicePortsText(api));
        EndpointAddress a = new EndpointAddress("myproj", "api", "10.130.0.8", "node-3", "api-1", true, endpointPorts, null);
        assertEquals("8080, http", Router.endpointPortChoices(List.of(a)));
        assertEquals("none", Router.endpointPortChoices(List.of()));
    }

    @Test
    void listsForTextAndLinks() {
        assertEquals("10.0.0.1, 10.0.0.3", Router.joined(List.of("10.0.0.3", "10.0.0.1", "10.0.0.3")));
        assertEquals("none", Router.joined(List.of()));
        assertTrue(Router.listed("10.0.0.1, 10.0.0.3", "10.0.0.3"));
        assertFalse(Router.listed("10.0.0.1, 10.0.0.33", "10.0.0.3"));
        assertFalse(Router.listed("", "10.0.0.3"));
        assertTrue(Router.intersects(List.of("10.0.0.1", "node-1"), List.of("10.0.0.1")));
        assertFalse(Router.intersects(List.of("10.0.0.2"), List.of("10.0.0.1")));

        Pod running = new Pod("default", "router-1-5wzrl", "node-1", "Running", "10.0.0.1", "10.0.0.1", true, true,
                Map.of("router", "router"), null);
        Pod pending = new Pod("default", "router-1-q8v4d", null, "Pending", null, null, true, false,
                Map.of("router", "router"), null);
        assertEquals("10.0.0.1", Router.hostIPs(List.of(running, pending)));
        assertEquals("default/router-1-5wzrl (Running, ready on node-1 10.0.0.1), "
                + "default/router-1-q8v4d (Pending, not scheduled)", Router.podsText(List.of(running, pending)));
        assertEquals("myproj/web www.example.com path /app",
                Router.routesText(List.of(new Route("myproj", "web", "www.example.com", "/app", "web", "8080", null))));
    }
}
