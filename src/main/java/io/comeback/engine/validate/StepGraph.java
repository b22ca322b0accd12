package io.comeback.engine.validate;

import io.comeback.engine.model.Branch;
import io.comeback.engine.model.Exit;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.SetStep;
import io.comeback.engine.model.Step;
import io.comeback.engine.model.Target;
import io.comeback.engine.model.Wait;
import io.comeback.engine.model.WaitForReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flow as a graph of step indexes: which step can follow which, following the same rules as
 * the interpreter (named targets, else {@code next}, else the step below). Built once per
 * validation and shared by the checks that need it.
 */
final class StepGraph {

    /** A named jump and where in the file it is written ({@code steps[2].branch.cases[0].goto}). */
    record Jump(String path, Target target) {}

    private final Flow flow;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final List<List<Integer>> successors = new ArrayList<>();

    StepGraph(Flow flow) {
        this.flow = flow;
        List<Step> steps = flow.steps();
        for (int i = 0; i < steps.size(); i++) {
            indexById.putIfAbsent(steps.get(i).id(), i);
        }
        for (int i = 0; i < steps.size(); i++) {
            successors.add(successorsOf(i));
        }
    }

    Optional<Integer> indexOf(String stepId) {
        return Optional.ofNullable(indexById.get(stepId));
    }

    List<Integer> successors(int index) {
        return successors.get(index);
    }

    /** Every jump a step names, with the path of the key that names it. */
    static List<Jump> jumps(Step step, String stepPath) {
        List<Jump> jumps = new ArrayList<>();
        step.next().ifPresent(t -> jumps.add(new Jump(stepPath + ".next", t)));
        if (step instanceof WaitForReply r) {
            String p = stepPath + ".wait_for_reply";
            for (int i = 0; i < r.scores().size(); i++) {
                jumps.add(new Jump(p + ".nps[" + i + "].goto", r.scores().get(i).target()));
            }
            for (int i = 0; i < r.keywords().size(); i++) {
                jumps.add(new Jump(
                        p + ".keywords[" + i + "].goto", r.keywords().get(i).target()));
            }
            r.otherwise().ifPresent(t -> jumps.add(new Jump(p + ".otherwise", t)));
            r.onTimeout().ifPresent(t -> jumps.add(new Jump(p + ".on_timeout", t)));
        } else if (step instanceof Branch b) {
            String p = stepPath + ".branch";
            for (int i = 0; i < b.cases().size(); i++) {
                jumps.add(
                        new Jump(p + ".cases[" + i + "].goto", b.cases().get(i).target()));
            }
            b.otherwise().ifPresent(t -> jumps.add(new Jump(p + ".otherwise", t)));
        }
        return jumps;
    }

    private List<Integer> successorsOf(int index) {
        Step step = flow.steps().get(index);
        Set<Integer> out = new LinkedHashSet<>();
        if (step instanceof Exit) {
            return List.of();
        }
        if (step instanceof Send || step instanceof Wait || step instanceof SetStep) {
            fallThrough(index).ifPresent(out::add);
        } else if (step instanceof Branch b) {
            b.cases().forEach(c -> target(c.target()).ifPresent(out::add));
            targetOrFallThrough(index, b.otherwise()).ifPresent(out::add);
        } else if (step instanceof WaitForReply r) {
            r.scores().forEach(s -> target(s.target()).ifPresent(out::add));
            r.keywords().forEach(k -> target(k.target()).ifPresent(out::add));
            targetOrFallThrough(index, r.otherwise()).ifPresent(out::add);
            targetOrFallThrough(index, r.onTimeout()).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** A jump to a missing step is already an error; it is not followed, so it adds no edge. */
    private Optional<Integer> target(Target t) {
        return indexOf(t.stepId());
    }

    private Optional<Integer> targetOrFallThrough(int index, Optional<Target> target) {
        return target.isPresent() ? targetOrBelow(index, target.get()) : fallThrough(index);
    }

    /**
     * {@code next} when given, else the step below; empty at the end of the flow. A {@code next}
     * naming a missing step counts as the step below, so that one typo (already an error) does
     * not also make every later step "unreachable".
     */
    private Optional<Integer> fallThrough(int index) {
        Optional<Target> next = flow.steps().get(index).next();
        return next.isPresent() ? targetOrBelow(index, next.get()) : below(index);
    }

    private Optional<Integer> targetOrBelow(int index, Target t) {
        Optional<Integer> found = target(t);
        return found.isPresent() ? found : below(index);
    }

    private Optional<Integer> below(int index) {
        return index + 1 < flow.steps().size() ? Optional.of(index + 1) : Optional.empty();
    }

    /** Indexes reachable from {@code starts}, the starts included. */
    Set<Integer> reachableFrom(List<Integer> starts) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(starts);
        while (!pending.isEmpty()) {
            int i = pending.pop();
            if (seen.add(i)) {
                successors(i).forEach(pending::push);
            }
        }
        return seen;
    }

    /** Steps after which the customer can be waiting for time or an answer; loops need one. */
    static boolean pauses(Step step) {
        return step instanceof Wait || step instanceof WaitForReply;
    }
}
