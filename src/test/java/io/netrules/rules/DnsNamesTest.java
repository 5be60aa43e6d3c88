package io.netrules.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DNS name helpers the pod egress rules call from DRL. */
class DnsNamesTest {

    @Test
    void externalNamesAreNotTheClustersOwn() {
        assertTrue(DnsNames.external("github.com"));
        assertTrue(DnsNames.external("GitHub.com."));
        assertTrue(DnsNames.external("registry.access.redhat.com"));
        assertFalse(DnsNames.external("web.myproj.svc.cluster.local"));
        assertFalse(DnsNames.external("web.myproj.svc.cluster.local."));
        assertFalse(DnsNames.external("docker-registry.default.svc"));
        assertFalse(DnsNames.external("cluster.local"));
        assertFalse(DnsNames.external("kubernetes"), "a short name only resolves through the search list");
        assertFalse(DnsNames.external("10.0.0.1"), "an address is no name");
        assertFalse(DnsNames.external("fe80::1"));
        assertFalse(DnsNames.external(""));
        assertFalse(DnsNames.external(null));
    }

    @Test
    void probesFromPodsAndNodes() {
        assertTrue(DnsNames.fromPodOrNode("pod/myproj/web-1"));
        assertTrue(DnsNames.fromPodOrNode("node/node-2"));
        assertFalse(DnsNames.fromPodOrNode("client"));
        assertFalse(DnsNames.fromPodOrNode(null));
    }

    @Test
    void aNodesOwnHostName() {
        List<String> addresses = List.of("10.0.0.1", "node-1");
        assertTrue(DnsNames.namesNode("node-1.example.com", "node-1", addresses));
        assertTrue(DnsNames.namesNode("NODE-1.example.com.", "node-1", addresses));
        assertTrue(DnsNames.namesNode("master.example.com", "node-1", List.of("10.0.0.1", "master.example.com")));
        assertFalse(DnsNames.namesNode("github.com", "node-1", addresses));
        assertFalse(DnsNames.namesNode("node-10.example.com", "node-1", addresses));
        assertFalse(DnsNames.namesNode("10.0.0.1.example.com", "node-1", List.of("10.0.0.1")), "addresses are no names");
        assertFalse(DnsNames.namesNode(null, "node-1", addresses));
        assertFalse(DnsNames.namesNode("node-1.example.com", null, null));
    }

    @Test
    void namesCompareLikeDns() {
        assertEquals("www.example.com", DnsNames.normalize("WWW.example.com."));
        assertTrue(DnsNames.sameName("www.example.com.", "WWW.EXAMPLE.COM"));
        assertFalse(DnsNames.sameName(null, null));
    }
}
