package io.netrules.engine;

import io.netrules.model.Finding;

import java.util.List;

/** A finding as a rule inserted it, with the rule and the facts its match held. */
public record FiredFinding(Finding finding, String ruleName, List<Object> matched) {
}
