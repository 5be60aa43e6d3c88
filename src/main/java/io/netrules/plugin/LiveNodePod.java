package io.netrules.plugin;

import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where live mode ({@code diagnose --cluster --exec-collect}) runs a plugin's node commands when
 * netrules' own collector pod is not on a node: the plugin's own pod of that node (found by
 * namespace, label and {@code spec.nodeName}), one exec per container, each running its
 * read-only commands into the node folder's files. The live package runs them; it names no
 * plugin.
 *
 * @param namespace the pods' namespace (RBAC: a Role there, see docs/deploy/)
 * @param runs      one per container, in order; a container the pod lacks is not collected, with the reason
 */
public record LiveNodePod(String namespace, String labelKey, String labelValue, List<Run> runs) {
    public LiveNodePod {
        runs = List.copyOf(runs);
    }

    /** The commands run in one container of the pod. */
    public record Run(String container, List<Command> commands) {
        public Run {
            commands = List.copyOf(commands);
        }
    }

    /**
     * One command into {@code nodes/<node>/<file>} (stdout and stderr), or, when {@code argv} is
     * null, a file copied from the host's root ({@code /host} in the pod) to the same path.
     */
    public record Command(String file, List<String> argv) {
        public static Command copy(String file) {
            return new Command(file, null);
        }

        public boolean copied() {
            return argv == null;
        }
    }

    /**
     * The registry's commands that a node collection runs without a target (ethtool and the
     * probes need one), in registry order, plus the copied files read under the host's root;
     * the core's and {@code plugin}'s own, never another plugin's tools (OVN's OVS rows are no
     * openshift-sdn input, and the other way).
     */
    public static List<Command> hostCommands(NetworkPlugin plugin) {
        Set<FactSource> others = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (NetworkPlugin p : NetworkPlugins.all()) {
            if (!p.id().equals(plugin.id())) {
                others.addAll(p.nodeFactSources());
            }
        }
        List<Command> commands = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        for (FactSource s : FactSources.all()) {
            if (s.collect() != FactSource.Collect.RUN || s.target() != FactSource.Target.NONE || others.contains(s)
                    || !files.add(s.fileName())) {
                continue;
            }
            commands.add(s.copied() ? Command.copy(s.fileName()) : new Command(s.fileName(), s.argv(null)));
        }
        return commands;
    }

    /** A source's command in a container (not the host's: e.g. a database dump in its DB container). */
    public static Command of(FactSource s) {
        return new Command(s.fileName(), s.argv(null));
    }
}
