package io.netrules.capture;

import io.netrules.model.ClusterNetwork;
import io.netrules.model.ClusterVersion;
import io.netrules.model.NetworkConfig;
import io.netrules.model.NetworkOperator;
import io.netrules.model.Node;
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

/** The 4.x configuration objects (as {@code oc get ... -o json|yaml} prints them) and the 4.x ClusterNetwork fields. */
class NetworkObjectsReaderTest {
    final List<Object> facts = new ArrayList<>();
    final List<ParseWarning> warnings = new ArrayList<>();
    final ClusterObjectReader reader = new ClusterObjectReader(facts::add, warnings::add);

    @TempDir
    Path tmp;

    private <T> T readOne(String name, String text, String kind, Class<T> type) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        facts.clear();
        reader.read(f, "cluster/" + name, kind);
        assertEquals(List.of(), warnings);
        assertEquals(1, facts.size(), facts.toString());
        return type.cast(facts.get(0));
    }

    @Test
    void networkConfigFromStatusWithSpecAsFallback() throws Exception {
        NetworkConfig c = readOne("networkconfigs.yaml", """
                apiVersion: config.openshift.io/v1
                kind: Network
                metadata:
                  name: cluster
                spec:
                  clusterNetwork:
                  - cidr: 10.128.0.0/14
                    hostPrefix: 23
                  externalIP:
                    policy: {}
                  networkType: OVNKubernetes
                  serviceNetwork:
                  - 172.30.0.0/16
                status:
                  clusterNetwork:
                  - cidr: 10.128.0.0/14
                    hostPrefix: 23
                  - cidr: 10.132.0.0/14
                    hostPrefix: 24
                  clusterNetworkMTU: 1450
                  networkType: OpenShiftSDN
                  serviceNetwork:
                  - 172.30.0.0/16
                """, "networkconfigs", NetworkConfig.class);
        assertEquals("cluster", c.name());
        assertEquals("OVNKubernetes", c.specNetworkType());
        assertEquals("OpenShiftSDN", c.statusNetworkType());
        assertEquals(1450, c.clusterNetworkMTU());
        assertEquals(List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23),
                new NetworkConfig.CidrBlock("10.132.0.0/14", 24)), c.clusterNetworks());
        assertEquals(List.of("172.30.0.0/16"), c.serviceNetworks());
        assertEquals("cluster/networkconfigs.yaml", c.source().file());
        assertEquals(1, c.source().line());
        assertTrue(c.source().text().contains("networkType=OpenShiftSDN clusterNetworkMTU=1450"), c.source().text());

        NetworkConfig installing = readOne("networkconfigs.json", """
                {"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                 "spec": {"networkType": "OVNKubernetes", "clusterNetwork": [{"cidr": "10.128.0.0/14", "hostPrefix": 23}],
                          "serviceNetwork": ["172.30.0.0/16"]},
                 "status": {}}
                """, "networkconfigs", NetworkConfig.class);
        assertNull(installing.statusNetworkType());
        assertNull(installing.clusterNetworkMTU());
        assertEquals(List.of(new NetworkConfig.CidrBlock("10.128.0.0/14", 23)), installing.clusterNetworks());
    }

    @Test
    void networkOperatorSdnAndOvnSettings() throws Exception {
        NetworkOperator sdn = readOne("networkoperators.json", """
                {"apiVersion": "operator.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                 "spec": {"defaultNetwork": {"type": "OpenShiftSDN",
                   "openshiftSDNConfig": {"mode": "NetworkPolicy", "mtu": 1400, "vxlanPort": 4789}}}}
                """, "networkoperators", NetworkOperator.class);
        assertEquals("OpenShiftSDN", sdn.defaultNetworkType());
        assertEquals("NetworkPolicy", sdn.sdnMode());
        assertEquals(4789, sdn.sdnVxlanPort());
        assertEquals(1400, sdn.sdnMtu());
        assertNull(sdn.ovnMtu());
        assertNull(sdn.ovnRoutingViaHost());

        NetworkOperator ovn = readOne("networkoperators.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                 {"apiVersion": "operator.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                  "spec": {"defaultNetwork": {"type": "OVNKubernetes",
                    "ovnKubernetesConfig": {"mtu": 1400, "genevePort": 6081,
                      "gatewayConfig": {"routingViaHost": true}, "ipsecConfig": {"mode": "Full"}}}}}]}
                """, "networkoperators", NetworkOperator.class);
        assertEquals("OVNKubernetes", ovn.defaultNetworkType());
        assertEquals(1400, ovn.ovnMtu());
        assertEquals(6081, ovn.ovnGenevePort());
        assertEquals(Boolean.TRUE, ovn.ovnRoutingViaHost());
        assertEquals("Full", ovn.ovnIpsecMode());
    }

    @Test
    void aNetworkWithoutApiVersionIsTakenByItsFileName() throws Exception {
        NetworkOperator o = readOne("networkoperators.json", """
                {"kind": "Network", "metadata": {"name": "cluster"}, "spec": {"defaultNetwork": {"type": "OpenShiftSDN"}}}
                """, "networkoperators", NetworkOperator.class);
        assertEquals("OpenShiftSDN", o.defaultNetworkType());
        NetworkConfig c = readOne("networkconfigs.json", """
                {"kind": "Network", "metadata": {"name": "cluster"}, "status": {"networkType": "OpenShiftSDN"}}
                """, "networkconfigs", NetworkConfig.class);
        assertEquals("OpenShiftSDN", c.statusNetworkType());
    }

    @Test
    void clusterVersionNewestCompletedElseDesired() throws Exception {
        ClusterVersion v = readOne("clusterversions.json", """
                {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
                 "status": {"desired": {"version": "4.12.5", "image": "quay.io/x@sha256:1"},
                  "history": [
                   {"state": "Partial", "version": "4.12.5", "startedTime": "2023-03-02T10:00:00Z"},
                   {"state": "Completed", "version": "4.11.20", "completionTime": "2023-01-10T10:00:00Z"},
                   {"state": "Completed", "version": "4.12.3", "completionTime": "2023-02-20T10:00:00Z"}]}}
                """, "clusterversions", ClusterVersion.class);
        assertEquals("4.12.3", v.version(), "the newest completed, whatever the list's order");
        assertEquals("4.12.5", v.desiredVersion());
        assertEquals("clusterversion/version version=4.12.3 desired=4.12.5", v.source().text());
        ClusterVersion fresh = readOne("clusterversions.json", """
                {"apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion", "metadata": {"name": "version"},
                 "status": {"desired": {"version": "4.14.8"}, "history": [{"state": "Partial", "version": "4.14.8"}]}}
                """, "clusterversions", ClusterVersion.class);
        assertEquals("4.14.8", fresh.version());
    }

    @Test
    void fourXClusterNetworkMtuAndVxlanPortAndNodeKubeletVersion() throws Exception {
        ClusterNetwork cn = readOne("clusternetworks.json", """
                {"apiVersion": "network.openshift.io/v1", "kind": "ClusterNetwork", "metadata": {"name": "default"},
                 "clusterNetworks": [{"CIDR": "10.128.0.0/14", "hostSubnetLength": 9}], "hostsubnetlength": 9,
                 "mtu": 1450, "network": "10.128.0.0/14", "pluginName": "redhat/openshift-ovs-networkpolicy",
                 "serviceNetwork": "172.30.0.0/16", "vxlanPort": 4789}
                """, "clusternetworks", ClusterNetwork.class);
        assertEquals(1450, cn.mtu());
        assertEquals(4789, cn.vxlanPort());
        ClusterNetwork old = readOne("clusternetworks.json", """
                {"apiVersion": "network.openshift.io/v1", "kind": "ClusterNetwork", "metadata": {"name": "default"},
                 "network": "10.128.0.0/14", "pluginName": "redhat/openshift-ovs-subnet"}
                """, "clusternetworks", ClusterNetwork.class);
        assertNull(old.mtu());
        assertNull(old.vxlanPort());
        Node n = readOne("nodes.json", """
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"},
                 "status": {"nodeInfo": {"kubeletVersion": "v1.25.4+a34b9e9", "osImage": "Red Hat Enterprise Linux CoreOS"}}}
                """, "nodes", Node.class);
        assertEquals("v1.25.4+a34b9e9", n.kubeletVersion());
    }
}
