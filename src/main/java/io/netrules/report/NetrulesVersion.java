package io.netrules.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** netrules' own version, as Maven wrote it into netrules.properties; reports name it. */
public final class NetrulesVersion {
    private NetrulesVersion() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = NetrulesVersion.class.getResourceAsStream("/netrules.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
