package io.netrules.capture;

import io.netrules.model.EndpointAddress;
import io.netrules.model.HostSubnet;
import io.netrules.model.ParseWarning;
import io.netrules.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterObjectReaderTest {
    final List<Object> facts = new ArrayList<>();
    final List<ParseWarning> warnings = new ArrayList<>();
    final ClusterObjectReader reader = new ClusterObjectReader(facts::add, warnings::add);

    @Test
    void readsAListItemByItemWithTheLineOfEachItem(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("hostsubnets.json");
        Files.writeString(f, """
                {
                    "apiVersion": "v1",
                    "items": [
                        {
                            "apiVersion": "network.openshift.io/v1",
                            "host": "node-1",
                            "hostIP": "10.0.0.1",
                            "kind": "HostSubnet",
                            "metadata": {"name": "node-1"},
                            "subnet": "10.128.0.0/23"
                        },
                        {
                            "apiVersion": "network.openshift.io/v1",
                            "host": "node-2", "hostIP": "10.0.0.2", "kind": "HostSubnet",
                            "metadata": {"name": "node-2"}, "subnet": "10.129.0.0/23"
                        }
                    ],
                    "kind": "List",
                    "metadata": {"resourceVersion": "", "selfLink": ""}
                }
                """);
        assertEquals(2, reader.read(f, "cluster/hostsubnets.json", "hostsubnets"));
        HostSubnet second = (HostSubnet) facts.get(1);
        assertEquals("10.0.0.2", second.hostIP());
        assertEquals("10.129.0.0/23", second.subnet());
        assertEquals(12, second.source().line());
        assertEquals("cluster/hostsubnets.json", second.source().file());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void readsYamlListsAndEndpointsReadiness(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("endpoints.yaml");
        Files.writeString(f, """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Endpoints
                  metadata:
                    name: web
                    namespace: myproj
                  subsets:
                  - addresses:
                    - ip: 10.129.0.5
                      nodeName: node-2
                      targetRef: {kind: Pod, name: web-1, namespace: myproj}
                    notReadyAddresses:
                    - ip: 10.130.0.5
                      nodeName: node-3
                      targetRef: {kind: Pod, name: web-3, namespace: myproj}
                    ports:
                    - {name: http, port: 8080, protocol: TCP}
                """);
        assertEquals(2, reader.read(f, "cluster/endpoints.yaml", "endpoints"));
        EndpointAddress ready = (EndpointAddress) facts.get(0);
        EndpointAddress notReady = (EndpointAddress) facts.get(1);
        assertTrue(ready.ready());
        assertFalse(notReady.ready());
        assertEquals("node-3", notReady.nodeName());
        assertEquals("web-3", notReady.targetPod());
        assertEquals(8080, notReady.ports().get(0).port());
    }

    @Test
    void aSingleObjectIsReadToo(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("pods.json");
        Files.writeString(f, "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\",\"labels\":{\"app\":\"x\"}},"
                + "\"spec\":{\"nodeName\":\"node-1\"},\"status\":{\"phase\":\"Running\",\"podIP\":\"10.128.0.9\","
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        assertEquals(1, reader.read(f, "cluster/pods.json", "pods"));
        Pod p = (Pod) facts.get(0);
        assertTrue(p.ready() && p.running());
        assertEquals("x", p.labels().get("app"));
    }

    @Test
    void syntaxErrorsNameTheFileLineAndColumn(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("nodes.json");
        Files.writeString(f, "{\n  \"items\": [\n    {\"kind\": \"Node\" \"metadata\": {}}\n  ]\n}\n");
        CaptureException e = assertThrows(CaptureException.class, () -> reader.read(f, "cluster/nodes.json", "nodes"));
        assertTrue(e.getMessage().startsWith("cluster/nodes.json:3:"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void objectsOfOtherKindsAreWarnedAboutAndSkipped(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("nodes.json");
        Files.writeString(f, "{\"items\": [{\"kind\": \"Secret\", \"metadata\": {\"name\": \"x\"}}]}");
        assertEquals(0, reader.read(f, "cluster/nodes.json", "nodes"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).text().contains("Secret"));
    }
}
