package io.netrules.cli;

import io.netrules.TestPaths;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar reads archives (commons-compress and xz are in it) and removes its temp folder
 * when interrupted: the user's Ctrl-C is a SIGINT, which runs the shutdown hook.
 */
class ArchiveCliIT {

    private static void tar(OutputStream compressed, Path capture, long zeros) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            try (Stream<Path> walk = Files.walk(capture)) {
                for (Path p : walk.sorted().toList()) {
                    if (Files.isRegularFile(p)) {
                        byte[] data = Files.readAllBytes(p);
                        TarArchiveEntry e = new TarArchiveEntry(capture.relativize(p).toString(), true);
                        e.setSize(data.length);
                        tar.putArchiveEntry(e);
                        tar.write(data);
                        tar.closeArchiveEntry();
                    }
                }
            }
            byte[] block = new byte[1 << 20];
            for (int n = 0; zeros > 0 && n < 2; n++) {
                TarArchiveEntry e = new TarArchiveEntry("logs/default/zeros-" + n + ".log", true);
                e.setSize(zeros / 2);
                tar.putArchiveEntry(e);
                for (long w = 0; w < zeros / 2; w += block.length) {
                    tar.write(block);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void theJarReadsATarXzAsItReadsTheFolder(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("vxlan.tar.xz");
        try (OutputStream f = Files.newOutputStream(archive); XZCompressorOutputStream xz = new XZCompressorOutputStream(f)) {
            tar(xz, TestPaths.sample("broken-vxlan-flows"), 0);
        }
        CliIT.Run folder = CliIT.jar("diagnose", "--capture", "facts-samples/broken-vxlan-flows", "--format", "json");
        CliIT.Run fromArchive = CliIT.jar("diagnose", "--capture", archive.toString(), "--format", "json");
        assertEquals(1, fromArchive.status(), fromArchive.err());
        assertEquals(folder.out(), fromArchive.out());
    }

    @Test
    void ctrlCRemovesTheTempFolder(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("big.tar.gz");
        try (OutputStream f = Files.newOutputStream(archive); GzipCompressorOutputStream gz = new GzipCompressorOutputStream(f)) {
            // 1 GiB of zeros in two log entries: about a MiB packed, and seconds to extract, so the
            // signal lands while the temp folder exists even on a loaded machine (with 256 MiB, a
            // CI run at load 10 once finished the diagnosis before the kill process had started).
            tar(gz, TestPaths.sample("broken-vxlan-flows"), 1L << 30);
        }
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + javaTmp, "-jar", "target/netrules.jar", "diagnose", "--capture",
                archive.toString()).directory(TestPaths.project().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean seen = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!seen && p.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(javaTmp)) {
                seen = s.anyMatch(d -> d.getFileName().toString().startsWith("netrules-"));
            }
            if (!seen) {
                Thread.sleep(5);
            }
        }
        assertTrue(seen, "the extraction's temp folder appeared under java.io.tmpdir");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "netrules ends on SIGINT");
        // 130 = killed by SIGINT: the signal came while it ran, so the hook is what cleaned up.
        assertEquals(130, p.exitValue(), "interrupted, not finished");
        try (Stream<Path> s = Files.list(javaTmp)) {
            assertEquals(List.of(), s.toList(), "no temp folder left after Ctrl-C");
        }
    }
}
