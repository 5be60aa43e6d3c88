package io.netrules.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged (shaded) jar finds both network plugins with ServiceLoader: the services file
 * survives shading, so a 3.x capture is openshift-sdn's and a 4.x OVN-Kubernetes one is
 * detected, with openshift-sdn's rules not applicable to it.
 */
class PluginsJarIT {
    @TempDir
    Path tmp;

    @Test
    void theJarDetectsOpenShiftSdnOnASampleAndOvnKubernetesOnAFourXCapture() throws Exception {
        CliIT.Run sdn = CliIT.jar("diagnose", "--capture", "facts-samples/healthy-3node", "--format", "json");
        assertEquals(0, sdn.status(), sdn.err());
        assertTrue(sdn.out().contains("\"platform\" : \"OKD 3.11\",\n    \"plugin\" : \"openshift-sdn\",\n"
                + "    \"notApplicable\" : 45"), sdn.out() + "\n(the 45 OVN-Kubernetes rules are not applicable)");

        Path ovn = tmp.resolve("ovn");
        Files.createDirectories(ovn.resolve("cluster"));
        Files.writeString(ovn.resolve("cluster/networkconfigs.json"), """
                {"apiVersion": "config.openshift.io/v1", "kind": "Network", "metadata": {"name": "cluster"},
                 "status": {"networkType": "OVNKubernetes", "clusterNetworkMTU": 1400}}
                """);
        CliIT.Run r = CliIT.jar("diagnose", "--capture", ovn.toString());
        assertTrue(r.out().contains("Platform: not known; network plugin: ovn-kubernetes\n"), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\\n\\d+ rules of other network plugins not applicable \\(plugin: "
                + "ovn-kubernetes\\)\\n.*"), r.out());
        assertTrue(!r.out().contains("NR-OVS-005"), "openshift-sdn's rules are not listed:\n" + r.out());
    }
}
