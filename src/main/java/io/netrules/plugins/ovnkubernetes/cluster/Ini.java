package io.netrules.plugins.ovnkubernetes.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The INI text of {@code ovnkube.conf} (ConfigMap {@code ovnkube-config}): {@code [section]}
 * headers and {@code key=value} lines ({@code key = "value"} too); comments ({@code #}, {@code ;})
 * and lines of no such shape are skipped.
 */
final class Ini {
    private Ini() {
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = sections.computeIfAbsent("", k -> new LinkedHashMap<>());
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            current.putIfAbsent(line.substring(0, eq).strip(), value);
        }
        return sections;
    }
}
