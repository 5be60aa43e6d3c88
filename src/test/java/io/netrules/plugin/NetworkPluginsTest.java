package io.netrules.plugin;

import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.model.Layer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugins the core finds with ServiceLoader, and what each brings. */
class NetworkPluginsTest {

    @Test
    void serviceLoaderFindsBothPlugins() {
        assertEquals(List.of("openshift-sdn", "ovn-kubernetes"), NetworkPlugins.ids());
        assertEquals("OpenShift SDN", NetworkPlugins.byId("openshift-sdn").orElseThrow().displayName());
        assertEquals("OVN-Kubernetes", NetworkPlugins.byId("ovn-kubernetes").orElseThrow().displayName());
    }

    @Test
    void eachPluginRecognizesItsOwnNetworkTypeNames() {
        for (String sdn : List.of("OpenShiftSDN", "redhat/openshift-ovs-subnet", "redhat/openshift-ovs-multitenant",
                "redhat/openshift-ovs-networkpolicy")) {
            assertEquals("openshift-sdn", NetworkPlugins.recognizing(sdn).orElseThrow().id(), sdn);
        }
        assertEquals("ovn-kubernetes", NetworkPlugins.recognizing("OVNKubernetes").orElseThrow().id());
        assertTrue(NetworkPlugins.recognizing("Calico").isEmpty());
        assertTrue(NetworkPlugins.recognizing("Kuryr").isEmpty());
        assertTrue(NetworkPlugins.recognizing("").isEmpty());
    }

    @Test
    void openshiftSdnsBridgeJournalAndNodeConfigAreItsSourcesNotTheCores() {
        List<FactSource> sdn = NetworkPlugins.byId("openshift-sdn").orElseThrow().nodeFactSources();
        for (FactSource s : FactSources.all()) {
            String what = s.command() != null ? s.command() : s.fileName();
            boolean sdnOnly = what.contains("br0") || what.contains("origin-node") || what.contains("openshift-node")
                    || what.contains("etc/origin/");
            assertEquals(sdnOnly, sdn.contains(s), what);
        }
        // The registry still serves them, for captures and for the collector.
        assertEquals("ovs-ofctl_-O_OpenFlow13_dump-flows_br0", FactSources.preferredFileName(FactSources.OVS_FLOWS));
        assertTrue(FactSources.match("etc/origin/node/node-config.yaml").isPresent());
        // OVN-Kubernetes' own: its OVS rows, Geneve links, IPsec states, northd/ovn-controller status, DB dumps.
        List<FactSource> ovn = NetworkPlugins.byId("ovn-kubernetes").orElseThrow().nodeFactSources();
        assertTrue(ovn.stream().anyMatch(s -> "ovs-vsctl -t 5 list Open_vSwitch".equals(s.command())));
        assertTrue(ovn.stream().noneMatch(sdn::contains));
    }

    @Test
    void layersFollowThePluginsPath() {
        assertEquals(List.of("dns", "router", "route", "service", "endpoints", "node-to-node", "local-sdn", "ovs",
                "iptables", "mtu", "egress-dns"), Layer.of("openshift-sdn"));
        List<String> ovn = Layer.of("ovn-kubernetes");
        for (String layer : List.of("control-plane", "logical-topology", "pod-network", "service", "gateway",
                "local-ovn", "node-to-node", "mtu", "egress")) {
            assertTrue(ovn.contains(layer), layer);
        }
        assertFalse(ovn.contains("ovs"), "br0's layer is openshift-sdn's");
        for (String common : Layer.COMMON) {
            assertTrue(Layer.known(common), common);
        }
        assertEquals(Layer.ALL, Layer.of(null));
    }
}
