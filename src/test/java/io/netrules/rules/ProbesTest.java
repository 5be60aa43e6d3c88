package io.netrules.rules;

import io.netrules.model.EndpointAddress;
import io.netrules.model.HostSubnet;
import io.netrules.model.Pod;
import io.netrules.model.ProbeResult;
import io.netrules.model.Source;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe helpers the service, node and multitenant rules call from DRL. */
class ProbesTest {
    private static int line;

    static ProbeResult endpoint(String from, String kind, String host, Integer port, String result) {
        line++;
        return new ProbeResult(from, kind, null, host, port, null, null, "myproj/web", null, result, null, null,
                Source.of("probes/probes.jsonl", line, "{}"));
    }

    @Test
    void connectionTestsAndTheirFailures() {
        assertTrue(Probes.connects("tcp"));
        assertTrue(Probes.connects("http"));
        assertFalse(Probes.connects("ping"));
        assertFalse(Probes.connects("dns"));
        assertFalse(Probes.connects(null));
        for (String r : List.of("refused", "timeout", "unreachable", "error")) {
            assertTrue(Probes.failed(r), r);
        }
        assertFalse(Probes.failed("ok"));
        assertFalse(Probes.failed(null));
        assertFalse(Probes.failed(""));
    }

    @Test
    void probersAndProjects() {
        assertTrue(Probes.inCluster("node/node-1"));
        assertTrue(Probes.inCluster("pod/myproj/web-1"));
        assertFalse(Probes.inCluster("client"));
        assertFalse(Probes.inCluster(null));
        assertEquals("myproj", Probes.podProject("pod/myproj/web-1"));
        assertNull(Probes.podProject("node/node-1"));
        assertNull(Probes.podProject("client"));
        assertEquals("default", Probes.namespaceOf("default/docker-registry"));
        assertNull(Probes.namespaceOf("docker-registry"));
        assertNull(Probes.namespaceOf(null));
        assertTrue(Probes.isPod("pod/myproj/web-1", "myproj", "web-1"));
        assertFalse(Probes.isPod("pod/myproj/web-1", "myproj", "web-10"));
        assertFalse(Probes.isPod("node/web-1", "myproj", "web-1"));
    }

    @Test
    void targetProjectAndSubject() {
        ProbeResult toPod = new ProbeResult("pod/myproj/web-1", "tcp", null, "10.130.0.8", 8080, null, null, null,
                "other/api-1", "timeout", null, null, null);
        assertEquals("other", Probes.targetProject(toPod));
        assertEquals("pod/other/api-1", Probes.targetSubject(toPod));
        ProbeResult toService = new ProbeResult("pod/myproj/web-1", "tcp", null, "172.30.40.30", 80, null,
                "shop/api", null, null, "timeout", null, null, null);
        assertEquals("shop", Probes.targetProject(toService));
        assertEquals("service/shop/api", Probes.targetSubject(toService));
        ProbeResult toEndpoint = endpoint("pod/a/b", "tcp", "10.129.0.5", 8080, "timeout");
        assertEquals("myproj", Probes.targetProject(toEndpoint));
        assertEquals("service/myproj/web", Probes.targetSubject(toEndpoint));
    }

    @Test
    void multitenantIsolatesTwoDifferentNonGlobalNetids() {
        String mt = "redhat/openshift-ovs-multitenant";
        assertTrue(Probes.isolated(mt, 11283045L, 4785915L));
        assertFalse(Probes.isolated(mt, 11283045L, 11283045L), "same project (or joined projects)");
        assertFalse(Probes.isolated(mt, 0L, 4785915L), "a global project reaches every project");
        assertFalse(Probes.isolated(mt, 4785915L, 0L), "every project reaches a global one");
        assertFalse(Probes.isolated(mt, null, 4785915L));
        assertFalse(Probes.isolated("redhat/openshift-ovs-subnet", 11283045L, 4785915L));
        assertFalse(Probes.isolated("redhat/openshift-ovs-networkpolicy", 11283045L, 4785915L));
    }

    @Test
    void listsAsRulesWriteThem() {
        assertTrue(Probes.inList("node-2, node-3", "node-3"));
        assertTrue(Probes.inList("node-2", "node-2"));
        assertFalse(Probes.inList("node-2, node-3", "node-"));
        assertFalse(Probes.inList("", "node-1"));
        assertFalse(Probes.inList("node-1", ""));
        assertFalse(Probes.inList(null, "node-1"));
        assertTrue(Probes.listsShare("10.130.0.5, 10.130.0.8", "10.129.0.5, 10.130.0.8"));
        assertFalse(Probes.listsShare("10.130.0.5", "10.130.0.53"));
        assertFalse(Probes.listsShare("10.130.0.5", "none"));
        assertTrue(Probes.holds(List.of("a", "b"), "b"));
        assertFalse(Probes.holds(null, "b"));
        assertTrue(Probes.anyIn(List.of("10.0.0.9", "10.130.1.7"), "10.130.0.0/23"));
        assertFalse(Probes.anyIn(List.of("10.0.0.9"), "10.130.0.0/23"));
    }

