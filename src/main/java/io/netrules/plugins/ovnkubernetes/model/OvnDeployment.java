package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.Sourced;

/**
 * Derived once per capture (catalogue "Deployment mode"): IC when every OVN node's
 * {@code k8s.ovn.org/zone-name} is its own name, legacy when none is, mixed otherwise. Present in
 * every session only when the nodes were collected; input {@code deployment-mode} is collected
 * only for IC or legacy, so mode-dependent rules are not evaluated while mixed.
 */
public record OvnDeployment(Mode mode, Source source) implements Sourced {
    public enum Mode { INTERCONNECT, LEGACY, MIXED }

    public boolean interconnect() {
        return mode == Mode.INTERCONNECT;
    }

    public boolean legacy() {
        return mode == Mode.LEGACY;
    }
}
