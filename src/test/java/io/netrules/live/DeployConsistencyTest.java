package io.netrules.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.deploy.DeployManifests;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/deploy/ agrees with itself and with what --exec-collect looks for: the DaemonSet's
 * namespace, label, container and host mount; the Containerfile's launcher path and the tools the
 * collector runs. (The image cannot be built here: no container engine.)
 */
class DeployConsistencyTest {
    /** The Debian package of each tool the collector runs (checked with dpkg -S on Debian 12). */
    static final Map<String, String> PACKAGE_OF = Map.of("ip", "iproute2", "sysctl", "procps",
            "ovs-vsctl", "openvswitch-switch", "ovs-ofctl", "openvswitch-common", "iptables-save", "iptables",
            "ethtool", "ethtool", "ping", "iputils-ping", "tracepath", "iputils-tracepath", "journalctl", "systemd",
            "tar", "tar");

    @Test
    void theDaemonSetIsWhatExecCollectLooksFor() throws Exception {
        JsonNode ds = DeployManifests.object("daemonset.yaml", "DaemonSet", "netrules-collector");
        String ns = ds.at("/metadata/namespace").asText();
        assertEquals("netrules", ns, "--collector-namespace's default");
        assertEquals(ns, DeployManifests.objects("namespace.yaml").get(0).at("/metadata/name").asText());
        assertEquals(ExecCollector.LABEL_VALUE, ds.at("/spec/selector/matchLabels/" + ExecCollector.LABEL_KEY).asText());
        JsonNode pod = ds.at("/spec/template/spec");
        assertEquals(ExecCollector.LABEL_VALUE, ds.at("/spec/template/metadata/labels/" + ExecCollector.LABEL_KEY).asText());
        assertTrue(pod.path("hostNetwork").asBoolean() && pod.path("hostPID").asBoolean());
        JsonNode c = pod.path("containers").get(0);
        assertEquals(ExecCollector.CONTAINER, c.path("name").asText());
        assertTrue(c.at("/securityContext/privileged").asBoolean());
        assertTrue(c.path("command").isMissingNode(), "the image's entrypoint runs");
        JsonNode mount = c.path("volumeMounts").get(0);
        assertEquals(ExecCollector.HOST_ROOT, mount.path("mountPath").asText());
        assertTrue(mount.path("readOnly").asBoolean(), "the node's files are only read");
        JsonNode volume = pod.path("volumes").get(0);
        assertEquals(mount.path("name").asText(), volume.path("name").asText());
        assertEquals("/", volume.at("/hostPath/path").asText());
        boolean ovs = false;
        for (JsonNode env : c.path("env")) {
            if (env.path("name").asText().equals("OVS_RUNDIR")) {
                assertTrue(env.path("value").asText().startsWith(ExecCollector.HOST_ROOT + "/"));
                ovs = true;
            }
        }
        assertTrue(ovs, "OVS tools find the node's sockets under the host root");

        String sa = pod.path("serviceAccountName").asText();
        JsonNode account = DeployManifests.object("rbac.yaml", "ServiceAccount", sa);
        assertFalse(account.path("automountServiceAccountToken").asBoolean(true), "the collector needs no API token");
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        for (JsonNode o : DeployManifests.objects("rbac.yaml")) {
            for (JsonNode s : o.path("subjects")) {
                assertFalse(s.path("name").asText().equals(sa), "the collector is bound to no role: " + o);
            }
        }
        String image = c.path("image").asText();
        String containerfile = Files.readString(DeployManifests.dir().resolve("Containerfile"));
        assertTrue(containerfile.contains("-t " + image + " "), "the Containerfile's build line tags " + image);
    }

    @Test
    void theContainerfileHasTheLauncherAndEveryToolTheCollectorRuns() throws Exception {
        String containerfile = Files.readString(DeployManifests.dir().resolve("Containerfile"));
        assertTrue(containerfile.contains("COPY docs/deploy/netrules " + ExecCollector.NETRULES + "\n"), containerfile);
        Matcher jar = Pattern.compile("COPY target/netrules.jar (\\S+)").matcher(containerfile);
        assertTrue(jar.find());
        assertTrue(Files.readString(DeployManifests.dir().resolve("netrules")).contains("-jar " + jar.group(1) + " "),
                "the launcher runs the jar where the image puts it");
        Matcher entry = Pattern.compile("COPY docs/deploy/collector-entrypoint.sh (\\S+)").matcher(containerfile);
        assertTrue(entry.find());
        assertTrue(containerfile.contains("ENTRYPOINT [\"" + entry.group(1) + "\"]"));

        Set<String> tools = new TreeSet<>(List.of("tar"));
        for (FactSource s : FactSources.collected()) {
            if (!s.copied()) {
                tools.add(s.command().split(" ")[0]);
            }
        }
        Matcher install = Pattern.compile("apt-get install -y --no-install-recommends ([^&]+)&&").matcher(containerfile);
        assertTrue(install.find());
        Set<String> packages = new TreeSet<>(List.of(install.group(1).replace("\\", " ").trim().split("\\s+")));
        Map<String, String> missing = new TreeMap<>();
        for (String tool : tools) {
            String pkg = PACKAGE_OF.get(tool);
            if (pkg == null || !packages.contains(pkg)) {
                missing.put(tool, pkg);
            }
        }
        assertEquals(Map.of(), missing, "tools the collector runs that the image does not install");
        assertTrue(packages.contains("openjdk-17-jre-headless"));
    }
}
