package io.comeback.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed flow file.
 *
 * @param id          stable identifier, also the file name without {@code .yaml}
 * @param version     content hash of the source text: a running enrollment keeps the version it started on
 * @param links       named links for {@code {{ link.name }}}, in file order
 * @param steps       in file order; the first step is where every enrollment starts
 */
public record Flow(
        String id,
        String name,
        String description,
        String version,
        FlowSettings settings,
        Trigger trigger,
        EntryRules entry,
        Map<String, Link> links,
        List<Step> steps,
        SourceLocation location) {

    public Flow {
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        steps = List.copyOf(steps);
    }

    public Optional<Step> firstStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(0));
    }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** The step written directly below {@code stepId}, if any. */
    public Optional<Step> stepBelow(String stepId) {
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i).id().equals(stepId)) {
                return Optional.of(steps.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * Where a customer goes after {@code step} when the step itself does not choose: its
     * {@code next}, else the step below, else nowhere (the flow completes). Always empty after an exit.
     */
    public Optional<Step> successorOf(Step step) {
        if (step instanceof Exit) {
            return Optional.empty();
        }
        if (step.next().isPresent()) {
            return step(step.next().get().stepId());
        }
        return stepBelow(step.id());
    }

    /** Resolves a jump target, or the successor of {@code from} when the target is absent. */
    public Optional<Step> targetOrSuccessor(Step from, Optional<Target> target) {
        return target.isPresent() ? step(target.get().stepId()) : successorOf(from);
    }
}
