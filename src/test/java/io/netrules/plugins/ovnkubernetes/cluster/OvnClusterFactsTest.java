package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.TestPaths;
import io.netrules.plugins.ovnkubernetes.model.CloudPrivateIPConfig;
import io.netrules.plugins.ovnkubernetes.model.EgressFirewall;
import io.netrules.plugins.ovnkubernetes.model.EgressIP;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.ExpectedVip;
import io.netrules.plugins.ovnkubernetes.model.KubeEvent;
import io.netrules.plugins.ovnkubernetes.model.NetworkClusterOperator;
import io.netrules.plugins.ovnkubernetes.model.OvnClusterConfig;
import io.netrules.plugins.ovnkubernetes.model.OvnDeployment;
import io.netrules.plugins.ovnkubernetes.model.OvnNode;
import io.netrules.plugins.ovnkubernetes.model.OvnPod;
import io.netrules.plugins.ovnkubernetes.model.OvnService;
import io.netrules.plugins.ovnkubernetes.model.PodContainer;
import io.netrules.plugins.ovnkubernetes.model.PodNetworkConnectivityCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.netrules.plugins.ovnkubernetes.cluster.ClusterRecorder.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OVN plugin's cluster facts from a capture's cluster/ files written as a 4.16 IC cluster writes them. */
class OvnClusterFactsTest {
    static final Path IC = TestPaths.project().resolve("src/test/resources/ovn-cluster/ic");

    private static ClusterRecorder ic() throws Exception {
        return ClusterRecorder.of(IC).derive();
    }

    private static Map<String, OvnNode> nodes(ClusterRecorder r) {
        return of(r.every, OvnNode.class).stream().collect(Collectors.toMap(OvnNode::name, n -> n));
    }

    @Test
    void nodeAnnotationsAreReadAsOvnKubernetesWritesThem() throws Exception {
        ClusterRecorder r = ic();
        OvnNode w0 = nodes(r).get("worker-0");
        assertTrue(w0.ovnNode());
        assertTrue(w0.ready());
        assertEquals("192.168.126.51", w0.internalIP());
        assertEquals(Instant.parse("2026-02-20T08:00:01Z"), w0.created());
        assertEquals("worker-0", w0.zoneName());
        assertTrue(w0.remoteZoneMigrated());
        assertEquals(List.of("10.131.0.0/23"), w0.subnets());
        assertTrue(w0.subnetsAnnotated());
        assertEquals(3, w0.nodeId());
        assertEquals(List.of("100.88.0.3/16"), w0.transitIfAddrs());
        assertEquals(List.of("100.64.0.3/16"), w0.gatewayRouterLrpIfAddrs());
        assertEquals("shared", w0.gatewayMode());
        assertEquals("br-ex", w0.gatewayBridge());
        assertEquals("br-ex_worker-0", w0.gatewayInterface());
        assertEquals("52:54:00:6e:1a:01", w0.gatewayMac());
        assertEquals(List.of("192.168.126.51/24"), w0.gatewayIpAddresses());
        assertEquals(List.of("192.168.126.1"), w0.gatewayNextHops());
        assertTrue(w0.l3GatewayConfigAnnotated());
        assertEquals(List.of("192.168.126.51/24"), w0.primaryIfAddrs());
        assertEquals(List.of("192.168.126.51/24"), w0.hostCidrs());
        assertEquals("169.254.0.0/17", w0.masqueradeSubnet());
        assertEquals("6a1b2c3d-0000-4e5f-8a9b-000000000001", w0.chassisId());
        assertEquals("cluster/nodes.json", w0.source().file());
        assertTrue(w0.source().line() > 1);
    }

    @Test
    void theOlderSingularGatewayRouterAnnotationIsReadToo() throws Exception {
        OvnNode w1 = nodes(ic()).get("worker-1");
        assertEquals(List.of("100.64.0.4/16"), w1.gatewayRouterLrpIfAddrs());
        assertEquals("local", w1.gatewayMode());
    }

    @Test
    void gatewayModeIsANodeInput() throws Exception {
        ClusterRecorder r = ic();
        assertEquals("collected cluster/nodes.json", r.nodeInputs.get("worker-0/gateway-mode"));
    }

