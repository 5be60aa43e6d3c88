package io.netrules.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netrules.capture.Capture;
import io.netrules.capture.CaptureException;
import io.netrules.engine.Evaluator;
import io.netrules.model.ParseWarning;
import io.netrules.parse.Line;
import io.netrules.parse.Lines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fuzzes the capture reader: {@link Capture#open} (capture.json, the layout of cluster/, nodes/,
 * logs/, probes/) and everything {@link Evaluator#parseOnly} then reads (cluster objects, probes,
 * every node file through its parser, pod logs), exactly as a diagnosis reads a capture, without
 * firing rules. The input is a capture packed as text: each file starts with a line
 * {@code === <capture-relative path>} and its bytes follow up to the next such line. Paths are
 * kept inside a temporary folder (no {@code ..}, no absolute path, printable ASCII only).
 */
class CaptureFuzzTest {
    static final String MARK = "=== ";
    private static final int MAX_FILES = 64;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_NAME = 80;

    private static Path root;

    @BeforeAll
    static void mode() {
        FuzzMode.configure();
    }

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // per input: a loop is a finding
    void capture(byte[] input) throws IOException {
        Path dir = emptyRoot();
        unpack(input, dir);
        Map<String, Integer> lines = lineCounts(dir);
        List<String> names = new ArrayList<>(lines.keySet());
        names.add(dir.toString());
        List<Object> facts = new ArrayList<>();
        List<ParseWarning> warnings = new ArrayList<>();
        try {
            Evaluator.parseOnly(Capture.open(dir), 1, facts::add, warnings);
        } catch (CaptureException e) {
            FuzzOracle.checkCaptureException(e, names);
            return;
        }
        FuzzOracle.checkWarnings(warnings, lines);
        FuzzOracle.checkSources(facts, lines);
    }

    /** Writes the packed files under dir; an entry whose path cannot be made a file is skipped. */
    static void unpack(byte[] input, Path dir) {
        int at = 0;
        int files = 0;
        while (at < input.length && files < MAX_FILES) {
            int start = startsWithMark(input, at) ? at : nextMark(input, at);
            if (start < 0) {
                return;
            }
            int headerEnd = indexOf(input, (byte) '\n', start);
            int bodyStart = headerEnd < 0 ? input.length : headerEnd + 1;
            int next = nextMark(input, bodyStart == input.length ? input.length : bodyStart - 1);
            int bodyEnd = next < 0 ? input.length : next;
            String header = new String(input, start + MARK.length(),
                    (headerEnd < 0 ? input.length : headerEnd) - start - MARK.length(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            Path p = safePath(dir, header);
            if (p != null) {
                try {
                    Files.createDirectories(p.getParent());
                    byte[] body = java.util.Arrays.copyOfRange(input, bodyStart, bodyEnd);
                    Files.write(p, body);
                    files++;
                } catch (IOException e) {
                    // a path that clashes with an earlier file or folder: not part of this capture
                }
            }
            if (next < 0) {
                return;
            }
            at = next;
        }
    }

    /** The path under dir that a header names, or null if nothing is left of it. */
    static Path safePath(Path dir, String header) {
        List<String> parts = new ArrayList<>();
        for (String part : header.strip().split("/")) {
            StringBuilder b = new StringBuilder();
            for (char c : part.toCharArray()) {
                b.append(c >= 0x20 && c < 0x7f && c != '\\' ? c : '_');
            }
            String name = b.length() > MAX_NAME ? b.substring(0, MAX_NAME) : b.toString();
            if (!name.isEmpty() && !name.equals(".") && !name.equals("..") && parts.size() < MAX_DEPTH) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        Path p = dir;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p.normalize().startsWith(dir) ? p : null;
    }

    private static boolean startsWithMark(byte[] b, int at) {
        if (at + MARK.length() > b.length) {
            return false;
        }
        for (int i = 0; i < MARK.length(); i++) {
            if (b[at + i] != MARK.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The start of the next mark that begins a line after position from, or -1. */
    private static int nextMark(byte[] b, int from) {
        for (int i = Math.max(from, 0); i < b.length; i++) {
            if (b[i] == '\n' && startsWithMark(b, i + 1)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Every file and folder of the capture, as warnings name them, with its line count. */
    static Map<String, Integer> lineCounts(Path dir) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    counts.put(rel, 0);
                    counts.put(rel + "/", 0);
                } else {
                    int n = 0;
                    try (Lines lines = Lines.open(p)) {
                        for (Line ignored : lines) {
                            n++;
                        }
                    }
                    counts.put(rel, n);
                }
            }
        }
        return counts;
    }

    private static synchronized Path emptyRoot() throws IOException {
        if (root == null) {
            // Thousands of small captures a minute: in memory where the machine has a tmpfs.
            Path shm = Path.of("/dev/shm");
            root = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "netrules-fuzz-capture")
                    : Files.createTempDirectory("netrules-fuzz-capture");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root, true)));
        } else {
            delete(root, false);
        }
        return root;
    }

    private static void delete(Path dir, boolean self) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (self || !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
