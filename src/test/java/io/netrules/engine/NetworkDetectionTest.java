package io.netrules.engine;

import io.netrules.capture.Capture;
import io.netrules.model.ParseWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network plugin and the platform, each from every place the data can say it, in its order. */
class NetworkDetectionTest {
    @TempDir
    Path dir;

    private void write(String rel, String text) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private NetworkDetection detect() throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        Capture capture = Capture.open(dir);
        NetworkDetection d = NetworkDetection.detect(ClusterFacts.read(capture, warnings), capture);
        assertEquals(List.of(), warnings, "the test captures are well formed");
        return d;
    }

    static String networkConfig(String specType, String statusType) {
        return """
                {"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                 "spec": {%s"clusterNetwork": [{"cidr": "10.128.0.0/14", "hostPrefix": 23}],
                          "serviceNetwork": ["172.30.0.0/16"]},
                 "status": {%s"clusterNetworkMTU": 1450}}
                """.formatted(specType == null ? "" : "\"networkType\": \"" + specType + "\", ",
                statusType == null ? "" : "\"networkType\": \"" + statusType + "\", ");
    }

    static String networkOperator(String type) {
        return """
                {"apiVersion": "operator.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                 "spec": {"defaultNetwork": {"type": "%s"}}}
                """.formatted(type);
    }

    static String clusterNetwork(String pluginName) {
        return """
                {"apiVersion": "v1", "kind": "List", "items": [
                 {"apiVersion": "network.openshift.io/v1", "kind": "ClusterNetwork",
                  "metadata": {"name": "default"}, "network": "10.128.0.0/14", "hostsubnetlength": 9,
                  "serviceNetwork": "172.30.0.0/16", "pluginName": "%s"}]}
                """.formatted(pluginName);
    }

    static String nodes(String kubeletVersion) {
        return """
                {"apiVersion": "v1", "kind": "List", "items": [
                 {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"},
                  "status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.11"}],
                             "nodeInfo": {"kubeletVersion": "%s"}}}]}
                """.formatted(kubeletVersion);
    }

    static String nodeConfig(String plugin, String imageFormat) {
        return "kind: NodeConfig\napiVersion: v1\nimageConfig:\n  format: \"" + imageFormat + "\"\n"
                + "networkConfig:\n  mtu: 1450\n  networkPluginName: " + plugin + "\nnodeIP: 10.0.0.11\n";
    }

    @Test
    void networkConfigStatusNamesThePluginFirst() throws Exception {
        // A migration asks for OVN-Kubernetes (spec) while openshift-sdn still runs (status).
        write("cluster/networkconfigs.json", networkConfig("OVNKubernetes", "OpenShiftSDN"));
        write("cluster/networkoperators.json", networkOperator("OVNKubernetes"));
        write("cluster/clusternetworks.json", clusterNetwork("redhat/openshift-ovs-networkpolicy"));
        NetworkDetection d = detect();
        assertEquals("openshift-sdn", d.plugin());
        assertEquals("cluster/networkconfigs.json status.networkType: OpenShiftSDN", d.pluginSource());
        assertNull(d.notKnown());
    }

    @Test
    void withoutStatusTheOperatorsDefaultNetworkTypeThenTheSpec() throws Exception {
        write("cluster/networkconfigs.json", networkConfig("OpenShiftSDN", null));
        write("cluster/networkoperators.json", networkOperator("OVNKubernetes"));
        assertEquals("ovn-kubernetes", detect().plugin());
        Files.delete(dir.resolve("cluster/networkoperators.json"));
        NetworkDetection spec = detect();
        assertEquals("openshift-sdn", spec.plugin());
        assertEquals("cluster/networkconfigs.json spec.networkType: OpenShiftSDN", spec.pluginSource());
    }

    @Test
    void threeElevenClusterNetworkPluginName() throws Exception {
        write("cluster/clusternetworks.json", clusterNetwork("redhat/openshift-ovs-multitenant"));
        NetworkDetection d = detect();
        assertEquals("openshift-sdn", d.plugin());
        assertEquals("cluster/clusternetworks.json pluginName: redhat/openshift-ovs-multitenant", d.pluginSource());
    }

    @Test
    void nodeConfigOfAnyNodeWhenNoClusterObjectSays() throws Exception {
        write("nodes/node-2/etc/origin/node/node-config.yaml",
                nodeConfig("redhat/openshift-ovs-subnet", "docker.io/openshift/origin-${component}:${version}"));
        NetworkDetection d = detect();
        assertEquals("openshift-sdn", d.plugin());
        assertEquals("nodes/node-2/etc/origin/node/node-config.yaml networkPluginName: redhat/openshift-ovs-subnet",
                d.pluginSource());
        // node-config alone says 3.x and OKD, not which 3.x.
        assertEquals("OKD 3.x", d.platform());
    }

    @Test
    void nothingSaysThePlugin() throws Exception {
        write("cluster/nodes.json", nodes("v1.11.0+d4cacc0"));
        NetworkDetection d = detect();
        assertNull(d.plugin());
        assertTrue(d.notKnown().startsWith("network plugin not known: no cluster/networkconfigs.json"), d.notKnown());
        assertTrue(d.notKnown().contains("cluster/clusternetworks.json"), d.notKnown());
    }

    @Test
    void aNetworkTypeNoPluginRecognizesIsNotKnownAndSaysWhatItIs() throws Exception {
        write("cluster/networkconfigs.json", networkConfig("Calico", "Calico"));
        write("cluster/clusternetworks.json", clusterNetwork("redhat/openshift-ovs-subnet"));
        NetworkDetection d = detect();
        assertNull(d.plugin(), "the cluster's own declaration wins over a leftover ClusterNetwork");
        assertTrue(d.notKnown().contains("cluster/networkconfigs.json status.networkType says Calico"), d.notKnown());
    }

    @Test
    void platformFromTheNewestCompletedUpdateOfTheClusterVersion() throws Exception {
        write("cluster/clusterversions.json", """
                {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
                 "status": {"desired": {"version": "4.12.5"},
                  "history": [
                   {"state": "Partial", "version": "4.12.5", "startedTime": "2023-03-02T10:00:00Z"},
                   {"state": "Completed", "version": "4.12.3", "completionTime": "2023-02-20T10:00:00Z"},
                   {"state": "Completed", "version": "4.11.20", "completionTime": "2023-01-10T10:00:00Z"}]}}
                """);
        assertEquals("OpenShift 4.12.3", detect().platform());
    }

    @Test
    void platformFromTheDesiredVersionBeforeAnyUpdateCompletedAndOkdByItsVersion() throws Exception {
        write("cluster/clusterversions.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                 {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
                  "status": {"desired": {"version": "4.12.0-0.okd-2023-03-18-084815"},
                   "history": [{"state": "Partial", "version": "4.12.0-0.okd-2023-03-18-084815"}]}}]}
                """);
        assertEquals("OKD 4.12.0-0.okd-2023-03-18-084815", detect().platform());
    }

    @Test
    void threeElevenFromTheKubeletVersionOkdOrOpenShiftByNodeConfigsImages() throws Exception {
        write("cluster/nodes.json", nodes("v1.11.0+d4cacc0"));
        assertEquals("OpenShift/OKD 3.11", detect().platform(), "no node-config: the product is not known");
        write("nodes/node-1/etc/origin/node/node-config.yaml",
                nodeConfig("redhat/openshift-ovs-subnet", "registry.redhat.io/openshift3/ose-${component}:${version}"));
        assertEquals("OpenShift 3.11", detect().platform());
        write("nodes/node-1/etc/origin/node/node-config.yaml",
                nodeConfig("redhat/openshift-ovs-subnet", "docker.io/openshift/origin-${component}:${version}"));
        assertEquals("OKD 3.11", detect().platform());
    }

    @Test
    void aFourXKubeletWithoutClusterVersionLeavesThePlatformUnknown() throws Exception {
        write("cluster/nodes.json", nodes("v1.25.4+a34b9e9"));
        assertNull(detect().platform());
    }

    @Test
    void theSamplesSayOkd311AndOpenShiftSdn() throws Exception {
        Capture capture = Capture.open(io.netrules.TestPaths.sample("healthy-3node"));
        NetworkDetection d = NetworkDetection.detect(ClusterFacts.read(capture, new ArrayList<>()), capture);
        assertEquals("openshift-sdn", d.plugin());
        assertEquals("OKD 3.11", d.platform());
    }
}
