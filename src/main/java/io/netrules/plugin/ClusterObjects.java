package io.netrules.plugin;

import io.netrules.capture.KubeObject;

import java.nio.file.Path;
import java.util.List;

/**
 * What a network plugin's cluster-facts hook ({@link NetworkPlugin#clusterFacts}) reads: the API
 * objects as read (raw kinds, and trimmed Nodes and Pods), the core's own records of them, which
 * cluster inputs were collected, and the text files of a must-gather's image folders.
 */
public interface ClusterObjects {

    /** The objects read for one cluster input ({@code nodes}, {@code pods}, {@code endpointslices}, ...), in reading order. */
    List<KubeObject> objects(String input);

    /** The core's records of one type ({@code NetworkConfig}, {@code NetworkOperator}, {@code Node}, ...), in reading order. */
    <T> List<T> facts(Class<T> type);

    /** Whether a cluster input was collected whole (not partial, not cut short). */
    boolean collected(String input);

    /**
     * Whether this namespace's objects of a namespaced input are all there: the input was
     * collected whole, or it is held whole for some namespaces only (a must-gather's inspected
     * namespaces) and this is one of them.
     */
    default boolean wholeIn(String input, String namespace) {
        return collected(input);
    }

    /** The file (or must-gather folder) that gave a collected input, else null. */
    String collectedFrom(String input);

    /** Why an input was not collected, when the reading said so; else null. */
    String notCollectedReason(String input);

    /**
     * A text file by its path relative to a must-gather image folder
     * ({@code network_logs/leader_ovnnb_status}), in every image folder that has it; empty when
     * the capture holds no must-gather.
     */
    List<TextFile> mustGatherFiles(String relative);

    /**
     * A text file by its path relative to the capture's root ({@code cluster/ovn/leader_ovnnb_status}
     * of a netrules capture), empty when there is none.
     */
    default List<TextFile> captureFiles(String relative) {
        return List.of();
    }

    /**
     * The regular files of a folder of the capture ({@code cluster/ovn}), by name; empty when
     * there is no such folder.
     */
    default List<TextFile> captureFolder(String relative) {
        return List.of();
    }

    /** Whether the capture holds a must-gather. */
    boolean mustGather();

    /** A file and how evidence names it. */
    record TextFile(Path path, String display) {
    }
}
