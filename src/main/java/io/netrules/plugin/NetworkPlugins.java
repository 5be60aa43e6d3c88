package io.netrules.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The network plugins on the class path, found with {@link ServiceLoader}: adding a plugin is
 * adding its classes, its {@code META-INF/services} line and its rules folder; nothing here or
 * elsewhere in the core names one.
 */
public final class NetworkPlugins {
    private static final List<NetworkPlugin> ALL = load();

    private NetworkPlugins() {
    }

    private static List<NetworkPlugin> load() {
        List<NetworkPlugin> found = new ArrayList<>();
        ServiceLoader.load(NetworkPlugin.class, NetworkPlugins.class.getClassLoader()).forEach(found::add);
        // A fixed order whatever the class path's: registries built from plugins must not depend on it.
        found.sort(Comparator.comparing(NetworkPlugin::id));
        return List.copyOf(found);
    }

    /** Every plugin, by ID. */
    public static List<NetworkPlugin> all() {
        return ALL;
    }

    public static Optional<NetworkPlugin> byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether a name is a plugin's ID (a rules folder of that name holds that plugin's rules). */
    public static boolean known(String id) {
        return byId(id).isPresent();
    }

    /** The plugin a network type names (see {@link NetworkPlugin#recognizes}), if any. */
    public static Optional<NetworkPlugin> recognizing(String networkType) {
        if (networkType == null || networkType.isBlank()) {
            return Optional.empty();
        }
        return ALL.stream().filter(p -> p.recognizes(networkType.strip())).findFirst();
    }

    /** The IDs of every plugin, for messages. */
    public static List<String> ids() {
        return ALL.stream().map(NetworkPlugin::id).toList();
    }
}
