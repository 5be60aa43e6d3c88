package io.netrules.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A netrules capture's container logs, {@code logs/<namespace>/<pod>/<container>[.previous].log}
 * (live mode writes them), beside the pod logs {@code logs/<namespace>/<pod>.log}: each container's
 * previous log before its current one, no "unknown file" warning for a pod's folder, and the pod
 * logs as before.
 */
class ContainerLogsTest {
    @Test
    void containerLogsAreListedPreviousFirstBesideThePodLogs(@TempDir Path tmp) throws Exception {
        Path pod = Files.createDirectories(tmp.resolve("logs/openshift-ovn-kubernetes/ovnkube-node-m5ft2"));
        Files.writeString(pod.resolve("ovn-controller.log"), "current\n");
        Files.writeString(pod.resolve("ovn-controller.previous.log"), "previous\n");
        Files.writeString(pod.resolve("ovnkube-node.log"), "current\n");
        Files.writeString(pod.resolve("notes.txt"), "not a log\n");
        Files.writeString(tmp.resolve("logs/openshift-ovn-kubernetes/router-1.log"), "a pod log\n");
        Capture c = Capture.open(tmp);
        assertEquals(List.of(
                        "openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovn-controller previous "
                                + "logs/openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovn-controller.previous.log",
                        "openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovn-controller current "
                                + "logs/openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovn-controller.log",
                        "openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovnkube-node current "
                                + "logs/openshift-ovn-kubernetes/ovnkube-node-m5ft2/ovnkube-node.log"),
                c.containerLogs().stream().map(l -> l.namespace() + "/" + l.pod() + "/" + l.container() + " "
                        + (l.previous() ? "previous" : "current") + " " + l.display()).toList());
        assertEquals(List.of("openshift-ovn-kubernetes/router-1"), List.copyOf(c.podLogs().keySet()));
        assertEquals(List.of(), c.warnings().stream().filter(w -> w.source().startsWith("logs/")).toList());
    }
}
