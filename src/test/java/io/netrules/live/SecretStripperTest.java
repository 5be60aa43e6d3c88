package io.netrules.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SecretStripperTest {
    private static final String NODE = """
            {"kind":"Node","metadata":{"name":"worker-0","managedFields":[{}],"annotations":{
              "kubectl.kubernetes.io/last-applied-configuration":"{\\"data\\":{\\"password\\":\\"s3cr3t\\"}}",
              "k8s.ovn.org/node-subnets":"{\\"default\\":[\\"10.128.0.0/23\\"]}",
              "k8s.ovn.org/node-chassis-id":"22e5d233-cfc3-5c96-affb-70f8836d64ee"}}}
            """;

    @Test
    void thePluginsAnnotationsStayEveryOtherGoes() throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(NODE);
        SecretStripper.strip(node, List.of("k8s.ovn.org/"));
        assertEquals(List.of("k8s.ovn.org/node-subnets", "k8s.ovn.org/node-chassis-id"),
                iterable(node.path("metadata").path("annotations")));
        assertFalse(node.toString().contains("s3cr3t"));
        assertFalse(node.path("metadata").has("managedFields"));
    }

    @Test
    void withoutAPluginNoAnnotationStays() throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(NODE);
        SecretStripper.strip(node);
        assertFalse(node.path("metadata").has("annotations"));
    }

    private static List<String> iterable(com.fasterxml.jackson.databind.JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
