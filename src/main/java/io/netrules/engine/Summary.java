package io.netrules.engine;

/**
 * The headline: the layer where the problem most likely is (null when nothing was found) and
 * counts; the platform ({@code OpenShift 4.12.3}, {@code OKD 3.11}) and network plugin
 * ({@code openshift-sdn}) the capture shows, each null when the data does not say; and how many
 * rule IDs were not applicable because they belong to another network plugin.
 */
public record Summary(String layer, int errors, int warnings, int info, String platform, String plugin,
                      int notApplicable) {

    /** A summary of findings alone (platform and plugin not known, every rule applicable). */
    public Summary(String layer, int errors, int warnings, int info) {
        this(layer, errors, warnings, info, null, null, 0);
    }
}
