package io.netrules.plugin;

import io.netrules.capture.Capture;
import io.netrules.model.ParseWarning;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a plugin sees of a capture when it prepares its node extras: the capture (its node
 * folders, its must-gather, its files), the names of the nodes that get a session, which node a
 * pod runs on (from the pods read), and where warnings go (file and line, as everywhere).
 *
 * @param nodeOfPod namespace and pod name to the node it is scheduled on, or null
 * @param warnings  thread-safe; a warning names its file
 */
public record PluginCapture(Capture capture, Set<String> nodeNames, BiFunction<String, String, String> nodeOfPod,
                            List<ParseWarning> warnings) {
}