    @Test
    void interconnectWhenEveryNodeIsItsOwnZone() throws Exception {
        ClusterRecorder r = ic();
        assertEquals(OvnDeployment.Mode.INTERCONNECT, of(r.every, OvnDeployment.class).get(0).mode());
        assertEquals("cluster/nodes.json", r.collected.get("deployment-mode"));
    }

    @Test
    void legacyAndMixedDeploymentModes(@TempDir Path tmp) throws Exception {
        String nodes = Files.readString(IC.resolve("cluster/nodes.json"));
        // Legacy: every zone-name global (or absent).
        Path legacy = copy(tmp.resolve("legacy"), nodes.replaceAll("\"k8s.ovn.org/zone-name\": \"[^\"]+\"",
                "\"k8s.ovn.org/zone-name\": \"global\""));
        ClusterRecorder l = ClusterRecorder.of(legacy).derive();
        assertEquals(OvnDeployment.Mode.LEGACY, of(l.every, OvnDeployment.class).get(0).mode());
        assertTrue(l.collected.containsKey("deployment-mode"));
        // Mixed: one node migrated (trap 4): mode rules are not evaluated.
        Path mixed = copy(tmp.resolve("mixed"), nodes.replace("\"k8s.ovn.org/zone-name\": \"worker-1\"",
                "\"k8s.ovn.org/zone-name\": \"global\""));
        ClusterRecorder m = ClusterRecorder.of(mixed).derive();
        assertEquals(OvnDeployment.Mode.MIXED, of(m.every, OvnDeployment.class).get(0).mode());
        assertFalse(m.collected.containsKey("deployment-mode"));
        assertTrue(m.notCollected.get("deployment-mode").startsWith("deployment mode: mixed (2 of 3"),
                m.notCollected.get("deployment-mode"));
    }

    @Test
    void windowsNodesAreNotOvnNodesAndDoNotDecideTheMode(@TempDir Path tmp) throws Exception {
        String nodes = Files.readString(IC.resolve("cluster/nodes.json"));
        // worker-1 becomes a Windows node (hybrid overlay) with a global zone: still IC.
        String windows = nodes.replace("\"k8s.ovn.org/zone-name\": \"worker-1\"", "\"k8s.ovn.org/zone-name\": \"global\"");
        int at = windows.indexOf("\"kubernetes.io/hostname\": \"worker-1\"");
        windows = windows.substring(0, at) + windows.substring(at).replaceFirst("\"kubernetes.io/os\": \"linux\"",
                "\"kubernetes.io/os\": \"windows\"");
        ClusterRecorder r = ClusterRecorder.of(copy(tmp, windows)).derive();
        assertFalse(nodes(r).get("worker-1").ovnNode());
        assertEquals(OvnDeployment.Mode.INTERCONNECT, of(r.every, OvnDeployment.class).get(0).mode());
        assertTrue(r.sessionOf("worker-1").stream().noneMatch(f -> f instanceof ExpectedVip),
                "a Windows node's switch is not OVN's");
    }

    @Test
    void badAnnotationJsonIsAWarningWithFileAndLine(@TempDir Path tmp) throws Exception {
        String nodes = Files.readString(IC.resolve("cluster/nodes.json"))
                .replace("{\\\"default\\\":[\\\"10.131.0.0/23\\\"]}", "{\\\"default\\\":[\\\"10.131.0.0/23\\\"");
        ClusterRecorder r = ClusterRecorder.of(copy(tmp, nodes)).derive();
        OvnNode w0 = nodes(r).get("worker-0");
        assertFalse(w0.subnetsAnnotated());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertEquals("cluster/nodes.json", r.warnings.get(0).source());
        assertEquals(w0.source().line(), r.warnings.get(0).line());
        assertTrue(r.warnings.get(0).text().contains("k8s.ovn.org/node-subnets is not valid JSON"));
    }

