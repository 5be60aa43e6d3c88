package io.netrules.live;

import io.netrules.capture.FactSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The script exec'd in an OpenShift 4 sdn pod, run here by sh on a fake node: stub commands on
 * PATH print what they were called with (ovs-vsctl fails as when OVS is down), the host's root
 * holds an etc/resolv.conf. The tar it writes holds each command's output under its capture
 * name, the failure text included, the copied file, and the list of failed commands.
 */
class SdnScriptTest {

    private static void stub(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theScriptWritesEachCommandToItsCaptureFileAndListsTheFailures(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("ip", "sysctl", "ovs-ofctl", "iptables-save")) {
            stub(bin, tool, "echo \"" + tool + " $*\"");
        }
        stub(bin, "ovs-vsctl", "echo 'ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed "
                + "(No such file or directory)' >&2; exit 1");
        Path host = tmp.resolve("host");
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/resolv.conf"), "search example.com\nnameserver 10.0.0.254\n");

        List<String> command = new ArrayList<>(List.of("sh", "-c", SdnPodExecMockTest.SDN_SCRIPT, "netrules-collect",
                "node-a", "5"));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Only the stubs and the shell's own tools (mktemp, tar, cat, dirname, timeout).
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("NETRULES_HOST_ROOT", host.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());

        Path got = tmp.resolve("got");
        TarReader.extract(new java.io.ByteArrayInputStream(out.toByteArray()), got, 1 << 20);
        Path node = got.resolve("nodes/node-a");
        assertEquals("ip -d address\n", Files.readString(node.resolve("ip_-d_address")));
        assertEquals("ip route show table all\n", Files.readString(node.resolve("ip_route_show_table_all")));
        assertEquals("ovs-ofctl -O OpenFlow13 dump-flows br0\n",
                Files.readString(node.resolve("ovs-ofctl_-O_OpenFlow13_dump-flows_br0")));
        assertEquals("iptables-save \n".strip(), Files.readString(node.resolve("iptables-save")).strip());
        assertTrue(Files.readString(node.resolve("ovs-vsctl_-t_5_show")).contains("database connection failed"),
                "the failure's text is kept: it is NR-OVS-001's evidence");
        assertEquals("search example.com\nnameserver 10.0.0.254\n", Files.readString(node.resolve("etc/resolv.conf")));
        assertFalse(Files.exists(node.resolve("etc/origin/node/node-config.yaml")), "no node-config.yaml on 4.x");
        assertEquals("ovs-vsctl_-t_5_list-br\t1\novs-vsctl_-t_5_show\t1\n",
                Files.readString(got.resolve(ExecCollector.FAILED_LIST)));
        // Every file the script wrote is one the capture reader knows.
        try (var files = Files.walk(node)) {
            files.filter(Files::isRegularFile).forEach(f -> assertTrue(
                    FactSources.match(node.relativize(f).toString()).isPresent(), f.toString()));
        }
    }
}
