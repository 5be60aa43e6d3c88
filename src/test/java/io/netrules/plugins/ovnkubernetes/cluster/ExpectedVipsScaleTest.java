package io.netrules.plugins.ovnkubernetes.cluster;

import io.netrules.model.ServicePort;
import io.netrules.model.Source;
import io.netrules.plugins.ovnkubernetes.model.EndpointSlice;
import io.netrules.plugins.ovnkubernetes.model.ExpectedVip;
import io.netrules.plugins.ovnkubernetes.model.OvnService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 nodes × 2000 services: the VIPs are computed once (4000 here) and each node's 4000 facts
 * only when its session is built, sharing the Cluster-policy backend lists.
 */
class ExpectedVipsScaleTest {
    @Test
    void fiveHundredNodesTwoThousandServices() {
        List<OvnService> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        Set<String> nodes = new HashSet<>();
        for (int n = 0; n < 500; n++) {
            nodes.add("worker-" + n);
        }
        for (int s = 0; s < 2000; s++) {
            String ip = "172.30." + (s / 250) + "." + (s % 250 + 1);
            services.add(new OvnService("ns" + s % 40, "svc" + s, "ClusterIP", List.of(ip),
                    List.of(new ServicePort("http", 80, "8080", "TCP"), new ServicePort("metrics", 9090, "9090", "TCP")),
                    s % 10 == 0 ? "Local" : "Cluster", false, false, true, Source.of("cluster/services.json", s, "s")));
            List<EndpointSlice.Endpoint> eps = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                eps.add(new EndpointSlice.Endpoint(List.of("10." + (128 + e) + "." + (s / 250) + "." + (s % 250 + 1)),
                        true, true, false, "worker-" + (s * 3 + e) % 500));
            }
            slices.add(new EndpointSlice("ns" + s % 40, "svc" + s + "-abcde", "svc" + s,
                    "endpointslice-controller.k8s.io", false, "IPv4", eps,
                    List.of(new EndpointSlice.Port("http", 8080, "TCP"), new EndpointSlice.Port("metrics", 9090, "TCP")),
                    "1", Source.of("cluster/endpointslices.json", s, "e")));
        }
        long t0 = System.nanoTime();
        ExpectedVips vips = ExpectedVips.of(services, slices, nodes);
        long t1 = System.nanoTime();
        long facts = 0;
        List<ExpectedVip> first = null;
        for (String node : nodes) {
            List<ExpectedVip> v = vips.forNode(node);
            facts += v.size();
            if (first == null) {
                first = v;
            } else {
                // Cluster-policy services: one backend list for every node.
                assertSame(first.get(3).backends(), v.get(3).backends());
            }
        }
        long t2 = System.nanoTime();
        System.out.printf("ExpectedVips: %d VIPs computed in %d ms; %d facts for 500 node sessions in %d ms%n",
                vips.vipsPerNode(), (t1 - t0) / 1_000_000, facts, (t2 - t1) / 1_000_000);
        assertEquals(4000, vips.vipsPerNode());
        assertEquals(2_000_000, facts);
        assertTrue((t2 - t0) / 1_000_000 < 20_000, "well under a second per session on a shared 2-core machine");
    }
}