    @Test
    void networkPodsAreRunningNotDeletingNotHostNetworkWithAnAnnotation() throws Exception {
        ClusterRecorder r = ic();
        Map<String, OvnPod> pods = of(r.clusterSession(), OvnPod.class).stream()
                .collect(Collectors.toMap(OvnPod::name, p -> p));
        OvnPod web = pods.get("web-5d8f7c9b6-2kq8x");
        assertTrue(web.networkPod());
        assertEquals("shop_web-5d8f7c9b6-2kq8x", web.logicalPort());
        assertEquals(List.of("10.131.0.12/23"), web.ipAddresses());
        assertEquals("0a:58:0a:83:00:0c", web.mac());
        assertFalse(pods.get("job-28471-xk2p9").networkPod(), "Succeeded (trap 6)");
        assertFalse(pods.get("web-5d8f7c9b6-old11").networkPod(), "deleting");
        assertTrue(pods.get("web-5d8f7c9b6-old11").deleting());
        assertFalse(pods.get("ovnkube-node-7xk2p").networkPod(), "host network (trap 5)");
        assertEquals("rhel9", pods.get("vm-launcher").vmName());
        assertTrue(pods.get("vm-launcher").networkPod());
        assertEquals("cluster/pods.json", r.collected.get("ovn-pods"));
    }

    @Test
    void containerStatusesOfTheOvnNamespaceIncludingIpsecPods() throws Exception {
        ClusterRecorder r = ic();
        List<PodContainer> w0 = of(r.sessionOf("worker-0"), PodContainer.class);
        PodContainer ctl = w0.stream().filter(c -> c.container().equals("ovnkube-controller")).findFirst().orElseThrow();
        assertFalse(ctl.ready());
        assertEquals(4, ctl.restartCount());
        assertEquals("Error", ctl.lastTerminatedReason());
        assertTrue(ctl.lastTerminatedMessage().contains("failed to start node network controller"));
        assertEquals("ovnkube-node", ctl.app());
        assertTrue(w0.stream().allMatch(c -> "worker-0".equals(c.node())), "only worker-0's pods in its session");
        assertTrue(of(r.sessionOf("worker-1"), PodContainer.class).stream()
                .anyMatch(c -> c.app().equals("ovn-ipsec") && c.container().equals("ovn-ipsec")));
        assertTrue(of(r.clusterSession(), PodContainer.class).stream().noneMatch(c -> c.namespace().equals("shop")));
    }

    @Test
    void servicesInScope() throws Exception {
        Map<String, OvnService> s = of(ic().cluster, OvnService.class).stream()
                .collect(Collectors.toMap(OvnService::name, x -> x));
        assertTrue(s.get("web").inScope());
        assertEquals(List.of("172.30.41.7", "fd02::29a"), s.get("web").clusterIPs());
        assertFalse(s.get("headless").inScope());
        assertFalse(s.get("external").inScope());
        assertFalse(s.get("proxied").inScope());
        assertEquals("Local", s.get("local").internalTrafficPolicy());
        assertTrue(s.get("notready").idled());
        assertTrue(s.get("notready").publishNotReadyAddresses());
    }

    private static Map<String, ExpectedVip> vips(ClusterRecorder r, String node) {
        return of(r.sessionOf(node), ExpectedVip.class).stream()
                .collect(Collectors.toMap(v -> v.service() + " " + v.vip() + "/" + v.protocol(), v -> v));
    }

    @Test
    void readyEndpointsWithTheSlicePortOfTheServicePortsName() throws Exception {
        Map<String, ExpectedVip> v = vips(ic(), "worker-1");
        ExpectedVip http = v.get("web 172.30.41.7:80/tcp");
        assertEquals(List.of("10.131.0.12:8080"), http.backends(), "the not-ready endpoint and the mirror slice are out");
        assertTrue(http.eligibleEndpoints());
        assertEquals(List.of("web-8xk2p@90211"), http.sliceResourceVersions());
        assertEquals("worker-1", http.node());
        assertEquals(List.of("10.131.0.12:5353"), v.get("web 172.30.41.7:53/udp").backends());
        assertEquals(List.of("[fd01:0:0:3::c]:8080"), v.get("web [fd02::29a]:80/tcp").backends());
        assertEquals("cluster/services.json", http.source().file());
    }

    @Test
    void servingTerminatingEndpointsWhenNoneIsReady() throws Exception {
        ExpectedVip d = vips(ic(), "worker-0").get("draining 172.30.41.9:80/tcp");
        assertEquals(List.of("10.131.0.30:8080"), d.backends(), "serving and terminating, not the non-serving one");
    }

