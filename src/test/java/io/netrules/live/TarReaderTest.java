package io.netrules.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node folder comes back as `tar -cf -`: taken as files and folders, nothing outside, no links. */
class TarReaderTest {

    static byte[] tar(Path dir, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tar", "-C", dir.toString(), "-cf", "-"));
        cmd.addAll(List.of(extra));
        cmd.add(".");
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
        return out;
    }

    @Test
    void aFolderComesBackAsItWas(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        String longName = "journalctl_--no-pager_--unit_atomic-openshift-node-" + "x".repeat(120);
        Files.createDirectories(src.resolve("nodes/node-1/etc/origin/node"));
        Files.writeString(src.resolve("nodes/node-1/" + longName), "long names too\n");
        Files.writeString(src.resolve("nodes/node-1/etc/origin/node/node-config.yaml"), "mtu: 1450\n");
        Files.write(src.resolve("nodes/node-1/big"), new byte[70_000]);
        Files.writeString(src.resolve("capture.json"), "{}\n");
        for (String format : List.of("--format=gnu", "--format=posix")) {
            Path into = tmp.resolve("into" + format.substring(9));
            int files = TarReader.extract(new ByteArrayInputStream(tar(src, format)), into, 1 << 20);
            assertEquals(4, files, format);
            assertEquals("long names too\n", Files.readString(into.resolve("nodes/node-1/" + longName)));
            assertEquals("mtu: 1450\n", Files.readString(into.resolve("nodes/node-1/etc/origin/node/node-config.yaml")));
            assertEquals(70_000, Files.size(into.resolve("nodes/node-1/big")));
        }
    }

    @Test
    void linksAreRefusedNotFollowed(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/nodes/node-1"));
        Files.createSymbolicLink(src.resolve("resolv.conf"), Path.of("/etc/passwd"));
        Path into = tmp.resolve("into");
        TarReader.BadTarException e = assertThrows(TarReader.BadTarException.class,
                () -> TarReader.extract(new ByteArrayInputStream(tar(tmp.resolve("src"))), into, 1 << 20));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(into.resolve("nodes/node-1/resolv.conf")));
    }

    @Test
    void aPathOutsideTheFolderIsRefused(@TempDir Path tmp) throws Exception {
        for (String name : List.of("../escaped", "/etc/escaped", "nodes/../../escaped")) {
            TarReader.BadTarException e = assertThrows(TarReader.BadTarException.class,
                    () -> TarReader.extract(new ByteArrayInputStream(entry(name, "x")), tmp.resolve("into"), 1 << 20));
            assertTrue(e.getMessage().contains("not taken"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("escaped")));
    }

    @Test
    void moreThanTheCapIsRefused(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("big"), new byte[4096]);
        assertThrows(TarReader.BadTarException.class,
                () -> TarReader.extract(new ByteArrayInputStream(tar(src)), tmp.resolve("into"), 1000));
        assertThrows(TarReader.BadTarException.class, () -> TarReader.extract(
                new ByteArrayInputStream("not a tar stream at all".repeat(40).getBytes()), tmp.resolve("x"), 1000));
    }

    /** One ustar entry with any name, as a hostile pod could send it. */
    static byte[] entry(String name, String content) throws Exception {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, header, 0, n.length);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length()));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        byte[] data = new byte[512];
        System.arraycopy(content.getBytes(StandardCharsets.UTF_8), 0, data, 0, content.length());
        out.write(data);
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] b, int off, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, b, off, v.length);
    }

}
