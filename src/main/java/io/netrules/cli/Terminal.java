package io.netrules.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a stream of this process goes to a terminal. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when stderr is a terminal. Java can only tell whether stdin and stdout both are
     * ({@code System.console()}), but progress on stderr is wanted exactly when stdout goes to a
     * file, so on Linux the answer comes from where file descriptor 2 points.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed to look: fall back to what Java knows
        }
        return System.console() != null;
    }
}