    @Test
    void publishNotReadyAddressesTakesEveryEndpoint() throws Exception {
        ExpectedVip n = vips(ic(), "worker-0").get("notready 172.30.41.11:80/tcp");
        assertEquals(List.of("10.131.0.50:80"), n.backends());
        assertTrue(n.idled());
    }

    @Test
    void internalTrafficPolicyLocalKeepsEachNodesOwnEndpoints() throws Exception {
        ClusterRecorder r = ic();
        assertEquals(List.of("10.131.0.20:8443"), vips(r, "worker-0").get("local 172.30.41.8:443/tcp").backends());
        assertEquals(List.of("10.129.2.20:8443"), vips(r, "worker-1").get("local 172.30.41.8:443/tcp").backends());
        ExpectedVip master = vips(r, "master-0").get("local 172.30.41.8:443/tcp");
        assertEquals(List.of(), master.backends());
        assertTrue(master.eligibleEndpoints(), "the service has endpoints, only not on this node");
    }

    @Test
    void servicesOvnKubernetesIgnoresGetNoVip() throws Exception {
        Map<String, ExpectedVip> v = vips(ic(), "worker-0");
        assertTrue(v.keySet().stream().noneMatch(k -> k.startsWith("headless ") || k.startsWith("external ")
                || k.startsWith("proxied ")), v.keySet().toString());
        assertEquals(7, v.size(), v.keySet().toString());
    }

    @Test
    void expectedVipsGoOnlyToTheirNodesSession() throws Exception {
        ClusterRecorder r = ic();
        assertTrue(r.clusterSession().stream().noneMatch(f -> f instanceof ExpectedVip));
        assertTrue(of(r.sessionOf("worker-0"), ExpectedVip.class).stream().allMatch(v -> v.node().equals("worker-0")));
        assertTrue(of(r.sessionOf("worker-0"), OvnPod.class).stream().allMatch(p -> "worker-0".equals(p.node())));
        assertEquals(3, of(r.sessionOf("worker-0"), OvnNode.class).size(), "every OvnNode in every session");
    }

    @Test
    void endpointSlicesKeepConditionsAndLabels() throws Exception {
        Map<String, EndpointSlice> s = of(ic().cluster, EndpointSlice.class).stream()
                .collect(Collectors.toMap(EndpointSlice::name, x -> x));
        assertEquals("web", s.get("web-8xk2p").serviceName());
        assertEquals(Boolean.FALSE, s.get("web-8xk2p").endpoints().get(1).ready());
        assertEquals("worker-1", s.get("web-8xk2p").endpoints().get(1).nodeName());
        assertEquals(ExpectedVips.MIRROR_CONTROLLER, s.get("web-mirror-1").managedBy());
        assertTrue(s.get("headless-x").headless());
        assertEquals("IPv6", s.get("web-v6xq1").addressType());
    }

    @Test
    void clusterConfigFromTheFirstSourceThatSaysIt() throws Exception {
        ClusterRecorder r = ic();
        OvnClusterConfig c = of(r.every, OvnClusterConfig.class).get(0);
        assertEquals(1400, c.clusterMtu());
        assertEquals(6081, c.genevePort());
        assertEquals("Full", c.ipsecMode());
        assertEquals(Boolean.FALSE, c.routingViaHost());
        assertEquals("Restricted", c.ipForwarding());
        assertEquals("100.64.0.0/16", c.joinSubnet());
        assertEquals("100.88.0.0/16", c.transitSubnet());
        assertEquals("169.254.0.0/17", c.masqueradeSubnet());
        assertFalse(c.hybridOverlay());
        assertEquals(List.of("192.168.126.0/24"), c.machineNetworks());
        assertEquals("shared", c.gatewayModeConfig());
        assertEquals("cluster/networkoperators.json", c.source().file());
        assertEquals("cluster/configmaps.json", r.collected.get("install-config"));
        assertEquals("cluster/configmaps.json", r.collected.get("ovnkube-config"));
    }