    @Test
    void earlierFollowsTheFileOrder() {
        ProbeResult a = endpoint("node/node-1", "tcp", "10.129.0.5", 8080, "ok");
        ProbeResult b = endpoint("node/node-1", "tcp", "10.129.0.5", 8080, "ok");
        assertTrue(Probes.earlier(a, b));
        assertFalse(Probes.earlier(b, a));
        assertFalse(Probes.earlier(a, a));
    }

    @Test
    void endpointNodesComeFromEndpointsThenPodsThenHostSubnets() {
        List<String> ips = List.of("10.129.0.5", "10.130.0.77", "10.0.0.1", "192.0.2.1");
        EndpointAddress web1 = new EndpointAddress("myproj", "web", "10.129.0.5", "node-2", "web-1", true, null, null);
        Pod stale = new Pod("myproj", "web-9", "node-1", "Running", "10.129.0.5", "10.0.0.1", false, true, null, null);
        HostSubnet n3 = new HostSubnet("node-3", "node-3", "10.0.0.3", "10.130.0.0/23", null);
        HostSubnet n1 = new HostSubnet("node-1", "node-1", "10.0.0.1", "10.128.0.0/23", null);
        Map<String, String> nodes = Probes.nodesOf(ips, List.of(web1), List.of(stale), List.of(n3, n1));
        assertEquals(Map.of("10.129.0.5", "node-2", "10.130.0.77", "node-3", "10.0.0.1", "node-1"), nodes);
        assertEquals("node-1, node-2, node-3", Probes.nodeList(nodes));
        assertEquals(List.of("10.130.0.77", "10.0.0.1", "192.0.2.1"), Probes.unplaced(ips, List.of(web1)));
        assertEquals(List.of("10.130.0.77", "10.0.0.1", "192.0.2.1"), Probes.unplacedBy(ips, List.of(web1), List.of()));
        EndpointAddress noNode = new EndpointAddress("default", "kubernetes", "10.0.0.1", null, null, true, null, null);
        assertEquals(List.of("10.0.0.1"), Probes.unplaced(List.of("10.0.0.1"), List.of(noNode)));
    }

    @Test
    void endpointsAnswerWhenOneProbeConnected() {
        EndpointProbes p = EndpointProbes.of(List.of(
                endpoint("node/node-1", "tcp", "10.129.0.5", 8080, "ok"),
                endpoint("node/node-1", "tcp", "10.130.0.5", 8080, "timeout"),
                endpoint("node/node-1", "tcp", "10.130.0.5", 8080, "ok"),
                endpoint("node/node-1", "http", "10.129.0.6", 8080, "refused"),
                endpoint("node/node-1", "http", "10.129.0.6", 8080, "timeout"),
                endpoint("node/node-1", "ping", "10.130.0.8", null, "timeout"),
                endpoint("node/node-1", "tcp", "10.130.0.9", null, null),
                "not a probe"));
        assertEquals(List.of("10.129.0.5:8080", "10.130.0.5:8080"), p.answering());
        assertEquals(Map.of("10.129.0.6:8080", "refused/timeout"), p.failing());
        assertEquals(List.of("10.129.0.6"), p.failingIPs());
        assertTrue(p.someAnswer());
        assertTrue(p.someFail());
        assertEquals("10.129.0.6:8080 on node-2 (refused/timeout)", p.failingText(Map.of("10.129.0.6", "node-2")));
        assertEquals("10.129.0.6:8080 on an unknown node (refused/timeout)", p.failingText(Map.of()));
        assertEquals("10.129.0.5:8080, 10.130.0.5:8080", p.answeringText());
    }

    @Test
    void noEndpointProbedIsNoPremise() {
        EndpointProbes none = EndpointProbes.of(List.of());
        assertFalse(none.someAnswer());
        assertFalse(none.someFail());
        EndpointProbes portless = EndpointProbes.of(List.of(endpoint("node/node-1", "tcp", "10.0.0.1", null, "timeout")));
        assertEquals(List.of("10.0.0.1"), portless.failingIPs());
    }
}
