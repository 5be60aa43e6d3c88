package io.netrules.engine;

import io.netrules.model.Finding;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Catches every Finding a then-part inserts, together with the facts of the match that fired
 * it: those facts become the finding's evidence, so rules never have to assemble evidence.
 */
final class FindingListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final List<FiredFinding> fired = new ArrayList<>();
    private List<Object> currentMatch = List.of();
    private String currentRule;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        var match = event.getMatch();
        List<Object> objects = new ArrayList<>(match.getObjects());
        // Accumulate results (collectList) are only reachable through their declarations.
        for (String id : match.getDeclarationIds()) {
            Object value = match.getDeclarationValue(id);
            if (value instanceof java.util.Collection<?> c) {
                objects.addAll(c);
            }
        }
        currentMatch = objects;
        currentRule = match.getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        currentMatch = List.of();
        currentRule = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Finding f && currentRule != null) {
            fired.add(new FiredFinding(f, currentRule, currentMatch));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
    }

    List<FiredFinding> fired() {
        return fired;
    }
}