    @Test
    void ovnkubeConfigGivesWhatTheOperatorDoesNotSay(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("c");
        Files.createDirectories(dir.resolve("cluster"));
        Files.copy(IC.resolve("cluster/configmaps.json"), dir.resolve("cluster/configmaps.json"));
        Files.copy(IC.resolve("cluster/nodes.json"), dir.resolve("cluster/nodes.json"));
        ClusterRecorder r = ClusterRecorder.of(dir).derive();
        OvnClusterConfig c = of(r.every, OvnClusterConfig.class).get(0);
        assertEquals(1400, c.clusterMtu(), "ovnkube.conf [default] mtu");
        assertEquals(6081, c.genevePort(), "ovnkube.conf [default] encap-port");
        assertNull(c.ipsecMode());
        assertEquals("cluster/configmaps.json", c.source().file());
    }

    @Test
    void egressObjectsEventsChecksAndTheNetworkOperatorStatus() throws Exception {
        ClusterRecorder r = ic();
        EgressIP eip = of(r.cluster, EgressIP.class).get(0);
        assertEquals(List.of("192.168.126.100", "192.168.126.101"), eip.specEgressIPs());
        assertEquals(List.of(new EgressIP.Assignment("192.168.126.100", "worker-0")), eip.status());
        EgressFirewall ef = of(r.cluster, EgressFirewall.class).get(0);
        assertEquals("api.example.com", ef.rules().get(0).dnsName());
        assertEquals(443, ef.rules().get(0).ports().get(0).port());
        assertEquals("0.0.0.0/0", ef.rules().get(1).cidrSelector());
        assertEquals("EgressFirewall Rules applied", ef.status());
        CloudPrivateIPConfig cpic = of(r.cluster, CloudPrivateIPConfig.class).get(0);
        assertEquals("True", cpic.assigned());
        assertEquals("worker-0", cpic.statusNode());
        PodNetworkConnectivityCheck pnc = of(r.cluster, PodNetworkConnectivityCheck.class).get(0);
        assertEquals("False", pnc.reachable());
        assertTrue(pnc.lastFailure().contains("i/o timeout"), "the newest failure");
        KubeEvent e = of(r.cluster, KubeEvent.class).get(0);
        assertEquals("FailedCreatePodSandBox", e.reason());
        assertEquals(14, e.count());
        assertEquals(Instant.parse("2026-03-02T10:12:00Z"), e.lastTimestamp());
        assertEquals("web-5d8f7c9b6-9wz4t", e.objectName());
        NetworkClusterOperator co = of(r.cluster, NetworkClusterOperator.class).get(0);
        assertEquals(Boolean.TRUE, co.degraded());
        assertTrue(co.degradedMessage().startsWith("RolloutHung: "));
    }

    @Test
    void anEventWithoutCountAndAnOperatorWithoutGenevePortAreReadNotCrashedOn(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // Both once threw: "cond ? int : Integer" unboxes the Integer, and a null then fails.
        Files.createDirectories(dir.resolve("cluster"));
        Files.copy(IC.resolve("cluster/nodes.json"), dir.resolve("cluster/nodes.json"));
        Files.writeString(dir.resolve("cluster/events.json"), """
                {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Event",
                 "metadata":{"name":"web-1.17a","namespace":"demo"},"reason":"FailedCreatePodSandBox",
                 "message":"timed out waiting for annotations",
                 "involvedObject":{"kind":"Pod","namespace":"demo","name":"web-1"}}]}
                """);
        Files.writeString(dir.resolve("cluster/networkoperators.json"), """
                {"apiVersion":"operator.openshift.io/v1","kind":"Network","metadata":{"name":"cluster"},
                 "spec":{"defaultNetwork":{"type":"OVNKubernetes","ovnKubernetesConfig":{"mtu":1400}}}}
                """);
        ClusterRecorder r = ClusterRecorder.of(dir).derive();
        KubeEvent e = of(r.cluster, KubeEvent.class).get(0);
        assertNull(e.count());
        assertEquals("web-1", e.objectName());
        assertNull(of(r.every, OvnClusterConfig.class).get(0).genevePort());
    }

    private static Path copy(Path dir, String nodesJson) throws Exception {
        Files.createDirectories(dir.resolve("cluster"));
        try (var s = Files.list(IC.resolve("cluster"))) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve("cluster").resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("cluster/nodes.json"), nodesJson);
        return dir;
    }
}
