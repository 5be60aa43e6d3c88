package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.Service;
import io.netrules.model.ServicePort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceNatCheckTest {
    private static final ServicePort WEB_PORT = new ServicePort("8080-tcp", 8080, "8080", "TCP");
    private static final Service WEB = new Service("myproj", "web", "ClusterIP", "172.30.40.20",
            Map.of("app", "web"), List.of(WEB_PORT), null);
    private static final List<ServicePort> EP_PORTS = List.of(new ServicePort("8080-tcp", 8080, null, "TCP"));

    private static EndpointAddress ep(String ip, boolean ready) {
        return new EndpointAddress("myproj", "web", ip, "node-2", null, ready, EP_PORTS, null);
    }

    private static final List<EndpointAddress> READY = List.of(ep("10.129.0.5", true), ep("10.129.0.6", true),
            ep("10.130.0.5", true));

    private static IptablesTable nat(String node) {
        return FilterWalkTest.table(FilterWalkTest.sample(node), "nat");
    }

    @Test
    void healthyNodesNatEveryReadyEndpoint() {
        for (String node : List.of("node-1", "node-2", "node-3")) {
            ServiceNatCheck c = ServiceNatCheck.check(WEB, READY, nat(node));
            assertFalse(c.broken(), node + ": " + c.problem());
            assertEquals(4, c.rules().size()); // the KUBE-SERVICES jump and three DNATs
            assertEquals(List.of(), c.absentPatterns());
        }
    }

    @Test
    void staleSepAndMissingEndpoint() {
        String text = FilterWalkTest.sample("node-3").replace("--to-destination 10.129.0.6:8080", "--to-destination 10.129.0.9:8080");
        ServiceNatCheck c = ServiceNatCheck.check(WEB, READY, FilterWalkTest.table(text, "nat"));
        assertTrue(c.broken());
        assertEquals(List.of("10.129.0.6:8080"), c.missingEndpoints());
        assertEquals(List.of("10.129.0.9:8080"), c.extraEndpoints());
        assertEquals("NATs to 10.129.0.9:8080, which is no ready endpoint; no DNAT to ready endpoint 10.129.0.6:8080",
                c.problem());
        assertEquals("none", ServiceNatCheck.text(c.missingRules()));
    }

    @Test
    void missingServiceRuleIsNamedWithWhatWasLookedFor() {
        String text = FilterWalkTest.sample("node-2").replace(
                "-A KUBE-SERVICES -d 172.30.40.20/32 -p tcp -m comment --comment \"myproj/web:8080-tcp cluster IP\" -m tcp --dport 8080 -j KUBE-SVC-22B3PO652SNMLSH5\n", "");
        ServiceNatCheck c = ServiceNatCheck.check(WEB, READY, FilterWalkTest.table(text, "nat"));
        assertEquals(List.of("172.30.40.20:8080/TCP"), c.missingRules());
        assertEquals(List.of("-A KUBE-SERVICES -d 172.30.40.20/32 -p tcp -m tcp --dport 8080 -j KUBE-SVC-..."),
                c.absentPatterns());
        assertEquals("no KUBE-SERVICES rule for 172.30.40.20:8080/TCP", c.problem());
    }

    @Test
    void portsWithoutReadyEndpointsAndHeadlessServicesAreSkipped() {
        assertFalse(ServiceNatCheck.check(WEB, List.of(ep("10.129.0.5", false)), nat("node-1")).broken());
        assertFalse(ServiceNatCheck.check(WEB, List.of(), nat("node-1")).broken());
        Service headless = new Service("myproj", "web", "ClusterIP", "None", Map.of("app", "web"), List.of(WEB_PORT), null);
        assertFalse(ServiceNatCheck.check(headless, READY, nat("node-1")).broken());
        assertFalse(ServiceNatCheck.hasClusterIP("None"));
        assertFalse(ServiceNatCheck.hasClusterIP(""));
        assertFalse(ServiceNatCheck.hasClusterIP(null));
        assertTrue(ServiceNatCheck.hasClusterIP("172.30.0.1"));
        // An endpoint port of another name does not serve this service port.
        EndpointAddress other = new EndpointAddress("myproj", "web", "10.129.0.5", "node-2", null, true,
                List.of(new ServicePort("metrics", 9090, null, "TCP")), null);
        assertFalse(ServiceNatCheck.check(WEB, List.of(other), nat("node-1")).broken());
    }

    @Test
    void unnamedSinglePortMatchesUnnamedEndpointPort() {
        ServicePort unnamed = new ServicePort(null, 8080, "8080", "TCP");
        Service svc = new Service("myproj", "web", "ClusterIP", "172.30.40.20", Map.of(), List.of(unnamed), null);
        EndpointAddress e = new EndpointAddress("myproj", "web", "10.129.0.5", null, null, true,
                List.of(new ServicePort("", 8080, null, null)), null);
        assertEquals(java.util.Set.of("10.129.0.5:8080"), ServiceNatCheck.expected(unnamed, List.of(e)));
        ServiceNatCheck c = ServiceNatCheck.check(svc, List.of(e), nat("node-1"));
        assertEquals(List.of("10.129.0.6:8080", "10.130.0.5:8080"), c.extraEndpoints());
    }
}
