package io.netrules.parse.ip;

import io.netrules.model.ParseWarning;
import io.netrules.model.Sysctl;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlParserTest {
    private static ParseContext.Collecting parse(String file, String detail, String text) {
        return ParseContext.collecting("node-1", "nodes/node-1/" + file, "sysctl_-a", detail)
                .parse(new SysctlParser(), text);
    }

    private static Sysctl key(ParseContext.Collecting c, String key) {
        return c.facts(Sysctl.class).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key));
    }

    @Test
    void readsSysctlAll() {
        var c = parse("sysctl_-a", null, Samples.read("sysctl_-a"));
        assertEquals(List.of(), c.warnings, "reading-key and permission lines are normal sysctl -a noise");
        assertNull(c.ctx.toolError());
        assertEquals(25, c.facts(Sysctl.class).size());
        Sysctl forward = key(c, "net.ipv4.ip_forward");
        assertEquals("1", forward.value());
        assertEquals("node-1", forward.node());
        assertEquals(20, forward.source().line());
        assertEquals("net.ipv4.ip_forward = 1", forward.source().text());
        assertEquals("1", key(c, "net.bridge.bridge-nf-call-iptables").value());
        assertEquals("0", key(c, "net.ipv4.conf.vxlan_sys_4789.rp_filter").value());
        assertEquals("32768\t60999", key(c, "net.ipv4.ip_local_port_range").value());
        assertEquals("4096\t87380\t6291456", key(c, "net.ipv4.tcp_rmem").value());
        assertEquals("(none)", key(c, "kernel.domainname").value());
        assertEquals("|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %e", key(c, "kernel.core_pattern").value());
        List<String> cdrom = c.facts(Sysctl.class).stream().filter(s -> s.key().equals("dev.cdrom.info"))
                .map(Sysctl::value).toList();
        assertEquals(List.of("CD-ROM information, Id: cdrom.c 3.20 2003/12/17", "", "drive name:\t\tsr0"), cdrom);
    }

    @Test
    void permissionDeniedOnKeyIsQuiet() {
        var c = parse("sysctl_-a", null, """
                fs.protected_hardlinks = 1
                sysctl: permission denied on key 'fs.protected_regular'
                sysctl: permission denied on key "kernel.cad_pid", ignoring
                net.ipv4.ip_forward = 0
                """);
        assertEquals(List.of(), c.warnings);
        assertNull(c.ctx.toolError());
        assertEquals("0", key(c, "net.ipv4.ip_forward").value());
    }

    @Test
    void singleKeyFile() {
        var c = parse("sysctl_net.ipv4.ip_forward", "net.ipv4.ip_forward", "net.ipv4.ip_forward = 1\n");
        assertEquals(List.of(), c.warnings);
        assertEquals("1", key(c, "net.ipv4.ip_forward").value());
    }

    @Test
    void valueOnlyFileTakesItsKeyFromTheFileName() {
        var c = parse("sysctl_net.ipv4.ip_forward", "net.ipv4.ip_forward", "0\n");
        assertEquals(List.of(), c.warnings);
        Sysctl s = key(c, "net.ipv4.ip_forward");
        assertEquals("0", s.value());
        assertEquals(1, s.source().line());
        assertEquals("0", s.source().text());

        var range = parse("sysctl_net.ipv4.ip_local_port_range", "net.ipv4.ip_local_port_range", "32768\t60999\r\n");
        assertEquals("32768\t60999", key(range, "net.ipv4.ip_local_port_range").value());
    }

    @Test
    void valueOnlyLinesWithoutAKeyToNameThemAreWarnings() {
        var c = parse("sysctl_-a", "-a", "net.ipv4.ip_forward = 1\n1\n");
        assertEquals(List.of(2), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(1, c.facts(Sysctl.class).size());

        var twice = parse("sysctl_net.ipv4.ip_forward", "net.ipv4.ip_forward", "1\n0\n");
        assertEquals(List.of(1, 2), twice.warnings.stream().map(ParseWarning::line).toList());
        assertEquals(List.of(), twice.facts(Sysctl.class));
    }

    @Test
    void missingKeyIsAToolFailure() {
        var c = parse("sysctl_net.bridge.bridge-nf-call-iptables", "net.bridge.bridge-nf-call-iptables",
                "sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n");
        assertEquals(ToolErrorKind.OTHER, c.ctx.toolError().kind());
        assertEquals(1, c.ctx.toolError().source().line());
        assertEquals(List.of(), c.facts(Sysctl.class));
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void commandNotFoundIsAToolFailure() {
        var c = parse("sysctl_-a", null, "bash: sysctl: command not found\n");
        assertEquals(ToolErrorKind.NOT_INSTALLED, c.ctx.toolError().kind());
    }

    @Test
    void garbageLinesBecomeWarningsWithTheirLineNumbers() {
        var c = parse("sysctl_-a", null, "net.ipv4.ip_forward = 1\r\n\u0000\u0001\uFFFD=\uFFFD\nno equals sign here\n"
                + "  net.ipv4.conf.all.rp_filter = 1  \n");
        assertEquals(List.of(2, 3), c.warnings.stream().map(ParseWarning::line).toList());
        assertEquals("1", key(c, "net.ipv4.conf.all.rp_filter").value());
        assertEquals("1", key(c, "net.ipv4.ip_forward").value());
    }

    @Test
    void emptyFileGivesNothing() {
        var c = parse("sysctl_-a", null, "");
        assertTrue(c.facts.isEmpty());
        assertTrue(c.warnings.isEmpty());
        var single = parse("sysctl_net.ipv4.ip_forward", "net.ipv4.ip_forward", "");
        assertTrue(single.facts.isEmpty());
        assertTrue(single.warnings.isEmpty());
    }
}
